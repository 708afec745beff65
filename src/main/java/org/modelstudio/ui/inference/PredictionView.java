package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.common.ChooserFolders;
import org.modelstudio.ui.common.ShippedExamples;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Predict area: an input that suits the model (a drop zone, a text box or a row form, see {@link InputArea}), the
 * single results and the last batch in tabs, and the selected result in full below them ({@link PredictionDetailView}).
 * Forwards drops and commands to the view model at once.
 */
public final class PredictionView {
    private final PredictionViewModel model;

    @FXML private StackPane dropZone;
    @FXML private VBox inputBox;
    @FXML private Button predictButton;
    @FXML private Button openButton;
    @FXML private Button exportButton;
    @FXML private Button clearButton;
    @FXML private Button serveButton;
    @FXML private Button evaluationButton;
    @FXML private Button examplesButton;
    @FXML private HBox progressBox;
    @FXML private ProgressBar batchProgress;
    @FXML private Button cancelButton;
    @FXML private Label messageLabel;
    @FXML private TabPane resultTabs;
    @FXML private Tab resultsTab;
    @FXML private Tab batchTab;
    @FXML private ListView<PredictionItem> resultList;
    @FXML private TableView<PredictionItem> batchTable;
    @FXML private ScrollPane detailScroll;
    private InputArea inputArea;

    private final ExplanationViewModel explanations;
    private final ChooserFolders folders;

    public PredictionView(PredictionViewModel model, ExplanationViewModel explanations, ChooserFolders folders) {
        this.model = model;
        this.explanations = explanations;
        this.folders = folders;
    }

    /** What the Evaluate… button does: open the evaluation window. */
    public void onEvaluate(Runnable openEvaluation) {
        evaluationButton.setOnAction(e -> openEvaluation.run());
    }

    /** What the Serve… button does: open the Serve window (the main window's business, not this area's). */
    public void onServe(Runnable openServe) {
        serveButton.setOnAction(e -> openServe.run());
    }

