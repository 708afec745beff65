package org.modelstudio.engine.export;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One spec layer as the Keras 2 layers that compute what the trained DL4J layer computes, with their configs and their
 * weights in Keras' layouts, read through {@link TrainedLayer} (as the ONNX export reads them). Keras works channels-last:
 * images are [N, height, width, channels] and sequences [N, steps, features], where DL4J keeps NCHW and NCW, so a
 * convolution's kernel is transposed and a flattened image lists its values in another order. That order is carried
 * from a Flatten to the next layer with weights per feature ({@code order}), whose rows are rearranged to match. What
 * Keras (or the file's judge, DL4J's own Keras importer) cannot take exactly is refused with a sentence naming the layer.
 *
 * @param trained the trained layer, the shape that reaches it and its name
 * @param order   for a vector, the DL4J position of each Keras feature (Keras feature k is DL4J's {@code order[k]}); null
 *                when both list them alike
 * @param l2      the weight penalty as Keras' l2 factor (DL4J's λ/2), 0 for none; a training setting, kept in the file so
 *                that training on in Keras penalises the same weights
 */
record KerasH5Layer(TrainedLayer trained, int[] order, double l2) implements LayerSpec.Visitor<KerasH5Layer.Written> {

    /** One Keras layer: its class, its config without the name, its weights in the order Keras keeps them. */
    record Entry(String className, Map<String, Object> config, List<Weight> weights) {}

    /** A weight by its Keras name ("kernel"), its shape and its values in row-major order. */
    record Weight(String name, long[] dims, float[] values) {}

    /** The Keras layers for one spec layer (none for a Flatten of a vector) and the feature order that leaves them. */
    record Written(List<Entry> layers, int[] order) {}

    @Override public Written dense(LayerSpec.Dense d) { return fullyConnected(d.activation(), d.init()); }

    @Override public Written output(LayerSpec.Output o) { return fullyConnected(o.activation(), o.init()); }

    /** DL4J's W [nIn, nOut] is Keras' kernel, its rows in the Keras order of the features that reach it. */
    private Written fullyConnected(Activation a, WeightInit init) {
        TrainedLayer.FullyConnected fc = trained.fullyConnected(a);
        float[] kernel = fc.weights();
        if (order != null) {
            kernel = new float[fc.weights().length];
            for (int r = 0; r < order.length; r++) System.arraycopy(fc.weights(), order[r] * fc.units(), kernel, r * fc.units(), fc.units());
        }
        Map<String, Object> c = denseConfig(fc.units(), activation(a), fc.bias() != null, initializer(init, fc.inputs()), regularizer());
        List<Weight> weights = new ArrayList<>(List.of(new Weight("kernel", new long[] {fc.inputs(), fc.units()}, kernel)));
        if (fc.bias() != null) weights.add(new Weight("bias", new long[] {fc.units()}, fc.bias()));
        return withLeakyRelu(new Entry("Dense", c, weights), a);
    }

