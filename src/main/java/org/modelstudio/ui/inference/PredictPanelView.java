package org.modelstudio.ui.inference;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.modelstudio.core.eval.ClassScore;

import java.io.File;
import java.util.List;
import java.util.Locale;

/** The Predict area: a drop zone and the results, newest first. Forwards drops to the view model at once. */
public final class PredictPanelView {
    private final PredictionViewModel model;

    @FXML private StackPane dropZone;
    @FXML private Label dropHint;
    @FXML private Button openImagesButton;
    @FXML private Button clearButton;
    @FXML private ListView<PredictionItem> resultList;

    public PredictPanelView(PredictionViewModel model) { this.model = model; }

    @FXML private void initialize() {
        dropHint.textProperty().bind(model.messageProperty());
        dropZone.setOnDragOver(this::dragOver);
        dropZone.setOnDragExited(e -> dropZone.getStyleClass().remove("drag-over"));
        dropZone.setOnDragDropped(this::dropped);
        openImagesButton.setOnAction(e -> openImages());
        clearButton.setOnAction(e -> model.clear());
        resultList.setItems(model.results());
        resultList.setCellFactory(v -> new ResultCell());
        resultList.setPlaceholder(new Label("Predictions appear here."));
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!dropZone.getStyleClass().contains("drag-over")) dropZone.getStyleClass().add("drag-over");
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        Dragboard board = e.getDragboard();
        boolean ok = board.hasFiles();
        if (ok) model.predict(board.getFiles());
        e.setDropCompleted(ok);
        e.consume();
    }

    private void openImages() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose images to predict");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"));
        List<File> files = chooser.showOpenMultipleDialog(dropZone.getScene().getWindow());
        if (files != null && !files.isEmpty()) model.predict(files);
    }

    /** A result: thumbnail, file name and time, and a probability bar for each of the top classes. */
    private static final class ResultCell extends ListCell<PredictionItem> {
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
                Label l = new Label(item.file() + ": " + item.problem());
                l.setWrapText(true);
                l.setMaxWidth(360);
                setGraphic(l);
                return;
            }
            ImageView thumb = new ImageView(item.thumbnail());
            thumb.setFitWidth(56);
            thumb.setFitHeight(56);
            thumb.setPreserveRatio(true);
            GridPane bars = new GridPane();
            bars.getStyleClass().add("probabilities");
            int row = 0;
            for (ClassScore s : item.prediction().top(PredictionViewModel.TOP_K)) {
                Label name = new Label(s.label());
                name.getStyleClass().add(row == 0 ? "top-class" : "other-class");
                ProgressBar bar = new ProgressBar(s.probability());
                bar.setPrefWidth(110);
                Label pct = new Label(String.format(Locale.ROOT, "%.1f%%", 100 * s.probability()));
                bars.addRow(row++, name, bar, pct);
            }
            Label title = new Label(String.format(Locale.ROOT, "%s · %.0f ms", item.file(), item.millis()));
            title.getStyleClass().add("result-file");
            VBox text = new VBox(2, title, bars);
            HBox box = new HBox(10, thumb, text);
            setGraphic(box);
        }
    }
}
