package org.modelstudio.engine.export;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
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
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.modelstudio.engine.export.OnnxGraph.integer;
import static org.modelstudio.engine.export.OnnxGraph.ints;
import static org.modelstudio.engine.export.OnnxGraph.real;
import static org.modelstudio.engine.export.OnnxGraph.values;

/**
 * One spec layer as ONNX nodes, its weights and settings read from the trained DL4J layer. Between layers the tensors
 * keep DL4J's own layouts (images NCHW, vectors [N, features], sequences NCW [N, features, steps]), so every
 * element-wise operator, softmax axis and flattening order is DL4J's; only the LSTM, which ONNX defines over
 * [steps, N, features], sits between two transposes. Whatever ONNX could only approximate is refused with a sentence
 * that names the layer ({@link Refusal}).
 *
 * @param x     the tensor that reaches the layer
 * @param in    its shape (without the batch)
 * @param layer   the trained DL4J layer; null for a Flatten, which DL4J does as a preprocessor of the next layer
 * @param feeding the DL4J layer whose output array reaches this one (through Dropout and Activation layers, which pass
 *                the array on); null for the network's input
 * @param name    the layer as the studio names it ("Conv2D #1"), which its nodes and weights are named after
 */
record OnnxLayer(OnnxGraph g, String x, Shape in, Layer layer, Layer feeding, String name) implements LayerSpec.Visitor<String> {

    /** The layer cannot be written exactly; the message says why, naming the layer. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) { super(message); }
    }

    @Override public String dense(LayerSpec.Dense d) { return fullyConnected(d.activation()); }

    @Override public String output(LayerSpec.Output o) { return fullyConnected(o.activation()); }

    /** DL4J's x·W + b, W being [nIn, nOut]: Gemm without transposes. */
    private String fullyConnected(Activation activation) {
        FeedForwardLayer conf = conf(FeedForwardLayer.class);
        List<String> inputs = new ArrayList<>(List.of(x, g.weights(name + "/W", param(DefaultParamInitializer.WEIGHT_KEY), 1, conf.getNIn(), conf.getNOut())));
        if (layer.paramTable().containsKey(DefaultParamInitializer.BIAS_KEY)) {
            inputs.add(g.weight(name + "/b", param(DefaultParamInitializer.BIAS_KEY), conf.getNOut()));
        }
        return activation(g.node(name, "Gemm", inputs), activation, conf);
    }

    @Override public String conv2d(LayerSpec.Conv2D c) {
        ConvolutionLayer conf = conf(ConvolutionLayer.class);
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        if (Arrays.stream(conf.getDilation()).anyMatch(v -> v != 1)) throw refuse("uses dilation, which the studio never sets");
        long[] pads = switch (conf.getConvolutionMode()) {
            case Same -> samePadding((Shape.Image) in, k, s);
            case Truncate -> new long[] {conf.getPadding()[0], conf.getPadding()[1], conf.getPadding()[0], conf.getPadding()[1]};
            default -> throw refuse("uses DL4J's " + conf.getConvolutionMode() + " convolution mode, which the studio never sets");
        };
        INDArray w = param(DefaultParamInitializer.WEIGHT_KEY); // [out, in, kH, kW], as ONNX's Conv takes it
        List<String> inputs = new ArrayList<>(List.of(x, g.weights(name + "/W", w, 0, w.shape())));
        if (conf.hasBias()) inputs.add(g.weight(name + "/b", param(DefaultParamInitializer.BIAS_KEY), w.size(0)));
        String conv = g.node(name, "Conv", inputs, ints("kernel_shape", k), ints("strides", s), ints("pads", pads), ints("dilations", 1, 1));
        return activation(conv, c.activation(), conf);
    }

    /**
     * DL4J's 'same' padding: the output is ceil(size / stride); half the padding that needs, rounded down, goes before
     * (top, left) and the rest after, as ONNX's SAME_UPPER. Written as explicit pads, since ONNX pads cannot be negative
     * where DL4J simply leaves the last rows unread; a case where the sizes would then differ is refused.
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
                throw refuse("has 'same' padding that leaves parts of its " + img + " input between its windows, which ONNX padding cannot express");
            }
            pads[axis] = before;
            pads[axis + 2] = after;
        }
        return pads;
    }

    @Override public String maxPool(LayerSpec.MaxPool p) { return pooling(PoolingType.MAX, "MaxPool"); }

    @Override public String avgPool(LayerSpec.AvgPool p) { return pooling(PoolingType.AVG, "AveragePool"); }

    /** Windows inside the image only (DL4J's Truncate mode, no padding), so an average always divides by the window's size. */
    private String pooling(PoolingType type, String op) {
        SubsamplingLayer conf = conf(SubsamplingLayer.class);
        boolean plain = conf.getConvolutionMode() == ConvolutionMode.Truncate && conf.getPoolingType() == type
                && Arrays.stream(conf.getPadding()).allMatch(v -> v == 0) && Arrays.stream(conf.getDilation()).allMatch(v -> v == 1);
        if (!plain) throw refuse("is DL4J " + conf.getPoolingType() + " pooling with padding, dilation or another mode than the studio sets");
        return g.node(name, op, List.of(x), ints("kernel_shape", conf.getKernelSize()), ints("strides", conf.getStride()));
    }

