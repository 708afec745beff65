package org.modelstudio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real server on a free loopback port, serving four small trained models (bar images, iris rows, topic sentences, a
 * linear regression), answers every endpoint and every input kind as the Open Inference Protocol says, and each answer
 * equals what the model runtime gives for the same input.
 */
class ModelServerTest {
    @TempDir static Path dir;
    private static ModelServer server;
    private static Http http;

    @BeforeAll static void serve() throws Exception {
        server = new ModelServer(ServingFixture.options());
        server.models().publish("bars", ServingFixture.bars(), "test");
        server.models().publish("iris", ServingFixture.iris(), "test");
        server.models().publish("topics", ServingFixture.topics(), "test");
        server.models().publish("linear", ServingFixture.linear(dir), "test");
        server.start();
        http = new Http(server);
    }

    @AfterAll static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    @Test void theServerDescribesItselfAndItsHealth() throws Exception {
        Http.Reply meta = http.get("/v2");
        assertEquals(200, meta.status(), meta.toString());
        assertEquals("model-studio", meta.json().path("name").asText());
        assertEquals("{\"live\":true}", http.get("/v2/health/live").body());
        assertEquals("{\"ready\":true}", http.get("/v2/health/ready").body());
        JsonNode models = http.get("/v2/models").json().path("models");
        assertEquals(List.of("bars", "iris", "topics", "linear"), names(models));
        JsonNode index = http.get("/").json();
        assertEquals("/openapi.json", index.path("openapi").asText());
        JsonNode api = http.get("/openapi.json").json();
        assertEquals("3.0.3", api.path("openapi").asText());
        for (String path : List.of("/v2", "/v2/health/live", "/v2/health/ready", "/v2/models/{model_name}", "/v2/models/{model_name}/ready",
                "/v2/models/{model_name}/infer", "/v2/models/{model_name}/classify", "/v2/models/{model_name}/versions/{model_version}/infer",
                "/metrics")) {
            assertTrue(api.path("paths").has(path), "openapi.json describes " + path);
        }
        assertEquals(server.url().toString().replaceFirst("/$", ""), api.path("servers").get(0).path("url").asText());
    }

    @Test void modelMetadataGivesInputsAndOutputsWithMinusOneForTheBatch() throws Exception {
        JsonNode bars = http.get("/v2/models/bars").json();
        assertEquals("bars", bars.path("name").asText());
        assertEquals("[\"1\"]", bars.path("versions").toString());
        assertEquals("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,1,8,8]},{\"name\":\"image\",\"datatype\":\"BYTES\",\"shape\":[-1]}]",
                bars.path("inputs").toString());
        assertEquals("[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,3]},{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}]",
                bars.path("outputs").toString());
        assertEquals(TestData.BAR_CLASSES, strings(bars.path("labels")));
        assertEquals(bars, http.get("/v2/models/bars/versions/1").json());
        JsonNode iris = http.get("/v2/models/iris").json();
        assertEquals("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,4]},{\"name\":\"row\",\"datatype\":\"BYTES\",\"shape\":[-1,4]}]",
                iris.path("inputs").toString());
        assertEquals("sepal_length,sepal_width,petal_length,petal_width", iris.path("parameters").path("columns").asText());
        JsonNode topics = http.get("/v2/models/topics").json();
        assertEquals("INT64", topics.path("inputs").get(0).path("datatype").asText());
        assertEquals("text", topics.path("inputs").get(1).path("name").asText());
        JsonNode linear = http.get("/v2/models/linear").json();
        assertEquals("[{\"name\":\"value\",\"datatype\":\"FP32\",\"shape\":[-1,1]}]", linear.path("outputs").toString());
        assertEquals("regression", linear.path("parameters").path("task").asText());
        assertEquals("{\"name\":\"bars\",\"version\":\"1\",\"ready\":true}", http.get("/v2/models/bars/ready").body());
        assertEquals(200, http.get("/v2/models/bars/versions/1/ready").status());
    }

