package org.modelstudio.ui.inference;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** A single result: the input (thumbnail or snippet), its name and time, and a bar for each of the top classes. */
final class ResultCell extends ListCell<PredictionItem> {
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
            Label l = new Label(item.name() + ": " + item.problem());
            l.setWrapText(true);
            l.setMaxWidth(360);
            setGraphic(l);
            return;
        }
        Label title = new Label(String.format(Locale.ROOT, "%s · %.0f ms", item.name(), item.millis()));
        title.getStyleClass().add("result-file");
        VBox text = new VBox(2, title);
        if (item.input() instanceof PredictionInput.Text || item.input() instanceof PredictionInput.Row) {
            Label snippet = new Label(item.input().snippet());
            snippet.getStyleClass().add("result-snippet");
            snippet.setMaxWidth(320);
            text.getChildren().add(snippet);
        }
        text.getChildren().add(ProbabilityBars.of(item.prediction(), PredictionViewModel.TOP_K, 110));
        if (!item.warnings().isEmpty()) {
            Label w = new Label(String.join("; ", item.warnings()));
            w.getStyleClass().add("result-warning");
            w.setWrapText(true);
            w.setMaxWidth(320);
            text.getChildren().add(w);
        }
        Node box = text;
        if (item.thumbnail() != null) {
            ImageView thumb = new ImageView(item.thumbnail());
            thumb.setFitWidth(56);
            thumb.setFitHeight(56);
            thumb.setPreserveRatio(true);
            box = new HBox(10, thumb, text);
        }
        setGraphic(box);
    }
}
