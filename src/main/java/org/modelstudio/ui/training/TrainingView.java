package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.Frames;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import org.controlsfx.control.PropertySheet;
import org.modelstudio.ui.model.LayerPropertyItem;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.model.TrainingSettings;

/**
 * The Train area: epochs, Train/Stop, progress, the status strip, and tabs for the live charts, the
 * training settings (edits of the network, undoable and saved with the project) and the run's log. Binds only.
 */
public final class TrainingView {
    private final TrainingViewModel model;
    private final ModelViewModel network;

    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Button trainButton;
    @FXML private Button stopButton;
    @FXML private Button pauseButton;
    @FXML private Button continueButton;
    @FXML private StackPane rateChartHolder;
    @FXML private FlowPane curveLegend;
    @FXML private TableView<RunRow> runTable;
    @FXML private TableColumn<RunRow, Boolean> showColumn;
    @FXML private TableColumn<RunRow, String> runNumberColumn;
    @FXML private TableColumn<RunRow, String> runStartedColumn;
    @FXML private TableColumn<RunRow, String> runOutcomeColumn;
    @FXML private TableColumn<RunRow, String> runEpochsColumn;
    @FXML private TableColumn<RunRow, String> runBestColumn;
    @FXML private TableColumn<RunRow, String> runDurationColumn;
    @FXML private Button useBestButton;
    @FXML private Button useLastButton;
    @FXML private TabPane trainTabs;
    @FXML private Tab curvesTab;
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
    private ObjectProperty<Integer> epochsAsObject;
    private XYChart lossChart;
    private XYChart accuracyChart;
    private XYChart rateChart;
    /** The validation curves of the runs ticked in the Runs tab, drawn dashed behind the live run's. */
    private final ErrorDataSetRenderer lossOverlays = renderer(true);
    private final ErrorDataSetRenderer accuracyOverlays = renderer(true);
    /** The second chart's live curves: accuracy, or a regression's mean absolute error. */
    private final ErrorDataSetRenderer metricRenderer = renderer(true);

