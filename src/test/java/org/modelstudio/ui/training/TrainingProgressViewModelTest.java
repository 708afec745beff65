package org.modelstudio.ui.training;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.engine.train.TrainingResult;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the end of a run is said, without the window. */
class TrainingProgressViewModelTest {
    private final TrainingProgressViewModel words = new TrainingProgressViewModel();

    private static final List<TrainingEvent.EpochEvaluated> TWO_EPOCHS = List.of(
            new TrainingEvent.EpochEvaluated(1, 0.9, 0.71, 0.8, 0.74, 0.001, 1000, 2000),
            new TrainingEvent.EpochEvaluated(2, 0.5, 0.83, 0.55, 0.81, 0.001, 3000, 4000));

    @Test void aStoppedRunSaysHowFarItGotInTheStripTheLogAndTheStatus() {
        words.preparing("MLP", false);
        assertEquals("Preparing MLP…", words.statusProperty().get());
        words.ended(new TrainingResult(null, null, 2, TWO_EPOCHS, RunOutcome.CANCELLED, null, 65_000), null, 5);
        StatusStrip strip = words.statusStripProperty().get();
        assertEquals("Epoch 2/5", strip.epoch());
        assertEquals("2,000 samples/s", strip.speed(), "the mean of the epochs' speeds");
        assertEquals("Elapsed 1:05", strip.elapsed());
        assertEquals("Stopped", strip.eta());
        assertEquals(StatusStrip.idle().batch(), strip.batch(), "a stopped run keeps the batch it was at");
        assertEquals(List.of("[1:05] Stopped by you after 2 epoch(s)."), words.log());
        assertTrue(words.statusProperty().get().startsWith("Stopped after 2 complete epoch(s), validation accuracy 81.0%"),
                words.statusProperty().get());
        assertFalse(words.failedProperty().get());
    }

    @Test void aFailedRunIsSaidAsAFailureAndTheNextRunClearsIt() {
        words.ended(new TrainingResult(null, null, 0, List.of(), RunOutcome.FAILED, "The loss became infinite.", 1_000), null, 3);
        assertTrue(words.failedProperty().get());
        assertEquals("The loss became infinite.", words.statusProperty().get());
        assertEquals(List.of("[0:01] Failed: The loss became infinite."), words.log());

        words.preparing("MLP", true);
        assertFalse(words.failedProperty().get());
        assertTrue(words.log().isEmpty());
        assertEquals(StatusStrip.idle(), words.statusStripProperty().get());
    }

    @Test void theTestResultFollowsTheLogAndTheStatus() {
        words.ended(new TrainingResult(null, null, 2, TWO_EPOCHS, RunOutcome.CANCELLED, null, 5_000), "On the 60 test examples: 80%.", 2);
        assertEquals("[0:05] On the 60 test examples: 80%.", words.log().get(0));
        assertTrue(words.statusProperty().get().endsWith(" On the 60 test examples: 80%."), words.statusProperty().get());
    }
}
