package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.events.RunOutcome;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.RunModels;
import org.modelstudio.engine.prepare.RunData;
import org.modelstudio.engine.prepare.RunPreparation;
import org.modelstudio.engine.prepare.RunRequest;
import org.modelstudio.engine.train.RunRecords;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.common.Frames;
import org.modelstudio.ui.common.SampleLibrary;
import org.modelstudio.ui.inference.InputKind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Start and stop training of the chosen network on the shipped sample, in a background {@link Service}.
 * Training always gets a snapshot of the spec; the live curves are fed from the training thread.
 */
public final class TrainingViewModel {
    private final ReadOnlyObjectProperty<NetworkSpec> spec;
    private final CurrentModel currentModel;
    private final TrainingCurves curves = new TrainingCurves();
    private final IntegerProperty epochs = new SimpleIntegerProperty(1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(Texts.get("ui.training.status.idle"));
    private final ReadOnlyStringWrapper epochSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<StatusStrip> strip =
            new ReadOnlyObjectWrapper<>(StatusStrip.idle());
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper regression = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper quantity = new ReadOnlyStringWrapper("");
    private int plannedEpochs;
    /** The Data tab's choice and its images, read on the FX thread when a run starts; the shipped sample until set. */
    private Supplier<DataSource> dataSource = () -> DataSource.FASHION_MNIST;
    private Supplier<RunRequest.Images> chosenImages;
    private Supplier<Augmentation> augmentation = () -> Augmentation.NONE;
    private final ReadOnlyObjectWrapper<TrainingResult> lastResult = new ReadOnlyObjectWrapper<>();
    private final AtomicReference<CancelToken> cancel = new AtomicReference<>(new CancelToken());
    private final Service<Ended> service;
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<HeldOut> heldOut = new ReadOnlyObjectWrapper<>();
    private volatile PauseGate gate = new PauseGate();
    private final Path runsDir;
    private final ExecutorService executor;
    private Consumer<RunRecord> runRecorder = r -> { };
    /** The next run's request, taken when Train was pressed. */
    private RunRequest pending;
    private Consumer<DataFit.Fitted> fitted = f -> { };
    /** True while a training task's call() runs; readable from any thread (Service state is FX-thread only). */
    private final AtomicBoolean taskActive = new AtomicBoolean();

    public TrainingViewModel(ReadOnlyObjectProperty<NetworkSpec> spec, CurrentModel currentModel, SampleLibrary samples,
                             ExecutorService executor, Path runsDir) {
        this.runsDir = runsDir;
        this.executor = executor;
        this.chosenImages = () -> samples::train;
        this.spec = spec;
        this.currentModel = currentModel;
        this.service = new Service<>() {
            @Override protected Task<Ended> createTask() { return new TrainingTask(); }
        };
        service.setExecutor(executor);
        service.setOnSucceeded(e -> finished(service.getValue()));
        service.setOnFailed(e -> {
            running.set(false);
            paused.set(false);
            failed.set(true);
            Throwable ex = service.getException();
            status.set(Texts.get("ui.training.status.not-started", ex == null ? Texts.get("ui.training.unknown-error") : ex.getMessage()));
        });
        progress.bind(service.progressProperty());
        if (spec.get() != null) epochs.set(spec.get().training().epochs());
        // Follow the network's own epoch count when it changes (another template), not on every layer edit.
        spec.addListener((obs, old, s) -> {
            if (s != null && (old == null || old.training().epochs() != s.training().epochs())) epochs.set(s.training().epochs());
        });
    }

    public TrainingCurves curves() { return curves; }
    public IntegerProperty epochsProperty() { return epochs; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The last finished epoch's metrics, e.g. "After epoch 3: loss 0.412 · accuracy 86.0% · validation …". */
    public ReadOnlyStringProperty epochSummaryProperty() { return epochSummary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }
    /** The model in use (trained, continued, opened or restored from a run). */
    public ReadOnlyObjectProperty<TrainedModel> currentModelProperty() { return currentModel.modelProperty(); }

    /**
     * Puts a recorded run's best (or last) model back in use, read in the background; a missing or damaged
     * file is said, naming it.
     */
    public void useRunModel(RunRecord run, boolean best) {
        String file = best ? run.bestModelFile() : run.lastModelFile();
        if (file == null) {
            status.set(Texts.get("ui.training.status.no-model"));
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
            failed.set(false);
            status.set(m == null ? Texts.get(best ? "ui.training.using.best" : "ui.training.using.last")
                    : Texts.get(best ? "ui.training.using.best-epoch" : "ui.training.using.last-epoch", m.epoch()));
        });
        load.setOnFailed(e -> {
            failed.set(true);
            status.set(Texts.get("ui.training.status.cannot-restore", load.getException().getMessage()));
        });
        executor.execute(load);
    }

    /**
     * Whether the current (or last) run is a regression: its figures are mean absolute errors and R², not
     * accuracies. Set when a run's data is prepared.
     */
    public ReadOnlyBooleanProperty regressionProperty() { return regression.getReadOnlyProperty(); }

    /** The name of the number a regression run predicts (its label column); empty for a classification. */
    public ReadOnlyStringProperty quantityProperty() { return quantity.getReadOnlyProperty(); }

    /** True while a run is paused between batches. */
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }

