package org.modelstudio.bench;

import org.modelstudio.cli.Cli;

import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.OneDnn;
import org.modelstudio.engine.train.Trainer;

import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --peer}: the studio's engine against its PyTorch twin ({@code bench/torch_twin.py}: the same layers,
 * initialisation, optimiser, learning rate, batch and data) in alternating rounds, so both see the same machine load.
 * Needs {@code python3} with {@code torch} (Debian: {@code python3-torch}); nothing is downloaded.
 */
final class PeerBench {
    private static final Pattern SPEED = Pattern.compile("\"samples_per_second\": ([0-9.eE+-]+), \"threads\": (\\d+)");

    private final PrintStream out;

    PeerBench(PrintStream out) { this.out = out; }

    int run(int epochs, int rounds) throws IOException, InvalidNetworkException, InterruptedException {
        String python = python();
        if (python == null) {
            out.println("bench --peer needs python3 with torch (on Debian: apt-get install python3-torch); none was found.");
            return Cli.FAILED;
        }
        Path dir = Files.createTempDirectory("peer-bench-");
        try {
            Path script = dir.resolve("torch_twin.py");
            try (InputStream in = PeerBench.class.getResourceAsStream("/bench/torch_twin.py")) {
                if (in == null) throw new IOException("the PyTorch twin script is missing from the application");
                Files.copy(in, script);
            }
            NativeThreads.useDefault();
            LabeledData all = SampleData.fashionMnistTrain();
            out.printf(Locale.ROOT, "Peer bench: the studio's engine against PyTorch (%s) on the Fashion-MNIST sample, batch 32, Adam 0.001, "
                    + "%d epoch(s) per measurement, %d alternating rounds; %d core(s); ND4J threads %d (OMP_NUM_THREADS %s); %s%n%n",
                    python, epochs, rounds, Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount(),
                    System.getenv("OMP_NUM_THREADS") == null ? "not set" : System.getenv("OMP_NUM_THREADS"), OneDnn.describe());
            for (String net : List.of("mlp", "cnn")) {
                NetworkSpec spec = SampleData.spec(net.equals("mlp") ? "mlp.json" : "small-cnn.json");
                LabeledData data = all.first(net.equals("mlp") ? 10_000 : 2_500);
                spec = spec.withTraining(spec.training().withEpochs(epochs).withBatchSize(32));
                Path images = dir.resolve(net);
                write(data, images);
                studio(spec.withTraining(spec.training().withEpochs(1)), data.first(1024));
                twin(python, script, net, images, 1, spec.training().l2());
                double[] studio = new double[rounds];
                double[] torch = new double[rounds];
                int threads = 0;
                for (int r = 0; r < rounds; r++) {
                    boolean studioFirst = r % 2 == 0;
                    if (studioFirst) studio[r] = studio(spec, data);
                    double[] t = twin(python, script, net, images, epochs, spec.training().l2());
                    torch[r] = t[0];
                    threads = (int) t[1];
                    if (!studioFirst) studio[r] = studio(spec, data);
                }
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) ratios[r] = studio[r] / torch[r];
                out.printf(Locale.ROOT, "%-20s %,6d images  studio %,8.0f samples/s  PyTorch %,8.0f samples/s (%d thread(s))  studio/PyTorch %.2f%n",
                        spec.name(), data.size(), BenchCommand.median(studio), BenchCommand.median(torch), threads, BenchCommand.median(ratios));
                out.printf(Locale.ROOT, "%-20s   per-round ratios %s%n", "",
                        Arrays.toString(Arrays.stream(ratios).map(v -> Math.round(v * 100) / 100.0).toArray()));
            }
            return Cli.OK;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double studio(NetworkSpec spec, LabeledData data) throws InvalidNetworkException {
        long t0 = System.nanoTime();
        Trainer.train(spec, data, null, TrainingEventSink.NONE, new CancelToken());
        return (double) data.size() * spec.training().epochs() / ((System.nanoTime() - t0) / 1e9);
    }

    /** The twin's samples per second and thread count. */
    private static double[] twin(String python, Path script, String net, Path images, int epochs, double l2)
            throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(python, script.toString(), "--net", net, "--data", images.toString(), "--epochs", Integer.toString(epochs),
                "--l2", Double.toString(l2))
                .redirectErrorStream(true);
        // PyTorch as its users get it: its own default threads, not the OMP_NUM_THREADS the studio may run with.
        b.environment().remove("OMP_NUM_THREADS");
        Process p = b.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IOException("the PyTorch twin failed:\n" + output);
        Matcher m = SPEED.matcher(output);
        if (!m.find()) throw new IOException("the PyTorch twin said nothing usable:\n" + output);
        return new double[] {Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** The images as raw little-endian float32 (x.f32) and their labels as bytes (y.u8), as the twin reads them. */
    private static void write(LabeledData data, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream x = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("x.f32")), 1 << 20))) {
            ByteBuffer b = ByteBuffer.allocate(784 * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] image : data.features()) {
                b.clear();
                for (float v : image) b.putFloat(v);
                x.write(b.array(), 0, b.position());
            }
        }
        byte[] y = new byte[data.size()];
        for (int i = 0; i < y.length; i++) y[i] = (byte) data.labels()[i];
        Files.write(dir.resolve("y.u8"), y);
    }

    /** A python3 that can import torch: Debian's first (python3-torch installs for it), then the one on the path. */
    private static String python() {
        List<String> candidates = new ArrayList<>(List.of("/usr/bin/python3", "python3"));
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return c;
            } catch (IOException e) {
                // Not there; try the next.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
