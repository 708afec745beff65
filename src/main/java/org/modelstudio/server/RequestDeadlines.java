package org.modelstudio.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every request must arrive whole, headers and body, within a time of its connection opening or of the previous answer
 * on it. A client that sends a byte a second, or opens a connection and says nothing, is cut off then. Jetty reads
 * headers without a thread and bodies are read on demand, so such a client never holds a worker meanwhile; this only
 * frees its connection. The time the model takes does not count.
 */
final class RequestDeadlines implements Connection.Listener {
    private static final long NONE = Long.MAX_VALUE;

    /** A connection's deadline and what to do when it passes: answer 408 while a body is awaited, else close. */
    private static final class State {
        volatile long deadline;
        volatile Runnable onTimeout;

        State(long deadline) { this.deadline = deadline; }
    }

    private final long timeoutNanos;
    private final Map<Connection, State> connections = new ConcurrentHashMap<>();
    private Scheduler.Task sweep;

    RequestDeadlines(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Checks the deadlines {@code every} milliseconds on {@code scheduler} until {@link #stop()}. */
    void start(Scheduler scheduler, long every) {
        sweep = scheduler.schedule(() -> {
            sweep();
            start(scheduler, every);
        }, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (sweep != null) sweep.cancel();
    }

    @Override public void onOpened(Connection connection) {
        connections.put(connection, new State(System.nanoTime() + timeoutNanos));
    }

    @Override public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    /** The headers are in; the body is awaited until the same deadline, and {@code onTimeout} answers if it is late. */
    void awaitingBody(Connection connection, Runnable onTimeout) {
        State s = connections.get(connection);
        if (s != null) s.onTimeout = onTimeout;
    }

    /** The request is in whole: no deadline while the model works. */
    void arrived(Connection connection) {
        State s = connections.get(connection);
        if (s != null) {
            s.onTimeout = null;
            s.deadline = NONE;
        }
    }

    /** The answer was sent: the next request on this connection has the full time again. */
    void answered(Connection connection) {
        State s = connections.get(connection);
        if (s != null) {
            s.onTimeout = null;
            s.deadline = System.nanoTime() + timeoutNanos;
        }
    }

    /** Open connections being watched. */
    int open() { return connections.size(); }

    private void sweep() {
        long now = System.nanoTime();
        connections.forEach((connection, s) -> {
            long deadline = s.deadline;
            if (deadline == NONE || deadline - now > 0) return;
            s.deadline = NONE;
            Runnable answer = s.onTimeout;
            s.onTimeout = null;
            if (answer != null) answer.run(); else connection.getEndPoint().close();
        });
    }
}
