package org.modelstudio.core.events;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pauses a training run between batches. Any thread may {@link #pause()} and {@link #resume()}; the training
 * thread calls {@link #awaitResumed(CancelToken)} between batches, which blocks (without spinning) while the
 * gate is paused and returns as soon as it is resumed or the run is cancelled.
 */
public final class PauseGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean paused;

    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns at once when not paused; otherwise waits until resumed or until {@code cancel} is cancelled.
     * If the waiting thread is interrupted it stops waiting and keeps its interrupt status set, so the gate
     * may still be paused on return: check {@link #isPaused()}.
     *
     * @return how long it waited, in nanoseconds (0 when it did not wait)
     */
    public long awaitResumed(CancelToken cancel) {
        if (!isPaused() || cancel.isCancelled()) return 0;
        long start = System.nanoTime();
        // The listener takes the lock to signal, so a cancel between the check and await() cannot be missed.
        CancelToken.Registration wake = cancel.onCancel(this::wakeAll);
        lock.lock();
        try {
            while (paused && !cancel.isCancelled()) changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
            wake.close();
        }
        return System.nanoTime() - start;
    }

    private void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
