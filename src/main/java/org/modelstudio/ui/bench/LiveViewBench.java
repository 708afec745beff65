package org.modelstudio.ui.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.Studio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code model-studio.jar bench-live}: trains a network in the real studio window with every live view
 * attached (charts, status strip, log) and, in alternating rounds in the same process, with the bare engine
 * (no listener work at all), so that (a) the live view's cost is a ratio of samples/s measured under the
 * same machine noise, and (b) the window's responsiveness is the longest gap between two JavaFX pulses while
 * training (an {@link AnimationTimer} runs throughout, so a pulse is due every frame).
 */
public final class LiveViewBench extends Application {
    private static String[] arguments = new String[0];

    private Studio studio;
    private final PulseMonitor pulses = new PulseMonitor();

    public static void main(String[] args) {
        arguments = args;
        Application.launch(LiveViewBench.class, args);
    }

    @Override public void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
        fxThread = Thread.currentThread();
        pulses.start();
        Thread t = new Thread(() -> {
            int code = 1;
            try {
                code = run();
            } catch (Exception | LinkageError e) {
                e.printStackTrace();
            } finally {
                int exit = code;
                Platform.runLater(() -> {
                    studio.close();
                    Platform.exit();
                    System.exit(exit);
                });
            }
        }, "live-bench");
        t.setDaemon(true);
        t.start();
    }

    private int run() throws Exception {
        String specFile = option("--spec", "small-cnn.json");
        int images = Integer.parseInt(option("--images", "2500"));
        int rounds = Integer.parseInt(option("--rounds", "3"));
        NetworkSpec template = SampleData.spec(specFile);
        NetworkSpec spec = template.withTraining(template.training().withEpochs(1));
        LabeledData data = SampleData.fashionMnistTrain().first(images);
        var split = data.split(0.1, spec.training().seed());
        System.out.printf(Locale.ROOT, "Live-view bench: %s, %d images (%d trained per epoch), 1 epoch per measurement, "
                + "%d alternating round(s), %d core(s), ND4J threads %d%n", template.name(), images, split.first().size(),
                rounds, Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount());
        onFx(() -> {
            studio.model().openTemplate(template);
            studio.training().epochsProperty().set(1);
        });
        NativeThreads.useDefault();
        Trainer.train(spec, split.first().first(512), null, TrainingEventSink.NONE, new CancelToken());   // warm-up

        double[] bare = new double[rounds];
        double[] live = new double[rounds];
        List<Double> maxGaps = new ArrayList<>();
        long slowPulses = 0;
        long allPulses = 0;
        for (int r = 0; r < rounds; r++) {
            bare[r] = Trainer.train(spec, split.first(), split.second(), TrainingEventSink.NONE, new CancelToken())
                    .epochs().get(0).samplesPerSecond();
            CompletableFuture<TrainingResult> done = new CompletableFuture<>();
            long fxCpu0 = fxCpuNanos();
            long wall0 = System.nanoTime();
            onFx(() -> {
                studio.training().lastResultProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override public void changed(javafx.beans.value.ObservableValue<? extends TrainingResult> o,
                                                  TrainingResult old, TrainingResult result) {
                        o.removeListener(this);
                        done.complete(result);
                    }
                });
                pulses.reset();
                studio.training().start(() -> data);
            });
            TrainingResult result = done.get(30, TimeUnit.MINUTES);
            PulseMonitor.Window w = pulses.snapshot();
            double fxShare = (fxCpuNanos() - fxCpu0) / (double) (System.nanoTime() - wall0);
            if (result.epochs().isEmpty()) throw new IllegalStateException("the live run did not finish: " + result.failure());
            live[r] = result.epochs().get(0).samplesPerSecond();
            maxGaps.add(w.maxGapMillis());
            slowPulses += w.over50();
            allPulses += w.count();
            System.out.printf(Locale.ROOT, "round %d: bare %,.0f samples/s · live view %,.0f samples/s · ratio %.3f · "
                    + "longest pulse gap %.1f ms (%d of %d pulses over 50 ms) · JavaFX thread busy %.0f%% of the time%n",
                    r + 1, bare[r], live[r], live[r] / bare[r], w.maxGapMillis(), w.over50(), w.count(), 100 * fxShare);
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) ratios[r] = live[r] / bare[r];
        System.out.printf(Locale.ROOT, "%nlive view / bare engine, samples/s: median ratio %.3f (target ≥ 0.97)%n", median(ratios));
        System.out.printf(Locale.ROOT, "longest gap between two JavaFX pulses while training: %.1f ms (target ≤ 50 ms); "
                + "%d of %d pulses came more than 50 ms after the previous one%n",
                maxGaps.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), slowPulses, allPulses);
        return 0;
    }

    private volatile Thread fxThread;

    private long fxCpuNanos() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return fxThread == null ? 0 : mx.getThreadCpuTime(fxThread.getId());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String option(String name, String fallback) {
        for (int i = 0; i < arguments.length - 1; i++) if (arguments[i].equals(name)) return arguments[i + 1];
        return fallback;
    }

    private static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        f.get(1, TimeUnit.MINUTES);
    }

    /** Records the time between consecutive pulses (every frame, since this timer always runs). */
    static final class PulseMonitor extends AnimationTimer {
        record Window(double maxGapMillis, long over50, long count) {}

        private long last;
        private long maxGap;
        private long over50;
        private long count;

        @Override public void handle(long now) {
            if (last != 0) {
                long gap = now - last;
                synchronized (this) {
                    maxGap = Math.max(maxGap, gap);
                    if (gap > 50_000_000L) over50++;
                    count++;
                }
            }
            last = now;
        }

        synchronized void reset() {
            maxGap = 0;
            over50 = 0;
            count = 0;
        }

        synchronized Window snapshot() { return new Window(maxGap / 1e6, over50, count); }
    }
}