    @Override public String globalPooling(LayerSpec.GlobalPooling p) {
        GlobalPoolingLayer conf = conf(GlobalPoolingLayer.class);
        boolean max = p.pooling() == LayerSpec.GlobalPooling.Pooling.MAX;
        int[] expected = in instanceof Shape.Image ? new int[] {2, 3} : new int[] {2};
        int[] dims = conf.getPoolingDimensions();
        if (conf.getPoolingType() != (max ? PoolingType.MAX : PoolingType.AVG) || !conf.isCollapseDimensions()
                || (dims != null && !Arrays.equals(dims, expected))) {
            throw refuse("is DL4J " + conf.getPoolingType() + " global pooling over dimensions " + Arrays.toString(dims) + ", not the studio's");
        }
        if (in instanceof Shape.Image) {
            String pooled = g.node(name, max ? "GlobalMaxPool" : "GlobalAveragePool", List.of(x));
            return g.node(name, "Flatten", List.of(pooled), integer("axis", 1));
        }
        return g.node(name, max ? "ReduceMax" : "ReduceMean", List.of(x), ints("axes", 2), integer("keepdims", 0));
    }

    /** DL4J's CnnToFeedForwardPreProcessor: NCHW flattened in row-major order, which is ONNX's Flatten. */
    @Override public String flatten(LayerSpec.Flatten f) {
        return in instanceof Shape.Image ? g.node(name, "Flatten", List.of(x), integer("axis", 1)) : x;
    }

    /** Dropout only acts while training. */
    @Override public String dropout(LayerSpec.Dropout d) { return g.node(name, "Identity", List.of(x)); }

