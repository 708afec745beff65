package org.modelstudio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real HTTP requests to a server on loopback, for the tests: through the JDK's HttpClient, or a raw socket. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The "error" sentence of an error reply. */
        String error() { return json().path("error").asText(); }

        String header(String name) { return response.headers().firstValue(name).orElse(null); }

        @Override public String toString() { return status + " " + body; }
    }

    private final URI base;
    private final String token;

    Http(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Http(ModelServer server) {
        this(server.url(), server.options().token());
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Reply post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b);
    }

    Reply postJson(String path, String json) throws IOException, InterruptedException {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Reply postJson(String path, Object tree) throws IOException, InterruptedException {
        return postJson(path, JSON.writeValueAsString(tree));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private static Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /** Writes raw bytes on a socket and reads until the server closes it or {@code timeout} passes: the whole reply. */
    static String raw(Socket socket, byte[] request, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        return readAll(socket.getInputStream());
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) got.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            // What arrived until then is the reply.
        } catch (SocketException e) {
            // Reset after the server answered and closed: what arrived is the reply.
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** The status code of a raw HTTP/1.1 reply, or -1 when nothing came. */
    static int status(String reply) {
        if (!reply.startsWith("HTTP/1.1 ")) return -1;
        return Integer.parseInt(reply.substring(9, 12));
    }
}
