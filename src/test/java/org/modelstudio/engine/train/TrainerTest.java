package org.modelstudio.engine.train;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.InvalidNetworkException;
import org.nd4j.linalg.learning.regularization.L2Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    @Test void mlpLearnsFashionMnistFromAFewHundredImages() throws Exception {
        LabeledData train = SampleData.fashionMnistTrain().first(600);
        LabeledData test = SampleData.fashionMnistTest().first(300);
        NetworkSpec spec = SampleData.spec("mlp.json");
        spec = spec.withTraining(spec.training().withEpochs(6).withBatchSize(32));
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(spec, train, test, events::add, new CancelToken());

        assertEquals(RunOutcome.FINISHED, result.outcome());
        List<TrainingEvent.EpochEvaluated> epochs = result.epochs();
        assertEquals(6, epochs.size());
        assertTrue(epochs.get(5).trainLoss() < 0.6 * epochs.get(0).trainLoss(),
                "training loss falls: " + epochs.get(0).trainLoss() + " -> " + epochs.get(5).trainLoss());
        assertTrue(epochs.get(5).validationLoss() < epochs.get(0).validationLoss());

        double measured = Evaluator.evaluate(result.model(), train).accuracy();
        assertEquals(measured, epochs.get(5).trainAccuracy(), 0.08,
                "the running training accuracy tracks the accuracy on the training set");
        assertTrue(epochs.get(5).trainAccuracy() > epochs.get(0).trainAccuracy());

        EvaluationReport last = Evaluator.evaluate(result.last(), test);
        assertTrue(last.accuracy() > 0.6, "far above the 10% of guessing: " + last.accuracy());
        assertEquals(last.accuracy(), epochs.get(5).validationAccuracy(), 1e-9, "engine metrics agree with DL4J Evaluation");
        double bestValidation = epochs.stream().mapToDouble(TrainingEvent.EpochEvaluated::validationAccuracy).max().orElseThrow();
        assertEquals(bestValidation, result.bestMetrics().validationAccuracy());
        assertEquals(bestValidation, Evaluator.evaluate(result.best(), test).accuracy(), 1e-9,
                "the kept model is a snapshot of the best epoch, not the last one");

        assertInstanceOf(TrainingEvent.Started.class, events.get(0));
        assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
        long batches = events.stream().filter(e -> e instanceof TrainingEvent.BatchScored).count();
        assertEquals(6 * 19, batches, "600/32 → 19 batches per epoch");
        assertTrue(epochs.stream().allMatch(e -> e.samplesPerSecond() > 0));
    }

    @Test void cnnLearnsBarsWellAboveChance() throws Exception {
        LabeledData data = TestData.bars(450, 1);
        var split = data.split(0.2, 3);
        TrainingResult result = Trainer.train(TestData.barCnn(8), split.first(), split.second(), e -> { }, new CancelToken());
        double acc = Evaluator.evaluate(result.model(), split.second()).accuracy();
        assertTrue(acc > 0.9, "3 classes, chance is 33%: " + acc);
    }

    @Test void globalPoolingNetworkTrains() throws Exception {
        NetworkSpec spec = new NetworkSpec("bars, global pooling", "", new InputSpec.ImageInput(8, 8, 1),
                List.of(new LayerSpec.Conv2D(8, 3, Activation.RELU),
                        new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX),
                        new LayerSpec.Output(3)),
                TrainingConfig.defaults().withEpochs(15).withBatchSize(16).withLearningRate(0.02));
        var split = TestData.bars(450, 7).split(0.2, 3);
        TrainingResult result = Trainer.train(spec, split.first(), split.second(), e -> { }, new CancelToken());
        double acc = Evaluator.evaluate(result.model(), split.second()).accuracy();
        assertTrue(acc > 0.8, "orientation survives max pooling over positions: " + acc);
    }

    /** DL4J crashed in backprop when a Dropout (or any layer but Dense) came right after pooling a sequence. */
    @Test void aDropoutRightAfterPoolingASequenceTrainsAndLearns() throws Exception {
        NetworkSpec spec = new NetworkSpec("tokens, pooled, dropout", "", new InputSpec.SequenceInput(6, 20), List.of(
                new LayerSpec.Embedding(8), new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX), new LayerSpec.Dropout(0.3),
                new LayerSpec.BatchNorm(), new LayerSpec.Output(2)),
                TrainingConfig.defaults().withEpochs(20).withBatchSize(16).withLearningRate(0.02));
        // Class 1 texts hold token 7 somewhere; class 0 texts never do.
        Random r = new Random(3);
        float[][] x = new float[300][6];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 2;
            for (int p = 0; p < 6; p++) {
                int t;
                do t = r.nextInt(20); while (t == 7);
                x[i][p] = t;
            }
            if (y[i] == 1) x[i][r.nextInt(6)] = 7;
        }
        LabeledData all = new LabeledData(spec.input().shape(), List.of("without", "with"), x, y);
        var split = all.split(0.2, 5);
        TrainingResult result = Trainer.train(spec, split.first(), split.second(), e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        double acc = Evaluator.evaluate(result.model(), split.second()).accuracy();
        assertTrue(acc > 0.9, "whether token 7 occurs survives max pooling: " + acc);
    }

    @Test void cancelStopsBetweenBatchesAndKeepsTheModel() throws Exception {
        CancelToken cancel = new CancelToken();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(TestData.barCnn(50), TestData.bars(300, 2), null, e -> {
            events.add(e);
            if (e instanceof TrainingEvent.BatchScored b && b.iteration() == 4) cancel.cancel();
        }, cancel);
        assertEquals(RunOutcome.CANCELLED, result.outcome());
        assertEquals(5, events.stream().filter(e -> e instanceof TrainingEvent.BatchScored).count());
        assertInstanceOf(TrainingEvent.Cancelled.class, events.get(events.size() - 1));
        assertEquals(3, new ModelRuntime(result.model()).classify(new ModelInput.Tensor(TestData.bar(0, new Random(1)))).prediction().ranked().size());
    }

    @Test void learningRateFollowsTheSchedule() throws Exception {
        NetworkSpec spec = TestData.barCnn(3);
        spec = spec.withTraining(spec.training().withLearningRate(0.01).withSchedule(LearningRateSchedule.step(0.5, 1)));
        TrainingResult result = Trainer.train(spec, TestData.bars(90, 5), null, e -> { }, new CancelToken());
        // After three epochs DL4J's epoch counter is 3: the rate the next epoch would use is 0.01 × 0.5³.
        assertEquals(0.01 * 0.125, result.last().network().getLearningRate(0), 1e-9);
        assertEquals(0.01 * 0.125, spec.training().schedule().rateAt(4, 0.01), 1e-12, "core and DL4J agree");
        assertEquals(List.of(0.01, 0.005, 0.0025), rates(result), "each epoch reports the rate it was trained with");
    }

    private static List<Double> rates(TrainingResult result) {
        return result.epochs().stream().map(e -> Math.round(e.learningRate() * 1e9) / 1e9).toList();
    }

    @Test void hugeLearningRateIsCaughtAsDivergence() throws Exception {
        NetworkSpec spec = TestData.barCnn(5);
        spec = spec.withTraining(new TrainingConfig(Optimizer.SGD, 1e9, 16, 5, 1, spec.training().loss()));
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(spec, TestData.bars(300, 4), null, events::add, new CancelToken());
        assertEquals(RunOutcome.FAILED, result.outcome());
        assertTrue(result.failure().contains("training diverged") && result.failure().contains("learning rate"), result.failure());
        assertInstanceOf(TrainingEvent.Failed.class, events.get(events.size() - 1));
    }

    @Test void aSaturatedSoftmaxThatStaysAtChanceIsCaughtToo() throws Exception {
        // Adam at rate 10 neither goes NaN nor explodes with softmax + cross-entropy: the loss sits far above an
        // untrained network's ln(10) and accuracy at chance. That must not pass as a finished run.
        NetworkSpec spec = SampleData.spec("mlp.json");
        spec = spec.withTraining(spec.training().withLearningRate(10).withEpochs(3).withSchedule(null));
        TrainingResult result = Trainer.train(spec, SampleData.fashionMnistTrain().first(3000), null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FAILED, result.outcome());
        assertTrue(result.failure().contains("untrained network") && result.failure().contains("learning rate (10.0)"), result.failure());

        NetworkSpec sane = spec.withTraining(spec.training().withLearningRate(0.001).withEpochs(2));
        TrainingResult fine = Trainer.train(sane, SampleData.fashionMnistTrain().first(3000), null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, fine.outcome(), "a normal rate is not mistaken for divergence");
    }

    @Test void anExplodingLossStopsTrainingBeforeItBecomesNaN() throws Exception {
        // Mean squared error on a linear output is not clipped the way softmax cross-entropy is, so a far too high
        // rate makes the loss grow by orders of magnitude per batch while it is still a finite number.
        NetworkSpec spec = new NetworkSpec("linear", "", new InputSpec.ImageInput(8, 8, 1), List.of(new LayerSpec.Flatten(),
                new LayerSpec.Dense(16, Activation.RELU), new LayerSpec.Output(3, Activation.IDENTITY, WeightInit.XAVIER)),
                new TrainingConfig(Optimizer.SGD, 10, 16, 3, 1, Loss.MSE));
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(spec, TestData.bars(300, 4), null, events::add, new CancelToken());
        assertEquals(RunOutcome.FAILED, result.outcome());
        assertTrue(result.failure().startsWith("The loss exploded to "), result.failure());
        assertTrue(result.failure().contains("The learning rate (10.0) is probably too high"), result.failure());
        List<TrainingEvent.BatchScored> batches = events.stream().filter(e -> e instanceof TrainingEvent.BatchScored)
                .map(e -> (TrainingEvent.BatchScored) e).toList();
        assertTrue(batches.size() < 19, "stopped in the first epoch of 19 batches: " + batches.size());
        assertTrue(Double.isFinite(batches.get(batches.size() - 1).loss()), "caught while still finite");
        assertTrue(batches.get(batches.size() - 1).loss() > 1e4);
        assertEquals(new TrainingEvent.Failed(result.failure()), events.get(events.size() - 1));
    }

    @Test void pauseHoldsTrainingBetweenBatchesAndLeavesThePauseOutOfItsTimes() throws Exception {
        NetworkSpec spec = TestData.barCnn(3);
        LabeledData data = TestData.bars(300, 2);
        PauseGate gate = new PauseGate();
        List<TrainingEvent> events = new ArrayList<>();
        List<Long> when = new ArrayList<>();
        AtomicLong resumedAt = new AtomicLong();
        long wallStart = System.nanoTime();
        TrainingResult paused = Trainer.train(spec, data, null, e -> {
            events.add(e);
            when.add(System.nanoTime());
            if (e instanceof TrainingEvent.BatchScored b && b.iteration() == 3) {
                gate.pause();   // from the sink, on the training thread; resumed from another thread
                Thread resumer = new Thread(() -> {
                    sleep(400);
                    resumedAt.set(System.nanoTime());
                    gate.resume();
                });
                resumer.start();
            }
        }, new CancelToken(), gate);
        long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;

        assertEquals(RunOutcome.FINISHED, paused.outcome());
        int p = indexOf(events, TrainingEvent.Paused.class);
        assertEquals(new TrainingEvent.BatchScored(1, 4, 3, ((TrainingEvent.BatchScored) events.get(p - 1)).loss()), events.get(p - 1));
        assertEquals(new TrainingEvent.Paused(1, 4), events.get(p), "paused before the fifth batch");
        TrainingEvent.Resumed resumed = assertInstanceOf(TrainingEvent.Resumed.class, events.get(p + 1), "no batch while paused");
        assertEquals(1, resumed.epoch());
        assertEquals(4, resumed.batch());
        assertTrue(resumed.pausedMillis() >= 350, "paused for " + resumed.pausedMillis());
        assertTrue(when.get(p + 2) >= resumedAt.get(), "the next batch ran only after resume()");
        assertEquals(1, events.stream().filter(e -> e instanceof TrainingEvent.Paused).count());
        assertEquals(3 * 19, events.stream().filter(e -> e instanceof TrainingEvent.BatchScored).count(), "no batch lost or repeated");

        TrainingEvent.Finished finished = assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
        assertTrue(finished.elapsedMillis() <= wallMillis - 350, "elapsed " + finished.elapsedMillis() + " ms leaves out the pause (wall "
                + wallMillis + " ms)");
        assertEquals(finished.elapsedMillis(), paused.elapsedMillis());
        assertTrue(paused.epochs().get(0).elapsedMillis() < resumed.pausedMillis(), "the first epoch's time too");

        // The pause changed nothing in the training: the same weights as an uninterrupted run with the same seed.
        TrainingResult straight = Trainer.train(spec, data, null, e -> { }, new CancelToken());
        assertEquals(straight.last().network().params(), paused.last().network().params());
        assertTrue(Evaluator.evaluate(paused.model(), TestData.bars(90, 9)).accuracy() > 0.5, "a usable model");
    }

    @Test void cancellingWhilePausedEndsTheRun() throws Exception {
        PauseGate gate = new PauseGate();
        CancelToken cancel = new CancelToken();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(TestData.barCnn(3), TestData.bars(300, 2), null, e -> {
            events.add(e);
            if (e instanceof TrainingEvent.BatchScored b && b.iteration() == 1) {
                gate.pause();
                new Thread(() -> {
                    sleep(200);
                    cancel.cancel();
                }).start();
            }
        }, cancel, gate);
        assertEquals(RunOutcome.CANCELLED, result.outcome());
        assertEquals(2, events.stream().filter(e -> e instanceof TrainingEvent.BatchScored).count());
        int p = indexOf(events, TrainingEvent.Paused.class);
        assertInstanceOf(TrainingEvent.Resumed.class, events.get(p + 1));
        assertInstanceOf(TrainingEvent.Cancelled.class, events.get(p + 2));
        assertTrue(gate.isPaused(), "cancel does not touch the gate");
    }

    @Test void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() throws Exception {
        // A min delta so large that nothing after the first epoch counts as an improvement.
        NetworkSpec spec = TestData.barCnn(10);
        spec = spec.withTraining(spec.training().withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 2, 1e9)));
        var split = TestData.bars(300, 6).split(0.2, 1);
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(spec, split.first(), split.second(), events::add, new CancelToken());

        assertEquals(RunOutcome.EARLY_STOPPED, result.outcome());
        assertEquals(3, result.epochs().size(), "patience 2: the first epoch, then two without improvement");
        TrainingEvent.EarlyStopped stopped = assertInstanceOf(TrainingEvent.EarlyStopped.class, events.get(events.size() - 2));
        assertEquals(3, stopped.epoch());
        assertEquals(result.bestEpoch(), stopped.bestEpoch());
        assertTrue(stopped.reason().startsWith("Validation loss has not improved by more than 1000000000 for 2 epochs"), stopped.reason());
        assertTrue(stopped.reason().endsWith("is from epoch " + result.bestEpoch() + "."), stopped.reason());
        assertEquals(stopped.reason(), result.stopReason());
        assertEquals(stopped.reason(), result.message());
        assertNull(result.failure());
        TrainingEvent.Finished finished = assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
        assertEquals(3, finished.epochsCompleted());
        assertEquals(3, result.last().network().getEpochCount(), "no epoch trained after the stop");

        // With an ordinary min delta the same run goes on: the stop above came from the rule, not from the data.
        NetworkSpec patient = spec.withTraining(spec.training().withEpochs(4)
                .withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_ACCURACY, 3, 0)));
        assertEquals(RunOutcome.FINISHED, Trainer.train(patient, split.first(), split.second(), e -> { }, new CancelToken()).outcome());
    }

    @Test void reduceOnPlateauHalvesTheRateAfterPatienceEpochsWithoutImprovement() throws Exception {
        // Validation labels shifted by one class: the better the network learns the training labels, the worse
        // its validation loss, so the validation loss never improves after the first epoch.
        LabeledData train = TestData.bars(240, 8);
        LabeledData heldOut = TestData.bars(60, 9);
        int[] shifted = new int[heldOut.size()];
        for (int i = 0; i < shifted.length; i++) shifted[i] = (heldOut.labels()[i] + 1) % 3;
        LabeledData wrong = new LabeledData(heldOut.exampleShape(), heldOut.classes(), heldOut.features(), shifted);
        NetworkSpec spec = TestData.barCnn(6);
        spec = spec.withTraining(spec.training().withLearningRate(0.01).withSchedule(LearningRateSchedule.plateau(0.5, 2)));
        TrainingResult result = Trainer.train(spec, train, wrong, e -> { }, new CancelToken());

        assertEquals(RunOutcome.FINISHED, result.outcome());
        double first = result.epochs().get(0).validationLoss();
        assertTrue(result.epochs().stream().allMatch(e -> e.validationLoss() > first - LearningRateSchedule.PLATEAU_MIN_DELTA),
                "precondition: no improvement after epoch 1 " + result.epochs());
        // Epochs 2 and 3 without improvement → halved from epoch 4; epochs 4 and 5 → halved again from epoch 6.
        assertEquals(List.of(0.01, 0.01, 0.01, 0.005, 0.005, 0.0025), rates(result));
        assertEquals(0.0025, result.last().network().getLearningRate(0), 1e-12, "DL4J trained with the lowered rate");

        // The same run validated on the true labels improves, so the rate stays.
        TrainingResult improving = Trainer.train(spec.withTraining(spec.training().withEpochs(3)), train, heldOut, e -> { }, new CancelToken());
        assertEquals(List.of(0.01, 0.01, 0.01), rates(improving));
    }

    @Test void earlyStoppingAndPlateauNeedValidationData() {
        NetworkSpec spec = TestData.barCnn(3);
        NetworkSpec stopping = spec.withTraining(spec.training().withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0)));
        var e = assertThrows(InvalidNetworkException.class, () -> Trainer.train(stopping, TestData.bars(30, 1), null, x -> { }, new CancelToken()));
        assertEquals("Early stopping watches the validation loss, but there is no validation data. Set a validation split such as 0.1, "
                + "or turn early stopping off.", e.getMessage());
        NetworkSpec plateau = spec.withTraining(spec.training().withSchedule(LearningRateSchedule.plateau(0.5, 1)));
        e = assertThrows(InvalidNetworkException.class, () -> Trainer.train(plateau, TestData.bars(30, 1), null, x -> { }, new CancelToken()));
        assertTrue(e.getMessage().startsWith("The reduce-on-plateau schedule watches the validation loss, but there is no validation data."));
    }

    @Test void l2IsCompiledAndKeepsTheWeightsSmaller() throws Exception {
        NetworkSpec plain = TestData.barCnn(6);
        NetworkSpec penalised = plain.withTraining(plain.training().withL2(0.05));
        var conf = NetworkCompiler.compile(penalised).configuration();
        for (int i : new int[] {0, 2, 3}) {   // Conv2D, Dense, Output: the layers with weights
            var layer = (BaseLayer) conf.getConf(i).getLayer();
            var l2 = (L2Regularization) layer.getRegularization().get(0);
            assertEquals(0.05, l2.getL2().valueAt(0, 0));
            assertTrue(layer.getRegularizationBias().isEmpty(), "biases are not penalised");
        }
        assertTrue(((BaseLayer) NetworkCompiler.compile(plain).configuration().getConf(0).getLayer())
                .getRegularization().isEmpty());

        LabeledData data = TestData.bars(300, 3);
        double without = weightNorm(Trainer.train(plain, data, null, e -> { }, new CancelToken()));
        double with = weightNorm(Trainer.train(penalised, data, null, e -> { }, new CancelToken()));
        assertTrue(with < 0.8 * without, "same seed and data; L2 shrinks the weights: " + with + " vs " + without);
    }

    /** The sum of squares of every weight (not bias) of a trained network. */
    private static double weightNorm(TrainingResult result) {
        assertEquals(RunOutcome.FINISHED, result.outcome());
        double sum = 0;
        for (var p : result.last().network().paramTable().entrySet()) {
            if (p.getKey().endsWith("_W")) sum += p.getValue().norm2Number().doubleValue() * p.getValue().norm2Number().doubleValue();
        }
        return sum;
    }

    private static int indexOf(List<TrainingEvent> events, Class<? extends TrainingEvent> type) {
        for (int i = 0; i < events.size(); i++) if (type.isInstance(events.get(i))) return i;
        throw new AssertionError("no " + type.getSimpleName() + " in " + events);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test void dataThatDoesNotFitTheNetworkIsRefusedWithAFix() {
        NetworkSpec tenClasses = SampleData.spec("mlp.json");
        var e = assertThrows(InvalidNetworkException.class,
                () -> Trainer.train(tenClasses, TestData.bars(30, 1), null, x -> { }, new CancelToken()));
        assertTrue(e.getMessage().startsWith("The network takes inputs of 28×28×1 but the data has examples of 8×8×1"), e.getMessage());

        NetworkSpec cnn = TestData.barCnn(1);
        LabeledData twoClasses = new LabeledData(TestData.bars(4, 1).exampleShape(), List.of("a", "b"),
                new float[][] {new float[64], new float[64]}, new int[] {0, 1});
        e = assertThrows(InvalidNetworkException.class, () -> Trainer.train(cnn, twoClasses, null, x -> { }, new CancelToken()));
        assertTrue(e.getMessage().contains("Set the Output layer's units to 2"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }
}
