package org.modelstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.train.Trainer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve}: prints where it serves, answers real requests, swaps in a model file replaced on disk as the next
 * version (a compact one too; and keeps serving when the new file is damaged), and on a stop answers what is in flight
 * and says so.
 */
class ServeCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test void servesAModelAndSwapsInTheFileReplacedOnDisk(@TempDir Path dir) throws Exception {
        TrainedModel bars = Trainer.train(TestData.barCnn(4), TestData.bars(300, 3), null,
                new InputPreparation.Image(new ImagePreprocessing(8, 8, 1)), e -> { }, new CancelToken(), new PauseGate()).last();
        Path file = dir.resolve("Bar Shapes.zip");
        ModelFile.save(bars, file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger code = new AtomicInteger(-1);
        AtomicInteger hooks = new AtomicInteger();
        Thread serving = new Thread(() -> {
            try {
                Args a = Args.parse(List.of(file.toString(), "--port", "0", "--max-batch", "16"), ServeCommand.VALUED, Set.of());
                code.set(new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run(a, stop, hooks::incrementAndGet));
            } catch (Exception e) {
                err.writeBytes(e.toString().getBytes(StandardCharsets.UTF_8));
            }
        }, "serve");
        serving.start();
        waitFor(() -> text(out).contains("Try: curl"), 60, () -> text(out) + text(err));
        Matcher m = Pattern.compile("Serving bar-shapes at (http://127\\.0\\.0\\.1:\\d+/)\n").matcher(text(out));
        assertTrue(m.find(), text(out));
        assertEquals(1, hooks.get(), "Ctrl+C is hooked once the server listens");
        URI url = URI.create(m.group(1));
        byte[] png = png(dir, 1);
        JsonNode first = classify(url, png);
        assertEquals("1", first.path("model_version").asText());
        assertEquals("vertical", first.path("label").asText());

        ModelFile.save(TrainedModel.of(bars.spec(), List.of("flat", "upright", "slanted"), bars.preparation(), bars.network().clone()), file);
        waitFor(() -> text(out).contains("Swapped in bar-shapes version 2 from Bar Shapes.zip, changed on disk."), 15, () -> text(out) + text(err));
        JsonNode second = classify(url, png);
        assertEquals("2", second.path("model_version").asText());
        assertEquals("upright", second.path("label").asText());

        // A compact model file serves as any model file does.
        ModelFile.save(TrainedModel.of(bars.spec(), List.of("flat", "upright", "slanted"), bars.preparation(), bars.network().clone()), file,
                Precision.INT8);
        waitFor(() -> text(out).contains("Swapped in bar-shapes version 3 from Bar Shapes.zip, changed on disk."), 15, () -> text(out) + text(err));
        JsonNode third = classify(url, png);
        assertEquals("3", third.path("model_version").asText());
        assertEquals("upright", third.path("label").asText());

        Path junk = dir.resolve("junk.tmp");
        Files.writeString(junk, "not a model");
        Files.move(junk, file, StandardCopyOption.REPLACE_EXISTING);
        waitFor(() -> text(err).contains("warning: Bar Shapes.zip changed but cannot be served ("), 15, () -> text(out) + text(err));
        assertTrue(text(err).contains("still serving bar-shapes version 3."), text(err));
        assertEquals("3", classify(url, png).path("model_version").asText());

        stop.countDown();
        serving.join(20_000);
        assertEquals(Cli.OK, code.get(), text(err));
        assertTrue(text(out).contains("Stopping: answering the requests in flight…\nStopped after 4 requests."), text(out));
    }

    @Test void aServeCommandLineThatCannotWorkIsRefusedWithTheReason(@TempDir Path dir) {
        CliTest.Run none = CliTest.cli("serve");
        assertEquals(Cli.USAGE, none.code());
        assertTrue(none.err().contains("serve takes at least one model"), none.toString());
        CliTest.Run open = CliTest.cli("serve", "m.zip", "--bind", "0.0.0.0");
        assertEquals(Cli.USAGE, open.code());
        assertTrue(open.err().contains("error: listening on 0.0.0.0 would let anyone who can reach this machine use the models; give a token"),
                open.toString());
        CliTest.Run name = CliTest.cli("serve", "m.zip", "--name", "../etc");
        assertEquals(Cli.USAGE, name.code());
        assertTrue(name.err().contains("--name must be letters, digits, '-' and '_'"), name.toString());
        CliTest.Run missing = CliTest.cli("serve", dir.resolve("nothing.zip").toString(), "--port", "0");
        assertEquals(Cli.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("error: nothing.zip: does not exist"), missing.toString());
        CliTest.Run tokenFile = CliTest.cli("serve", "m.zip", "--token-file", dir.resolve("none.txt").toString());
        assertEquals(Cli.BAD_INPUT, tokenFile.code());
        assertTrue(tokenFile.err().contains("none.txt: does not exist"), tokenFile.toString());
        assertEquals(Cli.USAGE, CliTest.cli("serve", "m.zip", "--max-body", "lots").code());
        assertEquals(Cli.USAGE, CliTest.cli("serve", "m.zip", "--token", "short").code());
    }

    static JsonNode classify(URI url, byte[] png) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.resolve("v2/models/bar-shapes/classify")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static byte[] png(Path dir, int label) throws Exception {
        Path f = dir.resolve("bar.png");
        TestData.writeGreyPng(TestData.bar(label, new Random(2)), 8, 8, f);
        return Files.readAllBytes(f);
    }

    static String text(ByteArrayOutputStream s) { return s.toString(StandardCharsets.UTF_8); }

    static void waitFor(BooleanSupplier condition, int seconds, Supplier<String> why) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("waited " + seconds + " s: " + why.get());
            Thread.sleep(50);
        }
    }
}
