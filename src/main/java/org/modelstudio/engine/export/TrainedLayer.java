package org.modelstudio.engine.export;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.core.graph.NetworkSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * A trained DL4J layer read as the spec layer it was compiled from: what every export of a trained model (ONNX, Keras
 * .h5) needs to know about it, checked once here so that the exports cannot disagree about what a layer is. Each
 * reading checks that the DL4J layer really is what the studio built (its kind, activation, mode) and refuses, with a
 * sentence naming the layer ({@link Refusal}), whatever an export could only approximate. Arrays come out in DL4J's
 * own layouts, as float32 values in row-major order; each export rearranges them into its format's.
 *
 * @param layer   the trained DL4J layer; null for a Flatten, which DL4J does as a preprocessor of the next layer
 * @param feeding the DL4J layer whose output array reaches this one (through Dropout and Activation layers, which pass
 *                the array on); null for the network's input
 * @param in      the shape that reaches the layer (without the batch)
 * @param name    the layer as the studio names it ("Conv2D #1")
 */
record TrainedLayer(Layer layer, Layer feeding, Shape in, String name) {

    /** The layer cannot be written exactly; the message says why, naming the layer. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) { super(message); }
    }

    /** A fully connected layer: W [nIn, nOut] (x·W + b), b [nOut] or null without a bias. */
    record FullyConnected(int inputs, int units, float[] weights, float[] bias) {}

    /** DL4J's 'same' or 'valid' (Truncate) convolution: W [out, in, kH, kW], its padding as ONNX's pads (top, left, bottom, right). */
    record Convolution(ConvolutionLayer conf, long[] shape, float[] weights, float[] bias, long[] pads) {}

    /** An embedding's look-up table W [vocabulary, dimensions] and its bias b [dimensions], null without one. */
    record Embedding(int vocabulary, int dimensions, float[] weights, float[] bias) {}

    /** Inference-time batch normalisation per channel or feature: γ·(x − mean)/√(variance + ε) + β. */
    record BatchNormStatistics(float[] gamma, float[] beta, float[] mean, float[] variance, double epsilon) {}

    /**
     * An LSTM without peepholes, sigmoid gates and tanh, its weights split by gate. Each of {@code input} [inputs × units],
     * {@code recurrent} [units × units] and {@code bias} [units] is indexed by {@link Gate#ordinal()}.
     */
    record LstmWeights(int inputs, int units, float[][] input, float[][] recurrent, float[][] bias) {}

    /** An LSTM's gates, in the order Keras keeps them (i, f, c, o); {@link #dl4jBlock} is where DL4J keeps each (c, f, o, i). */
    enum Gate {
        INPUT(3), FORGET(1), CELL(0), OUTPUT(2);

        final int dl4jBlock;

        Gate(int dl4jBlock) { this.dl4jBlock = dl4jBlock; }
    }

    FullyConnected fullyConnected(Activation activation) {
        FeedForwardLayer conf = conf(FeedForwardLayer.class);
        checkActivation(activation, ((BaseLayer) conf).getActivationFn());
        float[] bias = layer.paramTable().containsKey(DefaultParamInitializer.BIAS_KEY) ? values(param(DefaultParamInitializer.BIAS_KEY)) : null;
        return new FullyConnected(Math.toIntExact(conf.getNIn()), Math.toIntExact(conf.getNOut()), values(param(DefaultParamInitializer.WEIGHT_KEY)), bias);
    }

    Convolution convolution(Activation activation) {
        ConvolutionLayer conf = conf(ConvolutionLayer.class);
        checkActivation(activation, conf.getActivationFn());
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        if (Arrays.stream(conf.getDilation()).anyMatch(v -> v != 1)) throw refuse(Texts.get("engine.export.why.dilation"));
        long[] pads = switch (conf.getConvolutionMode()) {
            case Same -> samePadding((Shape.Image) in, k, s);
            case Truncate -> new long[] {conf.getPadding()[0], conf.getPadding()[1], conf.getPadding()[0], conf.getPadding()[1]};
            default -> throw refuse(Texts.get("engine.export.why.convolution-mode", conf.getConvolutionMode()));
        };
        INDArray w = param(DefaultParamInitializer.WEIGHT_KEY);
        float[] bias = conf.hasBias() ? values(param(DefaultParamInitializer.BIAS_KEY)) : null;
        return new Convolution(conf, w.shape(), values(w), bias, pads);
    }

