package org.modelstudio.engine.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * DL4J's Adam step, computed in Java on the network's own arrays instead of by libnd4j's {@code adam_updater} op.
 *
 * <p>Why: profiled with JFR, that one op took a fifth of the time the MLP sample trains. It costs about 0.6 ms a call
 * on the MLP's 55 050 parameters; the same arithmetic in a plain Java loop, which the JIT compiles to vector
 * instructions, takes about 0.05 ms, copies in and out included. For the small CNN the op's share is smaller.
 *
 * <p>What it computes is exactly libnd4j's, in float, element by element ({@code updatersHelpers}' {@code adamUpdater_}):
 * <pre>
 *   m ← β1·m + (1−β1)·g        v ← β2·v + (1−β2)·g²
 *   g ← m·α_t / (√v + ε)       where α_t = α·√(1−β2^(t+1)) / (1−β1^(t+1))
 * </pre>
 * on the same state arrays (the updater's state view, m then v), so a network's saved updater state, its
 * configuration ({@link Adam}, a stock class) and its model file are DL4J's own: nothing of this class is stored.
 * {@code FasterUpdatesTest} trains networks side by side with DL4J's op and checks parameters and state agree.
 *
 * <p>{@link FasterUpdates#install} puts it into the network's updater blocks that use Adam. Arrays it cannot take
 * directly (not float, not contiguous) go to DL4J's op as before.
 */
final class AdamInJava implements GradientUpdater<Adam> {
    private final AdamUpdater stock;
    /** Steps taken in Java, and handed to DL4J's op (for tests). */
    long javaSteps;
    long stockSteps;
    private float[] g = new float[0];
    private float[] m = new float[0];
    private float[] v = new float[0];

    AdamInJava(AdamUpdater stock) { this.stock = stock; }

    @Override public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray ms = stock.getM();
        INDArray vs = stock.getV();
        int n = (int) gradient.length();
        FloatBuffer gb = whole(gradient, n);
        FloatBuffer mb = whole(ms, n);
        FloatBuffer vb = whole(vs, n);
        if (gb == null || mb == null || vb == null) {
            stockSteps++;
            stock.applyUpdater(gradient, iteration, epoch);
            return;
        }
        Adam config = stock.getConfig();
        float lr = (float) config.getLearningRate(iteration, epoch);
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        if (epsilon == 0f) epsilon = 1e-7f; // as libnd4j, against underflow
        float t = iteration;
        float beta1T = (float) Math.pow(beta1, t + 1);
        float beta2T = (float) Math.pow(beta2, t + 1);
        float stepSize = lr * (float) Math.sqrt(1f - beta2T) / (1f - beta1T);
        if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0f) stepSize = epsilon;
        if (g.length != n) {
            g = new float[n];
            m = new float[n];
            v = new float[n];
        }
        int go = (int) gradient.offset();
        int mo = (int) ms.offset();
        int vo = (int) vs.offset();
        gb.get(go, g);
        mb.get(mo, m);
        vb.get(vo, v);
        step(g, m, v, n, beta1, beta2, epsilon, stepSize);
        gb.put(go, g);
        mb.put(mo, m);
        vb.put(vo, v);
        javaSteps++;
    }

    /** The element-wise step, in the order and precision libnd4j computes it. */
    static void step(float[] g, float[] m, float[] v, int n, float beta1, float beta2, float epsilon, float stepSize) {
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + gi * oneMinusBeta1;
            float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            g[i] = (mi * stepSize) / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    /**
     * The whole native buffer under {@code a} (a view's buffer starts where its parent's does, and {@code a.offset()}
     * is where {@code a} starts in it), when {@code a} is a float array whose n values lie one after another in it;
     * null otherwise.
     */
    private static FloatBuffer whole(INDArray a, int n) {
        if (a == null || a.dataType() != DataType.FLOAT || a.length() != n || a.elementWiseStride() != 1) return null;
        FloatBuffer buffer = a.data().asNioFloat();
        return a.offset() + n <= buffer.capacity() ? buffer : null;
    }

    @Override public Adam getConfig() { return stock.getConfig(); }

    @Override public void setState(Map<String, INDArray> stateMap, boolean initialize) { stock.setState(stateMap, initialize); }

    @Override public Map<String, INDArray> getState() { return stock.getState(); }

    @Override public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        stock.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
    }
}
