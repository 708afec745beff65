package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.inference.InputKind;

/**
 * What the Train area says about a run, in words: the status line, the last epoch's figures, the status strip, the
 * log, and whether the run is a regression (and of which quantity). The methods ending in {@code Later} and
 * {@link #heard} are called on the training thread and show what they are given on the FX thread; the others are
 * called on the FX thread.
 */
public final class TrainingProgressViewModel {
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(Texts.get("ui.training.status.idle"));
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper epochSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StatusStrip> strip = new ReadOnlyObjectWrapper<>(StatusStrip.idle());
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper regression = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper quantity = new ReadOnlyStringWrapper("");
    /** While a run is under way the training thread's messages are the status (FX thread only). */
    private boolean running;

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }
    /** The last finished epoch's metrics, e.g. "After epoch 3: loss 0.412 · accuracy 86.0% · validation …". */
    public ReadOnlyStringProperty epochSummaryProperty() { return epochSummary.getReadOnlyProperty(); }
    /** Epoch, batch, speed, elapsed time and time left of the run in progress (or of the last one). */
    public ReadOnlyObjectProperty<StatusStrip> statusStripProperty() { return strip.getReadOnlyProperty(); }
    /** What happened, line by line, in the current run: start, every epoch's figures, and how it ended. */
    public ObservableList<String> log() { return log; }

    /**
     * Whether the current (or last) run is a regression: its figures are mean absolute errors and R², not
     * accuracies. Set when a run's data is prepared.
     */
    public ReadOnlyBooleanProperty regressionProperty() { return regression.getReadOnlyProperty(); }

    /** The name of the number a regression run predicts (its label column); empty for a classification. */
    public ReadOnlyStringProperty quantityProperty() { return quantity.getReadOnlyProperty(); }

    /** Says {@code text} on the status line. */
    void say(String text) { status.set(text); }

    /** Says {@code text} on the status line as a failure (or a refusal). */
    void fail(String text) {
        failed.set(true);
        status.set(text);
    }

    /** Says {@code text} on the status line, no longer as a failure. */
    void succeed(String text) {
        failed.set(false);
        status.set(text);
    }

    /** A run of {@code network} is being prepared: the last run's words go. */
    void preparing(String network, boolean continuing) {
        failed.set(false);
        epochSummary.set("");
        log.clear();
        strip.set(StatusStrip.idle());
        running = true;
        status.set(Texts.get(continuing ? "ui.training.status.preparing-continue" : "ui.training.status.preparing", network));
    }

    /** The training task could not run at all. */
    void notStarted(Throwable ex) {
        running = false;
        fail(Texts.get("ui.training.status.not-started", ex == null ? Texts.get("ui.training.unknown-error") : ex.getMessage()));
    }

    /** The run ended: the strip's last cells, the log's last lines and the status say how. */
    void ended(TrainingResult result, String testResult, int plannedEpochs) {
        running = false;
        var epochsRun = result.epochs();
        boolean complete = result.outcome() == RunOutcome.FINISHED;
        if (!epochsRun.isEmpty()) {
            var lastRun = epochsRun.get(epochsRun.size() - 1);
            double meanSpeed = epochsRun.stream().mapToDouble(TrainingEvent.EpochEvaluated::samplesPerSecond).average().orElse(Double.NaN);
            strip.set(new StatusStrip(Texts.get("ui.strip.epoch", lastRun.epoch(), plannedEpochs),
                    complete ? Texts.get("ui.strip.all-batches") : strip.get().batch(),
                    Texts.get("ui.strip.speed", Double.isNaN(meanSpeed) ? "–" : Texts.number(Math.round(meanSpeed))),
                    Texts.get("ui.strip.elapsed", RunProgress.clock(result.elapsedMillis() / 1000.0)),
                    Texts.get(complete ? "ui.strip.done" : "ui.strip.stopped")));
        }
        if (testResult != null) log(result.elapsedMillis(), testResult);
        log(result.elapsedMillis(), switch (result.outcome()) {
            case FINISHED -> Texts.get("ui.training.log.finished", result.epochs().size());
            case EARLY_STOPPED -> Texts.get("ui.training.log.early", result.epochs().size(), result.stopReason());
            case CANCELLED -> Texts.get("ui.training.log.cancelled", result.epochs().size());
            case FAILED -> Texts.get("ui.training.log.failed", result.failure());
        });
        var lastEpoch = result.epochs().isEmpty() ? null : result.epochs().get(result.epochs().size() - 1);
        String accuracy = EpochFigures.validation(lastEpoch);
        switch (result.outcome()) {
            case FINISHED -> status.set(Texts.get("ui.training.status.finished", result.epochs().size(),
                    RunProgress.duration(result.elapsedMillis() / 1000.0), accuracy, InputKind.of(result.model()).tryIt()));
            case EARLY_STOPPED -> status.set(Texts.get("ui.training.status.early", result.stopReason()));
            case CANCELLED -> status.set(Texts.get("ui.training.status.cancelled", result.epochs().size(), accuracy));
            case FAILED -> fail(result.failure());
        }
        if (testResult != null) status.set(status.get() + " " + testResult);
    }

    /** A log line {@code at} milliseconds into the run. */
    void logLater(long at, String line) {
        Platform.runLater(() -> log(at, line));
    }

    /** Names the run's figures for what they are: a regression's (of the quantity its label is) or a classification's. */
    void dataLater(ExampleSource train) {
        boolean isRegression = train.regression();
        String name = isRegression ? train.classes().get(0) : "";
        Platform.runLater(() -> {
            quantity.set(name);
            regression.set(isRegression);
        });
    }

    /**
     * Puts a training event of the run of {@code network} into words (its log line, the status, the strip, the epoch's
     * figures); returns the strip's update when the progress bar should move too, else null.
     */
    RunProgress.Update heard(TrainingEvent event, RunProgress progress, String network) {
        long now = System.nanoTime();
        if (event instanceof TrainingEvent.Started s) {
            progress.started(s, now);
            logLater(0, Texts.get("ui.training.log.started", network, Texts.number(s.trainingExamples()),
                    Texts.number(s.validationExamples()), s.epochs(), s.batchesPerEpoch()));
            messageLater(Texts.get("ui.training.message.started", Texts.number(s.trainingExamples()), Texts.number(s.validationExamples())));
        } else if (event instanceof TrainingEvent.BatchScored b) {
            RunProgress.Update update = progress.batch(b, now);
            if (update != null) {
                Platform.runLater(() -> strip.set(update.strip()));
                messageLater(Texts.get("ui.training.message.loss", Texts.number(b.loss(), 3)));
            }
            return update;
        } else if (event instanceof TrainingEvent.Paused p) {
            logLater(progress.elapsedMillis(now), Texts.get("ui.training.log.paused", p.batch(), p.epoch()));
            messageLater(Texts.get("ui.training.message.paused", p.batch(), p.epoch()));
        } else if (event instanceof TrainingEvent.Resumed r) {
            progress.resumed(r);
            logLater(progress.elapsedMillis(now), Texts.get("ui.training.log.resumed", RunProgress.duration(r.pausedMillis() / 1000.0)));
            messageLater(Texts.get("ui.training.message.training"));
        } else if (event instanceof TrainingEvent.EarlyStopped stop) {
            logLater(progress.elapsedMillis(now), stop.reason());
        } else if (event instanceof TrainingEvent.EpochEvaluated e) {
            String text = EpochFigures.summary(e);
            String line = EpochFigures.logLine(e, progress.totalEpochs());
            Platform.runLater(() -> {
                epochSummary.set(text);
                log(e.elapsedMillis(), line);
            });
        }
        return null;
    }

    /** The training thread's word on where it is: the status while the run is under way. */
    private void messageLater(String message) {
        Platform.runLater(() -> {
            if (running) status.set(message);
        });
    }

    private void log(long elapsedMillis, String line) {
        log.add("[" + RunProgress.clock(elapsedMillis / 1000.0) + "] " + line);
    }
}