    /**
     * DL4J's 'same' padding: the output is ceil(size / stride); half the padding that needs, rounded down, goes before
     * (top, left) and the rest after, as ONNX's SAME_UPPER and TensorFlow's 'same'. A case where DL4J would start before
     * the image (a negative padding, which no format has) and the sizes would then differ is refused.
     */
    private long[] samePadding(Shape.Image img, int[] k, int[] s) {
        long[] pads = new long[4];
        int[] size = {img.height(), img.width()};
        for (int axis = 0; axis < 2; axis++) {
            int out = (size[axis] + s[axis] - 1) / s[axis];
            int total = (out - 1) * s[axis] + k[axis] - size[axis];
            int before = total / 2;
            int after = Math.max(0, total - before);
            if (before < 0 || (size[axis] + before + after - k[axis]) / s[axis] + 1 != out) {
                throw refuse(Texts.get("engine.export.why.same-gaps", img));
            }
            pads[axis] = before;
            pads[axis + 2] = after;
        }
        return pads;
    }

    /** Windows inside the image only (DL4J's Truncate mode, no padding), so an average always divides by the window's size. */
    SubsamplingLayer pooling(PoolingType type) {
        SubsamplingLayer conf = conf(SubsamplingLayer.class);
        boolean plain = conf.getConvolutionMode() == ConvolutionMode.Truncate && conf.getPoolingType() == type
                && Arrays.stream(conf.getPadding()).allMatch(v -> v == 0) && Arrays.stream(conf.getDilation()).allMatch(v -> v == 1);
        if (!plain) throw refuse(Texts.get("engine.export.why.pooling-mode", conf.getPoolingType()));
        return conf;
    }

    /** Zeros around an image, as many on each side of a dimension as the block says; anything else is refused. */
    void zeroPadding(LayerSpec.ZeroPadding z) {
        ZeroPaddingLayer conf = conf(ZeroPaddingLayer.class);
        int[] p = conf.getPadding();
        boolean plain = conf.getDataFormat() == CNN2DFormat.NCHW
                && Arrays.equals(p, new int[] {z.vertical(), z.vertical(), z.horizontal(), z.horizontal()});
        if (!plain) throw refuse(Texts.get("engine.export.why.zero-padding", Arrays.toString(p), z.describe()));
    }

    /** The maximum or average of each channel over an image, or of each feature over a sequence's steps. */
    void globalPooling(LayerSpec.GlobalPooling p) {
        GlobalPoolingLayer conf = conf(GlobalPoolingLayer.class);
        boolean max = p.pooling() == LayerSpec.GlobalPooling.Pooling.MAX;
        int[] expected = in instanceof Shape.Image ? new int[] {2, 3} : new int[] {2};
        int[] dims = conf.getPoolingDimensions();
        if (conf.getPoolingType() != (max ? PoolingType.MAX : PoolingType.AVG) || !conf.isCollapseDimensions()
                || (dims != null && !Arrays.equals(dims, expected))) {
            throw refuse(Texts.get("engine.export.why.global-pooling", conf.getPoolingType(), Arrays.toString(dims)));
        }
    }

