package org.modelstudio.server;

import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local prediction server for trained models, speaking the Open Inference Protocol v2 over HTTP/1.1 (the protocol of
 * Triton, KServe, Seldon MLServer and OpenVINO Model Server), started from the studio or the command line.
 * <p>
 * Jetty's core server (no servlets) carries it: it reads request headers with a selector, not a thread per client,
 * and bodies are read on demand, so slow or idle clients hold no worker; requests are handled without waiting on the
 * model, whose forward passes run on each model version's own thread with dynamic batching ({@link Batcher}).
 */
public final class ModelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    private final ServerOptions options;
    private final ServerMetrics metrics = new ServerMetrics();
    private final RequestLog log = new RequestLog();
    private final ModelRegistry registry;
    private final Server jetty;
    private final ServerConnector connector;
    private final RequestDeadlines deadlines;
    private final GracefulHandler graceful;
    private volatile boolean stopping;

    /** A server with no models yet: publish them ({@link #models()}), then {@link #start()}. */
    public ModelServer(ServerOptions options) {
        options.checkSafe();
        this.options = options;
        this.registry = new ModelRegistry(options, metrics);
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("server");
        threads.setDaemon(true);
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.bind());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(Math.max(30_000, options.requestTimeout().toMillis() * 3));
        deadlines = new RequestDeadlines(options.requestTimeout().toNanos());
        connector.addBean(deadlines);
        jetty.addConnector(connector);
        jetty.addBean(new ConnectionLimit(options.maxConnections(), jetty));
        ServerContext context = new ServerContext(options, registry, metrics, log, deadlines, new Cors(options.allowOrigin()), threads, new AtomicLong());
        graceful = new GracefulHandler(new ApiHandler(context, version(), this::openApi, () -> stopping));
        jetty.setHandler(graceful);
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(10_000);
    }

    /** Listens; a port in use or an address not of this machine is refused with the reason. */
    public ModelServer start() throws IOException {
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly();
            // Jetty 12 wraps the BindException in an IOException of its own ("Failed to bind to …").
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException bind) {
                    String why = String.valueOf(bind.getMessage()).toLowerCase(Locale.ROOT);
                    throw new IOException("cannot listen on " + options.bind() + ":" + options.port() + ": "
                            + (why.contains("in use") ? "the port is in use by another program; choose another port"
                            : why.contains("permission") ? "ports below 1024 need administrator rights; choose one from 1024 up"
                            : bind.getMessage()), e);
                }
            }
            throw e instanceof IOException io ? io : new IOException("the server could not start: " + e.getMessage(), e);
        }
        deadlines.start(jetty.getScheduler(), Math.max(50, options.requestTimeout().toMillis() / 10));
        LOG.info("Listening at {}", url());
        return this;
    }

    public ServerOptions options() { return options; }

    public ModelRegistry models() { return registry; }

    public ServerMetrics metrics() { return metrics; }

    public RequestLog log() { return log; }

    /** The port listened on (the chosen one when the options said 0). */
    public int port() { return connector.getLocalPort(); }

    /** "http://127.0.0.1:8080/". */
    public URI url() {
        return URI.create("http://" + options.urlHost() + ":" + port() + "/");
    }

    /** A model's address: "http://127.0.0.1:8080/v2/models/fashion". */
    public URI url(String model) {
        return url().resolve("v2/models/" + model);
    }

    /**
     * Stops accepting requests, lets those in flight finish (within {@code grace}), answers what the models were given,
     * then stops.
     */
    public void stop(Duration grace) {
        if (stopping) return;
        stopping = true;
        jetty.setStopTimeout(grace.toMillis());
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("The server did not stop cleanly: {}", e.getMessage());
        }
        deadlines.stop();
        registry.close();
        for (ModelVersion v : registry.versions()) {
            try {
                v.batcher().awaitClosed(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("Stopped after {} requests", metrics.requests());
    }

    @Override public void close() {
        stop(Duration.ofSeconds(5));
    }

    public boolean isRunning() { return jetty.isRunning() && !stopping; }

    private void stopQuietly() {
        try {
            jetty.stop();
        } catch (Exception ignored) {
            // Already failing to start; the start failure is what the user needs to hear.
        }
    }

    /** The OpenAPI description, with this server's address. */
    private byte[] openApi() {
        try (InputStream in = ModelServer.class.getResourceAsStream("/serving/openapi.json")) {
            if (in == null) throw new IllegalStateException("the OpenAPI description is missing from the application");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("http://127.0.0.1:8080", url().toString().replaceFirst("/$", "")).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version() {
        String v = ModelServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
