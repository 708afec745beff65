package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.events.RunOutcome;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableList;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.prepare.RunRequest;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.common.Frames;
import org.modelstudio.ui.common.SampleLibrary;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs training: Train, Continue, Pause, Stop, and what a run that ends leaves behind (the model in use, its result,
 * its held-out examples, its record in the history). Each run is a {@link TrainingTask} on the studio's executor,
 * working from one {@link TrainingRequest} taken when Train is pressed, with a snapshot of the network. What is said
 * about a run is {@link #progress()}'s job, the Runs table {@link #history()}'s.
 */
public final class TrainingViewModel {
    private final ReadOnlyObjectProperty<NetworkSpec> spec;
    private final CurrentModel currentModel;
    private final ExecutorService executor;
    private final Path runsDir;
    private final TrainingCurves curves = new TrainingCurves();
    private final TrainingProgressViewModel progressWords = new TrainingProgressViewModel();
    private final RunHistoryViewModel history;
    private final IntegerProperty epochs = new SimpleIntegerProperty(1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    /** -1 (not known yet) before the first run, as a task's own progress is before it starts. */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyObjectWrapper<TrainingResult> lastResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HeldOut> heldOut = new ReadOnlyObjectWrapper<>();
    /** The Data tab's choice and its images, read on the FX thread when a run starts; the shipped sample until set. */
    private Supplier<DataSource> dataSource = () -> DataSource.FASHION_MNIST;
    private Supplier<RunRequest.Images> chosenImages;
    private Supplier<Augmentation> augmentation = () -> Augmentation.NONE;
    private Consumer<DataFit.Fitted> fitted = f -> { };
    /** How Stop and Pause reach the run under way (replaced for each run). */
    private CancelToken cancel = new CancelToken();
    private PauseGate gate = new PauseGate();
    /** True while a training task's call() runs; readable from any thread. */
    private final AtomicBoolean taskActive = new AtomicBoolean();

    /**
     * @param runs    the project's runs, oldest first (the Runs table shows them)
     * @param runsDir where each run's best and last models are saved
     */
    public TrainingViewModel(ReadOnlyObjectProperty<NetworkSpec> spec, ObservableList<RunRecord> runs, CurrentModel currentModel,
                             SampleLibrary samples, ExecutorService executor, Path runsDir) {
        this.spec = spec;
        this.currentModel = currentModel;
        this.executor = executor;
        this.runsDir = runsDir;
        this.chosenImages = () -> samples::train;
        this.history = new RunHistoryViewModel(runs, currentModel, executor, runsDir, progressWords, progressWords.regressionProperty());
        if (spec.get() != null) epochs.set(spec.get().training().epochs());
        // Follow the network's own epoch count when it changes (another template), not on every layer edit.
        spec.addListener((obs, old, s) -> {
            if (s != null && (old == null || old.training().epochs() != s.training().epochs())) epochs.set(s.training().epochs());
        });
    }

    /** What is said about the run: status, epoch figures, strip, log. */
    public TrainingProgressViewModel progress() { return progressWords; }
    /** The Runs table and the overlaid curves of earlier runs. */
    public RunHistoryViewModel history() { return history; }
    public TrainingCurves curves() { return curves; }
    public IntegerProperty epochsProperty() { return epochs; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** True while a run is paused between batches. */
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** The model in use (trained, continued, opened or restored from a run). */
    public ReadOnlyObjectProperty<TrainedModel> currentModelProperty() { return currentModel.modelProperty(); }
    /** The result of the last run that ended (finished, stopped or failed). */
    public ReadOnlyObjectProperty<TrainingResult> lastResultProperty() { return lastResult.getReadOnlyProperty(); }
    /** The last successful run's held-out examples (for the evaluation view); null before any run. */
    public ReadOnlyObjectProperty<HeldOut> heldOutProperty() { return heldOut.getReadOnlyProperty(); }

    // The run in words, as progress() says it (the Train area and the menus read them here).
    public ReadOnlyStringProperty statusProperty() { return progressWords.statusProperty(); }
    public ReadOnlyStringProperty epochSummaryProperty() { return progressWords.epochSummaryProperty(); }
    public ReadOnlyBooleanProperty failedProperty() { return progressWords.failedProperty(); }
    public ReadOnlyBooleanProperty regressionProperty() { return progressWords.regressionProperty(); }
    public ReadOnlyStringProperty quantityProperty() { return progressWords.quantityProperty(); }
    public ReadOnlyObjectProperty<StatusStrip> statusStripProperty() { return progressWords.statusStripProperty(); }
    public ObservableList<String> log() { return progressWords.log(); }
    public Path runsDir() { return runsDir; }

    /** Receives each run as it ends, for the project's history (called on the FX thread). */
    public void onRun(Consumer<RunRecord> recorder) { history.onRun(recorder); }

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
                progressWords.fail(Texts.get("ui.training.status.fixed", chosen.name()));
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
            progressWords.fail(Texts.get("ui.training.status.cannot-train", summary.errors().get(0).message()));
            return;
        }
        cancel = new CancelToken();
        gate = new PauseGate();
        running.set(true);
        paused.set(false);
        progressWords.preparing(chosen.name(), base != null);
        // What the run trains on is taken now, as Train is pressed: the task starts a few frames later, and data chosen
        // in between is for the next run.
        NetworkSpec snapshot = base != null ? base.spec() : chosen.withTraining(chosen.training().withEpochs(epochs.get()));
        TrainingRequest request = new TrainingRequest(new RunRequest(dataSource.get(), snapshot, base, augmentation.get(), data, true),
                epochs.get(), cancel, gate, runsDir);
        Frames.afterDrawn(() -> launch(new TrainingTask(request, curves, progressWords, fitted, taskActive)));
    }

    private void launch(TrainingTask task) {
        progress.bind(task.progressProperty());
        task.setOnSucceeded(e -> ended(task.getValue()));
        task.setOnFailed(e -> {
            running.set(false);
            paused.set(false);
            progressWords.notStarted(task.getException());
        });
        executor.execute(task);
    }

    /** Stops after the current batch (or at once while paused); the best and the last model so far are kept. */
    public void stop() {
        if (running.get()) {
            cancel.cancel();
            progressWords.say(Texts.get("ui.training.status.stopping"));
        }
    }

    /** Pauses between two batches: nothing trains until {@link #resume()}; the window stays usable. */
    public void pause() {
        if (running.get() && !paused.get()) {
            gate.pause();
            paused.set(true);
            progressWords.say(Texts.get("ui.training.status.pausing"));
        }
    }

    public void resume() {
        if (paused.get()) {
            gate.resume();
            paused.set(false);
            progressWords.say(Texts.get("ui.training.status.resuming"));
        }
    }

    /** Whether a training thread is still working (safe to ask from any thread). */
    public boolean isTrainingThreadActive() { return taskActive.get(); }

    /** For closing the studio mid-run: stop and wait (bounded) for the training thread to let go. */
    public void shutdown() {
        cancel.cancel();
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

    /** A run ended: its model is put in use (the best one after an early stop), and the history records it. */
    private void ended(TrainingTask.Ended ended) {
        TrainingResult result = ended.result();
        running.set(false);
        paused.set(false);
        if (ended.heldOut() != null && result.outcome() != RunOutcome.FAILED) heldOut.set(ended.heldOut());
        lastResult.set(result);
        if (ended.run() != null) history.recordLater(ended.run());
        var lastEpoch = result.epochs().isEmpty() ? null : result.epochs().get(result.epochs().size() - 1);
        String accuracy = EpochFigures.validation(lastEpoch);
        String name = result.model().spec().name();
        switch (result.outcome()) {
            case FINISHED -> currentModel.set(result.model(), Texts.get("ui.training.trained", name, accuracy));
            case EARLY_STOPPED -> currentModel.set(result.best(), Texts.get("ui.training.trained-best", name, result.bestEpoch(),
                    EpochFigures.validation(result.bestMetrics())));
            case CANCELLED -> currentModel.set(result.model(), result.epochs().isEmpty()
                    ? Texts.get("ui.training.trained-stopped-first", name, accuracy)
                    : Texts.get("ui.training.trained-stopped", name, result.epochs().size(), accuracy));
            case FAILED -> { }
        }
        progressWords.ended(result, ended.testResult(), ended.plannedEpochs());
    }
}