    BatchNormStatistics batchNorm() {
        BatchNormalization conf = conf(BatchNormalization.class);
        if (layer.getHelper() != null && feeding instanceof LastTimeStepLayer) {
            // DL4J M2.1's oneDNN batch norm reads a view's memory from its start, and an LSTM's last step is a view into
            // all its steps: the studio normalises other values there than the last step's (OnnxExportTest shows it).
            throw refuse(Texts.get("engine.export.why.lstm-last-step"));
        }
        long n = in instanceof Shape.Image img ? img.channels() : in.size();
        float[] gamma = conf.isLockGammaBeta() ? filled(n, conf.getGamma()) : values(param(BatchNormalizationParamInitializer.GAMMA));
        float[] beta = conf.isLockGammaBeta() ? filled(n, conf.getBeta()) : values(param(BatchNormalizationParamInitializer.BETA));
        float[] variance;
        if (conf.isUseLogStd()) {
            // DL4J keeps log10 of the standard deviation: var = (10^s)².
            variance = values(param(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
            for (int i = 0; i < variance.length; i++) variance[i] = (float) Math.pow(Math.pow(10, variance[i]), 2);
        } else {
            variance = values(param(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        return new BatchNormStatistics(gamma, beta, values(param(BatchNormalizationParamInitializer.GLOBAL_MEAN)), variance, conf.getEps());
    }

    /** Checks the Activation layer's function against the studio's {@code a}. */
    void activationLayer(Activation a) {
        checkActivation(a, conf(ActivationLayer.class).getActivationFn());
    }

    /**
     * Token ids pick rows of W [vocabulary, dimensions], plus b [dimensions] if the layer has a bias (null if not); DL4J
     * writes the sequence as NCW [N, dimensions, length].
     */
    Embedding embedding() {
        EmbeddingSequenceLayer conf = conf(EmbeddingSequenceLayer.class);
        if (conf.getOutputFormat() != RNNFormat.NCW) throw refuse(Texts.get("engine.export.why.sequence-format", conf.getOutputFormat()));
        checkActivation(Activation.IDENTITY, conf.getActivationFn());
        float[] bias = conf.hasBias() ? values(param(DefaultParamInitializer.BIAS_KEY)) : null;
        return new Embedding(Math.toIntExact(conf.getNIn()), Math.toIntExact(conf.getNOut()), values(param(DefaultParamInitializer.WEIGHT_KEY)), bias);
    }

    /**
     * DL4J's LSTM (no peepholes): W [nIn, 4·units], RW [units, 4·units] and b [4·units] hold four blocks each, in the
     * order c, f, o, i: the cell input (the layer's activation, tanh), then the forget, output and input gates (sigmoid).
     */
    LstmWeights lstm() {
        LSTM conf = conf(LSTM.class);
        if (!NetworkCompiler.activation(Activation.SIGMOID).getActivationFunction().equals(conf.getGateActivationFn())
                || !NetworkCompiler.activation(Activation.TANH).getActivationFunction().equals(conf.getActivationFn())) {
            throw refuse(Texts.get("engine.export.why.lstm-activations", conf.getGateActivationFn(), conf.getActivationFn()));
        }
        int units = Math.toIntExact(conf.getNOut());
        int inputs = Math.toIntExact(conf.getNIn());
        INDArray recurrent = param(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        if (recurrent.size(1) != 4L * units) throw refuse(Texts.get("engine.export.why.peepholes"));
        float[] w = values(param(LSTMParamInitializer.INPUT_WEIGHT_KEY));
        float[] rw = values(recurrent);
        float[] b = values(param(LSTMParamInitializer.BIAS_KEY));
        Gate[] gates = Gate.values();
        float[][] gw = new float[gates.length][inputs * units];
        float[][] gr = new float[gates.length][units * units];
        float[][] gb = new float[gates.length][units];
        for (Gate gate : gates) {
            for (int u = 0; u < units; u++) {
                int column = gate.dl4jBlock * units + u;
                for (int k = 0; k < inputs; k++) gw[gate.ordinal()][k * units + u] = w[k * 4 * units + column];
                for (int k = 0; k < units; k++) gr[gate.ordinal()][k * units + u] = rw[k * 4 * units + column];
                gb[gate.ordinal()][u] = b[column];
            }
        }
        return new LstmWeights(inputs, units, gw, gr, gb);
    }

    /**
     * Checks that the trained layer applies the studio's activation {@code a} with DL4J's parameters (leaky ReLU's slope
     * 0.01, ELU's α 1); returns DL4J's function, whose parameters an export writes.
     */
    IActivation checkActivation(Activation a, IActivation fn) {
        if (!NetworkCompiler.activation(a).getActivationFunction().equals(fn)) {
            throw refuse(Texts.get("engine.export.why.activation", fn, a.id()));
        }
        return fn;
    }

    /** The trained layer's configuration (inside a wrapper such as LastTimeStep), or a refusal if it is not the kind expected. */
    <T> T conf(Class<T> type) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        while (conf instanceof BaseWrapperLayer wrapper) conf = wrapper.getUnderlying();
        if (!type.isInstance(conf)) throw refuse(Texts.get("engine.export.why.layer-class", conf.getClass().getSimpleName(), type.getSimpleName()));
        return type.cast(conf);
    }

    INDArray param(String key) {
        INDArray p = layer.getParam(key);
        if (p == null) throw refuse(Texts.get("engine.export.why.no-parameter", key));
        return p;
    }

    Refusal refuse(String why) { return new Refusal(Texts.get("engine.export.layer-refused", name, why)); }

    /** A DL4J array's values in row-major ('c') order, whatever order and type it is stored in. */
    /** For each spec layer, the index of the DL4J layer it compiles to (-1 for a Flatten); a network that does not compile is refused. */
    static int[] dl4jLayerOf(NetworkSpec spec) throws ExportRefusedException {
        try {
            return NetworkCompiler.compile(spec).dl4jLayerOf();
        } catch (InvalidNetworkException e) {
            throw new ExportRefusedException(e.getMessage());
        }
    }

    static float[] values(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static float[] filled(long n, double value) {
        float[] a = new float[Math.toIntExact(n)];
        Arrays.fill(a, (float) value);
        return a;
    }
}
