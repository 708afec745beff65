package org.modelstudio.ui.training;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.events.TrainingEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunProgressTest {
    private static final long MS = 1_000_000L;

    @Test void theStripSaysWhereTheRunIsAtMostFourTimesASecondAndLeavesPausesOut() {
        RunProgress p = new RunProgress(32);
        p.started(new TrainingEvent.Started(2, 100, 3200, 320), 0);
        RunProgress.Update first = p.batch(new TrainingEvent.BatchScored(1, 50, 49, 0.9), 10_000 * MS);
        assertNotNull(first);
        assertEquals(new StatusStrip("Epoch 1/2", "Batch 50/100", "– samples/s", "Elapsed 0:10", "Time left 0:30"), first.strip());
        assertEquals(50, first.done());
        assertEquals(200, first.total());
        assertNull(p.batch(new TrainingEvent.BatchScored(1, 51, 50, 0.9), 10_100 * MS), "a tenth of a second later the window is not told");

        // Paused for 60 s: the elapsed time and the speed leave it out.
        p.resumed(new TrainingEvent.Resumed(1, 60, 60_000));
        RunProgress.Update later = p.batch(new TrainingEvent.BatchScored(1, 100, 99, 0.5), 80_000 * MS);
        assertEquals("Elapsed 0:20", later.strip().elapsed());
        assertEquals("Time left 0:20", later.strip().eta());
        assertEquals("160 samples/s", later.strip().speed(), "50 batches of 32 in the 10 s trained since the last update");
        assertEquals(20_000, p.elapsedMillis(80_000 * MS));
        assertNotNull(p.batch(new TrainingEvent.BatchScored(2, 100, 199, 0.4), 80_001 * MS), "the last batch is always said");
    }

    @Test void timesReadAsAClockOrADuration() {
        assertEquals("0:42", RunProgress.clock(42));
        assertEquals("1:02:09", RunProgress.clock(3729));
        assertEquals("42 s", RunProgress.duration(42));
        assertEquals("3 min 05 s", RunProgress.duration(185));
    }
}
