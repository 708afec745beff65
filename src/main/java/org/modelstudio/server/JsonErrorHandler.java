package org.modelstudio.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty answers itself (a malformed request line, headers too large, a request refused while stopping) in the
 * same JSON form as the server's own, with a sentence and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : 500;
        Object code = request.getAttribute(ERROR_STATUS);
        if (code instanceof Integer i) status = i;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    @Override public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String sentence = switch (status) {
            case 400 -> "The request is not well-formed HTTP.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request is too large.";
            case 414 -> "The request's address is too long.";
            case 431 -> "The request's headers are too large.";
            case 503 -> "The server is stopping; try again in a moment.";
            default -> "The server could not handle this request (" + status + " " + HttpStatus.getMessage(status) + ").";
        };
        return ("{\"error\":" + Json.quote(sentence) + "}").getBytes(StandardCharsets.UTF_8);
    }
}
