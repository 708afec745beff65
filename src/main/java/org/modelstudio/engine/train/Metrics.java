package org.modelstudio.engine.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.graph.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Loss and accuracy of a network on a labelled set, from one forward pass per batch of {@value #BATCH} examples,
 * read from the source batch by batch (the set is never built as one array).
 */
public final class Metrics {

    public record LossAccuracy(double loss, double accuracy) {
        public static final LossAccuracy NONE = new LossAccuracy(Double.NaN, Double.NaN);
    }

    private static final int BATCH = 256;

    private Metrics() {}

    public static LossAccuracy measure(MultiLayerNetwork net, ExampleSource data, Loss loss) {
        if (data == null || data.size() == 0) return LossAccuracy.NONE;
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int to = Math.min(data.size(), from + BATCH);
            DataSet ds = BatchIterator.slice(data, from, to);
            INDArray out = net.output(ds.getFeatures(), false);
            if (loss == Loss.CROSS_ENTROPY) {
                float[][] p = out.toFloatMatrix();
                for (int i = 0; i < p.length; i++) {
                    int label = data.label(from + i);
                    lossSum += -Math.log(Math.max(p[i][label], 1e-12f));
                    correct += argMax(p[i]) == label ? 1 : 0;
                }
            } else {
                // Other losses: let DL4J compute it (sum over the batch), accuracy from the outputs.
                lossSum += net.score(ds, false) * (to - from);
                float[][] p = out.toFloatMatrix();
                for (int i = 0; i < p.length; i++) correct += argMax(p[i]) == data.label(from + i) ? 1 : 0;
            }
        }
        return new LossAccuracy(lossSum / data.size(), (double) correct / data.size());
    }

    public static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
