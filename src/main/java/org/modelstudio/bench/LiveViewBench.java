package org.modelstudio.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.stage.Stage;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.Studio;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
        // The first-run tour would sit over the window it measures.
        if (System.getProperty("modelstudio.tour") == null) System.setProperty("modelstudio.tour", "off");
        Application.launch(LiveViewBench.class, args);
    }

    @Override public void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
        fxThread = Thread.currentThread();
        pulses.start();
        if (Boolean.getBoolean("bench.stalls")) watchStalls();
        BenchSupport.runThenExit(studio, "live-bench", this::run);
    }

    private int run() throws Exception {
        String specFile = BenchSupport.option(arguments, "--spec", "small-cnn.json");
        int images = Integer.parseInt(BenchSupport.option(arguments, "--images", "2500"));
        int rounds = Integer.parseInt(BenchSupport.option(arguments, "--rounds", "5"));
        NetworkSpec template = SampleData.spec(specFile);
        NetworkSpec spec = template.withTraining(template.training().withEpochs(1));
        LabeledData data = SampleData.fashionMnistTrain().first(images);
        var split = data.split(0.1, spec.training().seed());
        System.out.printf(Locale.ROOT, "Live-view bench: %s, %d images (%d trained per epoch), 1 epoch per measurement, "
                + "%d alternating round(s), %d core(s), ND4J threads %d%n", template.name(), images, split.first().size(),
                rounds, Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount());
        BenchSupport.onFx(() -> {
            studio.model().openTemplate(template);
            studio.training().epochsProperty().set(1);
        });
        NativeThreads.useDefault();
        // Warm-up of both sides: the engine, and the live view's drawing code (its first frames are compiled then).
        Trainer.train(spec, split.first().first(512), null, TrainingEventSink.NONE, new CancelToken());
        liveRun(data.first(600));
        liveRun(data.first(600));

        double[] bare = new double[rounds];
        double[] live = new double[rounds];
        List<Double> maxGaps = new ArrayList<>();
        long slowPulses = 0;
        long allPulses = 0;
        for (int r = 0; r < rounds; r++) {
            bare[r] = Trainer.train(spec, split.first(), split.second(), TrainingEventSink.NONE, new CancelToken())
                    .epochs().get(0).samplesPerSecond();
            long fxCpu0 = fxCpuNanos();
            long renderCpu0 = threadCpuNanos("QuantumRenderer");
            long wall0 = System.nanoTime();
            TrainingResult result = liveRun(data);
            PulseMonitor.Window w = pulses.snapshot();
            double fxShare = (fxCpuNanos() - fxCpu0) / (double) (System.nanoTime() - wall0);
            double renderShare = (threadCpuNanos("QuantumRenderer") - renderCpu0) / (double) (System.nanoTime() - wall0);
            if (result.epochs().isEmpty()) throw new IllegalStateException("the live run did not finish: " + result.failure());
            live[r] = result.epochs().get(0).samplesPerSecond();
            maxGaps.add(w.maxGapMillis());
            slowPulses += w.over50();
            allPulses += w.count();
            System.out.printf(Locale.ROOT, "round %d: bare %,.0f samples/s · live view %,.0f samples/s · ratio %.3f · "
                    + "longest pulse gap %.1f ms (%d of %d pulses over 50 ms) · JavaFX thread busy %.0f%%, renderer %.0f%% of the time%n",
                    r + 1, bare[r], live[r], live[r] / bare[r], w.maxGapMillis(), w.over50(), w.count(), 100 * fxShare, 100 * renderShare);
            if (!w.slowGaps().isEmpty()) System.out.println("  gaps over 50 ms: " + String.join(", ", w.slowGaps()) + " after the start");
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) ratios[r] = live[r] / bare[r];
        System.out.printf(Locale.ROOT, "%nlive view / bare engine, samples/s: median ratio %.3f (target ≥ 0.97)%n", BenchSupport.median(ratios));
        System.out.printf(Locale.ROOT, "longest gap between two JavaFX pulses while training: %.1f ms (target ≤ 50 ms); "
                + "%d of %d pulses came more than 50 ms after the previous one%n",
                maxGaps.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), slowPulses, allPulses);
        longRun(Integer.parseInt(BenchSupport.option(arguments, "--points", "100000")));
        return 0;
    }

    /**
     * Smoothness with a long history: feeds the live curves a run of {@code points} batches (as the training
     * thread would: 20 epochs, 50 batches every 80 ms) and measures the pulse gaps while they are drawn.
     */
    private void longRun(int points) throws Exception {
        var curves = studio.training().curves();
        int epochs = 20;
        int perEpoch = points / epochs;
        BenchSupport.onFx(pulses::reset);
        long t0 = System.nanoTime();
        Random r = new Random(1);
        curves.accept(new TrainingEvent.Started(epochs, perEpoch, perEpoch * 32, 1000));
        long iteration = 0;
        for (int e = 1; e <= epochs; e++) {
            for (int b = 1; b <= perEpoch; b++) {
                double loss = 2.3 * Math.exp(-iteration / (double) points * 3) + 0.2 * r.nextDouble();
                curves.accept(new TrainingEvent.BatchScored(e, b, iteration++, loss));
                if (b % 50 == 0) Thread.sleep(80);
            }
            curves.accept(new TrainingEvent.EpochEvaluated(e, 0.5, 0.8, 0.55, 0.78, 0.001, 1000, 0));
        }
        curves.flush();
        Thread.sleep(500);
        PulseMonitor.Window w = pulses.snapshot();
        System.out.printf(Locale.ROOT, "%nlong history: %,d batch points drawn live in %.0f s; longest pulse gap %.1f ms "
                + "(%d of %d pulses over 50 ms)%n", curves.batchLoss().getDataCount(), (System.nanoTime() - t0) / 1e9,
                w.maxGapMillis(), w.over50(), w.count());
    }

    /** One run in the studio, started as the Train button starts it, with the pulse monitor reset. */
    private TrainingResult liveRun(LabeledData data) throws Exception {
        CompletableFuture<TrainingResult> done = new CompletableFuture<>();
        BenchSupport.onFx(() -> {
            studio.training().lastResultProperty().addListener(new ChangeListener<>() {
                @Override public void changed(ObservableValue<? extends TrainingResult> o,
                                              TrainingResult old, TrainingResult result) {
                    o.removeListener(this);
                    done.complete(result);
                }
            });
            pulses.reset();
            studio.training().start(() -> data);
        });
        return done.get(30, TimeUnit.MINUTES);
    }

    private volatile Thread fxThread;

    /**
     * With -Dbench.stalls=true: prints what the JavaFX thread, the renderer and the training thread were doing when a
     * frame was 45 ms late.
     */
    private void watchStalls() {
        Thread w = new Thread(() -> {
            long reported = 0;
            while (true) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                long last = pulses.lastPulse;
                if (last != 0 && System.nanoTime() - last > 45_000_000L && last != reported) {
                    reported = last;
                    StackTraceElement[] st = fxThread.getStackTrace();
                    StringBuilder b = new StringBuilder("STALL:");
                    for (int i = 0; i < Math.min(25, st.length); i++) b.append("\n    ").append(st[i]);
                    for (var e : Thread.getAllStackTraces().entrySet()) {
                        String n = e.getKey().getName();
                        var s2 = e.getValue();
                        boolean trainer = Arrays.stream(s2).anyMatch(f -> f.getClassName().contains("modelstudio.engine"));
                        if (n.startsWith("QuantumRenderer") || trainer) {
                            b.append("\n  [" + n + "]");
                            for (int i = 0; i < Math.min(12, s2.length); i++) b.append("\n      ").append(s2[i]);
                        }
                    }
                    System.out.println(b);
                }
            }
        }, "stall-watch");
        w.setDaemon(true);
        w.start();
    }

    private static long threadCpuNanos(String namePrefix) {
        var mx = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(namePrefix))
                .mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getId()))).sum();
    }

    private long fxCpuNanos() {
        var mx = ManagementFactory.getThreadMXBean();
        return fxThread == null ? 0 : mx.getThreadCpuTime(fxThread.getId());
    }




    /** Records the time between consecutive pulses (every frame, since this timer always runs). */
    static final class PulseMonitor extends AnimationTimer {
        record Window(double maxGapMillis, long over50, long count, List<String> slowGaps) {}

        private long last;
        private long since;
        private final List<String> slow = new ArrayList<>();
        private long maxGap;
        private long over50;
        private long count;

        /** The collector's pause time so far, at the last pulse: a late frame says how much of its gap was collection. */
        private long gcMillisAtLast;

        @Override public void handle(long now) {
            long gcMillis = collectionMillis();
            if (last != 0) {
                long gap = now - last;
                synchronized (this) {
                    maxGap = Math.max(maxGap, gap);
                    if (gap > 50_000_000L) {
                        over50++;
                        slow.add(String.format(Locale.ROOT, "%.0f ms at %.1f s (collector %d ms)", gap / 1e6, (now - since) / 1e9,
                                gcMillis - gcMillisAtLast));
                    }
                    count++;
                }
            }
            last = now;
            gcMillisAtLast = gcMillis;
            lastPulse = System.nanoTime();
        }

        private static long collectionMillis() {
            long total = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) total += Math.max(0, gc.getCollectionTime());
            return total;
        }

        volatile long lastPulse;

        synchronized void reset() {
            slow.clear();
            since = System.nanoTime();
            maxGap = 0;
            over50 = 0;
            count = 0;
        }

        synchronized Window snapshot() { return new Window(maxGap / 1e6, over50, count, List.copyOf(slow)); }
    }
}
