package org.modelstudio.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every request must arrive whole, headers and body, within a time of its first byte. A client that sends a byte a
 * second is cut off then (408 with a sentence when it was its body that was late). Jetty reads headers without a
 * thread and bodies are read on demand, so such a client never holds a worker meanwhile; this only frees its
 * connection.
 * <p>
 * The clock starts when the server has read a request's first byte, not when the connection opened: under load the
 * server may accept and read a connection late, and a client that sent its whole request at once must not be cut off
 * for the server's slowness. A connection that sends nothing at all is closed by Jetty's idle timeout. The time the
 * model takes does not count.
 */
final class RequestDeadlines implements Connection.Listener {
    private static final long NONE = Long.MAX_VALUE;

    /**
     * A connection's state: the bytes it had read when it last became ready for a request, its deadline once the next
     * request has begun, and what to do when the deadline passes (answer 408 while a body is awaited, else close).
     */
    private static final class State {
        volatile boolean waiting = true;
        volatile long bytesAtReady;
        volatile long deadline = NONE;
        volatile Runnable onTimeout;
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
        connections.put(connection, new State());
    }

    @Override public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    /** The headers are in; the body is awaited until the same deadline, and {@code onTimeout} answers if it is late. */
    void awaitingBody(Connection connection, Runnable onTimeout) {
        State s = connections.get(connection);
        if (s == null) return;
        if (s.deadline == NONE) s.deadline = System.nanoTime() + timeoutNanos;
        s.onTimeout = onTimeout;
    }

    /** The request is in whole: no deadline while the model works. */
    void arrived(Connection connection) {
        State s = connections.get(connection);
        if (s == null) return;
        s.waiting = false;
        s.onTimeout = null;
        s.deadline = NONE;
    }

    /** The answer was sent: the clock of the next request on this connection starts with its first byte. */
    void answered(Connection connection) {
        State s = connections.get(connection);
        if (s == null) return;
        s.onTimeout = null;
        s.deadline = NONE;
        s.bytesAtReady = connection.getBytesIn();
        s.waiting = true;
    }

    /** Open connections being watched. */
    int open() { return connections.size(); }

    private void sweep() {
        long now = System.nanoTime();
        connections.forEach((connection, s) -> {
            if (!s.waiting) return;
            long deadline = s.deadline;
            if (deadline == NONE) {
                if (connection.getBytesIn() > s.bytesAtReady) s.deadline = now + timeoutNanos;
                return;
            }
            if (deadline - now > 0) return;
            s.deadline = NONE;
            s.waiting = false;
            Runnable answer = s.onTimeout;
            s.onTimeout = null;
            if (answer != null) answer.run(); else connection.getEndPoint().close();
        });
    }
}
