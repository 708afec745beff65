package org.modelstudio.core.events;

import java.util.concurrent.atomic.AtomicBoolean;

/** Asked between batches; once cancelled, training stops after the current batch. */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() { cancelled.set(true); }

    public boolean isCancelled() { return cancelled.get(); }
}
