package org.modelstudio.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and its answer. The answer is written once (a late body and the model may race to answer), then counted,
 * logged, and the connection's deadline set for its next request. What the log says of the request is gathered here
 * as the handler learns it.
 */
final class Exchange {
    final Request request;
    final Response response;
    private final Callback callback;
    private final ServerContext context;
    private final long started = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    /** The served model's name for metrics ("" until the request names a served one), and its version. */
    String model = "";
    String version = "";
    String endpoint = "other";
    String input = "";
    String answer = "";
    /** Run once if the request is answered without reaching the model (to tell its batcher it is not coming). */
    Runnable abandon;

    Exchange(Request request, Response response, Callback callback, ServerContext context) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.context = context;
    }

    Connection connection() { return request.getConnectionMetaData().getConnection(); }

    boolean isAnswered() { return answered.get(); }

    void json(int status, byte[] body) {
        send(status, "application/json", body, false);
    }

    void text(int status, String contentType, String body) {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** {"error": message}; {@code close} ends the connection after it (a body was left unread). */
    void error(int status, String message, boolean close) {
        answer = message;
        send(status, "application/json", ("{\"error\":" + Json.quote(message) + "}").getBytes(StandardCharsets.UTF_8), close);
    }

    void error(int status, String message) {
        error(status, message, false);
    }

    private void send(int status, String contentType, byte[] body, boolean close) {
        if (!answered.compareAndSet(false, true)) return;
        Runnable a = abandon;
        abandon = null;
        if (a != null) a.run();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (close) response.getHeaders().put(HttpHeader.CONNECTION, "close");
        context.cors().decorate(request, response);
        response.write(true, ByteBuffer.wrap(body), Callback.from(() -> {
            finished(status);
            callback.succeeded();
        }, failure -> {
            finished(status);
            callback.failed(failure);
        }));
    }

    private void finished(int status) {
        long nanos = System.nanoTime() - started;
        context.deadlines().answered(connection());
        context.metrics().request(model, endpoint, status, nanos);
        context.log().add(Instant.now(), Request.getRemoteAddr(request), request.getMethod(), request.getHttpURI().getPath(),
                model.isEmpty() ? "" : model + " v" + version, input, status, answer, nanos / 1e6);
        context.finished();
    }
}
