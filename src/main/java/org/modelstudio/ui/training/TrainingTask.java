package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.RunModels;
import org.modelstudio.engine.prepare.RunData;
import org.modelstudio.engine.prepare.RunPreparation;
import org.modelstudio.engine.train.RunRecords;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run, on the training thread: prepares its data, fits a new network to it (or copies the model it continues),
 * trains, measures the best model on the test part and saves the best and the last model for the run history. It works
 * from its {@link TrainingRequest} alone; what it reports goes to the live curves and, in words, to the progress.
 */
final class TrainingTask extends Task<TrainingTask.Ended> {

    /** What a run hands back: its result, its record for the project's history, its test sentence, its held-out data. */
    record Ended(TrainingResult result, RunRecord run, String testResult, TrainingViewModel.HeldOut heldOut, int plannedEpochs) {}

    private final TrainingRequest request;
    private final TrainingCurves curves;
    private final TrainingProgressViewModel words;
    private final Consumer<DataFit.Fitted> fitted;
    private final AtomicBoolean active;
    private final RunProgress progress;

    /**
     * @param fitted told (on the FX thread) when a new network was changed to fit the data
     * @param active true while {@link #call()} runs, readable from any thread
     */
    TrainingTask(TrainingRequest request, TrainingCurves curves, TrainingProgressViewModel words, Consumer<DataFit.Fitted> fitted,
                 AtomicBoolean active) {
        this.request = request;
        this.curves = curves;
        this.words = words;
        this.fitted = fitted;
        this.active = active;
        this.progress = new RunProgress(request.data().snapshot().training().batchSize());
    }

    @Override protected Ended call() throws Exception {
        active.set(true);
        try {
            Instant started = Instant.now();
            RunData data = RunPreparation.prepare(request.data());
            words.dataLater(data.train());
            for (String w : data.warnings()) words.logLater(0, w);
            NativeThreads.useDefault();
            TrainedModel base = request.data().continueFrom();
            TrainingResult result;
            if (base != null) {
                result = Trainer.run(base.copy(), data.train(), data.validation(), request.epochs(), this::onEvent, request.cancel(), request.pause());
            } else {
                NetworkSpec snapshot = request.data().snapshot();
                DataFit.Fitted fit = DataFit.fit(snapshot, data.train().exampleShape(), data.train().classes(), data.train().regression());
                NetworkSpec network = fit.spec();
                if (fit.changed()) {
                    Platform.runLater(() -> fitted.accept(fit));
                    for (String change : fit.changes()) words.logLater(0, Texts.get("ui.training.log.fitted", change));
                }
                result = data.preparation() != null
                        ? Trainer.train(network, data.train(), data.validation(), data.preparation(), this::onEvent, request.cancel(), request.pause())
                        : Trainer.train(network, data.train(), data.validation(), this::onEvent, request.cancel(), request.pause());
            }
            return new Ended(result, record(result, started), TestResult.of(result, data.test()),
                    TrainingViewModel.HeldOut.of(data.test(), data.validation()), request.epochs());
        } finally {
            active.set(false);
        }
    }

    /** The run for the project's history, with its best and last models saved beside the other runs. */
    private RunRecord record(TrainingResult result, Instant started) {
        String id = "run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneId.systemDefault()).format(started) + "-" + UUID.randomUUID().toString().substring(0, 4);
        String bestFile = null;
        String lastFile = null;
        if (result.outcome() != RunOutcome.FAILED || !result.epochs().isEmpty()) {
            try {
                lastFile = RunModels.save(result.last(), request.runsDir(), id, "last");
                bestFile = result.best() == result.last() ? lastFile : RunModels.save(result.best(), request.runsDir(), id, "best");
            } catch (IOException | RuntimeException e) {
                words.logLater(result.elapsedMillis(), Texts.get("ui.training.log.not-saved", request.runsDir(), e.getMessage()));
            }
        }
        return RunRecords.of(result, id, started, request.epochs(), bestFile, lastFile);
    }

    private void onEvent(TrainingEvent event) {
        curves.accept(event);
        RunProgress.Update update = words.heard(event, progress, request.data().snapshot().name());
        if (update != null) updateProgress(update.done(), update.total());
    }
}
