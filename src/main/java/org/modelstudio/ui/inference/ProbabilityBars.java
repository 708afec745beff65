package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import org.modelstudio.core.eval.ClassScore;
import org.modelstudio.core.eval.Prediction;

import java.util.ArrayList;
import java.util.List;

/**
 * The classes of a prediction, most likely first, each with a bar and its percentage. Rows are made once and reused
 * when another prediction is shown, so a list cell or the detail pane does not build (and style) new bars each time.
 */
final class ProbabilityBars extends GridPane {
    private final double barWidth;
    private final List<Label> names = new ArrayList<>();
    private final List<ProgressBar> bars = new ArrayList<>();
    private final List<Label> percents = new ArrayList<>();

    ProbabilityBars(double barWidth) {
        this.barWidth = barWidth;
        getStyleClass().add("probabilities");
    }

    /** Shows the {@code k} most likely classes (all of them with {@code Integer.MAX_VALUE}). */
    void show(Prediction prediction, int k) {
        List<ClassScore> scores = prediction.top(k);
        while (names.size() < scores.size()) addRow();
        for (int row = 0; row < names.size(); row++) {
            boolean used = row < scores.size();
            names.get(row).setVisible(used);
            names.get(row).setManaged(used);
            bars.get(row).setVisible(used);
            bars.get(row).setManaged(used);
            percents.get(row).setVisible(used);
            percents.get(row).setManaged(used);
            if (!used) continue;
            ClassScore s = scores.get(row);
            names.get(row).setText(s.label());
            bars.get(row).setProgress(s.probability());
            percents.get(row).setText(percent(s.probability()));
        }
    }

    private void addRow() {
        int row = names.size();
        Label name = new Label();
        name.getStyleClass().add(row == 0 ? "top-class" : "other-class");
        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(barWidth);
        bar.setMinWidth(40);
        Label pct = new Label();
        // The words keep their width; the bar gives way when the pane is narrow.
        name.setMinWidth(USE_PREF_SIZE);
        pct.setMinWidth(USE_PREF_SIZE);
        names.add(name);
        bars.add(bar);
        percents.add(pct);
        addRow(row, name, bar, pct);
    }

    static String percent(double p) { return Texts.percent(p, 1); }
}