    /** DL4J's W [out, in, kH, kW] becomes Keras' kernel [kH, kW, in, out]; DL4J's 'same' padding is TensorFlow's. */
    @Override public Written conv2d(LayerSpec.Conv2D conv) {
        TrainedLayer.Convolution t = trained.convolution(conv.activation());
        boolean same = t.conf().getConvolutionMode() == ConvolutionMode.Same;
        if (!same && Arrays.stream(t.pads()).anyMatch(p -> p != 0)) throw trained.refuse(Texts.get("engine.export.why.keras-pads", Arrays.toString(t.pads())));
        int out = (int) t.shape()[0];
        int in = (int) t.shape()[1];
        int kh = (int) t.shape()[2];
        int kw = (int) t.shape()[3];
        float[] kernel = new float[t.weights().length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) kernel[((y * kw + x) * in + i) * out + o] = t.weights()[((o * in + i) * kh + y) * kw + x];
                }
            }
        }
        Map<String, Object> c = config();
        c.put("filters", out);
        c.put("kernel_size", List.of(kh, kw));
        c.put("strides", List.of(t.conf().getStride()[0], t.conf().getStride()[1]));
        c.put("padding", same ? "same" : "valid");
        c.put("data_format", "channels_last");
        c.put("dilation_rate", List.of(1, 1));
        c.put("activation", activation(conv.activation()));
        c.put("use_bias", t.bias() != null);
        c.put("kernel_initializer", initializer(conv.init(), (long) kh * kw * in));
        c.put("bias_initializer", initializer("Zeros"));
        c.put("kernel_regularizer", regularizer());
        c.put("bias_regularizer", null);
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("bias_constraint", null);
        List<Weight> weights = new ArrayList<>(List.of(new Weight("kernel", new long[] {kh, kw, in, out}, kernel)));
        if (t.bias() != null) weights.add(new Weight("bias", new long[] {out}, t.bias()));
        return withLeakyRelu(new Entry("Conv2D", c, weights), conv.activation());
    }

    @Override public Written maxPool(LayerSpec.MaxPool p) { return pooling(PoolingType.MAX, "MaxPooling2D"); }

    @Override public Written avgPool(LayerSpec.AvgPool p) { return pooling(PoolingType.AVG, "AveragePooling2D"); }

    /** Windows inside the image only: Keras' 'valid'. */
    private Written pooling(PoolingType type, String className) {
        SubsamplingLayer conf = trained.pooling(type);
        Map<String, Object> c = config();
        c.put("pool_size", List.of(conf.getKernelSize()[0], conf.getKernelSize()[1]));
        c.put("padding", "valid");
        c.put("strides", List.of(conf.getStride()[0], conf.getStride()[1]));
        c.put("data_format", "channels_last");
        return one(new Entry(className, c, List.of()));
    }

    @Override public Written globalPooling(LayerSpec.GlobalPooling p) {
        trained.globalPooling(p);
        String dims;
        if (trained.in() instanceof Shape.Image) dims = "2D";
        else if (trained.in() instanceof Shape.Sequence) dims = "1D";
        else throw trained.refuse(Texts.get("engine.export.why.nothing-to-pool", trained.in()));
        Map<String, Object> c = config();
        c.put("data_format", "channels_last");
        return one(new Entry((p.pooling() == LayerSpec.GlobalPooling.Pooling.MAX ? "GlobalMaxPooling" : "GlobalAveragePooling") + dims, c, List.of()));
    }

    @Override public Written zeroPadding(LayerSpec.ZeroPadding z) {
        trained.zeroPadding(z);
        Map<String, Object> c = config();
        c.put("padding", List.of(List.of(z.vertical(), z.vertical()), List.of(z.horizontal(), z.horizontal())));
        c.put("data_format", "channels_last");
        return one(new Entry("ZeroPadding2D", c, List.of()));
    }

    /** Never asked: a network with a fixed layer does not compile, so {@link TrainedLayer#dl4jLayerOf} refuses it first. */
    @Override public Written fixed(LayerSpec.Fixed f) {
        throw new IllegalArgumentException("nothing to write for the Keras layer " + f.name());
    }

    /**
     * Keras flattens [height, width, channels] row by row, a pixel's channels together; DL4J flattens channel by channel.
     * The Keras feature (y·W + x)·C + c is DL4J's c·H·W + y·W + x. A Flatten of a vector does nothing and is left out.
     */
    @Override public Written flatten(LayerSpec.Flatten f) {
        if (!(trained.in() instanceof Shape.Image img)) return new Written(List.of(), order);
        int h = img.height();
        int w = img.width();
        int channels = img.channels();
        int[] dl4jOf = new int[h * w * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) dl4jOf[(y * w + x) * channels + c] = (c * h + y) * w + x;
            }
        }
        Map<String, Object> c = config();
        c.put("data_format", "channels_last");
        return new Written(List.of(new Entry("Flatten", c, List.of())), dl4jOf);
    }

    @Override public Written dropout(LayerSpec.Dropout d) {
        Map<String, Object> c = config();
        c.put("rate", d.rate());
        c.put("noise_shape", null);
        c.put("seed", null);
        return one(new Entry("Dropout", c, List.of()));
    }

    /** Over the last axis, the channels or features, as DL4J's per channel (NCHW, NCW) or feature; DL4J's momentum 0.9. */
    @Override public Written batchNorm(LayerSpec.BatchNorm b) {
        TrainedLayer.BatchNormStatistics s = trained.batchNorm();
        Map<String, Object> c = config();
        c.put("axis", -1);
        c.put("momentum", 0.9);
        c.put("epsilon", s.epsilon());
        c.put("center", true);
        c.put("scale", true);
        c.put("beta_initializer", initializer("Zeros"));
        c.put("gamma_initializer", initializer("Ones"));
        c.put("moving_mean_initializer", initializer("Zeros"));
        c.put("moving_variance_initializer", initializer("Ones"));
        c.put("beta_regularizer", null);
        c.put("gamma_regularizer", null);
        c.put("beta_constraint", null);
        c.put("gamma_constraint", null);
        long n = s.gamma().length;
        return one(new Entry("BatchNormalization", c, List.of(new Weight("gamma", new long[] {n}, inOrder(s.gamma())),
                new Weight("beta", new long[] {n}, inOrder(s.beta())), new Weight("moving_mean", new long[] {n}, inOrder(s.mean())),
                new Weight("moving_variance", new long[] {n}, inOrder(s.variance())))));
    }

    /**
     * DL4J's softmax runs along the last axis of its own layout, an image's width or a sequence's steps, where Keras'
     * runs along the channels or features; DL4J's importer would not take Keras' Softmax(axis) either, so that is refused.
     */
    @Override public Written activationLayer(LayerSpec.ActivationLayer a) {
        trained.activationLayer(a.activation());
        if (a.activation() == Activation.SOFTMAX && !(trained.in() instanceof Shape.Vector)) {
            throw trained.refuse(Texts.get("engine.export.why.keras-softmax", trained.in()));
        }
        if (a.activation() == Activation.LEAKY_RELU) return one(leakyRelu());
        Map<String, Object> c = config();
        c.put("activation", activation(a.activation()));
        return one(new Entry("Activation", c, List.of()));
    }

    /** DL4J's W [vocabulary, dimensions] is Keras' embeddings; no mask, as the studio pads with id 0 and reads it. */
    @Override public Written embedding(LayerSpec.Embedding e) {
        TrainedLayer.Embedding table = trained.embedding();
        if (table.bias() != null) throw trained.refuse(Texts.get("engine.export.why.embedding-bias"));
        Map<String, Object> c = config();
        c.put("input_dim", table.vocabulary());
        c.put("output_dim", table.dimensions());
        c.put("embeddings_initializer", initializer(WeightInit.XAVIER, table.vocabulary()));
        c.put("embeddings_regularizer", regularizer());
        c.put("activity_regularizer", null);
        c.put("embeddings_constraint", null);
        c.put("mask_zero", false);
        c.put("input_length", ((Shape.Tokens) trained.in()).length());
        return one(new Entry("Embedding", c, List.of(new Weight("embeddings", new long[] {table.vocabulary(), table.dimensions()}, table.weights()))));
    }

    /**
     * Keras keeps kernel [inputs, 4·units], recurrent_kernel [units, 4·units] and bias [4·units] with the gates' blocks in
     * the order i, f, c, o. The recurrent initialiser is written as Glorot normal (DL4J's Xavier, which the studio uses),
     * not Keras' default orthogonal: DL4J M2.1's importer crashes the JVM in native code setting one up.
     */
    @Override public Written lstm(LayerSpec.Lstm l) {
        TrainedLayer.LstmWeights t = trained.lstm();
        int units = t.units();
        float[] kernel = new float[t.inputs() * 4 * units];
        float[] recurrent = new float[units * 4 * units];
        float[] bias = new float[4 * units];
        for (TrainedLayer.Gate gate : TrainedLayer.Gate.values()) {
            int g = gate.ordinal();
            for (int u = 0; u < units; u++) {
                for (int k = 0; k < t.inputs(); k++) kernel[k * 4 * units + g * units + u] = t.input()[g][k * units + u];
                for (int k = 0; k < units; k++) recurrent[k * 4 * units + g * units + u] = t.recurrent()[g][k * units + u];
                bias[g * units + u] = t.bias()[g][u];
            }
        }
        Map<String, Object> c = config();
        c.put("return_sequences", l.returnSequences());
        c.put("return_state", false);
        c.put("go_backwards", false);
        c.put("stateful", false);
        c.put("unroll", false);
        c.put("units", units);
        c.put("activation", "tanh");
        c.put("recurrent_activation", "sigmoid");
        c.put("use_bias", true);
        c.put("kernel_initializer", initializer(WeightInit.XAVIER, t.inputs()));
        c.put("recurrent_initializer", initializer(WeightInit.XAVIER, units));
        c.put("bias_initializer", initializer("Zeros"));
        c.put("unit_forget_bias", true);
        c.put("kernel_regularizer", regularizer());
        c.put("recurrent_regularizer", regularizer());
        c.put("bias_regularizer", null);
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("recurrent_constraint", null);
        c.put("bias_constraint", null);
        c.put("dropout", 0.0);
        c.put("recurrent_dropout", 0.0);
        c.put("implementation", 2);
        return one(new Entry("LSTM", c, List.of(new Weight("kernel", new long[] {t.inputs(), 4L * units}, kernel),
                new Weight("recurrent_kernel", new long[] {units, 4L * units}, recurrent), new Weight("bias", new long[] {4L * units}, bias))));
    }

    /** Per-feature values (BatchNorm's) in the Keras order of the features. */
    private float[] inOrder(float[] dl4j) {
        if (order == null) return dl4j;
        float[] keras = new float[order.length];
        for (int k = 0; k < order.length; k++) keras[k] = dl4j[order[k]];
        return keras;
    }

    private Written one(Entry entry) { return new Written(List.of(entry), order); }

    /** Keras has no leaky ReLU activation by name (before Keras 3): a linear layer, then a LeakyReLU layer with DL4J's slope. */
    private Written withLeakyRelu(Entry layer, Activation a) {
        return new Written(a == Activation.LEAKY_RELU ? List.of(layer, leakyRelu()) : List.of(layer), null);
    }

    private static Entry leakyRelu() {
        Map<String, Object> c = config();
        c.put("alpha", ((ActivationLReLU) NetworkCompiler.activation(Activation.LEAKY_RELU).getActivationFunction()).getAlpha());
        return new Entry("LeakyReLU", c, List.of());
    }

    /** A Dense layer's config (without the name). */
    static Map<String, Object> denseConfig(int units, String activation, boolean useBias, Map<String, Object> kernelInitializer,
                                           Map<String, Object> kernelRegularizer) {
        Map<String, Object> c = config();
        c.put("units", units);
        c.put("activation", activation);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer);
        c.put("bias_initializer", initializer("Zeros"));
        c.put("kernel_regularizer", kernelRegularizer);
        c.put("bias_regularizer", null);
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("bias_constraint", null);
        return c;
    }

    private static Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("trainable", true);
        c.put("dtype", "float32");
        return c;
    }

    /** Keras' activation names; leaky ReLU is its own layer after a linear one ({@link #withLeakyRelu}). */
    static String activation(Activation a) {
        return switch (a) {
            case RELU -> "relu";
            case ELU -> "elu";
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
            case SOFTMAX -> "softmax";
            case IDENTITY, LEAKY_RELU -> "linear";
        };
    }

    /** The studio's initialisers as Keras ones (as the Keras code export writes them), for training on in Keras. */
    private static Map<String, Object> initializer(WeightInit w, long fanIn) {
        return switch (w) {
            case HE -> initializer("HeNormal");
            case XAVIER -> initializer("GlorotNormal");
            case ZERO -> initializer("Zeros");
            case UNIFORM -> {
                double a = 1.0 / Math.sqrt(fanIn);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("minval", -a);
                c.put("maxval", a);
                c.put("seed", null);
                yield Map.of("class_name", "RandomUniform", "config", c);
            }
        };
    }

    static Map<String, Object> initializer(String className) {
        Map<String, Object> c = new LinkedHashMap<>();
        if (!className.equals("Zeros") && !className.equals("Ones")) c.put("seed", null);
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("class_name", className);
        init.put("config", c);
        return init;
    }

    /** DL4J's l2(λ) adds ½·λ·Σw² to the loss, Keras' l2(k) adds k·Σw²: the same penalty is k = λ/2 ({@link #l2}). */
    private Map<String, Object> regularizer() {
        if (l2 <= 0) return null;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", 0.0);
        c.put("l2", l2);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("class_name", "L1L2");
        r.put("config", c);
        return r;
    }
}
