package org.modelstudio.engine.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.engine.Forward;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Loss and accuracy of a network on a labelled set (for a regression: loss, mean absolute error and R²), from one
 * forward pass per batch of {@value #BATCH} examples, read from the source batch by batch (the set is never built as
 * one array).
 */
public final class Metrics {

    /**
     * What a network scores on a set. A classification has a loss and an accuracy (mae and r2 NaN); a regression a
     * loss (the mean squared error of the standardised targets), the mean absolute error in the label's units and R²
     * (accuracy NaN).
     */
    public record Figures(double loss, double accuracy, double mae, double r2) {
        public static final Figures NONE = new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static final int BATCH = 256;

    private Metrics() {}

    /**
     * @param target a regression's label scaling, to give the mean absolute error in the label's units (null: in the
     *               units the network learns)
     */
    public static Figures measure(MultiLayerNetwork net, ExampleSource data, Loss loss, InputPreparation.Target target) {
        if (data == null || data.size() == 0) return Figures.NONE;
        if (data.regression()) return regression(net, data, target == null ? 1 : target.std());
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int to = Math.min(data.size(), from + BATCH);
            DataSet ds = BatchIterator.slice(data, from, to);
            INDArray out = Forward.output(net, ds.getFeatures());
            int rows = to - from;
            int width = (int) (out.length() / Math.max(rows, 1));
            // one bulk read of the batch's outputs: reading them row by row made an ND4J view (and its buffers) per example
            float[] p = HostCopy.rowMajor(out, rows, width, null);
            if (loss == Loss.CROSS_ENTROPY) {
                for (int i = 0; i < rows; i++) {
                    int label = data.label(from + i);
                    lossSum += -Math.log(Math.max(p[i * width + label], 1e-12f));
                    correct += argMax(p, i * width, width) == label ? 1 : 0;
                }
            } else {
                // Other losses: let DL4J compute it (sum over the batch), accuracy from the outputs.
                lossSum += net.score(ds, false) * rows;
                for (int i = 0; i < rows; i++) correct += argMax(p, i * width, width) == data.label(from + i) ? 1 : 0;
            }
        }
        return new Figures(lossSum / data.size(), (double) correct / data.size(), Double.NaN, Double.NaN);
    }

    /** Mean squared error (standardised, as the network trains), mean absolute error × {@code unit}, and R². */
    private static Figures regression(MultiLayerNetwork net, ExampleSource data, double unit) {
        if (data.size() == 0) return new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double[][] pairs = regressionPairs(net, data);
        RegressionReport r = RegressionReport.of("", pairs[0], pairs[1]);
        return new Figures(r.rmse() * r.rmse(), Double.NaN, r.mae() * unit, r.r2());
    }

    /**
     * Each example's target and the network's output for it, both standardised as the network learns them:
     * {@code {actual, predicted}}, read batch by batch.
     */
    public static double[][] regressionPairs(MultiLayerNetwork net, ExampleSource data) {
        int n = data.size();
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            DataSet ds = BatchIterator.slice(data, from, to);
            INDArray out = Forward.output(net, ds.getFeatures());
            int width = (int) (out.length() / (to - from));
            float[] values = HostCopy.rowMajor(out, to - from, width, null);
            for (int i = 0; i < to - from; i++) {
                actual[from + i] = data.target(from + i);
                predicted[from + i] = values[i * width];
            }
        }
        return new double[][] {actual, predicted};
    }

    public static int argMax(float[] v) {
        return argMax(v, 0, v.length);
    }

    /** The index (0 … {@code length - 1}) of the largest of {@code v[from]} … {@code v[from + length - 1]}. */
    static int argMax(float[] v, int from, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) if (v[from + i] > v[from + best]) best = i;
        return best;
    }
}