    /** Where each run's best and last models are saved (the run history refers to them by name). */
    public Path runsDir() { return runsDir; }

    /** Receives each run as it ends, for the project's history (called on the FX thread). */
    public void onRun(Consumer<RunRecord> recorder) { this.runRecorder = recorder; }

    /** The result of the last run that ended (finished, stopped or failed). */
    /** The last successful run's held-out examples (for the evaluation view); null before any run. */
    public ReadOnlyObjectProperty<HeldOut> heldOutProperty() { return heldOut.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<TrainingResult> lastResultProperty() { return lastResult.getReadOnlyProperty(); }
    /** Epoch, batch, speed, elapsed time and time left of the run in progress (or of the last one). */
    public ReadOnlyObjectProperty<StatusStrip> statusStripProperty() { return strip.getReadOnlyProperty(); }
    /** What happened, line by line, in the current run: start, every epoch's figures, and how it ended. */
    public ObservableList<String> log() { return log; }

    /** The status strip's cells, already formatted. */
    public record StatusStrip(String epoch, String batch, String speed, String elapsed, String eta) {
        /** The strip before a run: every cell with a dash (in the studio's language now). */
        public static StatusStrip idle() {
            return new StatusStrip(Texts.get("ui.strip.epoch-none"), Texts.get("ui.strip.batch-none"), Texts.get("ui.strip.speed", "–"),
                    Texts.get("ui.strip.elapsed", "–"), Texts.get("ui.strip.left", "–"));
        }
    }

    /** Starts a run on the chosen data (see {@link #useData}). */
    public void start() {
        begin(chosenImages.get(), null);
    }

    /**
     * Where Train and Continue get their data: the Data tab's choice, and what a run on images reads. Both are called
     * on the FX thread when a run starts, so the run is prepared from what they give then, never from the window.
     */
    public void useData(Supplier<DataSource> source, Supplier<RunRequest.Images> images) {
        this.dataSource = source;
        this.chosenImages = images;
    }

    /**
     * Told (on the FX thread) when a fresh run fits the network to its data ({@link DataFit}): the editor then shows the
     * fitted network, as an undoable change.
     */
    public void onFitted(Consumer<DataFit.Fitted> fitted) {
        this.fitted = fitted;
    }

    /** How training images are varied (read when a run starts; validation images are never changed). */
    public void useAugmentation(Supplier<Augmentation> augmentation) {
        this.augmentation = augmentation;
    }

    /**
     * Starts a run of a snapshot of the chosen spec on {@code data} (obtained on the training thread; the
     * network's validation share is held out), or on the chosen table or texts when those are chosen; refused,
     * with the reason, while the spec has errors.
     */
    public void start(Supplier<? extends ExampleSource> data) {
        NetworkSpec chosen = spec.get();
        if (chosen != null && chosen.fixed()) {
            // A fixed network (from a Keras file) has no blocks to build fresh weights from: it trains from the weights
            // it was opened with, which is what Continue does, as long as it is the model in use.
            TrainedModel inUse = currentModel.get();
            if (inUse != null && inUse.spec().layers().equals(chosen.layers()) && inUse.spec().input().equals(chosen.input())) {
                begin(data::get, inUse);
            } else if (!running.get()) {
                failed.set(true);
                status.set(Texts.get("ui.training.status.fixed", chosen.name()));
            }
            return;
        }
        begin(data::get, null);
    }

    /**
     * Trains the current model further for the number of epochs in the Epochs field, on the sample: its
     * weights go on from where they are (a copy, so predictions keep using the model until the run ends).
     */
    public void continueTraining() {
        TrainedModel base = currentModel.get();
        if (base == null || running.get()) return;
        begin(chosenImages.get(), base);
    }

    private void begin(RunRequest.Images data, TrainedModel base) {
        if (running.get()) return;
        NetworkSpec chosen = base != null ? base.spec() : spec.get();
        if (chosen == null) return;
        var summary = ShapeInference.analyse(chosen);
        if (summary.hasErrors()) {
            failed.set(true);
            status.set(Texts.get("ui.training.status.cannot-train", summary.errors().get(0).message()));
            return;
        }
        cancel.set(new CancelToken());
        failed.set(false);
        epochSummary.set("");
        log.clear();
        strip.set(StatusStrip.idle());
        plannedEpochs = epochs.get();
        running.set(true);
        status.set(Texts.get(base != null ? "ui.training.status.preparing-continue" : "ui.training.status.preparing", chosen.name()));
        gate = new PauseGate();
        paused.set(false);
        // What the run trains on is taken now, as Train is pressed: the task starts a few frames later, and data chosen
        // in between is for the next run.
        NetworkSpec snapshot = base != null ? base.spec() : chosen.withTraining(chosen.training().withEpochs(epochs.get()));
        pending = new RunRequest(dataSource.get(), snapshot, base, augmentation.get(), data, true);
        Frames.afterDrawn(service::restart);
    }

    /** Stops after the current batch (or at once while paused); the best and the last model so far are kept. */
    public void stop() {
        if (running.get()) {
            cancel.get().cancel();
            status.set(Texts.get("ui.training.status.stopping"));
        }
    }

    /** Pauses between two batches: nothing trains until {@link #resume()}; the window stays usable. */
    public void pause() {
        if (running.get() && !paused.get()) {
            gate.pause();
            paused.set(true);
            status.set(Texts.get("ui.training.status.pausing"));
        }
    }

    public void resume() {
        if (paused.get()) {
            gate.resume();
            paused.set(false);
            status.set(Texts.get("ui.training.status.resuming"));
        }
    }

    /** Whether a training thread is still working (safe to ask from any thread). */
    public boolean isTrainingThreadActive() { return taskActive.get(); }

    /** For closing the studio mid-run: stop and wait (bounded) for the training thread to let go. */
    public void shutdown() {
        cancel.get().cancel();
        gate.resume();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taskActive.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void log(long elapsedMillis, String line) {
        log.add("[" + clock(elapsedMillis / 1000.0) + "] " + line);
    }

    static String clock(double seconds) { return RunProgress.clock(seconds); }

    private static String duration(double seconds) { return RunProgress.duration(seconds); }

    /**
     * Examples a run held out from training, to evaluate its model on: the test part if it had one (never trained or
     * validated on), else the validation part.
     */
    public record HeldOut(String name, ExampleSource data) {
        static HeldOut of(ExampleSource test, ExampleSource validation) {
            if (test != null && test.size() > 0) return new HeldOut(Texts.get("ui.training.held-out.test"), test);
            if (validation != null && validation.size() > 0) return new HeldOut(Texts.get("ui.training.held-out.validation"), validation);
            return null;
        }
    }

    /** What a training task hands back: the run's result, its record for the project's history, its held-out data. */
    record Ended(TrainingResult result, RunRecord run, String testResult, HeldOut heldOut) {}

    private void finished(Ended ended) {
        TrainingResult result = ended.result();
        running.set(false);
        paused.set(false);
        if (ended.heldOut() != null && result.outcome() != RunOutcome.FAILED) heldOut.set(ended.heldOut());
        lastResult.set(result);
        // The history (a new table row, the project marked changed) follows a frame later, so that the end of a
        // run does not put all its updates of the window into one frame.
        if (ended.run() != null) {
            PauseTransition later = new PauseTransition(Duration.millis(40));
            later.setOnFinished(e -> runRecorder.accept(ended.run()));
            later.play();
        }
        var epochsRun = result.epochs();
        boolean complete = result.outcome() == RunOutcome.FINISHED;
        if (!epochsRun.isEmpty()) {
            var lastRun = epochsRun.get(epochsRun.size() - 1);
            double meanSpeed = epochsRun.stream().mapToDouble(TrainingEvent.EpochEvaluated::samplesPerSecond).average().orElse(Double.NaN);
            strip.set(new StatusStrip(Texts.get("ui.strip.epoch", lastRun.epoch(), plannedEpochs),
                    complete ? Texts.get("ui.strip.all-batches") : strip.get().batch(),
                    Texts.get("ui.strip.speed", Double.isNaN(meanSpeed) ? "–" : Texts.number(Math.round(meanSpeed))),
                    Texts.get("ui.strip.elapsed", clock(result.elapsedMillis() / 1000.0)),
                    Texts.get(complete ? "ui.strip.done" : "ui.strip.stopped")));
        }
        if (ended.testResult() != null) log(result.elapsedMillis(), ended.testResult());
        log(result.elapsedMillis(), switch (result.outcome()) {
            case FINISHED -> Texts.get("ui.training.log.finished", result.epochs().size());
            case EARLY_STOPPED -> Texts.get("ui.training.log.early", result.epochs().size(), result.stopReason());
            case CANCELLED -> Texts.get("ui.training.log.cancelled", result.epochs().size());
            case FAILED -> Texts.get("ui.training.log.failed", result.failure());
        });
        var lastEpoch = result.epochs().isEmpty() ? null : result.epochs().get(result.epochs().size() - 1);
        String accuracy = EpochFigures.validation(lastEpoch);
        String name = result.model().spec().name();
        switch (result.outcome()) {
            case FINISHED -> {
                currentModel.set(result.model(), Texts.get("ui.training.trained", name, accuracy));
                status.set(Texts.get("ui.training.status.finished",
                        result.epochs().size(), duration(result.elapsedMillis() / 1000.0), accuracy,
                        InputKind.of(result.model()).tryIt()));
            }
            case EARLY_STOPPED -> {
                String bestAccuracy = EpochFigures.validation(result.bestMetrics());
                currentModel.set(result.best(), Texts.get("ui.training.trained-best", name, result.bestEpoch(), bestAccuracy));
                status.set(Texts.get("ui.training.status.early", result.stopReason()));
            }
            case CANCELLED -> {
                currentModel.set(result.model(), result.epochs().isEmpty() ? Texts.get("ui.training.trained-stopped-first", name, accuracy)
                        : Texts.get("ui.training.trained-stopped", name, result.epochs().size(), accuracy));
                status.set(Texts.get("ui.training.status.cancelled", result.epochs().size(), accuracy));
            }
            case FAILED -> {
                failed.set(true);
                status.set(result.failure());
            }
        }
        if (ended.testResult() != null) status.set(status.get() + " " + ended.testResult());
    }

    private final class TrainingTask extends Task<Ended> {
        /** Taken when Train was pressed (on the FX thread): changing the data or its augmentation later affects the next run. */
        private final RunRequest request = pending;
        private final TrainedModel base = request.continueFrom();
        private final NetworkSpec snapshot = request.snapshot();
        private final int runEpochs = plannedEpochs;
        private final CancelToken token = cancel.get();
        private final PauseGate pauseGate = gate;
        private final RunProgress progress = new RunProgress(snapshot.training().batchSize());

        @Override protected Ended call() throws Exception {
            taskActive.set(true);
            try {
                Instant started = Instant.now();
                RunData data = RunPreparation.prepare(request);
                showTask(data.train());
                for (String w : data.warnings()) Platform.runLater(() -> log(0, w));
                NativeThreads.useDefault();
                TrainingResult result;
                if (base != null) {
                    result = Trainer.run(base.copy(), data.train(), data.validation(), runEpochs, this::onEvent, token, pauseGate);
                } else {
                    DataFit.Fitted fit = DataFit.fit(snapshot, data.train().exampleShape(), data.train().classes(), data.train().regression());
                    NetworkSpec network = fit.spec();
                    if (fit.changed()) {
                        Platform.runLater(() -> {
                            fitted.accept(fit);
                            for (String change : fit.changes()) log(0, Texts.get("ui.training.log.fitted", change));
                        });
                    }
                    result = data.preparation() != null
                            ? Trainer.train(network, data.train(), data.validation(), data.preparation(), this::onEvent, token, pauseGate)
                            : Trainer.train(network, data.train(), data.validation(), this::onEvent, token, pauseGate);
                }
                return new Ended(result, record(result, started), TestResult.of(result, data.test()), HeldOut.of(data.test(), data.validation()));
            } finally {
                taskActive.set(false);
            }
        }

        /** Tells the window whether this run is a regression, so that its figures are named for what they are. */
        private void showTask(ExampleSource data) {
            boolean isRegression = data.regression();
            String name = isRegression ? data.classes().get(0) : "";
            Platform.runLater(() -> {
                quantity.set(name);
                regression.set(isRegression);
            });
        }

        /** The run for the project's history, with its best and last models saved beside the other runs. */
        private RunRecord record(TrainingResult result, Instant started) {
            String id = "run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneId.systemDefault()).format(started) + "-" + UUID.randomUUID().toString().substring(0, 4);
            String bestFile = null;
            String lastFile = null;
            if (result.outcome() != RunOutcome.FAILED || !result.epochs().isEmpty()) {
                try {
                    lastFile = RunModels.save(result.last(), runsDir, id, "last");
                    bestFile = result.best() == result.last() ? lastFile : RunModels.save(result.best(), runsDir, id, "best");
                } catch (IOException | RuntimeException e) {
                    String why = Texts.get("ui.training.log.not-saved", runsDir, e.getMessage());
                    Platform.runLater(() -> log(result.elapsedMillis(), why));
                }
            }
            return RunRecords.of(result, id, started, runEpochs, bestFile, lastFile);
        }

        private void onEvent(TrainingEvent event) {
            curves.accept(event);
            long now = System.nanoTime();
            if (event instanceof TrainingEvent.Started s) {
                progress.started(s, now);
                String line = Texts.get("ui.training.log.started", snapshot.name(), Texts.number(s.trainingExamples()),
                        Texts.number(s.validationExamples()), s.epochs(), s.batchesPerEpoch());
                Platform.runLater(() -> log(0, line));
                updateMessage(Texts.get("ui.training.message.started", Texts.number(s.trainingExamples()), Texts.number(s.validationExamples())));
            } else if (event instanceof TrainingEvent.BatchScored b) {
                RunProgress.Update update = progress.batch(b, now);
                if (update != null) {
                    updateProgress(update.done(), update.total());
                    Platform.runLater(() -> strip.set(update.strip()));
                    updateMessage(Texts.get("ui.training.message.loss", Texts.number(b.loss(), 3)));
                }
            } else if (event instanceof TrainingEvent.Paused p) {
                String line = Texts.get("ui.training.log.paused", p.batch(), p.epoch());
                long at = progress.elapsedMillis(now);
                Platform.runLater(() -> log(at, line));
                updateMessage(Texts.get("ui.training.message.paused", p.batch(), p.epoch()));
            } else if (event instanceof TrainingEvent.Resumed r) {
                progress.resumed(r);
                long at = progress.elapsedMillis(now);
                String line = Texts.get("ui.training.log.resumed", duration(r.pausedMillis() / 1000.0));
                Platform.runLater(() -> log(at, line));
                updateMessage(Texts.get("ui.training.message.training"));
            } else if (event instanceof TrainingEvent.EarlyStopped stop) {
                long at = progress.elapsedMillis(now);
                Platform.runLater(() -> log(at, stop.reason()));
            } else if (event instanceof TrainingEvent.EpochEvaluated e) {
                String text = EpochFigures.summary(e);
                String line = EpochFigures.logLine(e, progress.totalEpochs());
                Platform.runLater(() -> {
                    epochSummary.set(text);
                    log(e.elapsedMillis(), line);
                });
            }
        }

        @Override protected void updateMessage(String message) {
            super.updateMessage(message);
            Platform.runLater(() -> {
                if (running.get()) status.set(getMessage());
            });
        }
    }
}
