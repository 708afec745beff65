package org.modelstudio.engine.evaluate;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ClassMatching;
import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.eval.ExampleOutcome;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.train.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;

/**
 * Accuracy, per-class precision/recall/F1 and the confusion matrix ({@link EvaluationReport#fromPredictions}), with
 * every example's outcome. The data is read batch by batch, so a test set need not fit in memory.
 */
public final class Evaluator {
    private static final int BATCH = 256;

    private Evaluator() {}

    public static EvaluationReport evaluate(TrainedModel model, ExampleSource data) throws InvalidNetworkException {
        return evaluateDetailed(model, data, new CancelToken(), done -> { }).report();
    }

    /**
     * Evaluates {@code model} on {@code data}, one forward pass per batch of {@value #BATCH} examples. Each outcome's
     * index is the example's index in {@code data}; the predicted class is the most probable one (the first on a tie).
     *
     * @param cancel   asked between batches: once cancelled, a {@link CancellationException} is thrown and nothing is returned
     * @param progress told the fraction done (0 to 1) after each batch, on the calling thread
     * @throws InvalidNetworkException when the data's examples do not fit the model or it has a class the model does not know
     */
    public static DetailedEvaluation evaluateDetailed(TrainedModel model, ExampleSource data, CancelToken cancel, DoubleConsumer progress)
            throws InvalidNetworkException {
        return evaluateDetailed(model, data, Map.of(), cancel, progress);
    }

    /** As above, with the person's answers for data classes that match the model's labels ambiguously (class → label). */
    public static DetailedEvaluation evaluateDetailed(TrainedModel model, ExampleSource data, Map<String, String> chosen, CancelToken cancel,
                                                      DoubleConsumer progress) throws InvalidNetworkException {
        ExampleSource aligned = alignClasses(model, data, chosen);
        List<String> classes = model.labels();
        int n = aligned.size();
        int[] actual = new int[n];
        int[] predicted = new int[n];
        List<ExampleOutcome> outcomes = new ArrayList<>(n);
        ModelRuntime runtime = new ModelRuntime(model);
        int size = Math.toIntExact(aligned.exampleShape().size());
        for (int from = 0; from < n; from += BATCH) {
            if (cancel.isCancelled()) throw new CancellationException("The evaluation was cancelled after " + from + " of " + n + " examples.");
            int to = Math.min(n, from + BATCH);
            float[][] x = new float[to - from][size];
            for (int i = from; i < to; i++) aligned.read(i, x[i - from]);
            float[][] p = runtime.outputs(x);
            for (int i = 0; i < p.length; i++) {
                int e = from + i;
                actual[e] = aligned.label(e);
                predicted[e] = Metrics.argMax(p[i]);
                outcomes.add(new ExampleOutcome(e, actual[e], predicted[e], p[i][predicted[e]], p[i][actual[e]]));
            }
            progress.accept((double) to / n);
        }
        return new DetailedEvaluation(EvaluationReport.fromPredictions(classes, actual, predicted), outcomes);
    }

    /**
     * How the data's classes match the model's labels ({@link ClassMatching}: exactly, or loosely, as a folder
     * {@code t-shirt_top} is "T-shirt/top"), for saying so before an evaluation.
     */
    public static ClassMatching.Match classMatching(TrainedModel model, ExampleSource data) {
        return ClassMatching.match(model.labels(), data.classes());
    }

    /**
     * Renumbers the data's labels into the model's class order (an evaluation folder may list classes in
     * another order, name them loosely, or lack some); refuses classes the model does not know, and ambiguous ones.
     */
    static ExampleSource alignClasses(TrainedModel model, ExampleSource data, Map<String, String> chosen) throws InvalidNetworkException {
        Shape expected = model.spec().input().shape();
        if (!expected.equals(data.exampleShape())) {
            throw new InvalidNetworkException(Texts.get("engine.evaluate.input-mismatch", InputFit.describe(expected), InputFit.describe(data.exampleShape())));
        }
        if (expected instanceof Shape.Tokens tokens) {
            String problem = InputFit.tokenProblem(tokens, data);
            if (problem != null) throw new InvalidNetworkException(problem);
        }
        if (data.classes().equals(model.labels())) return data;
        ClassMatching.Match match = ClassMatching.match(model.labels(), data.classes(), chosen);
        if (!match.matched()) throw new InvalidNetworkException(match.problem());
        return new Relabeled(data, model.labels(), match.map());
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