    @Test void anImageTensorInTheOnnxLayoutIsClassifiedAsTheRuntimeClassifiesIt() throws Exception {
        Random r = new Random(11);
        int n = 30;
        float[][] images = new float[n][];
        ArrayNode data = Http.JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            images[i] = TestData.bar(i % 3, r);
            for (float v : images[i]) data.add(v);
        }
        ObjectNode request = infer("input", "FP32", List.of(n, 1, 8, 8), data);
        request.put("id", "batch-7");
        Http.Reply reply = http.postJson("/v2/models/bars/infer", request);
        assertEquals(200, reply.status(), reply.toString());
        JsonNode json = reply.json();
        assertEquals("bars", json.path("model_name").asText());
        assertEquals("1", json.path("model_version").asText());
        assertEquals("batch-7", json.path("id").asText());
        JsonNode probabilities = output(json, "probabilities");
        assertEquals("[30,3]", probabilities.path("shape").toString());
        assertEquals("FP32", probabilities.path("datatype").asText());
        List<String> labels = strings(output(json, "label").path("data"));
        int right = 0;
        ModelRuntime runtime = new ModelRuntime(ServingFixture.bars());
        for (int i = 0; i < n; i++) {
            if (labels.get(i).equals(TestData.BAR_CLASSES.get(i % 3))) right++;
            double[] expected = ((ModelAnswer.Classified) runtime.predict(new ModelInput.Tensor(images[i]))).probabilities();
            for (int c = 0; c < 3; c++) assertEquals(expected[c], probabilities.path("data").get(i * 3 + c).asDouble(), 1e-6);
        }
        assertTrue(right >= 27, "the bars are learnt: " + right + " of 30 right (chance 10)");
    }

    @Test void base64ImagesArePreparedAsADroppedFileIs() throws Exception {
        Random r = new Random(5);
        List<byte[]> pngs = new ArrayList<>();
        ArrayNode data = Http.JSON.createArrayNode();
        for (int i = 0; i < 6; i++) {
            pngs.add(ServingFixture.barPng(i % 3, r));
            data.add(i == 1 ? "data:image/png;base64," + Base64.getEncoder().encodeToString(pngs.get(i)) : Base64.getEncoder().encodeToString(pngs.get(i)));
        }
        Http.Reply reply = http.postJson("/v2/models/bars/infer", infer("image", "BYTES", List.of(6), data));
        assertEquals(200, reply.status(), reply.toString());
        ModelRuntime runtime = new ModelRuntime(ServingFixture.bars());
        JsonNode p = output(reply.json(), "probabilities").path("data");
        for (int i = 0; i < 6; i++) {
            double[] expected = ((ModelAnswer.Classified) runtime.predict(new ModelInput.EncodedImage("x", pngs.get(i)))).probabilities();
            for (int c = 0; c < 3; c++) assertEquals(expected[c], p.get(i * 3 + c).asDouble(), 1e-6);
        }
        assertEquals(List.of("horizontal", "vertical", "diagonal", "horizontal", "vertical", "diagonal"), strings(output(reply.json(), "label").path("data")));
    }

    @Test void textsAreTokenisedWithTheModelsVocabulary() throws Exception {
        ArrayNode data = Http.JSON.createArrayNode().add("Preheat the oven and whisk the eggs with sugar.")
                .add("Heavy rain and strong wind are expected tomorrow.").add("zzz qqq");
        Http.Reply reply = http.postJson("/v2/models/topics/infer", infer("text", "BYTES", List.of(3), data));
        assertEquals(200, reply.status(), reply.toString());
        List<String> labels = strings(output(reply.json(), "label").path("data"));
        assertEquals("cooking", labels.get(0));
        assertEquals("weather", labels.get(1));
        assertTrue(reply.json().path("parameters").path("warnings").asText().startsWith("[2] none of the words is in the model's vocabulary"),
                reply.toString());
        Http.Reply ids = http.postJson("/v2/models/topics/infer", infer("input", "INT64", List.of(1, 256), zeros(256)));
        assertEquals(200, ids.status(), ids.toString());
    }

    @Test void tableRowsComeAsCellsOrCsvLinesAndARegressionGivesItsValue() throws Exception {
        ArrayNode cells = Http.JSON.createArrayNode();
        ArrayNode setosa = cells.addArray().add("5.0").add("3.4").add("1.5").add("0.2");
        cells.addArray().add("6.9").add("3.1").add("5.6").add("2.3");
        Http.Reply reply = http.postJson("/v2/models/iris/infer", infer("row", "BYTES", List.of(2, 4), cells));
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(List.of("setosa", "virginica"), strings(output(reply.json(), "label").path("data")));
        ArrayNode lines = Http.JSON.createArrayNode().add("5.0,3.4,1.5,0.2").add("6.9, 3.1, 5.6, 2.3");
        assertEquals(output(reply.json(), "probabilities"),
                output(http.postJson("/v2/models/iris/infer", infer("row", "BYTES", List.of(2), lines)).json(), "probabilities"));
        assertNotNull(setosa);

        ArrayNode row = Http.JSON.createArrayNode().add("1,0,red");
        Http.Reply value = http.postJson("/v2/models/linear/infer", infer("row", "BYTES", List.of(1), row));
        assertEquals(200, value.status(), value.toString());
        JsonNode v = output(value.json(), "value");
        assertEquals("[1,1]", v.path("shape").toString());
        double expected = ((ModelAnswer.Estimated) new ModelRuntime(ServingFixture.linear(dir)).predict(new ModelInput.Row(List.of("1", "0",
                "red")))).estimate().value();
        assertEquals(expected, v.path("data").get(0).asDouble(), 1e-4);
        assertEquals(5, expected, 1.0, "3·1 − 2·0 + 2 = 5 is learnt");
    }

    @Test void onlyTheOutputsAskedForAreGiven() throws Exception {
        ObjectNode request = infer("row", "BYTES", List.of(1), Http.JSON.createArrayNode().add("5.0,3.4,1.5,0.2"));
        request.putArray("outputs").addObject().put("name", "label");
        JsonNode outputs = http.postJson("/v2/models/iris/infer", request).json().path("outputs");
        assertEquals(1, outputs.size());
        assertEquals("label", outputs.get(0).path("name").asText());
        request.putArray("outputs").addObject().put("name", "logits");
        Http.Reply bad = http.postJson("/v2/models/iris/infer", request);
        assertEquals(400, bad.status());
        assertEquals("This model has no output named \"logits\"; it gives probabilities and label.", bad.error());
    }

    @Test void classifyTakesOneRawImageTextOrCsvRow() throws Exception {
        byte[] png = ServingFixture.barPng(1, new Random(3));
        Http.Reply image = http.post("/v2/models/bars/classify", "image/png", png);
        assertEquals(200, image.status(), image.toString());
        assertEquals("vertical", image.json().path("label").asText());
        assertEquals(3, image.json().path("top").size());
        assertEquals("vertical", image.json().path("top").get(0).path("label").asText());

        Http.Reply text = http.post("/v2/models/topics/classify?top=2", "text/plain; charset=utf-8",
                "The striker scored twice in the final.".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, text.status(), text.toString());
        assertEquals("sport", text.json().path("label").asText());
        assertEquals(2, text.json().path("top").size());

        Http.Reply row = http.post("/v2/models/iris/classify", "text/csv", "6.9,3.1,5.6,2.3".getBytes(StandardCharsets.UTF_8));
        assertEquals("virginica", row.json().path("label").asText(), row.toString());
        Http.Reply named = http.post("/v2/models/iris/classify", "text/csv",
                "petal_width,petal_length,sepal_width,sepal_length\n2.3,5.6,3.1,6.9\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(row.json().path("top"), named.json().path("top"), "a header line matches the columns by name");

        Http.Reply value = http.post("/v2/models/linear/classify", "text/csv", "0,1,blue".getBytes(StandardCharsets.UTF_8));
        assertEquals("y", value.json().path("quantity").asText(), value.toString());
        assertEquals(-4, value.json().path("value").asDouble(), 1.0, "3·0 − 2·1 − 2 = −4");

        Http.Reply unseen = http.post("/v2/models/linear/classify", "text/csv", "0,1,purple".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, unseen.status());
        assertTrue(unseen.json().path("warnings").get(0).asText().contains("\"purple\", a category not seen in training"), unseen.toString());
    }

    @Test void metricsCountRequestsLatencyBatchesAndQueues() throws Exception {
        http.post("/v2/models/iris/classify", "text/csv", "6.9,3.1,5.6,2.3".getBytes(StandardCharsets.UTF_8));
        http.get("/v2/models/nobody");
        Http.Reply metrics = http.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"), metrics.header("Content-Type"));
        String text = metrics.body();
        assertTrue(text.contains("modelstudio_requests_total{model=\"iris\",endpoint=\"classify\",status=\"200\"}"), text);
        assertTrue(text.contains("modelstudio_requests_total{model=\"\",endpoint=\"model_metadata\",status=\"404\"}"),
                "an unknown name is not a label: " + text);
        assertFalse(text.contains("nobody"));
        for (String name : List.of("modelstudio_request_duration_seconds_bucket{le=\"0.005\"}", "modelstudio_request_duration_seconds_count",
                "modelstudio_batch_size_bucket{le=\"1\"}", "modelstudio_forward_duration_seconds_sum",
                        "modelstudio_queue_length{model=\"bars\",version=\"1\"} 0",
                "modelstudio_requests_in_flight 1")) {
            assertTrue(text.contains(name), name + " in\n" + text);
        }
        assertTrue(server.log().after(-1).stream().anyMatch(e -> e.model().equals("iris v1") && e.status() == 200 && e.answer().equals("virginica")));
    }

    static ObjectNode infer(String name, String datatype, List<Integer> shape, ArrayNode data) {
        ObjectNode request = Http.JSON.createObjectNode();
        ObjectNode input = request.putArray("inputs").addObject().put("name", name).put("datatype", datatype);
        ArrayNode s = input.putArray("shape");
        shape.forEach(s::add);
        input.set("data", data);
        return request;
    }

    static ArrayNode zeros(int n) {
        ArrayNode a = Http.JSON.createArrayNode();
        for (int i = 0; i < n; i++) a.add(0);
        return a;
    }

    static JsonNode output(JsonNode response, String name) {
        for (JsonNode o : response.path("outputs")) if (o.path("name").asText().equals(name)) return o;
        throw new AssertionError("no output " + name + " in " + response);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static List<String> names(JsonNode models) {
        List<String> out = new ArrayList<>();
        models.forEach(m -> out.add(m.path("name").asText()));
        return out;
    }
}