    /** Inference with the running mean and variance: γ·(x − mean)/√(var + ε) + β per channel (images) or feature (vectors). */
    @Override public String batchNorm(LayerSpec.BatchNorm b) {
        BatchNormalization conf = conf(BatchNormalization.class);
        if (layer.getHelper() != null && feeding instanceof LastTimeStepLayer) {
            // DL4J M2.1's oneDNN batch norm reads a view's memory from its start, and an LSTM's last step is a view into
            // all its steps: the studio normalises other values there than the last step's (OnnxExportTest shows it).
            throw refuse("takes the last step of an LSTM directly, where the studio's engine (DL4J 1.0.0-M2.1 with oneDNN) "
                    + "normalises the wrong values, so no ONNX file can answer as the studio does. Put a Dense layer between them "
                    + "and train again");
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
        return g.node(name, "BatchNormalization", List.of(x, g.weight(name + "/scale", gamma, n), g.weight(name + "/B", beta, n),
                g.weight(name + "/mean", param(BatchNormalizationParamInitializer.GLOBAL_MEAN), n), g.weight(name + "/var", variance, n)),
                real("epsilon", conf.getEps()));
    }

    @Override public String activationLayer(LayerSpec.ActivationLayer a) {
        return activation(x, a.activation(), conf(org.deeplearning4j.nn.conf.layers.ActivationLayer.class).getActivationFn());
    }

    /** Token ids [N, length] pick rows of W [vocabulary, dimensions]: Gather gives [N, length, dimensions], DL4J's NCW is its transpose. */
    @Override public String embedding(LayerSpec.Embedding e) {
        EmbeddingSequenceLayer conf = conf(EmbeddingSequenceLayer.class);
        if (conf.getOutputFormat() != RNNFormat.NCW) throw refuse("writes its sequence as " + conf.getOutputFormat() + ", not the studio's NCW");
        String rows = g.node(name, "Gather", List.of(g.weights(name + "/W", param(DefaultParamInitializer.WEIGHT_KEY), 0, conf.getNIn(), conf.getNOut()), x),
                integer("axis", 0));
        if (conf.hasBias()) rows = g.node(name, "Add", List.of(rows, g.weight(name + "/b", param(DefaultParamInitializer.BIAS_KEY), conf.getNOut())));
        return activation(g.node(name, "Transpose", List.of(rows), ints("perm", 0, 2, 1)), Activation.IDENTITY, conf);
    }

    /**
     * DL4J's LSTM (no peepholes) is ONNX's. DL4J keeps the four blocks of W [nIn, 4·units], RW [units, 4·units] and
     * b [4·units] in the order c, f, o, i: the cell input (the layer's activation, tanh), then the forget, output and
     * input gates (sigmoid). ONNX wants i, o, f, c, each block transposed, and a second (recurrent) bias, here zero.
     */
    @Override public String lstm(LayerSpec.Lstm l) {
        LSTM conf = conf(LSTM.class);
        if (!NetworkCompiler.activation(Activation.SIGMOID).getActivationFunction().equals(conf.getGateActivationFn())
                || !NetworkCompiler.activation(Activation.TANH).getActivationFunction().equals(conf.getActivationFn())) {
            throw refuse("uses the gate activation " + conf.getGateActivationFn() + " and the activation " + conf.getActivationFn()
                    + "; this export writes DL4J's LSTM with sigmoid gates and tanh only");
        }
        int units = Math.toIntExact(conf.getNOut());
        int inputs = Math.toIntExact(conf.getNIn());
        INDArray recurrent = param(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        if (recurrent.size(1) != 4L * units) throw refuse("has peephole connections, which ONNX's LSTM here does not take");
        int[] dl4jBlockOf = {3, 2, 1, 0}; // ONNX's i, o, f, c
        float[] w = values(param(LSTMParamInitializer.INPUT_WEIGHT_KEY));
        float[] rw = values(recurrent);
        float[] b = values(param(LSTMParamInitializer.BIAS_KEY));
        float[] onnxW = new float[4 * units * inputs];
        float[] onnxR = new float[4 * units * units];
        float[] onnxB = new float[8 * units];
        for (int gate = 0; gate < 4; gate++) {
            for (int u = 0; u < units; u++) {
                int row = gate * units + u;
                int column = dl4jBlockOf[gate] * units + u;
                for (int k = 0; k < inputs; k++) onnxW[row * inputs + k] = w[k * 4 * units + column];
                for (int k = 0; k < units; k++) onnxR[row * units + k] = rw[k * 4 * units + column];
                onnxB[row] = b[column];
            }
        }
        String steps = g.node(name, "Transpose", List.of(x), ints("perm", 2, 0, 1)); // [steps, N, features]
        // A row of W and R here is a column of DL4J's, one gate unit: axis 1 holds the channels a compact file scales.
        String[] out = g.node(name, "LSTM", List.of(steps, g.weights(name + "/W", onnxW, 1, 1, 4L * units, inputs),
                g.weights(name + "/R", onnxR, 1, 1, 4L * units, units), g.weight(name + "/B", onnxB, 1, 8L * units)), 2, integer("hidden_size", units));
        if (!l.returnSequences()) {
            // Y_h [1, N, units]: the state after the last step, which DL4J's LastTimeStep takes.
            return g.node(name, "Squeeze", List.of(out[1], g.int64s(name + "/axes", 0)));
        }
        String all = g.node(name, "Squeeze", List.of(out[0], g.int64s(name + "/axes", 1))); // Y [steps, 1, N, units] → [steps, N, units]
        return g.node(name, "Transpose", List.of(all), ints("perm", 1, 2, 0));
    }

    /**
     * The layer's activation, the studio's {@code a}, after checking that the trained DL4J layer really uses it (with
     * DL4J's parameters: leaky ReLU's slope 0.01, ELU's α 1). Softmax is over the last axis, as DL4J's.
     */
    private String activation(String t, Activation a, BaseLayer conf) {
        return activation(t, a, conf.getActivationFn());
    }

    private String activation(String t, Activation a, IActivation fn) {
        if (!NetworkCompiler.activation(a).getActivationFunction().equals(fn)) {
            throw refuse("applies DL4J's " + fn + ", not the " + a.id() + " its settings say");
        }
        return switch (a) {
            case IDENTITY -> t;
            case RELU -> g.node(name, "Relu", List.of(t));
            case LEAKY_RELU -> g.node(name, "LeakyRelu", List.of(t), real("alpha", ((ActivationLReLU) fn).getAlpha()));
            case ELU -> g.node(name, "Elu", List.of(t), real("alpha", ((ActivationELU) fn).getAlpha()));
            case SIGMOID -> g.node(name, "Sigmoid", List.of(t));
            case TANH -> g.node(name, "Tanh", List.of(t));
            case SOFTMAX -> g.node(name, "Softmax", List.of(t), integer("axis", -1));
        };
    }

    /** The trained layer's configuration (inside a wrapper such as LastTimeStep), or a refusal if it is not the kind expected. */
    private <T> T conf(Class<T> type) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        while (conf instanceof BaseWrapperLayer wrapper) conf = wrapper.getUnderlying();
        if (!type.isInstance(conf)) throw refuse("is a DL4J " + conf.getClass().getSimpleName() + ", not the " + type.getSimpleName() + " it was built as");
        return type.cast(conf);
    }

    private INDArray param(String key) {
        INDArray p = layer.getParam(key);
        if (p == null) throw refuse("has no parameter \"" + key + "\" in the trained network");
        return p;
    }

    private static float[] filled(long n, double value) {
        float[] a = new float[Math.toIntExact(n)];
        Arrays.fill(a, (float) value);
        return a;
    }

    private Refusal refuse(String why) { return new Refusal(name + " " + why + "."); }
}
