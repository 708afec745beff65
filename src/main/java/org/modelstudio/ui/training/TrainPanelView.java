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
import javafx.scene.layout.StackPane;

/** The Train area: epochs, Train/Stop, progress, status and the two live charts. Binds only. */
public final class TrainPanelView {
    private final TrainingViewModel model;

    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Button trainButton;
    @FXML private Button stopButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label epochLabel;
    @FXML private StackPane lossChartHolder;
    @FXML private StackPane accuracyChartHolder;

    /** Held here: a bidirectional binding keeps only a weak reference, and asObject() would be collected. */
    private javafx.beans.property.ObjectProperty<Integer> epochsAsObject;
    private XYChart lossChart;
    private XYChart accuracyChart;

    public TrainPanelView(TrainingViewModel model) { this.model = model; }

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
