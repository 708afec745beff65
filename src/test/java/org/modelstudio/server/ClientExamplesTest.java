package org.modelstudio.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.train.Trainer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Serving examples in docs/serving.md are exactly what {@link ClientExamples} writes, and they work: the curl and Java ones
 * (and the JavaScript and Python ones where Node.js or Python's requests are installed) are run against a real server
 * serving a Fashion-MNIST model, and print the class the model runtime gives for the same file.
 */
class ClientExamplesTest {
    static final URI README_URL = URI.create("http://127.0.0.1:8080/v2/models/fashion");
    static final String SAMPLE = "sample-models/fashion-mnist/examples/sneaker-1.png";
    private static final String TOKEN = "example-token-1234";

    @TempDir static Path dir;
    private static ModelServer server;
    private static TrainedModel fashion;
    private static String expected;

    @BeforeAll static void serve() throws Exception {
        NetworkSpec mlp = SampleData.spec("mlp.json");
        fashion = Trainer.train(mlp.withTraining(mlp.training().withEpochs(2)), SampleData.fashionMnistTrain().first(3000), null,
                new InputPreparation.Image(ImagePreprocessing.forInput((InputSpec.ImageInput) mlp.input())), e -> { }, new CancelToken(),
                        new PauseGate()).last();
        expected = ((ModelAnswer.Classified) new ModelRuntime(fashion).predict(new ModelInput.ImageFile(Path.of(SAMPLE)))).prediction().best().label();
        server = new ModelServer(ServingFixture.options().withToken(TOKEN));
        server.models().publish("fashion", fashion, "test");
        server.start();
    }

    @AfterAll static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private static ClientExamples readme() {
        return new ClientExamples(README_URL, new ModelRuntime(fashion).signature(), null, SAMPLE);
    }

    /** The README's example, sent to the test server with its token. */
    private static String runnable(ClientExamples.Language language) {
        String example = new ClientExamples(server.url("fashion"), new ModelRuntime(fashion).signature(), TOKEN, SAMPLE).example(language);
        assertEquals(readme().example(language).replace(README_URL.toString(), server.url("fashion").toString()), withoutToken(example, language),
                "only the address and the token header differ from the README's");
        return example;
    }

    @Test void theReadmeShowsEveryExampleAsWritten() throws IOException {
        String readme = Files.readString(Path.of("docs/serving.md"), StandardCharsets.UTF_8);
        int serving = readme.indexOf("\n## Serving a model");
        assertTrue(serving > 0, "docs/serving.md has a Serving a model section");
        String section = readme.substring(serving, Math.max(readme.indexOf("\n## ", serving + 5), serving + 1));
        for (ClientExamples.Language language : ClientExamples.Language.values()) {
            assertTrue(section.contains(readme().example(language)), "docs/serving.md's Serving a model section shows, as written:\n"
                    + readme().example(language));
        }
    }

    @Test void theCurlExampleWorks() throws Exception {
        String output = run(List.of("sh", "-c", runnable(ClientExamples.Language.CURL)));
        JsonNode json = Http.JSON.readTree(output);
        assertEquals(expected, json.path("label").asText(), output);
        assertEquals("fashion", json.path("model_name").asText());
    }

    @Test void theJavaExampleWorks() throws Exception {
        Path source = dir.resolve("Classify.java");
        Files.writeString(source, runnable(ClientExamples.Language.JAVA));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = run(List.of(java, source.toString()));
        assertTrue(output.startsWith("200 {"), output);
        assertEquals(expected, Http.JSON.readTree(output.substring(4)).path("label").asText(), output);
    }

    @Test void theJavaScriptExampleWorksWhereNodeIsInstalled() throws Exception {
        if (!available("node", "--version")) return;
        Path script = dir.resolve("classify.mjs");
        Files.writeString(script, runnable(ClientExamples.Language.JAVASCRIPT));
        assertEquals(expected, run(List.of("node", script.toString())).strip());
    }

    @Test void thePythonExampleWorksWhereRequestsIsInstalled() throws Exception {
        if (!available("python3", "-c", "import requests")) return;
        Path script = dir.resolve("classify.py");
        Files.writeString(script, runnable(ClientExamples.Language.PYTHON));
        assertEquals(expected, run(List.of("python3", script.toString())).strip());
    }

    private static String withoutToken(String example, ClientExamples.Language language) {
        return switch (language) {
            case CURL -> example.replace(" -H 'Authorization: Bearer " + TOKEN + "'", "");
            case PYTHON -> example.replace(",\n                  headers={\"Authorization\": \"Bearer " + TOKEN + "\"}", "");
            case JAVASCRIPT -> example.replace(", \"Authorization\": \"Bearer " + TOKEN + "\"", "");
            case JAVA -> example.replace("\n                .header(\"Authorization\", \"Bearer " + TOKEN + "\")", "");
        };
    }

    /** Runs a command in the project folder (where the sample path leads); its standard output, or a failure with both. */
    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + "\n" + out + err);
        return out;
    }

    private static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
