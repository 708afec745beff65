package org.modelstudio.ui.inference;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import org.modelstudio.core.eval.ClassScore;
import org.modelstudio.core.eval.Prediction;

import java.util.List;
import java.util.Locale;

/** The classes of a prediction, most likely first, each with a bar and its percentage. */
final class ProbabilityBars {
    private ProbabilityBars() {}

    static GridPane of(Prediction prediction, int k, double barWidth) {
        GridPane bars = new GridPane();
        bars.getStyleClass().add("probabilities");
        List<ClassScore> scores = prediction.top(k);
        for (int row = 0; row < scores.size(); row++) {
            ClassScore s = scores.get(row);
            Label name = new Label(s.label());
            name.getStyleClass().add(row == 0 ? "top-class" : "other-class");
            ProgressBar bar = new ProgressBar(s.probability());
            bar.setPrefWidth(barWidth);
            bar.setMinWidth(40);
            bars.addRow(row, name, bar, new Label(percent(s.probability())));
        }
        return bars;
    }

    static String percent(double p) { return String.format(Locale.ROOT, "%.1f%%", 100 * p); }
}
