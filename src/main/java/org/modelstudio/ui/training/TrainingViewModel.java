package org.modelstudio.ui.training;

import org.modelstudio.core.events.RunOutcome;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
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

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a network and press Train.");
    private final ReadOnlyStringWrapper epochSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyObjectWrapper<StatusStrip> strip =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(StatusStrip.IDLE);
    private final javafx.collections.ObservableList<String> log = javafx.collections.FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper regression = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper quantity = new ReadOnlyStringWrapper("");
    private int plannedEpochs;
    /** The images of the run being started (set on the FX thread, taken by its task's constructor). */
    private RunRequest.Images images;
    /** The Data tab's choice and its images, read on the FX thread when a run starts; the shipped sample until set. */
    private Supplier<DataSource> dataSource = () -> DataSource.FASHION_MNIST;
    private Supplier<RunRequest.Images> chosenImages;
    private Supplier<Augmentation> augmentation = () -> Augmentation.NONE;
    private final javafx.beans.property.ReadOnlyObjectWrapper<TrainingResult> lastResult = new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final AtomicReference<CancelToken> cancel = new AtomicReference<>(new CancelToken());
    private final Service<Ended> service;
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyObjectWrapper<HeldOut> heldOut = new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private volatile PauseGate gate = new PauseGate();
    private final Path runsDir;
    private final ExecutorService executor;
    private Consumer<RunRecord> runRecorder = r -> { };
    /** The model a "Continue" run trains further (null for a fresh run). */
    private TrainedModel continueFrom;
    /** The data chosen when Train was pressed: the task starts after the next frame, by when other data may be chosen. */
    private DataSource chosenSource;
    private Consumer<DataFit.Fitted> fitted = f -> { };
    /** True while a training task's call() runs; readable from any thread (Service state is FX-thread only). */
    private final java.util.concurrent.atomic.AtomicBoolean taskActive = new java.util.concurrent.atomic.AtomicBoolean();

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
            status.set("Training could not start: " + (ex == null ? "unknown error" : ex.getMessage()));
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
            status.set("That run kept no model (it stopped before its first epoch ended).");
            return;
        }
        Task<TrainedModel> load = new Task<>() {
            @Override protected TrainedModel call() throws Exception { return RunModels.load(runsDir, file); }
        };
        load.setOnSucceeded(e -> {
            var m = best ? run.bestMetrics() : (run.epochs().isEmpty() ? null : run.epochs().get(run.epochs().size() - 1));
            String acc = EpochFigures.validation(m);
            currentModel.set(load.getValue(), "Restored the " + (best ? "best" : "last") + " model of a run of "
                    + run.spec().name() + (m == null ? "" : " (epoch " + m.epoch() + acc + ")"));
            failed.set(false);
            status.set("Using the " + (best ? "best" : "last") + " model of that run" + (m == null ? "" : ", from epoch " + m.epoch()) + ".");
        });
        load.setOnFailed(e -> {
            failed.set(true);
            status.set("Cannot restore that model: " + load.getException().getMessage());
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
    public javafx.beans.property.ReadOnlyObjectProperty<HeldOut> heldOutProperty() { return heldOut.getReadOnlyProperty(); }

    public javafx.beans.property.ReadOnlyObjectProperty<TrainingResult> lastResultProperty() { return lastResult.getReadOnlyProperty(); }
    /** Epoch, batch, speed, elapsed time and time left of the run in progress (or of the last one). */
    public javafx.beans.property.ReadOnlyObjectProperty<StatusStrip> statusStripProperty() { return strip.getReadOnlyProperty(); }
    /** What happened, line by line, in the current run: start, every epoch's figures, and how it ended. */
    public javafx.collections.ObservableList<String> log() { return log; }

    /** The status strip's cells, already formatted. */
    public record StatusStrip(String epoch, String batch, String speed, String elapsed, String eta) {
        public static final StatusStrip IDLE = new StatusStrip("Epoch –", "Batch –", "– samples/s", "Elapsed –", "Time left –");
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
                status.set("Cannot train " + chosen.name() + " from scratch: some of its Keras layers have no block. Open its file "
                        + "again to train it further.");
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
            status.set("Cannot train: " + summary.errors().get(0).message());
            return;
        }
        cancel.set(new CancelToken());
        failed.set(false);
        epochSummary.set("");
        log.clear();
        strip.set(StatusStrip.IDLE);
        plannedEpochs = epochs.get();
        running.set(true);
        status.set((base != null ? "Preparing to continue " : "Preparing ") + chosen.name() + "…");
        this.images = data;
        this.continueFrom = base;
        this.chosenSource = dataSource.get();
        gate = new PauseGate();
        paused.set(false);
        Frames.afterDrawn(service::restart);
    }

    /** Stops after the current batch (or at once while paused); the best and the last model so far are kept. */
    public void stop() {
        if (running.get()) {
            cancel.get().cancel();
            status.set("Stopping after this batch…");
        }
    }

    /** Pauses between two batches: nothing trains until {@link #resume()}; the window stays usable. */
    public void pause() {
        if (running.get() && !paused.get()) {
            gate.pause();
            paused.set(true);
            status.set("Pausing after this batch…");
        }
    }

    public void resume() {
        if (paused.get()) {
            gate.resume();
            paused.set(false);
            status.set("Resuming…");
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
            if (test != null && test.size() > 0) return new HeldOut("the last run's test part", test);
            if (validation != null && validation.size() > 0) return new HeldOut("the last run's validation part", validation);
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
            javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.millis(40));
            later.setOnFinished(e -> runRecorder.accept(ended.run()));
            later.play();
        }
        var epochsRun = result.epochs();
        boolean complete = result.outcome() == RunOutcome.FINISHED;
        if (!epochsRun.isEmpty()) {
            var lastRun = epochsRun.get(epochsRun.size() - 1);
            double meanSpeed = epochsRun.stream().mapToDouble(TrainingEvent.EpochEvaluated::samplesPerSecond).average().orElse(Double.NaN);
            strip.set(new StatusStrip(String.format(Locale.ROOT, "Epoch %d/%d", lastRun.epoch(), plannedEpochs),
                    complete ? "All batches" : strip.get().batch(),
                    String.format(Locale.ROOT, "%,.0f samples/s", meanSpeed),
                    "Elapsed " + clock(result.elapsedMillis() / 1000.0),
                    complete ? "Done" : "Stopped"));
        }
        if (ended.testResult() != null) log(result.elapsedMillis(), ended.testResult());
        log(result.elapsedMillis(), switch (result.outcome()) {
            case FINISHED -> "Finished " + result.epochs().size() + " epochs.";
            case EARLY_STOPPED -> "Stopped early after " + result.epochs().size() + " epochs: " + result.stopReason();
            case CANCELLED -> "Stopped by you after " + result.epochs().size() + " epoch(s).";
            case FAILED -> "Failed: " + result.failure();
        });
        var lastEpoch = result.epochs().isEmpty() ? null : result.epochs().get(result.epochs().size() - 1);
        String accuracy = EpochFigures.validation(lastEpoch);
        String name = result.model().spec().name();
        switch (result.outcome()) {
            case FINISHED -> {
                currentModel.set(result.model(), "Trained " + name + accuracy);
                status.set(String.format(Locale.ROOT, "Finished %d epochs in %s%s. %s",
                        result.epochs().size(), duration(result.elapsedMillis() / 1000.0), accuracy,
                        org.modelstudio.ui.inference.InputKind.of(result.model()).tryIt()));
            }
            case EARLY_STOPPED -> {
                String bestAccuracy = EpochFigures.validation(result.bestMetrics());
                currentModel.set(result.best(), "Trained " + name + " (best epoch " + result.bestEpoch() + bestAccuracy + ")");
                status.set(result.stopReason() + " The best model is in use.");
            }
            case CANCELLED -> {
                currentModel.set(result.model(), "Trained " + name + ", stopped" + (result.epochs().isEmpty()
                        ? " during its first epoch" : " after " + result.epochs().size() + " epoch(s)") + accuracy);
                status.set(String.format(Locale.ROOT, "Stopped after %d complete epoch(s)%s. The model trained so far is in use; "
                        + "the best and the last are in the run history (Runs).", result.epochs().size(), accuracy));
            }
            case FAILED -> {
                failed.set(true);
                status.set(result.failure());
            }
        }
        if (ended.testResult() != null) status.set(status.get() + " " + ended.testResult());
    }

    private final class TrainingTask extends Task<Ended> {
        private final TrainedModel base = continueFrom;
        private final NetworkSpec snapshot = base != null ? base.spec()
                : spec.get().withTraining(spec.get().training().withEpochs(epochs.get()));
        private final int runEpochs = epochs.get();
        private final CancelToken token = cancel.get();
        private final PauseGate pauseGate = gate;
        /** Taken when the run starts (on the FX thread): changing the data or its augmentation later affects the next run. */
        private final RunRequest request = new RunRequest(chosenSource, snapshot, base, augmentation.get(), images, true);
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
                            for (String change : fit.changes()) log(0, "Fitted to the data: " + change + ".");
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
            String id = "run-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(java.time.ZoneId.systemDefault()).format(started) + "-" + java.util.UUID.randomUUID().toString().substring(0, 4);
            String bestFile = null;
            String lastFile = null;
            if (result.outcome() != RunOutcome.FAILED || !result.epochs().isEmpty()) {
                try {
                    lastFile = RunModels.save(result.last(), runsDir, id, "last");
                    bestFile = result.best() == result.last() ? lastFile : RunModels.save(result.best(), runsDir, id, "best");
                } catch (java.io.IOException | RuntimeException e) {
                    String why = "The run's models could not be saved to " + runsDir + ": " + e.getMessage();
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
                String line = String.format(Locale.ROOT, "Training %s on %,d examples, validating on %,d; %d epochs of %d batches.",
                        snapshot.name(), s.trainingExamples(), s.validationExamples(), s.epochs(), s.batchesPerEpoch());
                Platform.runLater(() -> log(0, line));
                updateMessage(String.format(Locale.ROOT, "Training on %,d examples, validating on %,d…", s.trainingExamples(), s.validationExamples()));
            } else if (event instanceof TrainingEvent.BatchScored b) {
                RunProgress.Update update = progress.batch(b, now);
                if (update != null) {
                    updateProgress(update.done(), update.total());
                    Platform.runLater(() -> strip.set(update.strip()));
                    updateMessage(String.format(Locale.ROOT, "Training · loss %.3f", b.loss()));
                }
            } else if (event instanceof TrainingEvent.Paused p) {
                String line = String.format(Locale.ROOT, "Paused after batch %d of epoch %d.", p.batch(), p.epoch());
                long at = progress.elapsedMillis(now);
                Platform.runLater(() -> log(at, line));
                updateMessage("Paused after batch " + p.batch() + " of epoch " + p.epoch() + ". Press Resume to go on, or Stop.");
            } else if (event instanceof TrainingEvent.Resumed r) {
                progress.resumed(r);
                long at = progress.elapsedMillis(now);
                String line = "Resumed after a pause of " + duration(r.pausedMillis() / 1000.0) + ".";
                Platform.runLater(() -> log(at, line));
                updateMessage("Training…");
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
