package org.modelstudio.engine.train;

import org.modelstudio.core.i18n.Texts;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.events.TrainingEventSink;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * DL4J listener → training events; stops the epoch when the loss stops being a number or explodes (see
 * {@link Trainer#EXPLODED_LOSS}), or, for a classification, stays far above an untrained network's. It also keeps a
 * running training accuracy, as Keras reports it, at almost no cost: DL4J hands listeners the input to the Output
 * layer of each training batch, and one small matrix product with the Output layer's weights gives the predicted
 * classes (the output activation is monotonic, so it cannot change the arg-max). For a regression the same product
 * is the prediction itself (its Output layer's activation is the identity), and it keeps the mean absolute error. A
 * network that ends with a loss layer without weights (a fixed network from a Keras file) hands it the answers directly.
 */
final class ProgressBridge extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressBridge.class);

    private final TrainingEventSink sink;
    private final CancelToken cancel;
    private final boolean regression;
    private final double unit;
    private double learningRate;
    int epoch;
    int batch;
    private long iteration;
    private double lossSum;
    private long correct;
    private double absoluteErrors;
    private long seen;
    private final List<Double> firstEpochLosses = new ArrayList<>();
    private double reference = Double.NaN;
    volatile String divergence;

    /** Scratch copies of the Output layer's input, weights, bias and the batch's labels, reused batch to batch. */
    private float[] x;
    private float[] weights;
    private float[] bias;
    private float[] y;

    private final double untrained;
    private final double[] recent = new double[Trainer.STUCK_WINDOW];
    private int recentCount;

    /**
     * @param untrained an untrained classifier's loss (ln of the classes), or NaN where that rule does not apply
     * @param regression whether the network predicts a number
     * @param unit a regression's label units per unit the network learns (the label's standard deviation)
     */
    ProgressBridge(TrainingEventSink sink, CancelToken cancel, double untrained, boolean regression, double unit) {
        this.sink = sink;
        this.cancel = cancel;
        this.untrained = untrained;
        this.regression = regression;
        this.unit = unit;
    }

    void startEpoch(int e, double rate) {
        if (epoch == 1 && e == 2 && !firstEpochLosses.isEmpty()) reference = median(firstEpochLosses);
        epoch = e;
        learningRate = rate;
        batch = 0;
        lossSum = 0;
        correct = 0;
        absoluteErrors = 0;
        seen = 0;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    double meanLoss() { return batch == 0 ? Double.NaN : lossSum / batch; }

    /** The share of this epoch's training examples classified right (NaN for a regression). */
    double accuracy() { return seen == 0 || regression ? Double.NaN : (double) correct / seen; }

    /** A regression's mean absolute error over this epoch's training batches, in the label's units (NaN otherwise). */
    double meanAbsoluteError() { return seen == 0 || !regression ? Double.NaN : absoluteErrors / seen * unit; }

    @Override public void onForwardPass(Model model, List<INDArray> activations) {
        if (!(model instanceof MultiLayerNetwork net) || activations.isEmpty()) return;
        INDArray labels = net.getLabels();
        if (labels == null || labels.rank() != 2) return;
        try {
            INDArray in = activations.get(activations.size() - 1);
            if (net.getOutputLayer().numParams() == 0) {
                // A loss layer without weights (after a network opened from a Keras file): its input is the answer itself.
                int n = (int) labels.size(0);
                int k = (int) labels.size(1);
                if (in.rank() != 2 || in.size(0) != n || in.size(1) != k) return;
                x = HostCopy.rowMajor(in, n, k, x);
                y = HostCopy.rowMajor(labels, n, k, y);
                scoreAnswers(n, k);
                return;
            }
            INDArray w = net.getOutputLayer().getParam("W");
            INDArray b = net.getOutputLayer().getParam("b");
            if (w == null || b == null || w.rank() != 2) return;
            int n = (int) labels.size(0);
            int d = (int) w.size(0);
            int k = (int) w.size(1);
            if (in.length() != (long) n * d || labels.size(1) != k) return;
            if (in.rank() > 2) {
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    in = in.dup('c').reshape('c', n, d);
                }
            }
            x = HostCopy.rowMajor(in, n, d, x);
            weights = HostCopy.rowMajor(w, d, k, weights);
            bias = HostCopy.rowMajor(b, 1, k, bias);
            y = HostCopy.rowMajor(labels, n, k, y);
            score(n, d, k);
        } catch (RuntimeException e) {
            LOG.debug("Training accuracy not available for this batch", e);
        }
    }

    /** The Output layer's sums for each of the n examples from x, weights and bias; counts right answers (or errors). */
    private void score(int n, int d, int k) {
        float[] z = new float[k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(bias, 0, z, 0, k);
            for (int t = 0; t < d; t++) {
                float xi = x[i * d + t];
                if (xi == 0f) continue; // ReLU outputs are often zero
                int row = t * k;
                for (int j = 0; j < k; j++) z[j] += xi * weights[row + j];
            }
            if (regression) {
                for (int j = 0; j < k; j++) absoluteErrors += Math.abs(z[j] - y[i * k + j]);
            } else if (argMax(z, 0, k) == argMax(y, i * k, k)) {
                correct++;
            }
        }
        seen += n;
    }

    /** As {@link #score}, for answers already computed (x holds them). */
    private void scoreAnswers(int n, int k) {
        for (int i = 0; i < n; i++) {
            if (regression) {
                for (int j = 0; j < k; j++) absoluteErrors += Math.abs(x[i * k + j] - y[i * k + j]);
            } else if (argMax(x, i * k, k) == argMax(y, i * k, k)) {
                correct++;
            }
        }
        seen += n;
    }

    private static int argMax(float[] v, int from, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) if (v[from + j] > v[from + best]) best = j;
        return best;
    }

    @Override public void iterationDone(Model model, int dl4jIteration, int dl4jEpoch) {
        double loss = model.score();
        batch++;
        if (divergence == null) {
            if (!Double.isFinite(loss)) {
                divergence = diverged(Texts.get(Double.isNaN(loss) ? "engine.diverged.nan" : "engine.diverged.infinite", epoch, batch));
            } else if (loss > Trainer.EXPLODED_LOSS && loss > Trainer.EXPLOSION_FACTOR * reference) {
                divergence = diverged(Texts.get("engine.diverged.exploded", g(loss), epoch, batch, g(reference)));
            } else if (Double.isFinite(untrained)) {
                recent[recentCount++ % Trainer.STUCK_WINDOW] = loss;
                if (recentCount >= Trainer.STUCK_WINDOW) {
                    double mean = Arrays.stream(recent).average().orElse(0);
                    if (mean > Trainer.STUCK_FACTOR * untrained) {
                        divergence = diverged(Texts.get("engine.diverged.stuck", Trainer.STUCK_WINDOW, epoch, g(mean),
                                String.format(Locale.ROOT, "%.0f", mean / untrained), g(untrained)));
                    }
                }
            }
            if (divergence != null) cancel.cancel();
        }
        if (epoch == 1 && Double.isFinite(loss)) {
            if (firstEpochLosses.isEmpty()) reference = loss;
            firstEpochLosses.add(loss);
        }
        lossSum += loss;
        sink.accept(new TrainingEvent.BatchScored(epoch, batch, iteration++, loss));
    }

    /** What went wrong, then why training diverged and what to try: the explanation a person reads. */
    String diverged(String what) {
        return Texts.get("engine.diverged.explanation", what, learningRate);
    }

    /** A loss as the explanations give it: three significant digits, a {@code .} decimal point in every language. */
    static String g(double v) { return String.format(Locale.ROOT, "%.3g", v); }
}
