package org.modelstudio.ui.training;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.PropertySheet;
import org.modelstudio.ui.model.LayerPropertyItem;
import org.modelstudio.ui.model.ModelViewModel;

/**
 * The Train area: epochs, Train/Stop, progress, the status strip, and tabs for the live charts, the
 * training settings (edits of the network, undoable and saved with the project) and the run's log. Binds only.
 */
public final class TrainPanelView {
    private final TrainingViewModel model;
    private final ModelViewModel network;

    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Button trainButton;
    @FXML private Button stopButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label epochLabel;
    @FXML private StackPane lossChartHolder;
    @FXML private StackPane accuracyChartHolder;
    @FXML private Label epochCell;
    @FXML private Label batchCell;
    @FXML private Label speedCell;
    @FXML private Label elapsedCell;
    @FXML private Label etaCell;
    @FXML private PropertySheet settingsSheet;
    @FXML private Label settingsSummary;
    @FXML private ListView<String> logList;

    /** Held here: a bidirectional binding keeps only a weak reference, and asObject() would be collected. */
    private javafx.beans.property.ObjectProperty<Integer> epochsAsObject;
    private XYChart lossChart;
    private XYChart accuracyChart;

    public TrainPanelView(TrainingViewModel model, ModelViewModel network) {
        this.model = model;
        this.network = network;
    }

    @FXML private void initialize() {
        SpinnerValueFactory.IntegerSpinnerValueFactory epochs = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 500, 1);
        epochsSpinner.setValueFactory(epochs);
        epochsAsObject = model.epochsProperty().asObject();
        epochs.valueProperty().bindBidirectional(epochsAsObject);
        epochsSpinner.disableProperty().bind(model.runningProperty());
        trainButton.disableProperty().bind(model.runningProperty());
        stopButton.disableProperty().bind(model.runningProperty().not());
        trainButton.setOnAction(e -> model.start());
        stopButton.setOnAction(e -> model.stop());
        progressBar.progressProperty().bind(model.progressProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        epochLabel.textProperty().bind(model.epochSummaryProperty());
        model.failedProperty().addListener((obs, was, failed) -> {
            statusLabel.getStyleClass().remove("failed");
            if (failed) statusLabel.getStyleClass().add("failed");
        });

        model.statusStripProperty().addListener((obs, old, cells) -> showStrip(cells));
        showStrip(model.statusStripProperty().get());
        logList.setItems(model.log());
        logList.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);   // wrap to the list's width instead of scrolling sideways
            }

            @Override protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
            }
        });
        logList.setPlaceholder(new Label("Each run's progress is written here."));
        model.log().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!model.log().isEmpty()) logList.scrollTo(model.log().size() - 1);
        });

        settingsSheet.setPropertyEditorFactory(LayerPropertyItem.editors());
        settingsSummary.textProperty().bind(network.trainingSettingsProperty());
        showSettings();
        // Rebuilt when the settings change from elsewhere (undo, another template), not while being typed into.
        network.specProperty().addListener((obs, old, spec) -> {
            if (!editingSettings && (old == null || !old.training().equals(spec.training()))) showSettings();
        });
        settingsSheet.disableProperty().bind(model.runningProperty());

        TrainingCurves curves = model.curves();
        lossChart = chart("Loss", "loss");
        lossChart.getRenderers().setAll(
                renderer(false, curves.batchLoss(), curves.smoothedLoss()),
                renderer(true, curves.trainLoss(), curves.validationLoss()));
        accuracyChart = chart("Accuracy", "accuracy");
        accuracyChart.getRenderers().setAll(renderer(true, curves.trainAccuracy(), curves.validationAccuracy()));
        lossChart.setId("lossChart");
        accuracyChart.setId("accuracyChart");
        lossChartHolder.getChildren().add(lossChart);
        accuracyChartHolder.getChildren().add(accuracyChart);
    }

    private boolean editingSettings;

    private void showSettings() {
        settingsSheet.getItems().setAll(ModelViewModel.TRAINING_SETTINGS.stream()
                .map(p -> new LayerPropertyItem("Training", p, network::trainingValue, (k, v) -> {
                    editingSettings = true;
                    try {
                        network.setTraining(k, v);
                    } finally {
                        editingSettings = false;
                    }
                })).toList());
    }

    private void showStrip(TrainingViewModel.StatusStrip cells) {
        epochCell.setText(cells.epoch());
        batchCell.setText(cells.batch());
        speedCell.setText(cells.speed());
        elapsedCell.setText(cells.elapsed());
        etaCell.setText(cells.eta());
    }

    private static XYChart chart(String title, String yName) {
        DefaultNumericAxis x = new DefaultNumericAxis("epoch", null);
        DefaultNumericAxis y = new DefaultNumericAxis(yName, null);
        for (DefaultNumericAxis a : new DefaultNumericAxis[] {x, y}) {
            a.setAutoRanging(true);
            a.setAutoRangeRounding(false);
            a.setAnimated(false);
        }
        y.setForceZeroInRange(true);
        y.setAutoRangePadding(0.05);
        XYChart chart = new XYChart(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        return chart;
    }

    /** Lines only for the many batch points (with point reduction); lines and markers for per-epoch points. */
    private static ErrorDataSetRenderer renderer(boolean markers, DataSet... dataSets) {
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setErrorStyle(ErrorStyle.NONE);
        r.setDrawMarker(markers);
        r.setPointReduction(!markers);
        r.getDatasets().addAll(dataSets);
        return r;
    }
}
