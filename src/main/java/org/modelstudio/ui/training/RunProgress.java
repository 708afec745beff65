package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.events.TrainingEvent;

import java.util.Locale;

/**
 * A run's progress in words, from its training events: the status strip's cells (epoch, batch, samples/s, elapsed,
 * time left), at most four times a second, and the time into the run that log lines carry. Time spent paused does not
 * count. Plain Java, fed on the training thread; what it returns is shown by {@link TrainingProgressViewModel} on the FX thread.
 */
final class RunProgress {
    /** The window is told at most this often: progress, strip and status change together. */
    private static final long STATUS_EVERY_NANOS = 250_000_000L;

    private final int batchSize;
    private int batchesPerEpoch = 1;
    private int totalEpochs = 1;
    private long startNanos = System.nanoTime();
    private long pausedNanos;
    private long pausedSinceStatus;
    private long lastStatus;
    private long lastStatusNanos;
    private long lastStatusDone;
    private double speed = Double.NaN;

    /** One update of the strip: its cells, and how many of the run's batches are done out of how many. */
    record Update(StatusStrip strip, long done, long total) {}

    RunProgress(int batchSize) { this.batchSize = batchSize; }

    void started(TrainingEvent.Started s, long now) {
        batchesPerEpoch = Math.max(1, s.batchesPerEpoch());
        totalEpochs = s.epochs();
        startNanos = now;
    }

    int totalEpochs() { return totalEpochs; }

    /** The strip after batch {@code b}, or null when the window was told less than a quarter of a second ago. */
    Update batch(TrainingEvent.BatchScored b, long now) {
        long done = (long) (b.epoch() - 1) * batchesPerEpoch + b.batch();
        long total = (long) totalEpochs * batchesPerEpoch;
        if (now - lastStatus <= STATUS_EVERY_NANOS && done != total) return null;
        lastStatus = now;
        double elapsed = (now - startNanos - pausedNanos) / 1e9;
        double left = elapsed / done * (total - done);
        // The current speed: samples since the last update, smoothed over a few updates.
        double window = (now - lastStatusNanos - pausedSinceStatus) / 1e9;
        pausedSinceStatus = 0;
        if (lastStatusNanos > 0 && window > 0 && done > lastStatusDone) {
            double recent = (done - lastStatusDone) * (double) batchSize / window;
            speed = Double.isNaN(speed) ? recent : 0.7 * speed + 0.3 * recent;
        }
        lastStatusNanos = now;
        lastStatusDone = done;
        return new Update(new StatusStrip(
                Texts.get("ui.strip.epoch", b.epoch(), totalEpochs),
                Texts.get("ui.strip.batch", b.batch(), batchesPerEpoch),
                Texts.get("ui.strip.speed", Double.isNaN(speed) ? "–" : Texts.number(Math.round(speed))),
                Texts.get("ui.strip.elapsed", clock(elapsed)),
                Texts.get("ui.strip.left", clock(left))), done, total);
    }

    void resumed(TrainingEvent.Resumed r) {
        pausedNanos += r.pausedMillis() * 1_000_000L;
        pausedSinceStatus += r.pausedMillis() * 1_000_000L;
    }

    /** Training time since the run started, pauses left out. */
    long elapsedMillis(long now) { return (now - startNanos - pausedNanos) / 1_000_000; }

    /** "0:42", "12:05", "1:02:09". */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** "42 s", "3 min 05 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? Texts.get("ui.duration.seconds", s) : Texts.get("ui.duration.minutes", s / 60, String.format(Locale.ROOT, "%02d", s % 60));
    }
}
