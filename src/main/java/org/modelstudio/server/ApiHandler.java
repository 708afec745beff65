package org.modelstudio.server;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.infer.ModelNames;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The server's routes: the Open Inference Protocol v2 (server and model metadata, health, readiness, {@code infer}),
 * {@code classify} for raw uploads, {@code /openapi.json} and {@code /metrics}. Everything but the health checks and the
 * API description needs the token, when there is one. Every answer is JSON (Prometheus text for metrics); an error is
 * {@code {"error": "a sentence"}}, and no stack trace ever leaves the server.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final ServerContext context;
    private final InferenceEndpoints inference;
    private final byte[] tokenDigest;
    private final String serverVersion;
    private final Supplier<byte[]> openApi;
    private final BooleanSupplier stopping;

    ApiHandler(ServerContext context, String serverVersion, Supplier<byte[]> openApi, BooleanSupplier stopping) {
        this.context = context;
        this.inference = new InferenceEndpoints(context);
        this.tokenDigest = context.options().token() == null ? null : sha256(context.options().token());
        this.serverVersion = serverVersion;
        this.openApi = openApi;
        this.stopping = stopping;
    }

    @Override public boolean handle(Request request, Response response, Callback callback) {
        context.started();
        Exchange ex = new Exchange(request, response, callback, context);
        try {
            routeInEnglish(ex);
        } catch (BadRequestException e) {
            ex.error(e.status(), e.getMessage(), e.status() == 413);
        } catch (RuntimeException e) {
            LOG.error("A request to {} failed", request.getHttpURI().getPath(), e);
            ex.error(500, "The server could not handle this request (its log has the details).");
        }
        return true;
    }

    /** Routes the request with the engine speaking English: programs read the server's answers, whatever the studio speaks. */
    private void routeInEnglish(Exchange ex) throws BadRequestException {
        BadRequestException[] refused = new BadRequestException[1];
        Texts.inEnglish(() -> {
            try {
                route(ex);
            } catch (BadRequestException e) {
                refused[0] = e;
            }
            return null;
        });
        if (refused[0] != null) throw refused[0];
    }

    private void route(Exchange ex) throws BadRequestException {
        String method = ex.request.getMethod();
        String path = ex.request.getHttpURI().getPath();
        if (method.equals("OPTIONS")) {
            preflight(ex);
            return;
        }
        List<String> s = segments(path == null ? "/" : path);
        if (s.isEmpty()) {
            get(ex, "index");
            ex.json(200, index());
        } else if (s.equals(List.of("openapi.json"))) {
            get(ex, "openapi");
            ex.json(200, openApi.get());
        } else if (s.equals(List.of("metrics"))) {
            get(ex, "metrics");
            authorise(ex);
            ex.text(200, "text/plain; version=0.0.4; charset=utf-8", context.metrics().prometheus(queues(), context.inFlight().get()));
        } else if (s.equals(List.of("v2"))) {
            get(ex, "server_metadata");
            authorise(ex);
            ex.json(200, Metadata.server(serverVersion));
        } else if (s.equals(List.of("v2", "health", "live"))) {
            get(ex, "health");
            ex.json(200, "{\"live\":true}".getBytes(StandardCharsets.UTF_8));
        } else if (s.equals(List.of("v2", "health", "ready"))) {
            get(ex, "health");
            boolean ready = !stopping.getAsBoolean();
            ex.json(ready ? 200 : 503, ("{\"ready\":" + ready + "}").getBytes(StandardCharsets.UTF_8));
        } else if (s.equals(List.of("v2", "models"))) {
            get(ex, "models");
            authorise(ex);
            ex.json(200, models());
        } else if (s.size() >= 3 && s.get(0).equals("v2") && s.get(1).equals("models")) {
            model(ex, s.get(2), s.subList(3, s.size()));
        } else {
            throw new BadRequestException(404, "There is nothing at " + path + ". This server answers /v2, /v2/health/live, /v2/health/ready, "
                    + "/v2/models/NAME, …/ready, …/infer, …/classify, /metrics and /openapi.json.");
        }
    }

    /** /v2/models/NAME[/versions/V][/ready|/infer|/classify]. */
    private void model(Exchange ex, String name, List<String> rest) throws BadRequestException {
        String version = null;
        if (rest.size() >= 2 && rest.get(0).equals("versions")) {
            version = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String action = rest.isEmpty() ? "" : rest.get(0);
        if (rest.size() > 1 || !List.of("", "ready", "infer", "classify").contains(action)) {
            throw new BadRequestException(404, "There is nothing at " + ex.request.getHttpURI().getPath()
                    + ". A model answers …/NAME, …/NAME/ready, …/NAME/infer and …/NAME/classify (each also under …/NAME/versions/V/).");
        }
        ex.endpoint = action.isEmpty() ? "model_metadata" : action.equals("ready") ? "model_ready" : action;
        boolean post = action.equals("infer") || action.equals("classify");
        if (post) post(ex); else get(ex, ex.endpoint);
        authorise(ex);
        ServedModel served = ModelNames.isName(name) ? context.registry().get(name) : null;
        if (served == null) {
            throw new BadRequestException(404, "There is no model named \"" + name + "\" here. This server serves: "
                    + String.join(", ", context.registry().all().stream().map(ServedModel::name).toList()) + ".");
        }
        ModelVersion v = version == null ? served.current() : served.version(version);
        if (v == null) {
            throw new BadRequestException(404, name + " has no version \"" + version + "\" loaded; its versions are "
                    + String.join(", ", served.versions()) + ".");
        }
        ex.model = name;
        ex.version = v.version();
        switch (action) {
            case "" -> ex.json(200, Metadata.model(served, v));
            case "ready" -> ex.json(200, Json.bytes(Json.object().put("name", name).put("version", v.version()).put("ready", true)));
            case "infer" -> inference.infer(ex, v);
            default -> inference.classify(ex, v);
        }
    }

    private void get(Exchange ex, String endpoint) throws BadRequestException {
        ex.endpoint = endpoint;
        if (!ex.request.getMethod().equals("GET") && !ex.request.getMethod().equals("HEAD")) {
            ex.response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, OPTIONS");
            throw new BadRequestException(405, ex.request.getMethod() + " is not allowed here; use GET.");
        }
    }

    private static void post(Exchange ex) throws BadRequestException {
        if (!ex.request.getMethod().equals("POST")) {
            ex.response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
            throw new BadRequestException(405, ex.request.getMethod() + " is not allowed here; POST the input.");
        }
    }

    /** Checks the bearer token in constant time (the digests are compared, so not even the length leaks). */
    private void authorise(Exchange ex) throws BadRequestException {
        if (tokenDigest == null) return;
        String header = ex.request.getHeaders().get(HttpHeader.AUTHORIZATION);
        ex.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"model-studio\"");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new BadRequestException(401, "This server needs a token: send the header \"Authorization: Bearer <token>\".");
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()))) {
            throw new BadRequestException(401, "The token is wrong.");
        }
        ex.response.getHeaders().remove(HttpHeader.WWW_AUTHENTICATE);
    }

    private void preflight(Exchange ex) throws BadRequestException {
        ex.endpoint = "preflight";
        String origin = ex.request.getHeaders().get(HttpHeader.ORIGIN);
        if (!context.cors().allows(origin)) {
            throw new BadRequestException(403, context.cors().enabled()
                    ? "Web pages from " + origin + " may not call this server; only " + context.cors().allowOrigin() + " may."
                    : "Web pages from other origins may not call this server; start it with --allow-origin ORIGIN to let one.");
        }
        context.cors().preflight(ex.response);
        ex.json(204, new byte[0]);
    }

    private byte[] index() {
        ObjectNode n = Json.object().put("name", Metadata.SERVER_NAME).put("version", serverVersion).put("protocol", "Open Inference Protocol v2 (REST)");
        ArrayNode models = n.putArray("models");
        context.registry().all().forEach(m -> models.add(m.name()));
        n.put("openapi", "/openapi.json");
        n.put("try", "GET /v2/models/" + (context.registry().all().isEmpty() ? "NAME" : context.registry().all().get(0).name()));
        return Json.bytes(n);
    }

    private byte[] models() {
        ObjectNode n = Json.object();
        ArrayNode models = n.putArray("models");
        for (ServedModel m : context.registry().all()) {
            ObjectNode o = models.addObject().put("name", m.name()).put("version", m.current().version()).put("ready", true);
            ArrayNode versions = o.putArray("versions");
            m.versions().forEach(versions::add);
        }
        return Json.bytes(n);
    }

    private Map<String, Integer> queues() {
        Map<String, Integer> q = new HashMap<>();
        for (ModelVersion v : context.registry().versions()) q.put(v.name() + "/" + v.version(), v.batcher().queued());
        return q;
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
