package org.modelstudio.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's most recent requests, for a person watching (the studio's Serve window): a ring of the last
 * {@value #CAPACITY}, each with a sequence number so that a reader asks only for what is new. Adding costs one short
 * lock; nothing is pushed to a reader.
 */
public final class RequestLog {
    static final int CAPACITY = 1000;

    /**
     * One answered request.
     *
     * @param client  the caller's address
     * @param model   the model's name and version ("fashion v2"), or empty
     * @param input   what was sent: "3 images", "1 text", "tensor [2, 784]", or the endpoint for other requests
     * @param answer  what was answered: the first label, "≈ 152.3", or the error sentence
     */
    public record Entry(long seq, Instant time, String client, String method, String path, String model, String input, int status,
                        String answer, double millis) {}

    private final Entry[] ring = new Entry[CAPACITY];
    private long next;

    synchronized void add(Instant time, String client, String method, String path, String model, String input, int status, String answer,
                          double millis) {
        ring[(int) (next % CAPACITY)] = new Entry(next, time, client, method, path, model, input, status, answer, millis);
        next++;
    }

    /** The entries after sequence number {@code seq} (-1 for all kept), oldest first; older ones may have been dropped. */
    public synchronized List<Entry> after(long seq) {
        long from = Math.max(seq + 1, next - CAPACITY);
        List<Entry> out = new ArrayList<>((int) Math.max(0, next - from));
        for (long s = from; s < next; s++) out.add(ring[(int) (s % CAPACITY)]);
        return out;
    }

    /** How many requests were logged in all. */
    public synchronized long total() { return next; }
}