    @FXML private void initialize() {
        serveButton.setTooltip(new Tooltip(Texts.get("ui.predict.tip.serve")));
        evaluationButton.setTooltip(new Tooltip(Texts.get("ui.predict.tip.evaluate")));
        examplesButton.setTooltip(new Tooltip(Texts.get("ui.predict.tip.examples")));
        examplesButton.setOnAction(e -> model.tryExamples());
        // The examples are Fashion-MNIST pictures: offered while the model reads images, or before there is one.
        examplesButton.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.inputKindProperty().get() == InputKind.IMAGE
                || model.inputKindProperty().get() == InputKind.NONE, model.inputKindProperty()));
        examplesButton.managedProperty().bind(examplesButton.visibleProperty());
        examplesButton.disableProperty().bind(model.inputKindProperty().isNotEqualTo(InputKind.IMAGE));
        inputArea = new InputArea(inputBox, model, predictButton);
        dropZone.setOnDragOver(this::dragOver);
        dropZone.setOnDragExited(e -> dropZone.getStyleClass().remove("drag-over"));
        dropZone.setOnDragDropped(this::dropped);
        openButton.setOnAction(e -> open());
        openButton.textProperty().bind(Bindings.createStringBinding(() -> switch (model.inputKindProperty().get()) {
            case TEXT -> Texts.get("ui.predict.open.texts");
            case TABLE -> Texts.get("ui.predict.open.csv");
            default -> Texts.get("ui.predict.open-images");
        }, model.inputKindProperty()));
        openButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !canRead(), model.inputKindProperty()));
        Tooltip openTip = new Tooltip();
        openTip.textProperty().bind(Bindings.createStringBinding(() -> switch (model.inputKindProperty().get()) {
            case TEXT -> Texts.get("ui.predict.open-tip.texts");
            case TABLE -> Texts.get("ui.predict.open-tip.csv");
            default -> Texts.get("ui.predict.open-tip.images");
        }, model.inputKindProperty()));
        openButton.setTooltip(openTip);
        dropZone.setAccessibleText(Texts.get("ui.predict.drop-a11y"));
        exportButton.setOnAction(e -> export());
        exportButton.disableProperty().bind(Bindings.isEmpty(model.batch()).or(model.batchRunningProperty()));
        clearButton.setOnAction(e -> model.clear());
        cancelButton.setOnAction(e -> model.cancel());
        progressBox.visibleProperty().bind(model.batchRunningProperty());
        progressBox.managedProperty().bind(progressBox.visibleProperty());
        batchProgress.progressProperty().bind(model.progressProperty());
        messageLabel.textProperty().bind(model.messageProperty());

        resultList.setItems(model.results());
        resultList.setCellFactory(v -> new ResultCell());
        resultList.setPlaceholder(new Label(Texts.get("ui.predict.results-placeholder")));
        BatchTable.configure(batchTable, model.sortedBatch());
        resultsTab.textProperty().bind(Bindings.createStringBinding(() -> Texts.get("ui.predict.tab.results", model.results().size()), model.results()));
        batchTab.textProperty().bind(Bindings.createStringBinding(() -> Texts.get("ui.predict.tab.batch", Texts.number(model.batch().size())), model.batch()));
        model.shownProperty().addListener((obs, old, shown) ->
                resultTabs.getSelectionModel().select(shown == PredictionViewModel.Shown.BATCH ? batchTab : resultsTab));

        // The detail pane follows the selection of whichever view is showing; a new single result selects itself.
        PredictionDetailView detail = new PredictionDetailView(model.inputKindProperty(), explanations);
        detailScroll.setContent(detail.node());
        model.selectedProperty().addListener((obs, old, item) -> {
            detail.show(item);
            if (item != null && model.results().contains(item)) resultList.getSelectionModel().select(item);
        });
        resultList.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) model.selectedProperty().set(item);
        });
        batchTable.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) model.selectedProperty().set(item);
        });
        resultTabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            model.show(tab == batchTab ? PredictionViewModel.Shown.BATCH : PredictionViewModel.Shown.RESULTS);
            model.selectedProperty().set((tab == batchTab ? batchTable.getSelectionModel() : resultList.getSelectionModel()).getSelectedItem());
        });
    }

    private boolean canRead() {
        InputKind kind = model.inputKindProperty().get();
        return kind == InputKind.IMAGE || kind == InputKind.TEXT || kind == InputKind.TABLE;
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

    private void open() {
        FileChooser chooser = new FileChooser();
        String purpose = "predict-" + model.inputKindProperty().get().name().toLowerCase(Locale.ROOT);
        folders.openIn(chooser, purpose, model.inputKindProperty().get() == InputKind.IMAGE
                ? ShippedExamples.shippedFolder() : AppDirs.samplesDir());
        switch (model.inputKindProperty().get()) {
            case TEXT -> {
                chooser.setTitle(Texts.get("ui.predict.chooser.texts"));
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.predict.filter.texts"), "*.txt"));
            }
            case TABLE -> {
                chooser.setTitle(Texts.get("ui.predict.open-tip.csv"));
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.predict.filter.tables"), "*.csv"));
            }
            default -> {
                chooser.setTitle(Texts.get("ui.predict.chooser.images"));
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.predict.filter.images"), "*.png", "*.jpg", "*.jpeg",
                        "*.bmp", "*.gif"));
            }
        }
        List<File> files = chooser.showOpenMultipleDialog(dropZone.getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            folders.used(purpose, files.get(0).toPath());
            model.predict(files);
        }
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.predict.chooser.export"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("predictions.csv");
        folders.openIn(chooser, "predict-export", Optional.empty());
        File file = chooser.showSaveDialog(dropZone.getScene().getWindow());
        if (file == null) return;
        folders.used("predict-export", file.toPath());
        try {
            model.exportBatch(file.toPath());
        } catch (IOException ex) {
            Alert a = new Alert(Alert.AlertType.ERROR, ex.getMessage());
            a.initOwner(dropZone.getScene().getWindow());
            a.setHeaderText(Texts.get("ui.main.error.write", file.getName()));
            a.show();
        }
    }
}
