package org.modelstudio.bench;

import javafx.application.Platform;
import org.modelstudio.ui.Studio;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What the studio's window benchmarks share: running off the FX thread and exiting, options, medians. */
final class BenchSupport {
    private BenchSupport() {}

    /** Runs {@code bench} on a daemon thread, then closes the studio and exits with its code (1 if it threw). */
    static void runThenExit(Studio studio, String threadName, Callable<Integer> bench) {
        Thread t = new Thread(() -> {
            int code = 1;
            try {
                code = bench.call();
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
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** The value after {@code name} in {@code args}, else {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Runs {@code r} on the FX thread and waits for it (a minute at most); its exception is rethrown. */
    static void onFx(Runnable r) throws Exception {
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
}
