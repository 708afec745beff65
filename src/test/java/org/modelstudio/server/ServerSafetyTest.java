package org.modelstudio.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad request gets its status and a sentence, and the server keeps answering afterwards: malformed JSON, wrong
 * shape, datatype or size, NaN, a 40 MB body, an unknown model or version, a missing or wrong token, a wrong content
 * type, a full queue, a client that sends one byte a second, and 1 000 connections opened at once.
 */
class ServerSafetyTest {
    private static ModelServer server;
    private static Http http;

    @BeforeAll static void serve() throws Exception {
        server = new ModelServer(ServingFixture.options());
        server.models().publish("bars", ServingFixture.bars(), "test");
        server.models().publish("topics", ServingFixture.topics(), "test");
        server.start();
        http = new Http(server);
    }

    @AfterAll static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    /** After every refusal the server still answers a good request. */
    @AfterEach void stillAnswers() throws Exception {
        Http.Reply ok = http.post("/v2/models/bars/classify", "image/png", ServingFixture.barPng(0, new Random(1)));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("horizontal", ok.json().path("label").asText());
    }

    @Test void malformedJsonIsRefusedWithWhereItBroke() throws Exception {
        Http.Reply r = http.postJson("/v2/models/bars/infer", "{\"inputs\": [{\"name\": \"input\", ");
        assertEquals(400, r.status());
        assertTrue(r.error().startsWith("The body is not valid JSON: Unexpected end-of-input"), r.error());
        assertTrue(r.error().endsWith("(line 1, column 31)."), r.error());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("The request has no \"inputs\".", http.postJson("/v2/models/bars/infer", "{\"id\": \"1\"}").error());
        assertEquals("The body must be a JSON object with \"inputs\".", http.postJson("/v2/models/bars/infer", "[1, 2]").error());
        assertEquals("\"inputs\" is empty; give one input tensor.", http.postJson("/v2/models/bars/infer", "{\"inputs\": []}").error());
    }

    @Test void aTensorOfTheWrongShapeDatatypeOrSizeIsRefused() throws Exception {
        Http.Reply shape = http.postJson("/v2/models/bars/infer", ModelServerTest.infer("input", "FP32", List.of(1, 64), ModelServerTest.zeros(64)));
        assertEquals(400, shape.status());
        assertEquals("inputs[0].shape is [1, 64], but this model takes [-1, 1, 8, 8] (the batch size first): channels, height, width.", shape.error());
        Http.Reply type = http.postJson("/v2/models/bars/infer", ModelServerTest.infer("input", "INT64", List.of(1, 1, 8, 8), ModelServerTest.zeros(64)));
        assertEquals("inputs[0] (\"input\") must be FP32, not INT64.", type.error());
        Http.Reply size = http.postJson("/v2/models/bars/infer", ModelServerTest.infer("input", "FP32", List.of(2, 1, 8, 8), ModelServerTest.zeros(64)));
        assertEquals("inputs[0].shape [2, 1, 8, 8] means 128 values, but data holds 64.", size.error());
        Http.Reply name = http.postJson("/v2/models/bars/infer", ModelServerTest.infer("pixels", "FP32", List.of(1, 1, 8, 8), ModelServerTest.zeros(64)));
        assertEquals("This model has no input named \"pixels\"; it takes input (FP32 [-1, 1, 8, 8]) or image (BYTES [-1], image files in base64).",
                name.error());
        Http.Reply notBase64 = http.postJson("/v2/models/bars/infer",
                ModelServerTest.infer("image", "BYTES", List.of(1), Http.JSON.createArrayNode().add("%%%")));
        assertTrue(notBase64.error().startsWith("inputs[0] (\"image\").data[0] is not base64-encoded"), notBase64.error());
        ArrayNode png = Http.JSON.createArrayNode().add(Base64.getEncoder().encodeToString("not a picture at all".getBytes(StandardCharsets.UTF_8)));
        Http.Reply notImage = http.postJson("/v2/models/bars/infer", ModelServerTest.infer("image", "BYTES", List.of(1), png));
        assertEquals(400, notImage.status());
        assertEquals("inputs[0].data[0] is not an image Model Studio can read (it looks like text); it reads PNG, JPEG, BMP and GIF files.", notImage.error());
        Http.Reply token = http.postJson("/v2/models/topics/infer",
                ModelServerTest.infer("input", "INT64", List.of(1, 256), ModelServerTest.zeros(256)).put("id", "x"));
        assertEquals(200, token.status());
        ArrayNode ids = ModelServerTest.zeros(256);
        ids.set(3, Http.JSON.getNodeFactory().numberNode(99999));
        Http.Reply vocabulary = http.postJson("/v2/models/topics/infer", ModelServerTest.infer("input", "INT64", List.of(1, 256), ids));
        assertEquals(400, vocabulary.status());
        assertTrue(vocabulary.error().startsWith("inputs[0].data[0] has the token id 99999 at position 3, but the network's vocabulary is"),
                vocabulary.error());
    }

