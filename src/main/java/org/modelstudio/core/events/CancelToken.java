package org.modelstudio.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Asked between batches; once cancelled, training stops after the current batch. */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) listeners.forEach(Runnable::run);
    }

    public boolean isCancelled() { return cancelled.get(); }

    /** A listener's registration; closing it removes the listener. */
    public interface Registration extends AutoCloseable {
        @Override void close();
    }

    /**
     * Runs {@code listener} on the cancelling thread when the token is cancelled (at once if it already is),
     * so that a waiting thread can be woken. Close the returned handle when it is no longer needed.
     */
    public Registration onCancel(Runnable listener) {
        listeners.add(listener);
        if (cancelled.get() && listeners.remove(listener)) listener.run();
        return () -> listeners.remove(listener);
    }
}
