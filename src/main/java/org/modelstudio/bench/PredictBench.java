package org.modelstudio.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.io.ImageDecoder;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.Studio;
import org.modelstudio.ui.inference.PredictionViewModel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code model-studio.jar bench-predict}: in the real studio window, with a small CNN trained on the sample (or
 * {@code --model saved.zip}), measures (a) the time from handing one dropped image to the Predict area (what its drop
 * handler does) until its result is in the scene after a layout pulse, over {@code --drops} drops, and (b) a batch of
 * {@code --batch} images dropped at once, until the whole table is shown: images/s, how many hand-overs the FX thread got
 * and the longest gap between two pulses meanwhile; next to it, the bare engine (decode + network, the same chunks).
 */
public final class PredictBench extends Application {
    private static String[] arguments = new String[0];

    private Studio studio;
    private Scene scene;
    private final LiveViewBench.PulseMonitor pulses = new LiveViewBench.PulseMonitor();

    public static void main(String[] args) {
        arguments = args;
        // The first-run tour would sit over the window it measures.
        if (System.getProperty("modelstudio.tour") == null) System.setProperty("modelstudio.tour", "off");
        Application.launch(PredictBench.class, args);
    }

    @Override public void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
        scene = stage.getScene();
        pulses.start();
        BenchSupport.runThenExit(studio, "predict-bench", this::run);
    }

    private int run() throws Exception {
        int drops = Integer.parseInt(BenchSupport.option(arguments, "--drops", "21"));
        int batchSize = Integer.parseInt(BenchSupport.option(arguments, "--batch", "1000"));
        int rounds = Integer.parseInt(BenchSupport.option(arguments, "--rounds", "3"));
        NativeThreads.useDefault();
        TrainedModel model = model();
        System.out.printf(Locale.ROOT, "Predict bench: %s (%,d parameters), %d core(s), ND4J threads %d%n", model.spec().name(),
                model.parameterCount(), Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount());
        BenchSupport.onFx(() -> studio.currentModel().set(model, "Bench model"));

        Path dir = Files.createTempDirectory("predict-bench");
        List<File> singles = new ArrayList<>();
        byte[] sneaker;
        try (InputStream in = SampleData.exampleImage("sneaker-1.png")) {
            sneaker = in.readAllBytes();
        }
        for (int i = 0; i < drops + 5; i++) singles.add(Files.write(dir.resolve(String.format(Locale.ROOT, "drop-%03d.png", i)), sneaker).toFile());
        List<File> batch = writeImages(SampleData.fashionMnistTest().first(batchSize), Files.createDirectories(dir.resolve("batch")));

        // Warm-up: the first drops and a small batch compile the code paths (and load the native engine's kernels).
        for (int i = 0; i < 5; i++) single(singles.get(drops + i));
        batch(batch.subList(0, Math.min(200, batch.size())));

        double[] single = new double[drops];
        double[] predicting = new double[drops];
        double[] handedOver = new double[drops];
        for (int i = 0; i < drops; i++) {
            single[i] = single(singles.get(i));
            predicting[i] = studio.prediction().results().get(0).millis();
            handedOver[i] = (resultAdded - dropped) / 1e6;
            Thread.sleep(100);
        }
        double[] sorted = single.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "one image, drop to result shown: median %.1f ms, fastest %.1f ms, slowest %.1f ms over %d drops (target < 50 ms); "
                + "of which decoding and the network: median %.1f ms; the result reached the FX thread after a median %.1f ms%n",
                BenchSupport.median(single), sorted[0], sorted[sorted.length - 1], drops, BenchSupport.median(predicting), BenchSupport.median(handedOver));

        double[] perSecond = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            BatchFigures f = batch(batch);
            perSecond[r] = batch.size() / (f.millis() / 1000);
            System.out.printf(Locale.ROOT, "batch of %,d images, drop to whole table shown: %.0f ms, %,.0f images/s; "
                    + "%d hand-overs to the FX thread; longest pulse gap %.1f ms%n", batch.size(), f.millis(), perSecond[r], f.chunks(), f.maxGap());
        }
        System.out.printf(Locale.ROOT, "batch: median %,.0f images/s in the studio%n", BenchSupport.median(perSecond));
        System.out.printf(Locale.ROOT, "bare engine (decode + network, %d at a time, same images): %,.0f images/s%n", 32, bare(model, batch));
        return 0;
    }

    /** Trains the small CNN on part of the sample for one epoch, or opens {@code --model}. */
    private static TrainedModel model() throws Exception {
        String file = BenchSupport.option(arguments, "--model", null);
        if (file != null) return ModelFile.load(Path.of(file));
        NetworkSpec template = SampleData.spec(BenchSupport.option(arguments, "--spec", "small-cnn.json"));
        NetworkSpec spec = template.withTraining(template.training().withEpochs(1));
        LabeledData data = SampleData.fashionMnistTrain().first(Integer.parseInt(BenchSupport.option(arguments, "--train", "3000")));
        long t0 = System.nanoTime();
        TrainingResult r = Trainer.train(spec, data, null, TrainingEventSink.NONE, new CancelToken());
        if (r.last() == null) throw new IllegalStateException("training failed: " + r.message());
        System.out.printf(Locale.ROOT, "trained %s for 1 epoch on %,d sample images in %.1f s%n", spec.name(), data.size(), (System.nanoTime() - t0) / 1e9);
        return r.last();
    }

    private volatile long dropped;
    private volatile long resultAdded;

    /** One image handed to the Predict area, until a result cell naming it is laid out; in ms. */
    private double single(File file) throws Exception {
        String name = file.getName();
        ListChangeListener<Object> added = c -> resultAdded = System.nanoTime();
        BenchSupport.onFx(() -> studio.prediction().results().addListener(added));
        try {
            return shownAfter(() -> {
                dropped = System.nanoTime();
                studio.prediction().predict(List.of(file));
            }, () -> {
                for (Node n : scene.getRoot().lookupAll(".result-file")) {
                    if (n instanceof Labeled l && l.getText() != null && l.getText().startsWith(name) && n.getScene() != null) return true;
                }
                return false;
            }).millis();
        } finally {
            BenchSupport.onFx(() -> studio.prediction().results().removeListener(added));
        }
    }

    private record BatchFigures(double millis, int chunks, double maxGap) {}

    /** A batch handed to the Predict area at once, until the table holds all of it and has been laid out. */
    private BatchFigures batch(List<File> files) throws Exception {
        PredictionViewModel vm = studio.prediction();
        int[] changes = new int[1];
        ListChangeListener<Object> count = c -> {
            while (c.next()) if (c.wasAdded()) changes[0]++;
        };
        BenchSupport.onFx(() -> {
            vm.clear();
            pulses.reset();
        });
        Thread.sleep(200);
        TableView<?> table = (TableView<?>) scene.getRoot().lookup("#batchTable");
        Shown shown = shownAfter(() -> {
            vm.batch().addListener(count);
            vm.predict(files);
        }, () -> !vm.batchRunningProperty().get() && vm.batch().size() == files.size() && table.getItems().size() == files.size()
                && table.getScene() != null && table.isVisible());
        BenchSupport.onFx(() -> vm.batch().removeListener(count));
        return new BatchFigures(shown.millis(), changes[0], pulses.snapshot().maxGapMillis());
    }

    private record Shown(double millis) {}

    /**
     * Runs {@code action} on the FX thread and measures until {@code done} is true after a layout pulse (checked after
     * every pulse's layout, on the FX thread).
     */
    private Shown shownAfter(Runnable action, BooleanSupplier done) throws Exception {
        CompletableFuture<Double> result = new CompletableFuture<>();
        long[] t0 = new long[1];
        Runnable check = new Runnable() {
            @Override public void run() {
                if (!result.isDone() && done.getAsBoolean()) {
                    result.complete((System.nanoTime() - t0[0]) / 1e6);
                    scene.removePostLayoutPulseListener(this);
                }
            }
        };
        Platform.runLater(() -> {
            scene.addPostLayoutPulseListener(check);
            t0[0] = System.nanoTime();
            action.run();
        });
        return new Shown(result.get(5, TimeUnit.MINUTES));
    }

    /** The engine alone on the same files: decode and predict 32 at a time, as the studio does. */
    private static double bare(TrainedModel model, List<File> files) throws Exception {
        ModelRuntime runtime = new ModelRuntime(model);
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int start = 0; start < files.size(); start += 32) {
                List<File> chunk = files.subList(start, Math.min(files.size(), start + 32));
                float[][] x = new float[chunk.size()][];
                for (int i = 0; i < x.length; i++) x[i] = ImageDecoder.decode(chunk.get(i).toPath(), model.preprocessing());
                runtime.answer(x, null);
            }
            best = Math.max(best, files.size() / ((System.nanoTime() - t0) / 1e9));
        }
        return best;
    }

    /** The images as 8-bit grey PNG files, named by index and class. */
    private static List<File> writeImages(LabeledData data, Path dir) throws IOException {
        List<File> files = new ArrayList<>();
        int h = 28;
        int w = 28;
        for (int i = 0; i < data.size(); i++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            float[] px = data.features()[i];
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, Math.round(px[y * w + x] * 255));
            String label = data.classes().get(data.labels()[i]).replaceAll("[^A-Za-z]+", "-").toLowerCase(Locale.ROOT);
            File f = dir.resolve(String.format(Locale.ROOT, "%04d-%s.png", i, label)).toFile();
            ImageIO.write(img, "png", f);
            files.add(f);
        }
        return files;
    }



}