    @Test void notANumberIsRefused() throws Exception {
        String body = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,1,8,8],\"data\":[0,0,NaN" + ",0".repeat(61) + "]}]}";
        Http.Reply nan = http.postJson("/v2/models/bars/infer", body);
        assertEquals(400, nan.status());
        assertEquals("inputs[0].data[2] is NaN; every value must be a finite number (NaN and infinity are not).", nan.error());
        Http.Reply huge = http.postJson("/v2/models/bars/infer", body.replace("NaN", "1e300"));
        assertEquals("inputs[0].data[2] is 1e300, too large for FP32.", huge.error());
        Http.Reply bool = http.postJson("/v2/models/bars/infer", body.replace("NaN", "true"));
        assertEquals("inputs[0].data holds true or false; it must hold numbers, or strings for BYTES.", bool.error());
    }

    @Test void aFortyMegabyteBodyIsRefusedBeforeItIsRead() throws Exception {
        long size = 40L * 1024 * 1024;
        try (Socket s = connect()) {
            String reply = Http.raw(s,
                    ("POST /v2/models/bars/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5));
            assertEquals(413, Http.status(reply), reply);
            assertTrue(reply.contains("{\"error\":\"The body is 40.0 MB; this server takes at most 8.0 MB (--max-body).\"}"), reply);
        }
        // Without a length (chunked), reading stops at the limit.
        try (Socket s = connect()) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /v2/models/bars/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("100000\r\n" + "1".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 40; i++) out.write(chunk);
            } catch (IOException closedByServer) {
                // The server answered and closed the connection once the limit was passed.
            }
            String reply = Http.readAll(s.getInputStream());
            assertEquals(413, Http.status(reply), reply);
            assertTrue(reply.contains("The body is more than 8."), reply);
        }
    }

    @Test void unknownModelsAndVersionsAre404AndNamesAreNeverPaths() throws Exception {
        Http.Reply model = http.get("/v2/models/shoes");
        assertEquals(404, model.status());
        assertEquals("There is no model named \"shoes\" here. This server serves: bars, topics.", model.error());
        Http.Reply version = http.postJson("/v2/models/bars/versions/9/infer", "{}");
        assertEquals(404, version.status());
        assertEquals("bars has no version \"9\" loaded; its versions are 1.", version.error());
        Http.Reply path = http.get("/v2/models/..%2F..%2Fetc%2Fpasswd");
        assertTrue(path.status() == 404 || path.status() == 400, path.toString());
        assertTrue(path.body().startsWith("{\"error\":"), path.toString());
        assertEquals(404, http.get("/v2/nothing").status());
        Http.Reply method = http.get("/v2/models/bars/infer");
        assertEquals(405, method.status());
        assertEquals("POST, OPTIONS", method.header("Allow"));
    }

    @Test void aWrongContentTypeIs415() throws Exception {
        Http.Reply form = http.post("/v2/models/bars/infer", "application/x-www-form-urlencoded", "a=1".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, form.status());
        assertTrue(form.error().startsWith("The body must be JSON (Content-Type: application/json), not application/x-www-form-urlencoded."), form.error());
        Http.Reply textToImages = http.post("/v2/models/bars/classify", "text/plain", "a shoe".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, textToImages.status());
        assertEquals("The upload: this model reads images, not texts.", textToImages.error());
        Http.Reply pdf = http.post("/v2/models/bars/classify", "application/pdf", new byte[] {1});
        assertEquals(415, pdf.status());
        assertTrue(pdf.error().startsWith("Send one image (Content-Type: image/png, image/jpeg, …), text (text/plain) or CSV row (text/csv), not "
                + "application/pdf."), pdf.error());
    }

    @Test void aTokenIsRequiredComparedAndNeverNeededForHealth() throws Exception {
        try (ModelServer guarded = new ModelServer(ServingFixture.options().withToken("s3cret-token-123"))) {
            guarded.models().publish("bars", ServingFixture.bars(), "test");
            guarded.start();
            Http anonymous = new Http(guarded.url(), null);
            Http.Reply none = anonymous.get("/v2/models/bars");
            assertEquals(401, none.status());
            assertEquals("This server needs a token: send the header \"Authorization: Bearer <token>\".", none.error());
            assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"), none.toString());
            Http.Reply wrong = new Http(guarded.url(), "s3cret-token-124").post("/v2/models/bars/classify", "image/png",
                    ServingFixture.barPng(0, new Random(2)));
            assertEquals(401, wrong.status());
            assertEquals("The token is wrong.", wrong.error());
            assertEquals(401, anonymous.get("/metrics").status());
            assertEquals(200, anonymous.get("/v2/health/ready").status());
            assertEquals(200, anonymous.get("/openapi.json").status());
            Http.Reply right = new Http(guarded).post("/v2/models/bars/classify", "image/png", ServingFixture.barPng(0, new Random(2)));
            assertEquals(200, right.status(), right.toString());
        }
    }

    @Test void listeningBeyondThisMachineWithoutATokenIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelServer(ServingFixture.options().withBind("0.0.0.0")));
        assertEquals("listening on 0.0.0.0 would let anyone who can reach this machine use the models; give a token (--token or --token-file), "
                + "or listen on 127.0.0.1 only", e.getMessage());
    }

    @Test void aPortInUseIsRefusedWithTheReasonAndAStopWithoutGraceReturns() throws Exception {
        ModelServer second = new ModelServer(ServingFixture.options().withPort(server.port()));
        second.models().publish("bars", ServingFixture.bars(), "test");
        IOException e = assertThrows(IOException.class, second::start);
        assertEquals("cannot listen on 127.0.0.1:" + server.port() + ": the port is in use by another program; choose another port", e.getMessage());
        second.stop(Duration.ZERO);
    }

    @Test void crossOriginCallsAreOffUnlessAnOriginIsAllowed() throws Exception {
        try (Socket s = connect()) {
            String reply = Http.raw(s, ("OPTIONS /v2/models/bars/infer HTTP/1.1\r\nHost: x\r\nOrigin: https://example.org\r\n"
                    + "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5));
            assertEquals(403, Http.status(reply), reply);
            assertTrue(!reply.contains("Access-Control-Allow-Origin"), reply);
        }
        try (ModelServer open = new ModelServer(ServingFixture.options().withAllowOrigin("https://example.org"))) {
            open.models().publish("bars", ServingFixture.bars(), "test");
            open.start();
            try (Socket s = new Socket("127.0.0.1", open.port())) {
                String reply = Http.raw(s, ("OPTIONS /v2/models/bars/infer HTTP/1.1\r\nHost: x\r\nOrigin: https://example.org\r\n"
                        + "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5));
                assertEquals(204, Http.status(reply), reply);
                assertTrue(reply.contains("Access-Control-Allow-Origin: https://example.org"), reply);
                assertTrue(reply.contains("Access-Control-Allow-Headers: Authorization, Content-Type"), reply);
            }
        }
    }

    @Test void aFullQueueIsRefusedWith503AndRetryAfter() throws Exception {
        try (ModelServer busy = new ModelServer(ServingFixture.options().withMaxQueue(1).withMaxBatch(1))) {
            busy.models().publish("bars", ServingFixture.bars(), "test");
            busy.start();
            Http client = new Http(busy);
            String big = Http.JSON.writeValueAsString(ModelServerTest.infer("input", "FP32", List.of(200, 1, 8, 8), ModelServerTest.zeros(200 * 64)));
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try {
                List<Future<Http.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 24; i++) replies.add(pool.submit(() -> client.postJson("/v2/models/bars/infer", big)));
                int ok = 0;
                int refused = 0;
                for (Future<Http.Reply> f : replies) {
                    Http.Reply r = f.get(60, TimeUnit.SECONDS);
                    if (r.status() == 200) {
                        ok++;
                    } else {
                        assertEquals(503, r.status(), r.toString());
                        assertEquals("1", r.header("Retry-After"));
                        assertTrue(r.error().startsWith("The model is busy: 1 requests are already waiting."), r.error());
                        refused++;
                    }
                }
                assertTrue(ok >= 1 && refused >= 1, ok + " answered, " + refused + " refused");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, client.post("/v2/models/bars/classify", "image/png", ServingFixture.barPng(2, new Random(4))).status());
        }
    }

    @Test void aClientSendingOneByteASecondIsCutOffWithoutHoldingAWorker() throws Exception {
        byte[] request = "POST /v2/models/bars/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n".getBytes(StandardCharsets.US_ASCII);
        AtomicLong closedAfter = new AtomicLong(-1);
        Thread slow = new Thread(() -> {
            long t0 = System.nanoTime();
            try (Socket s = connect()) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                s.setSoTimeout(1);
                for (byte b : request) {
                    out.write(b);
                    out.flush();
                    long until = System.nanoTime() + 1_000_000_000L;
                    while (System.nanoTime() < until) {
                        try {
                            if (in.read() < 0) throw new IOException("closed");
                        } catch (SocketTimeoutException stillOpen) {
                            Thread.sleep(20);
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                closedAfter.set((System.nanoTime() - t0) / 1_000_000);
            }
        }, "one byte a second");
        slow.start();
        // Meanwhile the server answers others at once.
        Thread.sleep(300);
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertEquals(200, http.get("/v2/health/ready").status());
            assertTrue((System.nanoTime() - t0) / 1e6 < 1000, "answered while the slow client trickles");
        }
        slow.join(10_000);
        long ms = closedAfter.get();
        assertTrue(ms >= 1000 && ms <= 4000, "the slow client is cut off after the 1.5 s deadline, not before and not much after: " + ms + " ms");
    }

    @Test void aBodyThatArrivesTooSlowlyGets408() throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(6000);
            OutputStream out = s.getOutputStream();
            out.write("POST /v2/models/bars/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"in"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.nanoTime();
            String reply = Http.readAll(s.getInputStream());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(408, Http.status(reply), reply);
            assertTrue(reply.contains("{\"error\":\"The request body did not arrive within 1 s; the connection is closed.\"}"), reply);
            assertTrue(ms < 4000, ms + " ms");
        }
    }

    @Test void aThousandConnectionsOpenedAtOnceAreAllAnswered() throws Exception {
        int n = 1000;
        List<Socket> sockets = new ArrayList<>(n);
        byte[] png = ServingFixture.barPng(1, new Random(9));
        byte[] head = ("POST /v2/models/bars/classify HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nConnection: close\r\nContent-Length: " + png.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < n; i++) sockets.add(connect());
            for (Socket s : sockets) {
                s.getOutputStream().write(head);
                s.getOutputStream().write(png);
            }
            int ok = 0;
            for (Socket s : sockets) {
                s.setSoTimeout(30_000);
                String reply = Http.readAll(s.getInputStream());
                int status = Http.status(reply);
                assertTrue(status == 200 || status == 503, reply);
                if (status == 200) {
                    ok++;
                    assertTrue(reply.contains("\"label\":\"vertical\""), reply);
                } else {
                    assertTrue(reply.contains("Retry-After: 1"), reply);
                }
            }
            assertTrue(ok >= n / 2, ok + " of " + n + " answered (the others told to retry)");
        } finally {
            for (Socket s : sockets) s.close();
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        return s;
    }
}
