package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import io.fair_acc.dataset.spi.DoubleDataSet;
import org.modelstudio.core.events.TrainingEvent;

import java.util.Arrays;

/**
 * The data behind the live charts, appended to from the training thread. chart-fx data sets lock
 * themselves and the charts pick changes up in their next pulse, so the FX thread never gets a task per
 * batch. Batch points are buffered and handed over at most every {@value #FLUSH_MILLIS} ms, in one locked
 * bulk add (one redraw per flush, not per batch). Every write holds the data set's write lock: chart-fx
 * 11.3.1's add() reads the size before locking, which races with a concurrent clear.
 * The x axis is in epochs; a batch's point sits at its fraction of the epoch.
 */
public final class TrainingCurves {
    static final long FLUSH_MILLIS = 250;
    private static final double SMOOTHING = 0.9;

    private final CurveData batchLoss = new CurveData(Texts.get("ui.curves.batch-loss"), 4096);
    private final CurveData smoothedLoss = new CurveData(Texts.get("ui.curves.smoothed-loss"), 4096);
    private final CurveData trainLoss = new CurveData(Texts.get("ui.curves.training-loss"));
    private final CurveData validationLoss = new CurveData(Texts.get("ui.curves.validation-loss"));
    private final CurveData trainAccuracy = new CurveData(Texts.get("ui.curves.training-accuracy"));
    private final CurveData validationAccuracy = new CurveData(Texts.get("ui.curves.validation-accuracy"));
    private final CurveData trainMae = new CurveData(Texts.get("ui.curves.training-mae"));
    private final CurveData validationMae = new CurveData(Texts.get("ui.curves.validation-mae"));
    private final CurveData learningRate = new CurveData(Texts.get("ui.curves.learning-rate"));

    private int batchesPerEpoch = 1;
    private double smoothed = Double.NaN;
    private double[] xs = new double[256];
    private double[] ys = new double[256];
    private double[] smooth = new double[256];
    private int buffered;
    private long lastFlush;

    public TrainingCurves() {
        // Colours and marker shapes here; widths and marker sizes come from studio.css by class, so that presentation
        // mode thickens them (an inline style would win over it).
        batchLoss.setStyle("-fx-line-color: #9fb8da;").addStyleClasses("curve-batch");
        smoothedLoss.setStyle("-fx-line-color: #1f4e9c;").addStyleClasses("curve-smoothed");
        String train = "-fx-line-color: #2ca02c; -fx-marker-color: #2ca02c; -fx-marker-type: circle;";
        String validation = "-fx-line-color: #d62728; -fx-marker-color: #d62728; -fx-marker-type: diamond;";
        for (DoubleDataSet d : new DoubleDataSet[] {trainLoss, trainAccuracy, trainMae}) d.setStyle(train).addStyleClasses("curve-epoch");
        for (DoubleDataSet d : new DoubleDataSet[] {validationLoss, validationAccuracy, validationMae}) d.setStyle(validation).addStyleClasses("curve-epoch");
        learningRate.setStyle("-fx-line-color: #9467bd; -fx-marker-color: #9467bd; -fx-marker-type: rectangle;").addStyleClasses("curve-rate");
    }

    public DoubleDataSet batchLoss() { return batchLoss; }
    public DoubleDataSet smoothedLoss() { return smoothedLoss; }
    public DoubleDataSet trainLoss() { return trainLoss; }
    public DoubleDataSet validationLoss() { return validationLoss; }
    public DoubleDataSet trainAccuracy() { return trainAccuracy; }
    public DoubleDataSet validationAccuracy() { return validationAccuracy; }
    /** A regression's mean absolute error per epoch, in the label's units (a classification's runs leave it empty). */
    public DoubleDataSet trainMae() { return trainMae; }
    public DoubleDataSet validationMae() { return validationMae; }
    /** The rate each epoch trained with, drawn over the epoch (from its start to its end). */
    public DoubleDataSet learningRate() { return learningRate; }

    /** Called on the training thread for every event. */
    public void accept(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
            clear();
            batchesPerEpoch = Math.max(1, s.batchesPerEpoch());
        } else if (event instanceof TrainingEvent.BatchScored b) {
            if (Double.isFinite(b.loss())) buffer(b);
            if (System.nanoTime() / 1_000_000 - lastFlush >= FLUSH_MILLIS) flush();
        } else if (event instanceof TrainingEvent.EpochEvaluated e) {
            flush();
            append(trainLoss, e.epoch(), e.trainLoss());
            // A regression has no accuracy: its second chart shows the mean absolute error instead.
            if (e.regression()) append(trainMae, e.epoch(), e.trainMae());
            else append(trainAccuracy, e.epoch(), e.trainAccuracy());
            double rate = e.learningRate();
            learningRate.lock().writeLockGuard(() -> learningRate.add(new double[] {e.epoch() - 1, e.epoch()}, new double[] {rate, rate}));
            if (!Double.isNaN(e.validationLoss())) {
                append(validationLoss, e.epoch(), e.validationLoss());
                if (e.regression()) append(validationMae, e.epoch(), e.validationMae());
                else append(validationAccuracy, e.epoch(), e.validationAccuracy());
            }
        } else {
            flush();
        }
    }

    private void buffer(TrainingEvent.BatchScored b) {
        if (buffered == xs.length) {
            xs = Arrays.copyOf(xs, xs.length * 2);
            ys = Arrays.copyOf(ys, ys.length * 2);
            smooth = Arrays.copyOf(smooth, smooth.length * 2);
        }
        smoothed = Double.isNaN(smoothed) ? b.loss() : SMOOTHING * smoothed + (1 - SMOOTHING) * b.loss();
        xs[buffered] = (b.epoch() - 1) + b.batch() / (double) batchesPerEpoch;
        ys[buffered] = b.loss();
        smooth[buffered] = smoothed;
        buffered++;
    }

    /** Hands buffered batch points to the charts in one locked bulk add per data set. */
    public void flush() {
        lastFlush = System.nanoTime() / 1_000_000;
        if (buffered == 0) return;
        double[] x = Arrays.copyOf(xs, buffered);
        double[] y = Arrays.copyOf(ys, buffered);
        double[] s = Arrays.copyOf(smooth, buffered);
        buffered = 0;
        batchLoss.lock().writeLockGuard(() -> batchLoss.add(x, y));
        smoothedLoss.lock().writeLockGuard(() -> smoothedLoss.add(x, s));
    }

    private static void append(DoubleDataSet d, double x, double y) {
        d.lock().writeLockGuard(() -> d.add(x, y));
    }

    public void clear() {
        smoothed = Double.NaN;
        buffered = 0;
        for (DoubleDataSet d : new DoubleDataSet[] {batchLoss, smoothedLoss, trainLoss, validationLoss, trainAccuracy, validationAccuracy, trainMae,
                validationMae, learningRate}) {
            d.lock().writeLockGuard(d::clearData);
        }
    }
}