    public TrainingView(TrainingViewModel model, ModelViewModel network) {
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
        // The curves come to the front when a run starts.
        model.runningProperty().addListener((obs, was, running) -> {
            if (running) trainTabs.getSelectionModel().select(curvesTab);
            holdEpochAxes(running);
        });
        trainTabs.getSelectionModel().select(curvesTab);
        stopButton.setOnAction(e -> model.stop());
        pauseButton.disableProperty().bind(model.runningProperty().not());
        pauseButton.textProperty().bind(Bindings.when(model.pausedProperty()).then(Texts.get("ui.train.resume")).otherwise(Texts.get("ui.train.pause")));
        pauseButton.setOnAction(e -> {
            if (model.pausedProperty().get()) model.resume();
            else model.pause();
        });
        continueButton.disableProperty().bind(model.runningProperty().or(model.currentModelProperty().isNull()));
        continueButton.setOnAction(e -> model.continueTraining());
        trainButton.setTooltip(new Tooltip(Texts.get("ui.train.tip.train")));
        pauseButton.setTooltip(new Tooltip(Texts.get("ui.train.tip.pause")));
        stopButton.setTooltip(new Tooltip(Texts.get("ui.train.tip.stop")));
        continueButton.setTooltip(new Tooltip(Texts.get("ui.train.tip.continue")));
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
        logList.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);   // wrap to the list's width instead of scrolling sideways
            }

            @Override protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
            }
        });
        logList.setPlaceholder(new Label(Texts.get("ui.train.log-placeholder")));
        model.log().addListener((ListChangeListener<String>) c -> {
            if (!model.log().isEmpty()) logList.scrollTo(model.log().size() - 1);
        });

        settingsSheet.setPropertyEditorFactory(LayerPropertyItem.editors());
        settingsSummary.textProperty().bind(network.trainingSettingsProperty());
        showSettings();
        // Rebuilt when the settings change from elsewhere (undo, another template), not while being typed into.
        network.specProperty().addListener((obs, old, spec) -> {
            if (!editingSettings && (old == null || !old.training().equals(spec.training()))) showSettings();
        });
        // Settings stay editable while a run trains: the run has its own snapshot, the edits apply to the next one.

        TrainingCurves curves = model.curves();
        lossChart = chart(Texts.get("ui.train.chart.loss"), Texts.get("ui.train.axis.loss"));
        lossChart.getRenderers().setAll(
                renderer(false, curves.batchLoss(), curves.smoothedLoss()),
                renderer(true, curves.trainLoss(), curves.validationLoss()));
        accuracyChart = chart(Texts.get("ui.train.chart.accuracy"), Texts.get("ui.train.axis.accuracy"));
        accuracyChart.getRenderers().setAll(metricRenderer);
        // One compact legend for both charts (chart-fx's own, one per chart, took a third of their height).
        lossChart.setLegendVisible(false);
        accuracyChart.setLegendVisible(false);
        legend("#9fb8da", Texts.get("ui.train.legend.batch-loss"), false);
        legend("#1f4e9c", Texts.get("ui.train.legend.smoothed"), false);
        legend("#2ca02c", Texts.get("ui.train.legend.training"), false);
        legend("#d62728", Texts.get("ui.train.legend.validation"), false);
        lossChart.getRenderers().add(lossOverlays);
        accuracyChart.getRenderers().add(accuracyOverlays);
        rateChart = chart(Texts.get("ui.train.chart.rate"), Texts.get("ui.train.axis.rate"));
        rateChart.setLegendVisible(false);
        rateChart.setTitle(null);
        rateChart.getRenderers().setAll(renderer(false, curves.learningRate()));
        rateChart.setId("rateChart");
        rateChartHolder.getChildren().add(rateChart);
        setUpRuns();
        lossChart.setId("lossChart");
        accuracyChart.setId("accuracyChart");
        // A regression's run shows its mean absolute error where a classification's shows its accuracy.
        model.regressionProperty().addListener((obs, was, now) -> showMetric());
        model.quantityProperty().addListener((obs, was, now) -> showMetric());
        showMetric();
        lossChartHolder.getChildren().add(lossChart);
        accuracyChartHolder.getChildren().add(accuracyChart);
    }

    private boolean editingSettings;

    /** The Runs tab: the project's runs, newest first; tick to overlay, and put a run's model back in use. */
    private void setUpRuns() {
        RunHistoryViewModel history = model.history();
        showColumn.setCellValueFactory(c -> c.getValue().shownProperty());
        showColumn.setCellFactory(CheckBoxTableCell.forTableColumn(showColumn));
        text(runNumberColumn, r -> "#" + r.number());
        text(runStartedColumn, RunRow::started);
        text(runOutcomeColumn, RunRow::outcome);
        text(runEpochsColumn, RunRow::epochs);
        text(runBestColumn, RunRow::best);
        text(runDurationColumn, RunRow::duration);
        runTable.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(RunRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null ? null : new Tooltip(row.details()));
            }
        });
        runTable.setItems(history.rows());
        Bindings.bindContent(lossOverlays.getDatasets(), history.lossOverlays());
        Bindings.bindContent(accuracyOverlays.getDatasets(), history.metricOverlays());
        history.overlays().addListener((ListChangeListener<RunHistoryViewModel.Overlay>) c -> {
            while (c.next()) {
                for (var gone : c.getRemoved()) curveLegend.getChildren().removeIf(n -> ("legend-" + gone.id()).equals(n.getId()));
                for (var added : c.getAddedSubList()) legend(added.colour(), added.legend(), true).setId("legend-" + added.id());
            }
        });
        var selected = runTable.getSelectionModel().selectedItemProperty();
        useBestButton.disableProperty().bind(selected.isNull());
        useLastButton.disableProperty().bind(selected.isNull());
        useBestButton.setOnAction(e -> history.useRunModel(selected.get().run(), true));
        useLastButton.setOnAction(e -> history.useRunModel(selected.get().run(), false));
    }

    /**
     * While a run trains, the charts' epoch axes span the whole run (and any longer overlaid run), so that the curves
     * grow from left to right over a still axis, as a progress plot does. An axis that followed the data changed its
     * range, and with it every tick label, at each new batch point: in the first second of a run, when that happens most,
     * the window then missed frames. After the run the axes follow the data again.
     */
    private void holdEpochAxes(boolean running) {
        double last = model.history().epochAxisEnd(model.epochsProperty().get());
        for (XYChart chart : new XYChart[] {lossChart, accuracyChart, rateChart}) {
            DefaultNumericAxis x = (DefaultNumericAxis) chart.getXAxis();
            x.setAutoRanging(!running);
            if (running) x.set(0, Math.max(1, last));
        }
        // An axis without points had no tick labels, and chart-fx sizes it before it makes them: until its chart's first
        // point came, the axis name sat over the new tick labels. Once they are drawn, the axes are measured again.
        if (running) Frames.afterDrawn(() -> {
            for (XYChart chart : new XYChart[] {lossChart, accuracyChart, rateChart}) ((DefaultNumericAxis) chart.getXAxis()).requestAxisLayout();
        });
    }

    /**
     * Names the second chart by what it shows and draws the live curves of that figure: the accuracy of a classification,
     * the mean absolute error of a regression (never an accuracy it does not have). The history picks the overlaid runs
     * to match.
     */
    private void showMetric() {
        boolean regression = model.regressionProperty().get();
        TrainingCurves curves = model.curves();
        metricRenderer.getDatasets().setAll(regression ? curves.trainMae() : curves.trainAccuracy(),
                regression ? curves.validationMae() : curves.validationAccuracy());
        String quantity = model.quantityProperty().get();
        accuracyChart.setTitle(regression ? Texts.get("ui.train.chart.mae", quantity) : Texts.get("ui.train.chart.accuracy"));
        accuracyChart.getYAxis().setName(regression ? "MAE" : Texts.get("ui.train.axis.accuracy"));
    }

    private static void text(TableColumn<RunRow, String> c, Function<RunRow, String> value) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
    }

    private void showSettings() {
        settingsSheet.getItems().setAll(TrainingSettings.params().stream()
                .map(p -> new LayerPropertyItem(Texts.get("ui.settings.category"), p, network::trainingValue, (k, v) -> {
                    editingSettings = true;
                    try {
                        network.setTraining(k, v);
                    } finally {
                        editingSettings = false;
                    }
                })).toList());
    }

    /** A legend entry: a short line in the curve's colour (dashed for an overlaid run) and its name. */
    private Label legend(String colour, String text, boolean dashed) {
        Line line = new Line(0, 0, 18, 0);
        line.setStroke(Color.web(colour));
        line.setStrokeWidth(3);
        if (dashed) line.getStrokeDashArray().setAll(5.0, 3.0);
        Label entry = new Label(text, line);
        entry.getStyleClass().add("legend-entry");
        curveLegend.getChildren().add(entry);
        return entry;
    }

    private void showStrip(StatusStrip cells) {
        epochCell.setText(cells.epoch());
        batchCell.setText(cells.batch());
        speedCell.setText(cells.speed());
        elapsedCell.setText(cells.elapsed());
        etaCell.setText(cells.eta());
    }

    private static XYChart chart(String title, String yName) {
        DefaultNumericAxis x = new DefaultNumericAxis(Texts.get("ui.train.axis.epoch"), null);
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
        chart.setAccessibleText(Texts.get("ui.train.chart.a11y", title));
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
