package org.modelstudio.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * How a model server listens and what it allows. The defaults are safe: loopback only, no cross-origin access, a body
 * limit of {@value #DEFAULT_MAX_BODY_MB} MB, a bounded queue, and a deadline for each request to arrive.
 *
 * @param bind           the address to listen on; anything but loopback needs a token
 * @param port           0 for any free port
 * @param token          the bearer token every request except the health checks must carry; null for none
 * @param maxBodyBytes   larger bodies are refused with 413 before they are read
 * @param maxBatch       at most this many examples go through the network in one forward pass
 * @param maxQueue       requests waiting for the network beyond this are refused with 503 and Retry-After
 * @param batchWait      how long a forward pass may wait for requests that are already being read, to batch them
 * @param requestTimeout a request (headers and body) must arrive within this time of its first byte; otherwise the
 *                       connection is closed (408 when the body was late)
 * @param maxConnections connections beyond this wait to be accepted
 * @param allowOrigin    the browser origin allowed to call the server (CORS), "*" for any; null for none
 */
public record ServerOptions(String bind, int port, String token, long maxBodyBytes, int maxBatch, int maxQueue, Duration batchWait,
                            Duration requestTimeout, int maxConnections, String allowOrigin) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_MB = 8;
    public static final int DEFAULT_MAX_BATCH = 64;
    public static final int DEFAULT_MAX_QUEUE = 256;

    public ServerOptions {
        if (bind == null || bind.isBlank()) throw new IllegalArgumentException("the address to listen on is empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("the port must be from 0 to 65535, not " + port);
        if (token != null && token.isBlank()) token = null;
        if (token != null && (token.length() < 8 || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalArgumentException("the token must be at least 8 visible ASCII characters without spaces");
        }
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("the body limit must be at least 1024 bytes, not " + maxBodyBytes);
        if (maxBatch < 1) throw new IllegalArgumentException("the largest batch must be at least 1, not " + maxBatch);
        if (maxQueue < 1) throw new IllegalArgumentException("the queue must hold at least 1 request, not " + maxQueue);
        if (batchWait.isNegative() || batchWait.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("the batching wait must be from 0 to 100 ms, not " + batchWait.toMillis() + " ms");
        }
        if (requestTimeout.compareTo(Duration.ofMillis(100)) < 0) throw new IllegalArgumentException("the request timeout must be at least 100 ms");
        if (maxConnections < 1) throw new IllegalArgumentException("at least 1 connection must be allowed, not " + maxConnections);
        if (allowOrigin != null && allowOrigin.isBlank()) allowOrigin = null;
    }

    /** Loopback on port 8080, no token, the default limits. */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", DEFAULT_PORT, null, DEFAULT_MAX_BODY_MB * 1024L * 1024L, DEFAULT_MAX_BATCH, DEFAULT_MAX_QUEUE,
                Duration.ofMillis(1), Duration.ofSeconds(10), 1024, null);
    }

    public ServerOptions withBind(String value) { return new ServerOptions(value, port, token, maxBodyBytes, maxBatch, maxQueue, batchWait,
            requestTimeout, maxConnections, allowOrigin); }
    public ServerOptions withPort(int value) { return new ServerOptions(bind, value, token, maxBodyBytes, maxBatch, maxQueue, batchWait,
            requestTimeout, maxConnections, allowOrigin); }
    public ServerOptions withToken(String value) { return new ServerOptions(bind, port, value, maxBodyBytes, maxBatch, maxQueue, batchWait,
            requestTimeout, maxConnections, allowOrigin); }
    public ServerOptions withMaxBody(long value) { return new ServerOptions(bind, port, token, value, maxBatch, maxQueue, batchWait, requestTimeout,
            maxConnections, allowOrigin); }
    public ServerOptions withMaxBatch(int value) { return new ServerOptions(bind, port, token, maxBodyBytes, value, maxQueue, batchWait,
            requestTimeout, maxConnections, allowOrigin); }
    public ServerOptions withMaxQueue(int value) { return new ServerOptions(bind, port, token, maxBodyBytes, maxBatch, value, batchWait,
            requestTimeout, maxConnections, allowOrigin); }
    public ServerOptions withBatchWait(Duration value) { return new ServerOptions(bind, port, token, maxBodyBytes, maxBatch, maxQueue, value,
            requestTimeout, maxConnections, allowOrigin); }
    public ServerOptions withRequestTimeout(Duration value) { return new ServerOptions(bind, port, token, maxBodyBytes, maxBatch, maxQueue, batchWait,
            value, maxConnections, allowOrigin); }
    public ServerOptions withMaxConnections(int value) { return new ServerOptions(bind, port, token, maxBodyBytes, maxBatch, maxQueue, batchWait,
            requestTimeout, value, allowOrigin); }
    public ServerOptions withAllowOrigin(String value) { return new ServerOptions(bind, port, token, maxBodyBytes, maxBatch, maxQueue, batchWait,
            requestTimeout, maxConnections, value); }

    /**
     * Refuses to listen beyond this machine without a token: anyone on the network could otherwise use the models.
     *
     * @throws IllegalArgumentException with the reason, when the address is not loopback and there is no token, or it
     *                                  does not name an address of this machine
     */
    public void checkSafe() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + bind + "\" is not an address of this machine");
        }
        if (!address.isLoopbackAddress() && token == null) {
            throw new IllegalArgumentException("listening on " + bind + " would let anyone who can reach this machine use the models; "
                    + "give a token (--token or --token-file), or listen on 127.0.0.1 only");
        }
    }

    /** The host part of the server's URL: a wildcard address is shown as this machine's loopback. */
    String urlHost() {
        String host = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host.toLowerCase(Locale.ROOT);
    }
}
