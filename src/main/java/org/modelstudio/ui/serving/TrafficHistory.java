package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Requests per second and their mean latency over the last {@value #WINDOW_SECONDS} seconds, made from the server's two
 * running totals (requests answered, latency summed) read at each poll: one point per second, from the differences.
 * Plain Java, fed on the FX thread by the window's timer.
 */
final class TrafficHistory {
    static final int WINDOW_SECONDS = 120;

    /**
     * One second (or a little more) of traffic.
     *
     * @param nanos     when it ended ({@link System#nanoTime()} scale)
     * @param rate      requests answered per second
     * @param latencyMs their mean time from arrival to answer, in milliseconds; NaN when there were none
     * @param requests  how many were answered
     * @param seconds   how long the point lasted
     */
    record Point(long nanos, double rate, double latencyMs, long requests, double seconds) {}

    private final Deque<Point> points = new ArrayDeque<>();
    private long lastNanos = Long.MIN_VALUE;
    private long lastRequests;
    private double lastLatency;

    /** Reads the totals; returns true when a new point was added (at most one per second). */
    boolean sample(long nanos, long requests, double latencySeconds) {
        if (lastNanos == Long.MIN_VALUE) {
            reset(nanos, requests, latencySeconds);
            return false;
        }
        long elapsed = nanos - lastNanos;
        if (elapsed < 1_000_000_000L) return false;
        long n = requests - lastRequests;
        double latency = latencySeconds - lastLatency;
        points.addLast(new Point(nanos, n / (elapsed / 1e9), n > 0 ? 1000 * latency / n : Double.NaN, n, elapsed / 1e9));
        while (!points.isEmpty() && nanos - points.peekFirst().nanos() > WINDOW_SECONDS * 1_000_000_000L) points.removeFirst();
        lastNanos = nanos;
        lastRequests = requests;
        lastLatency = latencySeconds;
        return true;
    }

    /** Starts again from these totals (a new server). */
    void reset(long nanos, long requests, double latencySeconds) {
        points.clear();
        lastNanos = nanos;
        lastRequests = requests;
        lastLatency = latencySeconds;
    }

    List<Point> points() { return new ArrayList<>(points); }

    /** The newest point's time, or Long.MIN_VALUE before the first. */
    long now() { return points.isEmpty() ? Long.MIN_VALUE : points.peekLast().nanos(); }

    /** "Last 10 s: 4.2 requests/s, 3.1 ms on average.", or a sentence saying nothing came. */
    String summary(int seconds) {
        long end = now();
        long requests = 0;
        double weighted = 0;
        double span = 0;
        for (Point p : points) {
            if (end - p.nanos() >= seconds * 1_000_000_000L) continue;
            requests += p.requests();
            if (p.requests() > 0) weighted += p.latencyMs() * p.requests();
            span += p.seconds();
        }
        if (span == 0) return Texts.get("ui.traffic.none");
        if (requests == 0) return Texts.get("ui.traffic.no-requests", Texts.number(span, 0));
        return Texts.get("ui.traffic.summary", Texts.number(span, 0), Texts.number(requests / span, 1), Texts.number(weighted / requests, 1));
    }
}
