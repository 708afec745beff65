package org.modelstudio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;
import org.modelstudio.engine.TrainedModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing a new version under concurrent load: no request fails, and every request (a batch of 8 examples) is
 * answered wholly by one version, never by half of each. The versions differ in their labels, so an answer that mixed
 * them would show it.
 */
class VersionSwapTest {

    /** Waits until {@code version} has answered 40 requests (at most 60 s). */
    private static void answeredBy(Map<String, AtomicInteger> byVersion, String version) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (byVersion.getOrDefault(version, new AtomicInteger()).get() < 40) {
            if (System.nanoTime() > until) throw new AssertionError("version " + version + " answered too few requests in 60 s: " + byVersion);
            Thread.sleep(20);
        }
    }

    @Test void versionsSwapUnderLoadWithNoFailedOrMixedAnswer() throws Exception {
        TrainedModel v1 = ServingFixture.bars();
        Map<String, List<String>> labels = Map.of("1", TestData.BAR_CLASSES, "2", List.of("h2", "v2", "d2"), "3", List.of("h3", "v3", "d3"));
        try (ModelServer server = new ModelServer(ServingFixture.options())) {
            server.models().publish("bars", v1, "test");
            server.start();
            Http http = new Http(server);
            Random r = new Random(8);
            ArrayNode data = Http.JSON.createArrayNode();
            for (int i = 0; i < 8; i++) for (float v : TestData.bar(i % 3, r)) data.add(v);
            String request = Http.JSON.writeValueAsString(ModelServerTest.infer("input", "FP32", List.of(8, 1, 8, 8), data));

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
            CountDownLatch started = new CountDownLatch(8);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                Thread t = new Thread(() -> {
                    int last = 0;
                    started.countDown();
                    while (running.get()) {
                        try {
                            Http.Reply reply = http.postJson("/v2/models/bars/infer", request);
                            if (reply.status() != 200) {
                                problems.add(reply.toString());
                                continue;
                            }
                            JsonNode json = reply.json();
                            String version = json.path("model_version").asText();
                            Set<String> seen = new HashSet<>(ModelServerTest.strings(ModelServerTest.output(json, "label").path("data")));
                            if (!labels.get(version).containsAll(seen)) problems.add("version " + version + " answered with labels " + seen);
                            int number = Integer.parseInt(version);
                            if (number < last) problems.add("went back from version " + last + " to " + number);
                            last = number;
                            byVersion.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
                            answered.incrementAndGet();
                        } catch (Exception e) {
                            problems.add(e.toString());
                        }
                    }
                }, "client " + c);
                t.start();
                clients.add(t);
            }
            started.await();
            // Each version answers a share of the load before the next is published, however slow the machine is.
            answeredBy(byVersion, "1");
            server.models().publish("bars", TrainedModel.of(v1.spec(), labels.get("2"), v1.preparation(), v1.network().clone()), "retrained");
            answeredBy(byVersion, "2");
            server.models().publish("bars", TrainedModel.of(v1.spec(), labels.get("3"), v1.preparation(), v1.network().clone()), "retrained again");
            answeredBy(byVersion, "3");
            running.set(false);
            for (Thread t : clients) t.join(10_000);

            assertEquals(List.of(), problems, "no failed or mixed answer");
            assertTrue(byVersion.keySet().containsAll(List.of("1", "2", "3")), "each version answered some: " + byVersion);
            assertTrue(answered.get() > 50, answered + " requests");
            assertEquals("3", http.get("/v2/models/bars").json().path("parameters").path("version").asText());
            assertEquals("[\"1\",\"2\",\"3\"]", http.get("/v2/models/bars").json().path("versions").toString());
            Http.Reply older = http.post("/v2/models/bars/versions/1/classify", "image/png", ServingFixture.barPng(0, new Random(1)));
            assertEquals("horizontal", older.json().path("label").asText(), "an older version can still be asked for by number");
            server.stop(Duration.ofSeconds(2));
        }
    }
}
