package org.modelstudio.bench;

import org.modelstudio.cli.Cli;

import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.ServerMetrics;
import org.modelstudio.server.ServerOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --serve}: the model server driven over loopback by {@link LoadClient} with one Fashion-MNIST test image
 * per request (an FP32 [1, 1, 28, 28] tensor in JSON, HTTP and JSON included), for the MLP and the small CNN, at
 * concurrency 1, 8 and 64. Reported: requests/s, p50 and p99 latency, the mean batch the server formed, failures, and
 * the ratio to the engine's own offline throughput on batches of the same size, measured in the same run: the limit.
 */
final class ServeBench {
    private static final int[] CONCURRENCY = {1, 8, 64};

    private final PrintStream out;

    ServeBench(PrintStream out) { this.out = out; }

    int run(int seconds) throws IOException, InvalidNetworkException, InterruptedException {
        NativeThreads.useDefault();
        LabeledData train = SampleData.fashionMnistTrain();
        float[] image = SampleData.fashionMnistTest().features()[0];
        out.printf(Locale.ROOT, "Serving bench: one Fashion-MNIST image per request (FP32 [1, 1, 28, 28] as JSON, %,d bytes) over loopback HTTP/1.1 "
                + "keep-alive; %d s per level after a 1 s warm-up; %d core(s) shared by the server and the load; ND4J threads %d; max batch %d%n%n",
                body(image).length, seconds, Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount(), ServerOptions.DEFAULT_MAX_BATCH);
        boolean allOk = true;
        for (String specFile : List.of("mlp.json", "small-cnn.json")) {
            NetworkSpec spec = SampleData.spec(specFile);
            spec = spec.withTraining(spec.training().withEpochs(1));
            TrainedModel model = Trainer.train(spec, train.first(specFile.equals("mlp.json") ? 2000 : 500), null,
                    new InputPreparation.Image(ImagePreprocessing.forInput((InputSpec.ImageInput) spec.input())), e -> { }, new CancelToken(),
                            new PauseGate()).last();
            allOk &= bench(spec.name(), model, image, seconds);
        }
        return allOk ? Cli.OK : Cli.FAILED;
    }

    private boolean bench(String name, TrainedModel model, float[] image, int seconds) throws IOException, InterruptedException {
        double offline = offline(new ModelRuntime(model), image, ServerOptions.DEFAULT_MAX_BATCH);
        out.printf(Locale.ROOT, "%s: the engine alone, offline, batches of %d prepared images: %,.0f images/s%n", name,
                ServerOptions.DEFAULT_MAX_BATCH, offline);
        out.printf(Locale.ROOT, "  %11s  %10s  %8s  %8s  %10s  %6s  %10s%n", "concurrency", "requests/s", "p50 ms", "p99 ms", "mean batch", "failed",
                "of offline");
        boolean ok = true;
        try (ModelServer server = new ModelServer(ServerOptions.defaults().withPort(0))) {
            server.models().publish("bench", model, "bench");
            server.start();
            byte[] request = LoadClient.post("127.0.0.1", server.port(), "/v2/models/bench/infer", body(image));
            for (int c : CONCURRENCY) {
                LoadClient.run("127.0.0.1", server.port(), request, c, 1000);
                ServerMetrics m = server.metrics();
                long passes = m.forwardPasses();
                double examples = m.batchedExamples();
                LoadClient.Result r = LoadClient.run("127.0.0.1", server.port(), request, c, seconds * 1000L);
                double batch = (m.batchedExamples() - examples) / Math.max(1, m.forwardPasses() - passes);
                out.printf(Locale.ROOT, "  %11d  %,10.0f  %8.2f  %8.2f  %10.1f  %6d  %9.1f%%%n", c, r.perSecond(), r.percentileMillis(50),
                        r.percentileMillis(99), batch, r.failed(), 100 * r.perSecond() / offline);
                if (r.failed() > 0) {
                    out.println("  first failure: " + r.firstFailure());
                    ok = false;
                }
            }
            server.stop(Duration.ofSeconds(5));
        }
        out.println();
        return ok;
    }

    /** Images per second through the runtime alone, in batches of {@code batch} prepared images (best of 3 rounds of 1 s). */
    static double offline(ModelRuntime runtime, float[] image, int batch) {
        float[][] x = new float[batch][];
        Arrays.fill(x, image);
        for (int i = 0; i < 20; i++) runtime.answer(x, null);
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - t0 < 1_000_000_000L) {
                runtime.answer(x, null);
                n += batch;
            }
            best = Math.max(best, n / ((System.nanoTime() - t0) / 1e9));
        }
        return best;
    }

    /** The request body: the image as the network's own input, with the decimals a client would send. */
    static byte[] body(float[] image) {
        StringBuilder sb = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":[");
        for (int i = 0; i < image.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(image[i] == 0 ? "0" : String.format(Locale.ROOT, "%.4f", image[i]));
        }
        return sb.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
