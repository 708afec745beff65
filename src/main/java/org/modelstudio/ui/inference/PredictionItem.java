package org.modelstudio.ui.inference;

import javafx.scene.image.Image;
import org.modelstudio.core.eval.ClassScore;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.infer.Estimate;

import java.util.List;

/**
 * One input and what came of it: a prediction with its time (and what was odd about the input), or the reason it was
 * refused. {@code name} is what the user knows it by: a file name, "iris.csv, line 4", "Typed text". {@code input} is
 * null when the input could not even be read; {@code thumbnail} is only made for single predictions.
 */
public record PredictionItem(String name, PredictionInput input, Image thumbnail, Prediction prediction, List<String> warnings,
                             double millis, String problem, Estimate estimate) {

    public PredictionItem {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A classifier's answer (or a refusal). */
    public PredictionItem(String name, PredictionInput input, Image thumbnail, Prediction prediction, List<String> warnings,
                          double millis, String problem) {
        this(name, input, thumbnail, prediction, warnings, millis, problem, null);
    }

    /** A regression's answer: the number estimated for a table row. */
    public static PredictionItem estimated(String name, PredictionInput input, Estimate estimate, double millis) {
        return new PredictionItem(name, input, null, null, estimate.warnings(), millis, null, estimate);
    }

    /** What the model said in a few words: the class, or "progression ≈ 152.3"; null when refused. */
    public String verdict() {
        if (estimate != null) return estimate.quantity() + " ≈ " + RegressionReport.number(estimate.value());
        return prediction == null ? null : prediction.best().label();
    }

    public static PredictionItem refused(String name, PredictionInput input, String problem) {
        return new PredictionItem(name, input, null, null, List.of(), 0, problem);
    }

    public static PredictionItem refused(String name, String problem) { return refused(name, null, problem); }

    public boolean ok() { return prediction != null || estimate != null; }

    /** The most likely class, or null when refused or for a regression's estimate. */
    public ClassScore best() { return prediction != null ? prediction.best() : null; }

    /** The second most likely class, or null when refused or when the model has one class. */
    public ClassScore second() { return prediction != null && prediction.ranked().size() > 1 ? prediction.ranked().get(1) : null; }

    /** The reason it was refused, or its warnings, or "". */
    public String note() { return ok() ? String.join("; ", warnings) : problem; }
}
