package org.modelstudio.core.eval;

import java.util.Comparator;
import java.util.List;

/**
 * An evaluation with each example's outcome, so that a confusion-matrix cell can be opened to the examples in it
 * and the worst mistakes shown. {@code outcomes} are in the order of the evaluated data.
 */
public record DetailedEvaluation(EvaluationReport report, List<ExampleOutcome> outcomes) {

    /** Most confident first; ties by example index. */
    public static final Comparator<ExampleOutcome> MOST_CONFIDENT_FIRST =
            Comparator.comparingDouble(ExampleOutcome::confidence).reversed().thenComparingInt(ExampleOutcome::index);

    public DetailedEvaluation { outcomes = List.copyOf(outcomes); }

    /** The examples of class {@code actual} predicted as {@code predicted}, most confident first. */
    public List<ExampleOutcome> cell(int actual, int predicted) {
        return outcomes.stream().filter(o -> o.actual() == actual && o.predicted() == predicted).sorted(MOST_CONFIDENT_FIRST).toList();
    }

    /** The (at most) {@code k} wrongly predicted examples the model was surest of, most confident first. */
    public List<ExampleOutcome> mostConfidentMistakes(int k) {
        return outcomes.stream().filter(o -> !o.correct()).sorted(MOST_CONFIDENT_FIRST).limit(Math.max(0, k)).toList();
    }

    /** How many examples the model got wrong. */
    public int mistakes() {
        return (int) outcomes.stream().filter(o -> !o.correct()).count();
    }
}
