package org.modelstudio.engine.train;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.events.RunOutcome;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.Subset;
import org.modelstudio.core.data.TaskFit;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.i18n.Words;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a spec on labelled data, reporting {@link TrainingEvent}s to a sink on the calling thread, stopping
 * between batches when the cancel token is set and waiting between batches while the pause gate is paused.
 * The loop is DL4J's own {@code fit(iterator)} per epoch, so the studio adds only a listener and, in the
 * iterator DL4J asks for the next batch, the cancellation and pause checks. Between epochs it evaluates,
 * keeps the best model, lowers the rate for reduce-on-plateau and applies early stopping.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /**
     * A finite batch loss "explodes" when it is above {@value #EXPLODED_LOSS} and more than
     * {@value #EXPLOSION_FACTOR} times the first epoch's median batch loss (during the first epoch: its first
     * batch's loss). Normal runs of the shipped samples cannot trip it: they all use softmax with cross-entropy,
     * which DL4J computes on probabilities clipped to at least 1e-10, so a finite batch loss is at most
     * −ln(1e-10) ≈ 23 (plus a small L2 penalty), far below 1e4. The factor keeps a network whose loss is
     * legitimately large from the start (mean squared error on unscaled targets) from being stopped.
     */
    static final double EXPLODED_LOSS = 1e4;
    static final double EXPLOSION_FACTOR = 1000;
    /** A loss this many times an untrained network's, over an epoch (or the last batches), is not learning. */
    static final double NOT_LEARNING_FACTOR = 1.5;
    static final double STUCK_FACTOR = 3;
    static final int STUCK_WINDOW = 50;



    /**
     * Training data held in memory ({@link LabeledData}, or a {@link Subset} of it) whose values take at most this
     * many bytes is copied once into one native array and served by {@link BatchIterator}, the fastest way; larger
     * data, and data that is not in memory (read from files, made on demand), is read batch by batch by
     * {@link StreamingBatchIterator}. The copy doubles what in-memory data costs (the heap's float arrays plus the
     * native array), which is fine for the shipped samples (31 MB) and typical image folders, but for a set of
     * half a gigabyte or more streaming avoids the second copy.
     */
    public static final long IN_MEMORY_LIMIT_BYTES = 512L * 1024 * 1024;

    private Trainer() {}

    /**
     * Trains a new network built from {@code spec} on {@code train}, evaluating on {@code validation} (may be null)
     * after each epoch. The data may be held in memory ({@link LabeledData}) or read as it is needed (any other
     * {@link ExampleSource}): see {@link #IN_MEMORY_LIMIT_BYTES}.
     */
    public static TrainingResult train(NetworkSpec spec, ExampleSource train, ExampleSource validation,
                                       TrainingEventSink sink, CancelToken cancel) throws InvalidNetworkException {
        return train(spec, train, validation, sink, cancel, new PauseGate());
    }

    /** As above, waiting between batches while {@code pause} is paused. */
    public static TrainingResult train(NetworkSpec spec, ExampleSource train, ExampleSource validation,
                                       TrainingEventSink sink, CancelToken cancel, PauseGate pause) throws InvalidNetworkException {
        InputPreparation prep = spec.input() instanceof InputSpec.ImageInput img ? new InputPreparation.Image(ImagePreprocessing.forInput(img)) : null;
        return train(spec, train, validation, prep, sink, cancel, pause);
    }

    /**
     * As above, for data prepared from raw input (a table, texts): the trained models carry {@code preparation}, so they
     * can be saved and predict from raw rows or texts.
     */
    public static TrainingResult train(NetworkSpec spec, ExampleSource train, ExampleSource validation, InputPreparation preparation,
                                       TrainingEventSink sink, CancelToken cancel, PauseGate pause) throws InvalidNetworkException {
        checkData(spec, train);
        if (validation != null) checkData(spec, validation);
        checkValidationNeeds(spec.training(), validation);
        NetworkCompiler.Compiled compiled = NetworkCompiler.compile(spec);
        MultiLayerNetwork net = new MultiLayerNetwork(compiled.configuration());
        net.init();
        TrainedModel model = TrainedModel.of(spec, train.classes(), preparation, net);
        return run(model, train, validation, spec.training().epochs(), sink, cancel, pause);
    }

    /** Trains {@code model} further (its weights change in place). */
    public static TrainingResult run(TrainedModel model, ExampleSource train, ExampleSource validation, int epochs,
                                     TrainingEventSink sink, CancelToken cancel) {
        return run(model, train, validation, epochs, sink, cancel, new PauseGate());
    }

    /**
     * Trains {@code model} further, waiting between batches while {@code pause} is paused. Without validation
     * data, reduce-on-plateau keeps its starting rate and early stopping does not apply.
     */
    public static TrainingResult run(TrainedModel model, ExampleSource train, ExampleSource validation, int epochs,
                                     TrainingEventSink sink, CancelToken cancel, PauseGate pause) {
        TrainingConfig t = model.spec().training();
        DataSetIterator batches = batchesFor(train, t.batchSize(), t.seed(), IN_MEMORY_LIMIT_BYTES);
        try {
            return run(model, batches, train, validation, epochs, sink, cancel, pause);
        } finally {
            if (batches instanceof StreamingBatchIterator streaming) streaming.close();
        }
    }

    /**
     * The iterator that serves {@code train}: in memory when it is held in memory and its values take at most
     * {@code inMemoryLimit} bytes (see {@link #IN_MEMORY_LIMIT_BYTES}), streaming otherwise. Both give the same
     * batches in the same order.
     */
    static DataSetIterator batchesFor(ExampleSource train, int batchSize, long seed, long inMemoryLimit) {
        return streams(train, inMemoryLimit)
                ? new StreamingBatchIterator(train, batchSize, seed, true)
                : new BatchIterator(train, batchSize, seed, true);
    }

    /** Whether training on {@code train} reads it batch by batch (true) or copies it into memory once (false). */
    public static boolean streams(ExampleSource train) {
        return streams(train, IN_MEMORY_LIMIT_BYTES);
    }

    private static boolean streams(ExampleSource train, long inMemoryLimit) {
        boolean heldInMemory = train instanceof LabeledData || (train instanceof Subset s && s.base() instanceof LabeledData);
        return !heldInMemory || train.featureBytes() > inMemoryLimit;
    }

    /** As {@link #run(TrainedModel, ExampleSource, ExampleSource, int, TrainingEventSink, CancelToken, PauseGate)}, serving
     * {@code train} through {@code batches}; the caller closes them. */
    static TrainingResult run(TrainedModel model, DataSetIterator batches, ExampleSource train, ExampleSource validation,
                              int epochs, TrainingEventSink sink, CancelToken cancel, PauseGate pause) {
        NativeThreads.onThisThread();
        NetworkSpec spec = model.spec();
        TrainingConfig t = spec.training();
        MultiLayerNetwork net = model.network();
        int batchesPerEpoch = (train.size() + t.batchSize() - 1) / t.batchSize();
        Clock clock = new Clock();
        boolean regression = train.regression();
        InputPreparation.Target target = model.preparation() instanceof InputPreparation.Table table ? table.target() : null;
        // With softmax and cross-entropy an untrained network scores about ln(classes); a run whose loss stays
        // well above that is not learning (a far too high rate makes softmax saturate: the loss is large but
        // finite, and accuracy sits at chance). Such runs are stopped with the same advice as a NaN loss.
        // A regression has no such level (an untrained network's squared error depends on its weights), so only
        // a loss that is not a number or that explodes stops it.
        double untrained = !regression && t.loss() == Loss.CROSS_ENTROPY && spec.outputUnits() >= 2
                ? Math.log(spec.outputUnits()) : Double.NaN;
        ProgressBridge bridge = new ProgressBridge(sink, cancel, untrained, regression, target == null ? 1 : target.std());
        Pauses pauses = new Pauses(pause, cancel, sink, bridge, clock);
        List<TrainingEvent.EpochEvaluated> history = new ArrayList<>();
        Best best = new Best(model);
        String unsuited = regression ? TaskFit.problem(spec, TaskKind.REGRESSION, train.classes().get(0)) : null;
        if (unsuited != null) return fail(best, history, unsuited, clock, sink);
        net.setListeners(bridge);
        boolean validates = validation != null && validation.size() > 0;
        EarlyStopping stopping = t.earlyStopping();
        Improvement early = validates && stopping.enabled()
                ? new Improvement(stopping.metric().higherIsBetter(), stopping.minDelta()) : null;
        Improvement plateau = validates && t.schedule().watchesValidation()
                ? new Improvement(false, LearningRateSchedule.PLATEAU_MIN_DELTA) : null;
        sink.accept(new TrainingEvent.Started(epochs, batchesPerEpoch, train.size(),
                validation == null ? 0 : validation.size()));
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                double rate = currentRate(net, t, epoch);
                bridge.startEpoch(epoch, rate);
                long t0 = clock.activeNanos();
                batches.reset();
                FasterUpdates.install(net); // again each epoch: DL4J rebuilds its updater when the rate changes
                net.fit(new StopWhenCancelled(batches, cancel, pauses));
                long trainNanos = Math.max(1, clock.activeNanos() - t0);
                if (bridge.divergence != null) return fail(best, history, bridge.divergence, clock, sink);
                if (cancel.isCancelled()) {
                    long ms = clock.millis();
                    sink.accept(new TrainingEvent.Cancelled(history.size(), ms));
                    return best.result(history, RunOutcome.CANCELLED, null, null, ms);
                }
                Metrics.Figures val = Metrics.measure(net, validation, t.loss(), target);
                TrainingEvent.EpochEvaluated ev = new TrainingEvent.EpochEvaluated(epoch, bridge.meanLoss(),
                        bridge.accuracy(), val.loss(), val.accuracy(), rate, train.size() / (trainNanos / 1e9), clock.millis(),
                        bridge.meanAbsoluteError(), val.mae(), val.r2());
                history.add(ev);
                best.offer(ev);
                sink.accept(ev);
                // The training figures average the whole epoch; a validation accuracy well above chance after it shows
                // that a network that started badly (a small table, few batches) has learned after all.
                boolean validationLearned = validation != null && val.accuracy() >= 1.5 / spec.outputUnits();
                if (Double.isFinite(untrained) && ev.trainLoss() > NOT_LEARNING_FACTOR * untrained
                        && ev.trainAccuracy() < 1.5 / spec.outputUnits() && !validationLearned) {
                    return fail(best, history, bridge.diverged(Texts.get("engine.diverged.not-learning", epoch, ProgressBridge.g(ev.trainLoss()),
                            ProgressBridge.g(untrained), String.format(Locale.ROOT, "%.1f", 100 * ev.trainAccuracy()))), clock, sink);
                }
                if (early != null) {
                    early.offer(epoch, stopping.metric() == EarlyStopping.Metric.VALIDATION_LOSS ? val.loss() : val.accuracy());
                    // Only when it cuts the run short: after the last planned epoch the run simply finishes.
                    if (early.epochsWithout() >= stopping.patience() && epoch < epochs) {
                        String reason = stopReason(stopping, early, best.epoch(), regression);
                        sink.accept(new TrainingEvent.EarlyStopped(epoch, best.epoch(), reason));
                        long ms = clock.millis();
                        sink.accept(new TrainingEvent.Finished(history.size(), ms));
                        return best.result(history, RunOutcome.EARLY_STOPPED, null, reason, ms);
                    }
                }
                if (plateau != null) {
                    plateau.offer(epoch, val.loss());
                    if (plateau.epochsWithout() >= t.schedule().every()) {
                        // As Keras' ReduceLROnPlateau: lower the rate, then wait `patience` epochs again.
                        net.setLearningRate(rate * t.schedule().factor());
                        plateau.restartWait();
                    }
                }
            }
        } catch (OutOfMemoryError e) {
            return fail(best, history, Texts.get("engine.train.out-of-memory"), clock, sink);
        } catch (RuntimeException e) {
            if (causedByOutOfMemory(e)) return fail(best, history, Texts.get("engine.train.out-of-memory"), clock, sink);
            LOG.error("Training failed", e);
            return fail(best, history, Texts.get("engine.train.error", e.getMessage()), clock, sink);
        } finally {
            net.setListeners(List.of());
        }
        long ms = clock.millis();
        sink.accept(new TrainingEvent.Finished(history.size(), ms));
        return best.result(history, RunOutcome.FINISHED, null, null, ms);
    }

    /** Early stopping and reduce-on-plateau judge the validation data, so they need some. */
    static void checkValidationNeeds(TrainingConfig t, ExampleSource validation) throws InvalidNetworkException {
        if (validation != null && validation.size() > 0) return;
        if (t.earlyStopping().enabled()) {
            throw new InvalidNetworkException(Texts.get("engine.train.stopping-without-validation", t.earlyStopping().metric().describe()));
        }
        if (t.schedule().watchesValidation()) {
            throw new InvalidNetworkException(Texts.get("engine.train.plateau-without-validation"));
        }
    }

    /** "Validation loss has not improved by more than 0.001 for 3 epochs; the best model is from epoch 5." */
    static String stopReason(EarlyStopping stopping, Improvement watched, int bestEpoch, boolean regression) {
        String metric = stopping.metric().describe();
        metric = metric.substring(0, 1).toUpperCase(Texts.locale()) + metric.substring(1);
        int without = watched.epochsWithout();
        String head = stopping.minDelta() > 0
                ? Texts.get(without == 1 ? "engine.stopped.not-improved-by-one" : "engine.stopped.not-improved-by", metric,
                        number(stopping.minDelta()), without)
                : Texts.get(without == 1 ? "engine.stopped.not-improved-one" : "engine.stopped.not-improved", metric, without);
        if (watched.bestEpoch() == bestEpoch) return Texts.get("engine.stopped.best", head, bestEpoch);
        return Texts.get(regression ? "engine.stopped.best-by-loss" : "engine.stopped.best-by-accuracy", head, watched.bestEpoch(), bestEpoch);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The rate DL4J will train this epoch with (its schedule at its epoch count, or the rate the plateau set). */
    private static double currentRate(MultiLayerNetwork net, TrainingConfig t, int epoch) {
        for (int i = 0; i < net.getnLayers(); i++) {
            try {
                Double rate = net.getLearningRate(i);
                if (rate != null && !rate.isNaN()) return rate;
            } catch (RuntimeException e) {
                LOG.debug("No learning rate for layer {}", i, e);
            }
        }
        return t.schedule().rateAt(epoch, t.learningRate());
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    /**
     * The data must match the network's input and output before anything is built. For token sequences every
     * token id is checked, which reads every example once.
     */
    static void checkData(NetworkSpec spec, ExampleSource data) throws InvalidNetworkException {
        Shape expected = spec.input().shape();
        if (!expected.equals(data.exampleShape())) {
            String found = InputFit.describe(data.exampleShape());
            throw new InvalidNetworkException(Texts.get("engine.train.input-mismatch", InputFit.describe(expected), found));
        }
        if (expected instanceof Shape.Tokens tokens) {
            String problem = tokenProblem(tokens, data);
            if (problem != null) throw new InvalidNetworkException(problem);
        }
        if (data.regression()) {
            String problem = TaskFit.problem(spec, TaskKind.REGRESSION, data.classes().get(0));
            if (problem != null) throw new InvalidNetworkException(problem);
        }
        int units = spec.outputUnits();
        if (units != data.classCount()) {
            throw new InvalidNetworkException(Texts.get("engine.train.output-mismatch", units, data.classCount(),
                    Words.list(data.classes())));
        }
        if (data.size() == 0) throw new InvalidNetworkException(Texts.get("engine.train.no-examples"));
    }

    /** {@link InputFit#tokenProblem} for any source; a source that cannot be read fails with its reason. */
    static String tokenProblem(Shape.Tokens tokens, ExampleSource data) throws InvalidNetworkException {
        if (data instanceof LabeledData held) return InputFit.tokenProblem(tokens, held.features());
        try {
            return InputFit.tokenProblem(tokens, data);
        } catch (UncheckedIOException e) {
            throw new InvalidNetworkException(Texts.get("engine.train.unreadable", e.getMessage()));
        }
    }

    private static TrainingResult fail(Best best, List<TrainingEvent.EpochEvaluated> history, String why,
                                       Clock clock, TrainingEventSink sink) {
        sink.accept(new TrainingEvent.Failed(why));
        return best.result(history, RunOutcome.FAILED, why, null, clock.millis());
    }

    /**
     * Training time with pauses left out, so that samples/s, elapsed time and estimates stay right. Used
     * on the training thread only.
     */
    private static final class Clock {
        private final long start = System.nanoTime();
        private long pausedNanos;

        long activeNanos() { return System.nanoTime() - start - pausedNanos; }

        long millis() { return activeNanos() / 1_000_000; }

        void paused(long nanos) { pausedNanos += nanos; }
    }

    /**
     * Whether a watched value (validation loss or accuracy) is still improving, as Keras' callbacks judge it:
     * an improvement beats the best so far by more than {@code minDelta}; the first value always improves.
     */
    static final class Improvement {
        private final boolean higherIsBetter;
        private final double minDelta;
        private double best = Double.NaN;
        private int bestEpoch;
        private int without;

        Improvement(boolean higherIsBetter, double minDelta) {
            this.higherIsBetter = higherIsBetter;
            this.minDelta = minDelta;
        }

        void offer(int epoch, double value) {
            boolean better = Double.isNaN(best) ? !Double.isNaN(value)
                    : higherIsBetter ? value - minDelta > best : value + minDelta < best;
            if (better) {
                best = value;
                bestEpoch = epoch;
                without = 0;
            } else {
                without++;
            }
        }

        int epochsWithout() { return without; }

        int bestEpoch() { return bestEpoch; }

        void restartWait() { without = 0; }
    }

    /** Runs between batches on the training thread: while the gate is paused, reports it and waits. */
    private static final class Pauses {
        private final PauseGate gate;
        private final CancelToken cancel;
        private final TrainingEventSink sink;
        private final ProgressBridge bridge;
        private final Clock clock;

        Pauses(PauseGate gate, CancelToken cancel, TrainingEventSink sink, ProgressBridge bridge, Clock clock) {
            this.gate = gate;
            this.cancel = cancel;
            this.sink = sink;
            this.bridge = bridge;
            this.clock = clock;
        }

        void waitIfPaused() {
            if (cancel.isCancelled() || !gate.isPaused()) return;
            int epoch = bridge.epoch;
            int batch = bridge.batch;
            sink.accept(new TrainingEvent.Paused(epoch, batch));
            long waited = gate.awaitResumed(cancel);
            clock.paused(waited);
            // Interrupted while still paused: stop, rather than train on while the user thinks it is paused.
            if (gate.isPaused() && !cancel.isCancelled()) cancel.cancel();
            sink.accept(new TrainingEvent.Resumed(epoch, batch, waited / 1_000_000));
        }
    }

    /**
     * Keeps a copy of the network from the epoch with the best validation accuracy (lower validation loss
     * breaks ties; a regression, which has no accuracy, by the lowest validation loss), so that a run that
     * overfits or wobbles at the end still yields its best model.
     */
    private static final class Best {
        private final TrainedModel last;
        private MultiLayerNetwork network;
        private int epoch;
        private double accuracy = Double.NEGATIVE_INFINITY;
        private double loss = Double.POSITIVE_INFINITY;

        Best(TrainedModel last) { this.last = last; }

        void offer(TrainingEvent.EpochEvaluated e) {
            double score = e.regression() ? -e.validationLoss() : e.validationAccuracy();
            if (Double.isNaN(score)) {
                network = null;
                epoch = e.epoch();
                return;
            }
            if (score > accuracy || (score == accuracy && e.validationLoss() < loss)) {
                accuracy = score;
                loss = e.validationLoss();
                epoch = e.epoch();
                network = last.network().clone();
            }
        }

        /** The epoch of the model {@link #result} hands back as the best (0 before any epoch). */
        int epoch() { return epoch; }

        TrainingResult result(List<TrainingEvent.EpochEvaluated> history, RunOutcome outcome, String why,
                              String stopReason, long ms) {
            TrainedModel best = network == null || history.isEmpty() || epoch == history.get(history.size() - 1).epoch() ? last
                    : TrainedModel.of(last.spec(), last.labels(), last.preparation(), network);
            return new TrainingResult(last, best, network == null && history.isEmpty() ? 0 : epoch, history, outcome, why, ms, stopReason);
        }
    }

    /**
     * Ends the epoch early once the user cancels, and holds it while paused. DL4J's fit loop asks hasNext()
     * before every batch (twice before the first, once more after the last), so no batch starts while paused.
     */
    private static final class StopWhenCancelled implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient DataSetIterator inner;
        private final transient CancelToken cancel;
        private final transient Pauses pauses;

        StopWhenCancelled(DataSetIterator inner, CancelToken cancel, Pauses pauses) {
            this.inner = inner;
            this.cancel = cancel;
            this.pauses = pauses;
        }

        @Override public boolean hasNext() {
            pauses.waitIfPaused();
            return !cancel.isCancelled() && inner.hasNext();
        }
        @Override public DataSet next() { return inner.next(); }
        @Override public DataSet next(int num) { return inner.next(num); }
        @Override public int inputColumns() { return inner.inputColumns(); }
        @Override public int totalOutcomes() { return inner.totalOutcomes(); }
        @Override public boolean resetSupported() { return false; }
        // Synchronous, so that cancellation takes effect before the next batch, not after a prefetch queue.
        @Override public boolean asyncSupported() { return false; }
        @Override public void reset() { throw new UnsupportedOperationException("reset the inner iterator"); }
        @Override public int batch() { return inner.batch(); }
        @Override public void setPreProcessor(DataSetPreProcessor p) { inner.setPreProcessor(p); }
        @Override public DataSetPreProcessor getPreProcessor() { return null; }
        @Override public List<String> getLabels() { return inner.getLabels(); }
    }
}
