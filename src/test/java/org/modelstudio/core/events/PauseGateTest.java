package org.modelstudio.core.events;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PauseGateTest {

    /** awaitResumed on another thread; completes with the nanoseconds it waited. */
    private static CompletableFuture<Long> waiter(PauseGate gate, CancelToken cancel) {
        return CompletableFuture.supplyAsync(() -> gate.awaitResumed(cancel));
    }

    @Test void anOpenGateDoesNotWait() {
        PauseGate gate = new PauseGate();
        assertFalse(gate.isPaused());
        assertEquals(0, gate.awaitResumed(new CancelToken()));
        gate.pause();
        gate.resume();
        assertEquals(0, gate.awaitResumed(new CancelToken()), "resumed before the training thread got there");
    }

    @Test void aPausedGateBlocksUntilResumed() throws Exception {
        PauseGate gate = new PauseGate();
        gate.pause();
        assertTrue(gate.isPaused());
        CompletableFuture<Long> waited = waiter(gate, new CancelToken());
        assertThrows(TimeoutException.class, () -> waited.get(300, TimeUnit.MILLISECONDS), "still paused");
        gate.resume();
        long nanos = waited.get(2, TimeUnit.SECONDS);
        assertTrue(nanos >= TimeUnit.MILLISECONDS.toNanos(250), "it reports how long it waited: " + nanos);
        assertFalse(gate.isPaused());
    }

    @Test void cancellingReleasesAPausedWaiter() throws Exception {
        PauseGate gate = new PauseGate();
        CancelToken cancel = new CancelToken();
        gate.pause();
        CompletableFuture<Long> waited = waiter(gate, cancel);
        assertThrows(TimeoutException.class, () -> waited.get(200, TimeUnit.MILLISECONDS));
        cancel.cancel();
        waited.get(2, TimeUnit.SECONDS);
        assertTrue(gate.isPaused(), "cancelling does not resume the gate; it only lets the run end");
        assertEquals(0, gate.awaitResumed(cancel), "a cancelled run never waits");
    }

    @Test void anInterruptedWaiterReturnsWithItsInterruptStatus() throws Exception {
        PauseGate gate = new PauseGate();
        gate.pause();
        boolean[] interrupted = new boolean[1];
        Thread t = new Thread(() -> {
            gate.awaitResumed(new CancelToken());
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        t.join(2000);
        assertFalse(t.isAlive());
        assertTrue(interrupted[0]);
    }
}
