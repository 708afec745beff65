package org.modelstudio.engine.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a spec on labelled data, reporting {@link TrainingEvent}s to a sink on the calling thread and
 * stopping between batches when the cancel token is set. The loop is DL4J's own {@code fit(iterator)} per
 * epoch, so the studio adds only a listener and a cancellation check to what bare DL4J does.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private Trainer() {}

    public static TrainingResult train(NetworkSpec spec, LabeledData train, LabeledData validation,
                                       TrainingEventSink sink, CancelToken cancel) throws InvalidNetworkException {
        checkData(spec, train);
        if (validation != null) checkData(spec, validation);
        NetworkCompiler.Compiled compiled = NetworkCompiler.compile(spec);
        MultiLayerNetwork net = new MultiLayerNetwork(compiled.configuration());
        net.init();
        ImagePreprocessing prep = spec.input() instanceof InputSpec.ImageInput img ? ImagePreprocessing.forInput(img) : null;
        TrainedModel model = new TrainedModel(spec, train.classes(), prep, net);
        return run(model, train, validation, spec.training().epochs(), sink, cancel);
    }

    /** Trains {@code model} further (its weights change in place). */
    public static TrainingResult run(TrainedModel model, LabeledData train, LabeledData validation, int epochs,
                                     TrainingEventSink sink, CancelToken cancel) {
        NetworkSpec spec = model.spec();
        MultiLayerNetwork net = model.network();
        long seed = spec.training().seed();
        BatchIterator batches = new BatchIterator(train, spec.training().batchSize(), seed, true);
        Bridge bridge = new Bridge(sink, cancel, spec.training().learningRate());
        net.setListeners(bridge);
        List<TrainingEvent.EpochEvaluated> history = new ArrayList<>();
        Best best = new Best(model);
        long start = System.nanoTime();
        sink.accept(new TrainingEvent.Started(epochs, batches.batchesPerEpoch(), train.size(),
                validation == null ? 0 : validation.size()));
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                bridge.startEpoch(epoch);
                long t0 = System.nanoTime();
                batches.reset();
                net.fit(new StopWhenCancelled(batches, cancel));
                long trainNanos = System.nanoTime() - t0;
                if (bridge.divergence != null) return fail(best, history, bridge.divergence, start, sink);
                if (cancel.isCancelled()) {
                    long ms = millisSince(start);
                    sink.accept(new TrainingEvent.Cancelled(history.size(), ms));
                    return best.result(history, TrainingResult.Outcome.CANCELLED, null, ms);
                }
                Metrics.LossAccuracy val = Metrics.measure(net, validation, spec.training().loss());
                TrainingEvent.EpochEvaluated ev = new TrainingEvent.EpochEvaluated(epoch, bridge.meanLoss(),
                        bridge.accuracy(), val.loss(), val.accuracy(), train.size() / (trainNanos / 1e9), millisSince(start));
                history.add(ev);
                best.offer(ev);
                sink.accept(ev);
            }
        } catch (OutOfMemoryError e) {
            return fail(best, history, "The computer ran out of memory while training. Use a smaller batch size, "
                    + "fewer filters or units, or smaller images.", start, sink);
        } catch (RuntimeException e) {
            LOG.error("Training failed", e);
            return fail(best, history, "Training stopped with an error: " + e.getMessage(), start, sink);
        } finally {
            net.setListeners(List.of());
        }
        long ms = millisSince(start);
        sink.accept(new TrainingEvent.Finished(history.size(), ms));
        return best.result(history, TrainingResult.Outcome.FINISHED, null, ms);
    }

    /** The data must match the network's input and output before anything is built. */
    static void checkData(NetworkSpec spec, LabeledData data) throws InvalidNetworkException {
        Shape expected = spec.input().shape();
        if (!expected.equals(data.exampleShape())) {
            String found = InputFit.describe(data.exampleShape());
            throw new InvalidNetworkException("The network takes inputs of " + InputFit.describe(expected)
                    + " but the data has examples of " + found + ". Change the network's input to " + found + ".");
        }
        if (expected instanceof Shape.Tokens tokens) {
            String problem = InputFit.tokenProblem(tokens, data.features());
            if (problem != null) throw new InvalidNetworkException(problem);
        }
        int units = spec.outputUnits();
        if (units != data.classCount()) {
            throw new InvalidNetworkException("The Output layer has " + units + " units but the data has "
                    + data.classCount() + " classes (" + String.join(", ", data.classes()) + "). Set the Output layer's units to "
                    + data.classCount() + ".");
        }
        if (data.size() == 0) throw new InvalidNetworkException("The data has no examples.");
    }

    private static TrainingResult fail(Best best, List<TrainingEvent.EpochEvaluated> history, String why,
                                       long start, TrainingEventSink sink) {
        sink.accept(new TrainingEvent.Failed(why));
        return best.result(history, TrainingResult.Outcome.FAILED, why, millisSince(start));
    }

    /**
     * Keeps a copy of the network from the epoch with the best validation accuracy (lower validation loss
     * breaks ties), so that a run that overfits or wobbles at the end still yields its best model.
     */
    private static final class Best {
        private final TrainedModel last;
        private MultiLayerNetwork network;
        private int epoch;
        private double accuracy = Double.NEGATIVE_INFINITY;
        private double loss = Double.POSITIVE_INFINITY;

        Best(TrainedModel last) { this.last = last; }

        void offer(TrainingEvent.EpochEvaluated e) {
            if (Double.isNaN(e.validationAccuracy())) {
                network = null;
                epoch = e.epoch();
                return;
            }
            if (e.validationAccuracy() > accuracy || (e.validationAccuracy() == accuracy && e.validationLoss() < loss)) {
                accuracy = e.validationAccuracy();
                loss = e.validationLoss();
                epoch = e.epoch();
                network = last.network().clone();
            }
        }

        TrainingResult result(List<TrainingEvent.EpochEvaluated> history, TrainingResult.Outcome outcome, String why, long ms) {
            TrainedModel best = network == null || history.isEmpty() || epoch == history.get(history.size() - 1).epoch() ? last
                    : new TrainedModel(last.spec(), last.labels(), last.preprocessing(), network);
            return new TrainingResult(last, best, network == null && history.isEmpty() ? 0 : epoch, history, outcome, why, ms);
        }
    }

    private static long millisSince(long startNanos) { return (System.nanoTime() - startNanos) / 1_000_000; }

    /**
     * DL4J listener → training events; stops the epoch when the loss stops being a number. It also keeps a
     * running training accuracy, as Keras reports it, at almost no cost: DL4J hands listeners the input to
     * the Output layer of each training batch, and one small matrix product with the Output layer's weights
     * gives the predicted classes (the output activation is monotonic, so it cannot change the arg-max).
     */
    private static final class Bridge extends BaseTrainingListener {
        private final TrainingEventSink sink;
        private final CancelToken cancel;
        private final double learningRate;
        private int epoch;
        private int batch;
        private long iteration;
        private double lossSum;
        private long correct;
        private long seen;
        private volatile String divergence;

        Bridge(TrainingEventSink sink, CancelToken cancel, double learningRate) {
            this.sink = sink;
            this.cancel = cancel;
            this.learningRate = learningRate;
        }

        void startEpoch(int e) {
            epoch = e;
            batch = 0;
            lossSum = 0;
            correct = 0;
            seen = 0;
        }

        double meanLoss() { return batch == 0 ? Double.NaN : lossSum / batch; }

        double accuracy() { return seen == 0 ? Double.NaN : (double) correct / seen; }

        @Override public void onForwardPass(Model model, List<INDArray> activations) {
            if (!(model instanceof MultiLayerNetwork net) || activations.isEmpty()) return;
            INDArray labels = net.getLabels();
            if (labels == null || labels.rank() != 2) return;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray in = activations.get(activations.size() - 1);
                if (in.rank() > 2) in = in.dup('c').reshape('c', in.size(0), -1);
                INDArray w = net.getOutputLayer().getParam("W");
                INDArray b = net.getOutputLayer().getParam("b");
                if (w == null || b == null || in.size(1) != w.size(0)) return;
                INDArray predicted = in.castTo(w.dataType()).mmul(w).addiRowVector(b).argMax(1);
                INDArray actual = labels.argMax(1);
                long n = actual.length();
                correct += predicted.eq(actual).castTo(DataType.INT).sumNumber().longValue();
                seen += n;
            } catch (RuntimeException e) {
                LOG.debug("Training accuracy not available for this batch", e);
            }
        }

        @Override public void iterationDone(Model model, int dl4jIteration, int dl4jEpoch) {
            double loss = model.score();
            batch++;
            if (!Double.isFinite(loss) && divergence == null) {
                divergence = String.format(Locale.ROOT, "The loss became %s in epoch %d, batch %d: training diverged. "
                        + "The learning rate (%s) is probably too high; try one ten times smaller "
                        + "(0.001 suits Adam), or add BatchNorm layers.", Double.isNaN(loss) ? "NaN (not a number)" : "infinite",
                        epoch, batch, learningRate);
                cancel.cancel();
            }
            lossSum += loss;
            sink.accept(new TrainingEvent.BatchScored(epoch, batch, iteration++, loss));
        }
    }

    /** Ends the epoch early once the user cancels; DL4J's fit loop asks hasNext() between batches. */
    private static final class StopWhenCancelled implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final BatchIterator inner;
        private final transient CancelToken cancel;

        StopWhenCancelled(BatchIterator inner, CancelToken cancel) {
            this.inner = inner;
            this.cancel = cancel;
        }

        @Override public boolean hasNext() { return !cancel.isCancelled() && inner.hasNext(); }
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
