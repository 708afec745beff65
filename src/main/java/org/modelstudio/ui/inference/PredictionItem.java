package org.modelstudio.ui.inference;

import javafx.scene.image.Image;
import org.modelstudio.core.eval.Prediction;

/** One dropped file and what came of it: a prediction with its time, or the reason it was refused. */
public record PredictionItem(String file, Image thumbnail, Prediction prediction, double millis, String problem) {

    public static PredictionItem refused(String file, String problem) {
        return new PredictionItem(file, null, null, 0, problem);
    }

    public boolean ok() { return prediction != null; }
}
