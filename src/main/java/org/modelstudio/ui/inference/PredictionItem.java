package org.modelstudio.ui.inference;

import javafx.scene.image.Image;
import org.modelstudio.core.eval.ClassScore;
import org.modelstudio.core.eval.Prediction;

import java.util.List;

/**
 * One input and what came of it: a prediction with its time (and what was odd about the input), or the reason it was
 * refused. {@code name} is what the user knows it by: a file name, "iris.csv, line 4", "Typed text". {@code input} is
 * null when the input could not even be read; {@code thumbnail} is only made for single predictions.
 */
public record PredictionItem(String name, PredictionInput input, Image thumbnail, Prediction prediction, List<String> warnings,
                             double millis, String problem) {

    public PredictionItem {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static PredictionItem refused(String name, PredictionInput input, String problem) {
        return new PredictionItem(name, input, null, null, List.of(), 0, problem);
    }

    public static PredictionItem refused(String name, String problem) { return refused(name, null, problem); }

    public boolean ok() { return prediction != null; }

    /** The most likely class, or null when refused. */
    public ClassScore best() { return ok() ? prediction.best() : null; }

    /** The second most likely class, or null when refused or when the model has one class. */
    public ClassScore second() { return ok() && prediction.ranked().size() > 1 ? prediction.ranked().get(1) : null; }

    /** The reason it was refused, or its warnings, or "". */
    public String note() { return ok() ? String.join("; ", warnings) : problem; }
}
