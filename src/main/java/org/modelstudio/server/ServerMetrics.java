package org.modelstudio.server;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server has done, in Prometheus' text format: requests by model, endpoint and status, a latency histogram,
 * the examples per forward pass, and the queue. Counting is lock-free; only {@link #prometheus} walks the counters.
 * A model name only appears once it is served, so clients cannot make up label values.
 */
public final class ServerMetrics implements Batcher.Listener {
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private record Key(String model, String endpoint, int status) {}

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(LATENCY_BUCKETS);
    private final Histogram batches = new Histogram(BATCH_BUCKETS);
    private final Histogram forwardSeconds = new Histogram(LATENCY_BUCKETS);

    /** One answered request; {@code model} is empty when the request named no served model. */
    void request(String model, String endpoint, int status, long nanos) {
        requests.computeIfAbsent(new Key(model, endpoint, status), k -> new LongAdder()).increment();
        latency.observe(nanos / 1e9);
    }

    @Override public void batched(int examples, long nanos) {
        batches.observe(examples);
        forwardSeconds.observe(nanos / 1e9);
    }

    /** Requests answered so far. */
    public long requests() {
        return latency.count.sum();
    }

    /** The sum of all requests' latencies, in seconds. */
    public double latencySeconds() {
        return latency.sum.sum();
    }

    /** Forward passes so far and the examples they took, for the mean batch size. */
    public long forwardPasses() { return batches.count.sum(); }

    public double batchedExamples() { return batches.sum.sum(); }

    /**
     * @param queues     each served version's waiting requests, by "model/version"
     * @param inFlight   requests being read, waiting or being answered
     */
    String prometheus(Map<String, Integer> queues, long inFlight) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP modelstudio_requests_total Requests answered, by model, endpoint and HTTP status.\n");
        sb.append("# TYPE modelstudio_requests_total counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        requests.forEach((k, v) -> sorted.put("{model=\"" + k.model() + "\",endpoint=\"" + k.endpoint() + "\",status=\"" + k.status() + "\"}", v.sum()));
        sorted.forEach((labels, n) -> sb.append("modelstudio_requests_total").append(labels).append(' ').append(n).append('\n'));
        latency.write(sb, "modelstudio_request_duration_seconds", "Time from a request's arrival to its answer, in seconds.");
        batches.write(sb, "modelstudio_batch_size", "Examples per forward pass (dynamic batching gathers concurrent requests).");
        forwardSeconds.write(sb, "modelstudio_forward_duration_seconds", "Time of one forward pass, in seconds.");
        sb.append("# HELP modelstudio_queue_length Requests waiting for the network, by model and version.\n");
        sb.append("# TYPE modelstudio_queue_length gauge\n");
        new TreeMap<>(queues).forEach((mv, n) -> {
            int slash = mv.indexOf('/');
            sb.append("modelstudio_queue_length{model=\"").append(mv, 0, slash).append("\",version=\"").append(mv.substring(slash + 1))
                    .append("\"} ").append(n).append('\n');
        });
        sb.append("# HELP modelstudio_requests_in_flight Requests being read, waiting or being answered.\n");
        sb.append("# TYPE modelstudio_requests_in_flight gauge\n");
        sb.append("modelstudio_requests_in_flight ").append(inFlight).append('\n');
        return sb.toString();
    }

    /** A Prometheus histogram with fixed upper bounds. */
    private static final class Histogram {
        private final double[] bounds;
        private final LongAdder[] counts;
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new LongAdder[bounds.length];
            for (int i = 0; i < bounds.length; i++) counts[i] = new LongAdder();
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    counts[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(v);
        }

        void write(StringBuilder sb, String name, String help) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
            sb.append("# TYPE ").append(name).append(" histogram\n");
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts[i].sum();
                sb.append(name).append("_bucket{le=\"").append(format(bounds[i])).append("\"} ").append(cumulative).append('\n');
            }
            sb.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
            sb.append(name).append("_sum ").append(format(sum.sum())).append('\n');
            sb.append(name).append("_count ").append(count.sum()).append('\n');
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
