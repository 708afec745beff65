package org.modelstudio.ui.data;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.concurrent.Task;
import org.modelstudio.core.events.CancelToken;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * The Data tab's reading of the chosen data in the background, one read at a time: a folder scanned, a table or texts
 * prepared, the sample loaded. Choosing other data cancels the read under way, and only the newest read's outcome is
 * delivered, on the FX thread; a read the person cancelled delivers its failure (a cancellation) so it can be said.
 */
final class BackgroundRead {
    /** One read: what it does off the FX thread, reporting progress (0 to 1) and watching its cancel token. */
    interface Work<T> {
        T run(DoubleConsumer progress, CancelToken cancel) throws Exception;
    }

    private final ExecutorService executor;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private CancelToken current = new CancelToken();

    BackgroundRead(ExecutorService executor) { this.executor = executor; }

    ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** From 0 to 1, or -1 while a read cannot tell how far it is. */
    ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** Cancels the read under way, if any. */
    void cancel() { current.cancel(); }

    /**
     * Starts {@code work}, cancelling the read before it. {@code measured}: whether it reports its progress (else the
     * progress shows it busy).
     */
    <T> void start(Work<T> work, boolean measured, Consumer<T> done, Consumer<Throwable> failed) {
        current.cancel();
        CancelToken cancel = new CancelToken();
        current = cancel;
        running.set(true);
        progress.set(measured ? 0 : -1);
        Task<T> task = new Task<>() {
            @Override protected T call() throws Exception {
                return work.run(p -> updateProgress(p, 1), cancel);
            }
        };
        if (measured) progress.bind(task.progressProperty());
        task.setOnSucceeded(e -> {
            if (finished(cancel)) done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            if (finished(cancel)) failed.accept(task.getException());
        });
        executor.execute(task);
    }

    /** Whether the read with {@code token} is still the newest; if so, it is over. */
    private boolean finished(CancelToken token) {
        if (token != current) return false;
        progress.unbind();
        running.set(false);
        return true;
    }
}
