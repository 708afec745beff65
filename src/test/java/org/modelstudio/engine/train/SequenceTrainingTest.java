package org.modelstudio.engine.train;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.infer.ModelRuntime;
import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.InvalidNetworkException;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text-like data trains end to end: token sequences whose class is one keyword among random filler (see
 * {@link TestData#keywordSequences}); chance is 33%. Held-out sequences are new draws the network never saw.
 */
class SequenceTrainingTest {

    private static final LabeledData TRAIN = TestData.keywordSequences(450, 1);
    private static final LabeledData HELD_OUT = TestData.keywordSequences(150, 2);

    private static TrainingResult train(NetworkSpec spec) throws InvalidNetworkException {
        TrainingResult result = Trainer.train(spec, TRAIN, HELD_OUT, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        return result;
    }

    @Test void embeddingWithMaxPoolingFindsTheKeyword() throws Exception {
        TrainingResult result = train(TestData.keywordNetwork("pooling", 8,
                new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX), new LayerSpec.Dense(16, Activation.RELU)));
        double acc = Evaluator.evaluate(result.last(), HELD_OUT).accuracy();
        assertTrue(acc >= 0.8, "3 classes, chance is 33%: " + acc);
        List<TrainingEvent.EpochEvaluated> epochs = result.epochs();
        assertTrue(epochs.get(epochs.size() - 1).trainLoss() < 0.5 * epochs.get(0).trainLoss(),
                "training loss falls: " + epochs.get(0).trainLoss() + " -> " + epochs.get(epochs.size() - 1).trainLoss());
        assertEquals(acc, epochs.get(epochs.size() - 1).validationAccuracy(), 1e-9, "engine metrics agree with DL4J Evaluation");
        assertFalse(Double.isNaN(epochs.get(epochs.size() - 1).trainAccuracy()), "the running training accuracy works after pooling");
    }

    @Test void lstmFindsTheKeyword() throws Exception {
        TrainingResult result = train(TestData.keywordNetwork("lstm", 8, new LayerSpec.Lstm(16, false)));
        double acc = Evaluator.evaluate(result.last(), HELD_OUT).accuracy();
        assertTrue(acc >= 0.8, "3 classes, chance is 33%: " + acc);
        // One sequence of each class, predicted on its own.
        Random r = new Random(9);
        for (int c = 0; c < 3; c++) {
            float[] example = TestData.keywordSequence(c, r);
            assertEquals(3, new ModelRuntime(result.last()).classify(new ModelInput.Tensor(example)).prediction().ranked().size());
        }
    }

    @Test void tokenIdsOutsideTheVocabularyAreRefusedNamingTheExample() {
        float[][] x = TRAIN.first(20).features().clone();
        x[17] = x[17].clone();
        x[17][5] = TestData.TOKEN_VOCABULARY;
        LabeledData bad = new LabeledData(TRAIN.exampleShape(), TRAIN.classes(), x, TRAIN.first(20).labels());
        NetworkSpec spec = TestData.keywordNetwork("pooling", 1, new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX));
        var e = assertThrows(InvalidNetworkException.class, () -> Trainer.train(spec, bad, null, ev -> { }, new CancelToken()));
        assertEquals("Example 17 (counting from 0) has the token id 30 at position 5, but the network's vocabulary is 30 (ids 0 to 29). "
                + "Set the input's vocabulary to at least 31.", e.getMessage());

        x[17][5] = -1;
        e = assertThrows(InvalidNetworkException.class, () -> Trainer.train(spec, bad, null, ev -> { }, new CancelToken()));
        assertEquals("Example 17 (counting from 0) has -1 at position 5, which is not a token id: token ids are whole numbers from 0 to 29.",
                e.getMessage());
        x[17][5] = 2.5f;
        e = assertThrows(InvalidNetworkException.class, () -> Trainer.train(spec, bad, null, ev -> { }, new CancelToken()));
        assertTrue(e.getMessage().startsWith("Example 17 (counting from 0) has 2.5 at position 5, which is not a token id"), e.getMessage());
    }

    @Test void aDifferentVocabularyIsRefusedWithAFix() {
        LabeledData other = new LabeledData(new Shape.Tokens(TestData.TOKEN_LENGTH, 5000), TRAIN.classes(), TRAIN.features(), TRAIN.labels());
        NetworkSpec spec = TestData.keywordNetwork("pooling", 1, new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX));
        var e = assertThrows(InvalidNetworkException.class, () -> Trainer.train(spec, other, null, ev -> { }, new CancelToken()));
        assertEquals("The network takes inputs of 10 tokens from a vocabulary of 30 but the data has examples of 10 tokens from a "
                + "vocabulary of 5000. Change the network's input to 10 tokens from a vocabulary of 5000.", e.getMessage());
        var p = assertThrows(InputRejectedException.class, () -> new ModelRuntime(
                Trainer.train(spec, TRAIN.first(30), null, ev -> { },
                        new CancelToken()).last()).classify(new ModelInput.Tensor(new float[] {0, 1, 2, 3, 99, 5, 6, 7, 8, 9})));
        assertTrue(p.reason().startsWith("has the token id 99 at position 4"), p.reason());
    }
}
