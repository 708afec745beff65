package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import io.fair_acc.dataset.DataSet;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.RunModels;
import org.modelstudio.ui.common.CurrentModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The project's runs: the Runs table (newest first), the curves of the runs ticked in it, drawn dashed behind the live
 * run's, putting a run's best or last model back in use, and recording each run as it ends.
 */
public final class RunHistoryViewModel {
    private static final String[] OVERLAY_COLOURS = {"#7f7f7f", "#ff7f0e", "#8c564b", "#17becf", "#bcbd22", "#e377c2"};

    /**
     * A run's curves drawn over the live ones: its validation loss, and its validation accuracy or, for a regression,
     * mean absolute error (the training figures for a run without validation).
     */
    public record Overlay(String id, String colour, String legend, DataSet loss, DataSet metric, boolean regression) {}

    private final ObservableList<RunRecord> runs;
    private final CurrentModel currentModel;
    private final ExecutorService executor;
    private final Path runsDir;
    private final TrainingProgressViewModel words;
    private final ReadOnlyBooleanProperty regression;
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    /** Overlaid runs by id, in the order they were ticked. */
    private final Map<String, Overlay> overlaid = new LinkedHashMap<>();
    private final ObservableList<Overlay> overlays = FXCollections.observableArrayList();
    private final ObservableList<DataSet> lossOverlays = FXCollections.observableArrayList();
    private final ObservableList<DataSet> metricOverlays = FXCollections.observableArrayList();
    private Consumer<RunRecord> recorder = r -> { };

    /**
     * @param runs       the project's runs, oldest first
     * @param words      where restoring a run's model is said
     * @param regression whether the live run is a regression: the second chart then shows only regressions' overlays
     */
    RunHistoryViewModel(ObservableList<RunRecord> runs, CurrentModel currentModel, ExecutorService executor, Path runsDir,
                        TrainingProgressViewModel words, ReadOnlyBooleanProperty regression) {
        this.runs = runs;
        this.currentModel = currentModel;
        this.executor = executor;
        this.runsDir = runsDir;
        this.words = words;
        this.regression = regression;
        runs.addListener((ListChangeListener<RunRecord>) c -> {
            // A run just recorded goes on top; anything else (another project) rebuilds the table.
            boolean onlyAdded = true;
            while (c.next()) onlyAdded &= c.wasAdded() && !c.wasRemoved() && c.getFrom() == rows.size();
            if (onlyAdded) {
                for (int i = rows.size(); i < runs.size(); i++) rows.add(0, row(i + 1, runs.get(i), false));
            } else {
                showRuns();
            }
        });
        regression.addListener((obs, was, now) -> showMetricOverlays());
        showRuns();
    }

    /** The Runs table's rows, newest first. */
    public ObservableList<RunRow> rows() { return rows; }
    /** The runs whose curves are overlaid, in the order they were ticked (for the legend). */
    public ObservableList<Overlay> overlays() { return overlays; }
    /** The overlaid runs' loss curves. */
    public ObservableList<DataSet> lossOverlays() { return lossOverlays; }
    /** The overlaid runs' second curves that match the live run's: accuracies, or a regression's mean absolute errors. */
    public ObservableList<DataSet> metricOverlays() { return metricOverlays; }

    /** Where each run's best and last models are saved (the run history refers to them by name). */
    public Path runsDir() { return runsDir; }

    /** Receives each run as it ends, for the project's history (called on the FX thread). */
    void onRun(Consumer<RunRecord> recorder) { this.recorder = recorder; }

    /**
     * Records a run that ended, a frame later, so that the end of a run does not put all its updates of the window (a
     * new table row, the project marked changed) into one frame.
     */
    void recordLater(RunRecord run) {
        PauseTransition later = new PauseTransition(Duration.millis(40));
        later.setOnFinished(e -> recorder.accept(run));
        later.play();
    }

    /** The end of the charts' epoch axis while a run of {@code epochs} trains: the run's, or a longer overlaid run's. */
    public double epochAxisEnd(double epochs) {
        double last = epochs;
        for (Overlay o : overlaid.values()) {
            for (DataSet d : new DataSet[] {o.loss(), o.metric()}) {
                if (d.getDataCount() > 0) last = Math.max(last, d.get(DataSet.DIM_X, d.getDataCount() - 1));
            }
        }
        return last;
    }

