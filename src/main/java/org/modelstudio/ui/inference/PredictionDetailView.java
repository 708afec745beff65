package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.Map;

/**
 * The selected result in full: its name and time, the input at a readable size (the image larger, the whole text, the
 * row's values) and the probability of every class. The input sits alone in a {@link StackPane} ({@code #detailInput})
 * so that something can be laid over it (a heatmap over the image); a text is a {@link TextFlow} ({@code #detailText}).
 */
final class PredictionDetailView {
    static final double IMAGE_SIZE = 128;

    private final VBox root = new VBox(8);
    private final ObservableValue<InputKind> kind;
    private final ProbabilityBars all = new ProbabilityBars(90);
    private final ExplanationView explanation;

    PredictionDetailView(ObservableValue<InputKind> kind, ExplanationViewModel explanations) {
        this.kind = kind;
        this.explanation = new ExplanationView(explanations);
        root.setId("detailPane");
        all.setId("detailProbabilities");
        root.getStyleClass().add("detail-pane");
        show(null);
    }

    Node node() { return root; }

    void show(PredictionItem item) {
        root.getChildren().clear();
        if (item == null) {
            Label none = new Label(kind.getValue() == InputKind.NONE ? "" : Texts.get("ui.detail.placeholder"));
            none.setWrapText(true);
            none.getStyleClass().add("detail-placeholder");
            root.getChildren().add(none);
            explanation.attach(null, root);
            return;
        }
        Label title = new Label(item.name());
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        root.getChildren().add(title);
        if (item.ok()) {
            Label verdict = new Label(item.estimate() != null
                    ? Texts.get("ui.detail.estimate", item.estimate().describe(), Texts.number(item.millis(), 1))
                    : Texts.get("ui.detail.verdict", item.best().label(), ProbabilityBars.percent(item.best().probability()), Texts.number(item.millis(), 1)));
            verdict.setWrapText(true);
            verdict.getStyleClass().add("detail-verdict");
            root.getChildren().add(verdict);
            // Explain, and what the explanation says, above the input (the map or the colours go onto the input itself).
            root.getChildren().add(explanation.node());
        }
        StackPane input = item.input() == null ? null : new StackPane(input(item.input()));
        if (input != null) {
            input.setId("detailInput");
            input.getStyleClass().add("detail-input");
        }
        boolean classes = item.prediction() != null;
        if (classes) all.show(item.prediction(), Integer.MAX_VALUE);
        if (input != null && item.input() instanceof PredictionInput.ImageFile && item.ok()) {
            // An image beside its bars: the pane is narrow and short.
            root.getChildren().add(new HBox(12, input, all));
        } else {
            if (input != null) root.getChildren().add(input);
            if (classes) root.getChildren().add(all);
        }
        explanation.attach(item, root);
        if (!item.ok()) {
            Label problem = new Label(Texts.get("ui.detail.refused", item.problem()));
            problem.getStyleClass().add("problems");
            problem.setWrapText(true);
            root.getChildren().add(problem);
        }
        for (String w : item.warnings()) {
            Label l = new Label(w);
            l.getStyleClass().add("result-warning");
            l.setWrapText(true);
            root.getChildren().add(l);
        }
    }

    private static Node input(PredictionInput input) {
        if (input instanceof PredictionInput.ImageFile f) {
            // Loaded in the background at display size, so a large photo does not hold up the window.
            ImageView view = new ImageView(new Image(f.file().toUri().toString(), IMAGE_SIZE, IMAGE_SIZE, true, false, true));
            view.setId("detailImage");
            return view;
        }
        if (input instanceof PredictionInput.Text t) {
            TextFlow flow = new TextFlow(new Text(t.text()));
            flow.setId("detailText");
            flow.getStyleClass().add("detail-text");
            return flow;
        }
        GridPane values = new GridPane();
        values.setId("detailRow");
        values.getStyleClass().add("detail-row");
        int r = 0;
        for (Map.Entry<String, String> e : ((PredictionInput.Row) input).values().entrySet()) {
            Label name = new Label(e.getKey());
            name.getStyleClass().add("field-name");
            values.addRow(r++, name, new Label(e.getValue().isEmpty() ? Texts.get("ui.detail.empty") : e.getValue()));
        }
        return values;
    }
}
