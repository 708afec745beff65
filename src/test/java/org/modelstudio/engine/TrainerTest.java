package org.modelstudio.engine;

import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

        assertEquals(TrainingResult.Outcome.FINISHED, result.outcome());
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
        NetworkSpec spec = new NetworkSpec("bars, global pooling", "", new org.modelstudio.core.graph.InputSpec.ImageInput(8, 8, 1),
                List.of(new org.modelstudio.core.graph.LayerSpec.Conv2D(8, 3, org.modelstudio.core.graph.Activation.RELU),
                        new org.modelstudio.core.graph.LayerSpec.GlobalPooling(org.modelstudio.core.graph.LayerSpec.GlobalPooling.Pooling.MAX),
                        new org.modelstudio.core.graph.LayerSpec.Output(3)),
                TrainingConfig.defaults().withEpochs(15).withBatchSize(16).withLearningRate(0.02));
        var split = TestData.bars(450, 7).split(0.2, 3);
        TrainingResult result = Trainer.train(spec, split.first(), split.second(), e -> { }, new CancelToken());
        double acc = Evaluator.evaluate(result.model(), split.second()).accuracy();
        assertTrue(acc > 0.8, "orientation survives max pooling over positions: " + acc);
    }

    @Test void cancelStopsBetweenBatchesAndKeepsTheModel() throws Exception {
        CancelToken cancel = new CancelToken();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(TestData.barCnn(50), TestData.bars(300, 2), null, e -> {
            events.add(e);
            if (e instanceof TrainingEvent.BatchScored b && b.iteration() == 4) cancel.cancel();
        }, cancel);
        assertEquals(TrainingResult.Outcome.CANCELLED, result.outcome());
        assertEquals(5, events.stream().filter(e -> e instanceof TrainingEvent.BatchScored).count());
        assertInstanceOf(TrainingEvent.Cancelled.class, events.get(events.size() - 1));
        assertEquals(3, org.modelstudio.engine.infer.Predictor.predict(result.model(), TestData.bar(0, new java.util.Random(1))).ranked().size());
    }

    @Test void learningRateFollowsTheSchedule() throws Exception {
        NetworkSpec spec = TestData.barCnn(3);
        spec = spec.withTraining(spec.training().withLearningRate(0.01).withSchedule(LearningRateSchedule.step(0.5, 1)));
        TrainingResult result = Trainer.train(spec, TestData.bars(90, 5), null, e -> { }, new CancelToken());
        // After three epochs DL4J's epoch counter is 3: the rate the next epoch would use is 0.01 × 0.5³.
        assertEquals(0.01 * 0.125, result.last().network().getLearningRate(0), 1e-9);
        assertEquals(0.01 * 0.125, spec.training().schedule().rateAt(4, 0.01), 1e-12, "core and DL4J agree");
    }

    @Test void hugeLearningRateIsCaughtAsDivergence() throws Exception {
        NetworkSpec spec = TestData.barCnn(5);
        spec = spec.withTraining(new TrainingConfig(Optimizer.SGD, 1e9, 16, 5, 1, spec.training().loss()));
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(spec, TestData.bars(300, 4), null, events::add, new CancelToken());
        assertEquals(TrainingResult.Outcome.FAILED, result.outcome());
        assertTrue(result.failure().contains("training diverged") && result.failure().contains("learning rate"), result.failure());
        assertInstanceOf(TrainingEvent.Failed.class, events.get(events.size() - 1));
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
