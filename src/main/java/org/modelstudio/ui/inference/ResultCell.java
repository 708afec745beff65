package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;


/**
 * A single result: the input (thumbnail or snippet), its name and time, and a bar for each of the top classes. The
 * cell's nodes are made once and refilled for each item it shows (the list moves items between cells as results come).
 */
final class ResultCell extends ListCell<PredictionItem> {
    private final ImageView thumb = new ImageView();
    private final Label title = new Label();
    private final Label snippet = new Label();
    private final ProbabilityBars bars = new ProbabilityBars(110);
    private final Label warning = new Label();
    private final Label refusal = new Label();
    private final Label estimate = new Label();
    private final HBox box = new HBox(10, thumb, new VBox(2, title, snippet, bars, estimate, warning));

    ResultCell() {
        thumb.setFitWidth(56);
        thumb.setFitHeight(56);
        thumb.setPreserveRatio(true);
        title.getStyleClass().add("result-file");
        snippet.getStyleClass().add("result-snippet");
        snippet.setMaxWidth(320);
        warning.getStyleClass().add("result-warning");
        warning.setWrapText(true);
        warning.setMaxWidth(320);
        refusal.setWrapText(true);
        refusal.setMaxWidth(360);
        estimate.getStyleClass().add("top-class");
    }

    @Override protected void updateItem(PredictionItem item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        getStyleClass().remove("refused");
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        if (!item.ok()) {
            getStyleClass().add("refused");
            refusal.setText(item.name() + ": " + item.problem());
            setGraphic(refusal);
            return;
        }
        title.setText(Texts.get("ui.detail.estimate", item.name(), Texts.number(item.millis(), 0)));
        show(thumb, item.thumbnail() != null);
        thumb.setImage(item.thumbnail());
        boolean typed = item.input() instanceof PredictionInput.Text || item.input() instanceof PredictionInput.Row;
        show(snippet, typed);
        snippet.setText(typed ? item.input().snippet() : null);
        show(bars, item.prediction() != null);
        show(estimate, item.estimate() != null);
        if (item.prediction() != null) bars.show(item.prediction(), PredictionViewModel.TOP_K);
        estimate.setText(item.estimate() == null ? null : item.verdict());
        show(warning, !item.warnings().isEmpty());
        warning.setText(String.join("; ", item.warnings()));
        setGraphic(box);
    }

    private static void show(Node n, boolean shown) {
        n.setVisible(shown);
        n.setManaged(shown);
    }
}