    /**
     * Puts a recorded run's best (or last) model back in use, read in the background; a missing or damaged
     * file is said, naming it.
     */
    public void useRunModel(RunRecord run, boolean best) {
        String file = best ? run.bestModelFile() : run.lastModelFile();
        if (file == null) {
            words.say(Texts.get("ui.training.status.no-model"));
            return;
        }
        Task<TrainedModel> load = new Task<>() {
            @Override protected TrainedModel call() throws Exception { return RunModels.load(runsDir, file); }
        };
        load.setOnSucceeded(e -> {
            var m = best ? run.bestMetrics() : (run.epochs().isEmpty() ? null : run.epochs().get(run.epochs().size() - 1));
            String acc = EpochFigures.validation(m);
            currentModel.set(load.getValue(), m == null
                    ? Texts.get(best ? "ui.training.restored.best" : "ui.training.restored.last", run.spec().name())
                    : Texts.get(best ? "ui.training.restored.best-epoch" : "ui.training.restored.last-epoch", run.spec().name(), m.epoch(), acc));
            words.succeed(m == null ? Texts.get(best ? "ui.training.using.best" : "ui.training.using.last")
                    : Texts.get(best ? "ui.training.using.best-epoch" : "ui.training.using.last-epoch", m.epoch()));
        });
        load.setOnFailed(e -> words.fail(Texts.get("ui.training.status.cannot-restore", load.getException().getMessage())));
        executor.execute(load);
    }

    private void showRuns() {
        List<RunRow> all = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0; i--) all.add(row(i + 1, runs.get(i), overlaid.containsKey(runs.get(i).id())));
        // Overlays of runs that are no longer in the project (another project opened) go.
        for (String id : List.copyOf(overlaid.keySet())) {
            if (runs.stream().noneMatch(r -> r.id().equals(id))) removeOverlay(id);
        }
        rows.setAll(all);
    }

    private RunRow row(int number, RunRecord run, boolean shown) {
        RunRow row = new RunRow(number, run);
        row.shownProperty().set(shown);
        row.shownProperty().addListener((obs, was, show) -> overlay(row, show));
        return row;
    }

    private void overlay(RunRow row, boolean show) {
        String id = row.run().id();
        if (!show) {
            removeOverlay(id);
            return;
        }
        if (overlaid.containsKey(id)) return;
        String colour = OVERLAY_COLOURS[(row.number() - 1) % OVERLAY_COLOURS.length];
        String style = "-fx-line-color: " + colour + "; -fx-marker-color: " + colour + "; -fx-line-dash-array: 7 5;";
        CurveData loss = new CurveData(Texts.get("ui.train.overlay.loss", row.number()));
        boolean isRegression = row.run().epochs().stream().anyMatch(TrainingEvent.EpochEvaluated::regression);
        CurveData metric = new CurveData(Texts.get(isRegression ? "ui.train.overlay.mae" : "ui.train.overlay.accuracy", row.number()));
        for (var e : row.run().epochs()) {
            boolean validated = !Double.isNaN(e.validationLoss());
            loss.add(e.epoch(), validated ? e.validationLoss() : e.trainLoss());
            if (isRegression) metric.add(e.epoch(), validated ? e.validationMae() : e.trainMae());
            else metric.add(e.epoch(), validated ? e.validationAccuracy() : e.trainAccuracy());
        }
        loss.setStyle(style).addStyleClasses("curve-overlay");
        metric.setStyle(style).addStyleClasses("curve-overlay");
        Overlay o = new Overlay(id, colour, Texts.get("ui.train.overlay.legend", row.number()), loss, metric, isRegression);
        overlaid.put(id, o);
        overlays.add(o);
        lossOverlays.add(loss);
        if (isRegression == regression.get()) metricOverlays.add(metric);
    }

    private void removeOverlay(String id) {
        Overlay o = overlaid.remove(id);
        if (o == null) return;
        overlays.remove(o);
        lossOverlays.remove(o.loss());
        metricOverlays.remove(o.metric());
    }

    private void showMetricOverlays() {
        boolean now = regression.get();
        metricOverlays.setAll(overlaid.values().stream().filter(o -> o.regression() == now).map(Overlay::metric).toList());
    }
}
