package org.modelstudio.engine.evaluate;

import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.BatchIterator;
import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * Accuracy, per-class precision/recall/F1 and the confusion matrix, computed by DL4J's {@link Evaluation}. The
 * data is read batch by batch, so a test set need not fit in memory.
 */
public final class Evaluator {
    private static final int BATCH = 256;

    private Evaluator() {}

    public static EvaluationReport evaluate(TrainedModel model, ExampleSource data) throws InvalidNetworkException {
        ExampleSource aligned = alignClasses(model, data);
        List<String> classes = model.labels();
        Evaluation eval = new Evaluation(classes);
        for (int from = 0; from < aligned.size(); from += BATCH) {
            int to = Math.min(aligned.size(), from + BATCH);
            DataSet ds = BatchIterator.slice(aligned, from, to);
            INDArray out = model.network().output(ds.getFeatures(), false);
            eval.eval(ds.getLabels(), out);
        }
        int n = classes.size();
        double[] precision = new double[n];
        double[] recall = new double[n];
        double[] f1 = new double[n];
        int[] support = new int[n];
        int[][] confusion = new int[n][n];
        ConfusionMatrix<Integer> cm = eval.getConfusionMatrix();
        for (int c = 0; c < n; c++) {
            // DL4J returns NaN-free edge values (0) for classes never predicted or never present.
            precision[c] = eval.precision(c, 0.0);
            recall[c] = eval.recall(c, 0.0);
            f1[c] = eval.f1(c);
            support[c] = cm.getActualTotal(c);
            for (int p = 0; p < n; p++) confusion[c][p] = cm.getCount(c, p);
        }
        return new EvaluationReport(classes, eval.accuracy(), precision, recall, f1, support, confusion);
    }

    /**
     * Renumbers the data's labels into the model's class order (an evaluation folder may list classes in
     * another order, or lack some); refuses classes the model does not know.
     */
    static ExampleSource alignClasses(TrainedModel model, ExampleSource data) throws InvalidNetworkException {
        Shape expected = model.spec().input().shape();
        if (!expected.equals(data.exampleShape())) {
            throw new InvalidNetworkException("The model takes inputs of " + InputFit.describe(expected)
                    + " but the data has examples of " + InputFit.describe(data.exampleShape()) + ".");
        }
        if (expected instanceof Shape.Tokens tokens) {
            String problem = InputFit.tokenProblem(tokens, data);
            if (problem != null) throw new InvalidNetworkException(problem);
        }
        if (data.classes().equals(model.labels())) return data;
        int[] map = new int[data.classCount()];
        for (int c = 0; c < map.length; c++) {
            map[c] = model.labels().indexOf(data.classes().get(c));
            if (map[c] < 0) {
                throw new InvalidNetworkException("The data has a class \"" + data.classes().get(c)
                        + "\" that the model does not know. The model's classes are: " + String.join(", ", model.labels()) + ".");
            }
        }
        return new Relabeled(data, model.labels(), map);
    }

    /** The examples of {@code data} with their labels renumbered by {@code map} into {@code classes}. */
    private record Relabeled(ExampleSource data, List<String> classes, int[] map) implements ExampleSource {
        @Override public Shape exampleShape() { return data.exampleShape(); }
        @Override public int size() { return data.size(); }
        @Override public int label(int i) { return map[data.label(i)]; }
        @Override public void read(int i, float[] into) { data.read(i, into); }
        @Override public String describe(int i) { return data.describe(i); }
    }
}
