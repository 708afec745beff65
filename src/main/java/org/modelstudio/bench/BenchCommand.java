package org.modelstudio.bench;

import org.modelstudio.cli.Cli;
import org.modelstudio.cli.Args;
import org.modelstudio.cli.UsageException;

import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.AugmentedSource;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.GeneratedImages;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.OneDnn;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.io.ImageDecoder;
import org.modelstudio.engine.train.BareFit;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.io.ImageFolderSource;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Measures, in one run so that machine noise hits both sides alike: training throughput of the studio's
 * engine against a bare DL4J {@code fit} on the same network and data (alternating rounds, median ratio),
 * the effect of ND4J's thread count, and one-image prediction latency. With {@code --stream N}: training on
 * N generated images that are read batch by batch instead of held in memory, and the heap that takes.
 */
final class BenchCommand {
    private final PrintStream out;
    private TrainedModel lastModel;

    BenchCommand(PrintStream out) { this.out = out; }

    int run(Args args) throws UsageException, IOException, InvalidNetworkException {
        if (args.has("--serve") || args.has("--peer")) {
            try {
                if (args.has("--peer")) return new PeerBench(out).run(args.intOption("--epochs", 1, 1), args.intOption("--rounds", 3, 1));
                return new ServeBench(out).run(args.intOption("--seconds", 5, 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Cli.FAILED;
            }
        }
        if (args.has("--to-accuracy")) {
            return new TimeToAccuracyBench(out).run(args.doubleOption("--target", 0.85, 0.1, 1), List.of("mlp.json", "small-cnn.json"));
        }
        if (args.has("--folder")) return folder(args.intOption("--folder", 0, 10), args.has("--train"));
        if (args.has("--stream")) {
            if (args.has("--quick")) throw new UsageException("--stream and --quick do not go together");
            return stream(args.intOption("--stream", 0, 1), args.intOption("--epochs", 1, 1));
        }
        boolean quick = args.has("--quick");
        int epochs = args.intOption("--epochs", quick ? 1 : 2, 1);
        int rounds = quick ? 1 : 5;
        LabeledData all = SampleData.fashionMnistTrain();
        LabeledData mlpData = quick ? all.first(2048) : all;
        // The small CNN trains at a few hundred to a few thousand images/s on 2 cores (without and with oneDNN),
        // so it is measured on a quarter of the sample to keep the whole bench to a few minutes.
        LabeledData cnnData = all.first(quick ? 512 : 2500);
        out.printf(Locale.ROOT, "Model Studio bench: Fashion-MNIST sample, %d epoch(s) per measurement, %d alternating round(s), "
                + "%d core(s); ND4J threads as the studio sets them: %d; %s%n%n", epochs, rounds,
                Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount(), OneDnn.describe());

        TrainedModel cnn = null;
        for (String specFile : List.of("mlp.json", "small-cnn.json")) {
            NetworkSpec spec = SampleData.spec(specFile);
            LabeledData train = specFile.equals("mlp.json") ? mlpData : cnnData;
            spec = spec.withTraining(spec.training().withEpochs(epochs));
            NativeThreads.useDefault();
            warmUp(spec, train.first(Math.min(train.size(), 1024)));
            double[] bare = new double[rounds];
            double[] engine = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // Alternate which side goes first so drift in machine load does not favour one.
                if (r % 2 == 0) {
                    bare[r] = BareFit.samplesPerSecond(spec, train, epochs);
                    engine[r] = engineSamplesPerSecond(spec, train, epochs);
                } else {
                    engine[r] = engineSamplesPerSecond(spec, train, epochs);
                    bare[r] = BareFit.samplesPerSecond(spec, train, epochs);
                }
            }
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) ratios[r] = engine[r] / bare[r];
            double ratio = median(ratios);
            out.printf(Locale.ROOT, "%-20s %,6d images  bare DL4J %,8.0f samples/s  studio engine %,8.0f samples/s  ratio %.3f (overhead %.1f%%)%n",
                    spec.name(), train.size(), median(bare), median(engine), ratio, 100 * (1 - ratio));
            out.printf(Locale.ROOT, "%-20s   per-round ratios %s%n", "", Arrays.toString(Arrays.stream(ratios)
                    .map(v -> Math.round(v * 1000) / 1000.0).toArray()));
            if (specFile.equals("small-cnn.json")) cnn = lastModel;
        }

        out.println();
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores > 1) {
            for (String specFile : List.of("mlp.json", "small-cnn.json")) {
                NetworkSpec spec = SampleData.spec(specFile);
                spec = spec.withTraining(spec.training().withEpochs(1));
                LabeledData data = specFile.equals("mlp.json") ? mlpData.first(4096) : cnnData.first(quick ? 256 : 1024);
                double[] one = new double[rounds];
                double[] allCores = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int side = 0; side < 2; side++) {
                        boolean single = (side == 0) == (r % 2 == 0);
                        NativeThreads.use(single ? 1 : cores);
                        double sps = engineSamplesPerSecond(spec, data, 1);
                        if (single) one[r] = sps; else allCores[r] = sps;
                    }
                }
                out.printf(Locale.ROOT, "%-20s ND4J threads 1: %,8.0f samples/s   threads %d: %,8.0f samples/s   (%d: 1 = %.2f)%n",
                        spec.name(), median(one), cores, median(allCores), cores, median(allCores) / median(one));
            }
        }

        out.println();
        NativeThreads.useDefault();
        latency(cnn, quick ? 100 : 500);
        return Cli.OK;
    }

    /**
     * The image import pipeline: writes {@code n} 64×64 colour PNGs in 10 class folders (a temporary folder,
     * deleted afterwards; each class has a white bar in its own place over random shapes), then measures the scan, decoding and resizing to 28×28
     * grey, and the same with the
     * typical augmentation (rotation 15°, shift 0.1, flip), in images/s. With {@code train}, the shipped MLP
     * then trains one epoch on the folder as the studio would (read from disk batch by batch), and the heap's
     * peak is reported as for {@code --stream}.
     */
    private int folder(int n, boolean train) throws IOException, InvalidNetworkException {
        Path dir = Files.createTempDirectory("model-studio-bench-");
        try {
            Random r = new Random(1);
            for (int i = 0; i < n; i++) {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(r.nextInt(0xffffff)));
                g.fillRect(0, 0, 64, 64);
                g.setColor(new Color(r.nextInt(0xffffff)));
                g.fillOval(r.nextInt(40), r.nextInt(40), 10 + r.nextInt(24), 10 + r.nextInt(24));
                g.setColor(Color.WHITE);              // the class: where a white bar stands, so there is something to learn
                g.fillRect(2 + 6 * (i % 10), 0, 5, 64);
                g.dispose();
                Path f = dir.resolve("class" + (i % 10)).resolve(i + ".png");
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
            ImagePreprocessing prep = new ImagePreprocessing(28, 28, 1);
            long t0 = System.nanoTime();
            var source = ImageFolderSource.scan(dir, prep, p -> { }, new CancelToken()).source();
            double scan = (System.nanoTime() - t0) / 1e9;
            float[] into = new float[28 * 28];
            double plain = readAll(source, into);
            var augmented = new AugmentedSource(source, Augmentation.TYPICAL, 1);
            double withAugmentation = readAll(augmented, into);
            plain = Math.min(plain, readAll(source, into));          // second pass: the files are in the OS cache either way
            out.printf(Locale.ROOT, "Image import: %,d PNG files (64×64 colour) in 10 class folders → 28×28 grey, 1 thread%n", n);
            out.printf(Locale.ROOT, "  scan (list and check headers)       %,9.0f images/s%n", n / scan);
            out.printf(Locale.ROOT, "  decode + resize                     %,9.0f images/s%n", n / plain);
            out.printf(Locale.ROOT, "  decode + resize + augment (typical) %,9.0f images/s%n", n / withAugmentation);
            if (!train) return Cli.OK;
            out.println();
            return trainStreaming(source, 1, String.format(Locale.ROOT, "%,d PNG files in a folder, decoded as they are read", n));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double readAll(ExampleSource source, float[] into) {
        long t0 = System.nanoTime();
        for (int i = 0; i < source.size(); i++) source.read(i, into);
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Trains the shipped MLP for {@code epochs} on {@code n} generated images through the streaming path and
     * reports throughput and the heap's peak. The peak is the sum of each heap pool's peak usage since the
     * pools were reset after a full GC: an upper bound on the heap in use at any one moment.
     */
    private int stream(int n, int epochs) throws InvalidNetworkException {
        return trainStreaming(new GeneratedImages(n, 1), epochs, String.format(Locale.ROOT, "%,d generated 28×28 images", n));
    }

    /** Trains the shipped MLP on {@code images} through the streaming path; throughput and the heap's peak. */
    private int trainStreaming(ExampleSource images, int epochs, String what) throws InvalidNetworkException {
        int n = images.size();
        NetworkSpec spec = SampleData.spec("mlp.json");
        spec = spec.withTraining(spec.training().withEpochs(epochs));
        if (!Trainer.streams(images)) throw new IllegalStateException("the bench's images are expected to be streamed");
        NativeThreads.useDefault();
        // Warm up (class loading, ND4J's start) on a few batches, so that neither counts in the measurement.
        Trainer.train(spec.withTraining(spec.training().withEpochs(1)), new GeneratedImages(Math.min(n, 1024), 2), null,
                TrainingEventSink.NONE, new CancelToken());
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        long before = settledHeapUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        List<TrainingEvent.EpochEvaluated> epochsDone = new ArrayList<>();
        long t0 = System.nanoTime();
        var result = Trainer.train(spec, images, null, e -> {
            if (e instanceof TrainingEvent.EpochEvaluated ev) epochsDone.add(ev);
        }, new CancelToken());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long after = settledHeapUsed();
        long max = Runtime.getRuntime().maxMemory();
        double mb = 1024 * 1024;
        out.printf(Locale.ROOT, "Streaming bench: %s, %d epoch(s) of %s, read batch by batch (batch %d), "
                        + "%d core(s), ND4J threads %d%n", spec.name(), epochs, what, spec.training().batchSize(),
                Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount());
        if (result.outcome() != RunOutcome.FINISHED) {
            out.println("  training did not finish: " + result.message());
            return Cli.FAILED;
        }
        TrainingEvent.EpochEvaluated last = epochsDone.get(epochsDone.size() - 1);
        double trainingSps = epochsDone.stream().mapToDouble(TrainingEvent.EpochEvaluated::samplesPerSecond).average().orElse(Double.NaN);
        out.printf(Locale.ROOT, "  %,.0f samples/s while training (%,.0f samples/s over the whole run, %.1f s); last epoch: loss %.4f, "
                + "training accuracy %.1f%%%n", trainingSps, (double) n * epochs / seconds, seconds, last.trainLoss(), 100 * last.trainAccuracy());
        // Young-generation pools peak with garbage not yet collected; the old generation shows what stayed.
        String pools = String.join(", ", heap.stream().map(p -> String.format(Locale.ROOT, "%s %.0f", p.getName(),
                p.getPeakUsage().getUsed() / mb)).toList());
        out.printf(Locale.ROOT, "  peak heap %.0f MB (%s); in use after a full GC: %.0f MB before training, %.0f MB after; "
                + "maximum heap %.0f MB%n", peak / mb, pools, before / mb, after / mb, max / mb);
        out.printf(Locale.ROOT, "  the images held in memory as floats would take %.0f MB of heap%n", images.featureBytes() / mb);
        return Cli.OK;
    }

    /**
     * The heap in use after full GCs, once it stops falling: ND4J frees the Java side of native arrays only after
     * its deallocator thread has seen them unreachable, so the first GC after training leaves them in the heap.
     */
    private static long settledHeapUsed() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used - now < 1 << 20) return now;
            used = now;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return used;
            }
        }
        return used;
    }

    private void warmUp(NetworkSpec spec, LabeledData data) throws InvalidNetworkException {
        Trainer.train(spec.withTraining(spec.training().withEpochs(1)), data, null, TrainingEventSink.NONE, new CancelToken());
    }

    private double engineSamplesPerSecond(NetworkSpec spec, LabeledData train, int epochs) throws InvalidNetworkException {
        long t0 = System.nanoTime();
        lastModel = Trainer.train(spec.withTraining(spec.training().withEpochs(epochs)), train, null, TrainingEventSink.NONE,
                new CancelToken()).model();
        return (double) train.size() * epochs / ((System.nanoTime() - t0) / 1e9);
    }

    private void latency(TrainedModel model, int runs) throws IOException {
        Path png = Files.createTempFile("bench-", ".png");
        try (InputStream in = SampleData.exampleImage("sneaker-1.png")) {
            Files.write(png, in.readAllBytes());
        }
        try {
            ImagePreprocessing prep = ImagePreprocessing.forInput((InputSpec.ImageInput) model.spec().input());
            float[] prepared = ImageDecoder.decode(png, prep);
            long[] fileNanos = new long[runs];
            long[] arrayNanos = new long[runs];
            ModelRuntime runtime = new ModelRuntime(model);
            ModelInput file = new ModelInput.ImageFile(png);
            ModelInput tensor = new ModelInput.Tensor(prepared);
            for (int i = 0; i < 50; i++) runtime.classify(file);
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                runtime.classify(file);
                fileNanos[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                runtime.classify(tensor);
                arrayNanos[i] = System.nanoTime() - t0;
            }
            out.printf(Locale.ROOT, "Predict one image, small CNN (%d runs): file → top-k  median %.2f ms  p99 %.2f ms;"
                    + "  prepared input  median %.2f ms  p99 %.2f ms%n", runs,
                    percentile(fileNanos, 50) / 1e6, percentile(fileNanos, 99) / 1e6,
                    percentile(arrayNanos, 50) / 1e6, percentile(arrayNanos, 99) / 1e6);
        } catch (InputRejectedException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(png);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double percentile(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }
}
