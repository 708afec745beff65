package org.modelstudio.ui.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands results from a worker thread to the FX thread in chunks: at most one hand-over is pending at a time, and a new
 * one is only asked for when {@code intervalNanos} have passed since the last, so 1 000 results arrive in a handful of
 * chunks, not 1 000 {@code Platform.runLater} calls. {@link #flush()} hands over the rest at the end.
 */
final class ChunkedDelivery<T> {
    private final Executor fx;
    private final long intervalNanos;
    private final Consumer<List<T>> onChunk;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastAsked;

    /** @param fx runs the hand-over on the FX thread ({@code Platform::runLater}) */
    ChunkedDelivery(Executor fx, long intervalNanos, Consumer<List<T>> onChunk) {
        this.fx = fx;
        this.intervalNanos = intervalNanos;
        this.onChunk = onChunk;
        this.lastAsked = System.nanoTime();
    }

    /** From the worker. */
    void add(T item) {
        queue.add(item);
        long now = System.nanoTime();
        if (now - lastAsked >= intervalNanos && pending.compareAndSet(false, true)) {
            lastAsked = now;
            fx.execute(this::drain);
        }
    }

    /** From the worker, when it is done: whatever is left is handed over. */
    void flush() {
        fx.execute(this::drain);
    }

    private void drain() {
        pending.set(false);
        List<T> chunk = new ArrayList<>();
        for (T t = queue.poll(); t != null; t = queue.poll()) chunk.add(t);
        if (!chunk.isEmpty()) onChunk.accept(chunk);
    }
}
