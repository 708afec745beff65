package org.modelstudio.engine.export;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.engine.InvalidNetworkException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network as Keras (Python) code: the same layers, initialisers, optimizer, loss and learning-rate
 * schedule, so a model built in the studio can be rebuilt in TensorFlow. Images are channels-last there
 * (height, width, channels), which changes no layer's shape or parameter count. DL4J's leaky ReLU
 * (slope 0.01) becomes a linear layer followed by {@code LeakyReLU(negative_slope=0.01)}, and BatchNorm
 * gets DL4J's momentum and epsilon. Token sequences are int32 inputs of {@code length} ids; an Embedding and
 * LSTM start from DL4J's Xavier (Glorot normal) weights, and pooling over a sequence is the 1-D global pooling.
 * An L2 penalty becomes a regularizer on every layer's weights (not biases); reduce-on-plateau and early
 * stopping become Keras' callbacks of the same names, used by the {@code model.fit} line.
 */
public final class KerasCodeExport {

    private KerasCodeExport() {}

    public static String export(NetworkSpec spec) throws InvalidNetworkException {
        LayerSpec.Fixed fixed = spec.firstFixed();
        if (fixed != null) {
            throw new InvalidNetworkException(Texts.get("engine.export.fixed-as-code", spec.name(), fixed.name(), fixed.kind()));
        }
        NetworkSummary summary = ShapeInference.analyse(spec);
        if (summary.hasErrors()) throw new InvalidNetworkException(summary.errors());
        TrainingConfig t = spec.training();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(spec.name()).append(", exported from Model Studio.\n");
        if (!spec.description().isEmpty()) b.append("# ").append(spec.description().replace("\n", " ")).append('\n');
        b.append("import keras\nfrom keras import layers\n\n");
        b.append("keras.utils.set_random_seed(").append(t.seed()).append(")\n\n");
        b.append("model = keras.Sequential([\n");
        b.append("    keras.Input(shape=").append(inputShape(spec.input()))
                .append(spec.input() instanceof InputSpec.SequenceInput ? ", dtype=\"int32\"" : "").append("),\n");
        Shape in = summary.inputShape();
        String l2 = l2(t);
        for (LayerSummary row : summary.layers()) {
            b.append(layer(row.layer(), in, l2));
            in = row.outputShape();
        }
        b.append("], name=\"").append(modelName(spec.name())).append("\")\n\n");
        b.append("model.compile(\n    optimizer=").append(optimizer(t)).append(",\n    loss=").append(loss(t))
                .append(",\n    metrics=[").append(t.loss() == Loss.MSE ? "\"mae\"" : "\"accuracy\"").append("],\n)\n");
        LearningRateSchedule s = t.schedule();
        b.append('\n');
        List<String> callbacks = new ArrayList<>();
        switch (s.kind()) {
            case CONSTANT -> { }
            case PLATEAU -> callbacks.add(String.format(Locale.ROOT,
                    "keras.callbacks.ReduceLROnPlateau(monitor=\"val_loss\", factor=%s, patience=%d, min_delta=%s)",
                    num(s.factor()), s.every(), num(LearningRateSchedule.PLATEAU_MIN_DELTA)));
            case STEP -> callbacks.add(String.format(Locale.ROOT,
                    "keras.callbacks.LearningRateScheduler(lambda epoch: %s * %s ** (epoch // %d))",
                    num(t.learningRate()), num(s.factor()), s.every()));
            case EXPONENTIAL -> callbacks.add(String.format(Locale.ROOT,
                    "keras.callbacks.LearningRateScheduler(lambda epoch: %s * %s ** epoch)",
                    num(t.learningRate()), num(s.factor())));
        }
        EarlyStopping stop = t.earlyStopping();
        if (stop.enabled()) {
            callbacks.add(String.format(Locale.ROOT, "keras.callbacks.EarlyStopping(monitor=\"%s\", patience=%d, min_delta=%s)",
                    stop.metric() == EarlyStopping.Metric.VALIDATION_LOSS ? "val_loss" : "val_accuracy", stop.patience(), num(stop.minDelta())));
        }
        b.append("callbacks = [").append(String.join(", ", callbacks)).append("]\n");
        b.append("model.summary()\n");
        String validation = t.validationSplit() > 0 ? ", validation_split=" + num(t.validationSplit()) : "";
        if (t.loss() == Loss.MSE) {
            b.append("# Model Studio learns a number to predict standardised, (y - mean) / std with the training rows' mean and\n"
                    + "# standard deviation, and turns predictions back (prediction * std + mean): do the same with y_train.\n");
        }
        b.append(String.format(Locale.ROOT, "# model.fit(x_train, y_train, batch_size=%d, epochs=%d%s, callbacks=callbacks)%n",
                t.batchSize(), t.epochs(), validation));
        return b.toString();
    }

    /**
     * The weight penalty as a Keras regularizer argument value, or null without one. DL4J's l2(λ) adds ½·λ·Σw² to
     * the loss and Keras' l2(k) adds k·Σw², so the same penalty is k = λ/2.
     */
    private static String l2(TrainingConfig t) {
        return t.l2() > 0 ? "keras.regularizers.l2(" + num(t.l2() / 2) + ")" : null;
    }

    private static String inputShape(InputSpec input) {
        if (input instanceof InputSpec.ImageInput i) return "(" + i.height() + ", " + i.width() + ", " + i.channels() + ")";
        if (input instanceof InputSpec.SequenceInput seq) return "(" + seq.length() + ",)";
        return "(" + ((InputSpec.VectorInput) input).features() + ",)";
    }

    /** One layer's line(s); {@code l2} is the weight regularizer (null for none), on every layer with weights. */
    private static String layer(LayerSpec layer, Shape in, String l2) {
        return layer.accept(new KerasLayer(in, l2));
    }

    private record KerasLayer(Shape in, String l2) implements LayerSpec.Visitor<String> {
        @Override public String embedding(LayerSpec.Embedding e) {
            return line("layers.Embedding(" + ((Shape.Tokens) in).vocabulary() + ", " + e.dimensions()
                    + ", embeddings_initializer=\"glorot_normal\"" + (l2 == null ? "" : ", embeddings_regularizer=" + l2) + ")");
        }

        @Override public String lstm(LayerSpec.Lstm l) {
            // DL4J's l2 covers an LSTM's input and recurrent weights alike.
            return line("layers.LSTM(" + l.units() + ", return_sequences=" + (l.returnSequences() ? "True" : "False")
                    + ", kernel_initializer=\"glorot_normal\", recurrent_initializer=\"glorot_normal\""
                    + (l2 == null ? "" : ", kernel_regularizer=" + l2 + ", recurrent_regularizer=" + l2) + ")");
        }

        @Override public String dense(LayerSpec.Dense d) {
            return withActivation("layers.Dense(" + d.units(), d.activation(), init(d.init(), in.size()) + kernelRegularizer());
        }

        @Override public String output(LayerSpec.Output o) {
            return withActivation("layers.Dense(" + o.units(), o.activation(), init(o.init(), in.size()) + kernelRegularizer());
        }

        @Override public String conv2d(LayerSpec.Conv2D c) {
            long fanIn = (long) c.kernelHeight() * c.kernelWidth() * ((Shape.Image) in).channels();
            return withActivation(String.format(Locale.ROOT, "layers.Conv2D(%d, (%d, %d), strides=(%d, %d), padding=\"%s\"",
                    c.filters(), c.kernelHeight(), c.kernelWidth(), c.strideHeight(), c.strideWidth(),
                    c.padding() == Padding.SAME ? "same" : "valid"), c.activation(), init(c.init(), fanIn) + kernelRegularizer());
        }

        @Override public String maxPool(LayerSpec.MaxPool p) {
            return pooling("MaxPooling2D", p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth());
        }

        @Override public String avgPool(LayerSpec.AvgPool p) {
            return pooling("AveragePooling2D", p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth());
        }

        @Override public String globalPooling(LayerSpec.GlobalPooling g) {
            String dims = in instanceof Shape.Sequence ? "1D" : "2D";
            return line((g.pooling() == LayerSpec.GlobalPooling.Pooling.MAX ? "layers.GlobalMaxPooling" : "layers.GlobalAveragePooling") + dims + "()");
        }

        @Override public String zeroPadding(LayerSpec.ZeroPadding z) {
            return line(String.format(Locale.ROOT, "layers.ZeroPadding2D(padding=(%d, %d))", z.vertical(), z.horizontal()));
        }

        /** Never asked: {@link #export} refuses a network with a fixed layer first. */
        @Override public String fixed(LayerSpec.Fixed f) {
            throw new IllegalArgumentException("no Keras code for the Keras layer " + f.name());
        }

        @Override public String flatten(LayerSpec.Flatten f) { return line("layers.Flatten()"); }

        @Override public String dropout(LayerSpec.Dropout d) { return line("layers.Dropout(" + num(d.rate()) + ")"); }

        @Override public String batchNorm(LayerSpec.BatchNorm b) { return line("layers.BatchNormalization(momentum=0.9, epsilon=1e-5)"); }

        @Override public String activationLayer(LayerSpec.ActivationLayer a) {
            return a.activation() == Activation.LEAKY_RELU ? line("layers.LeakyReLU(negative_slope=0.01)")
                    : line("layers.Activation(\"" + activation(a.activation()) + "\")");
        }

        private String kernelRegularizer() { return l2 == null ? "" : ", kernel_regularizer=" + l2; }

        private static String pooling(String kind, int ph, int pw, int sh, int sw) {
            return line(String.format(Locale.ROOT, "layers.%s(pool_size=(%d, %d), strides=(%d, %d))", kind, ph, pw, sh, sw));
        }
    }

    /** "layers.Dense(64, activation="relu", kernel_initializer=…)," — leaky ReLU as its own layer. */
    private static String withActivation(String opening, Activation a, String init) {
        if (a == Activation.LEAKY_RELU) {
            return line(opening + ", kernel_initializer=" + init + ")") + line("layers.LeakyReLU(negative_slope=0.01)");
        }
        return line(opening + ", activation=\"" + activation(a) + "\", kernel_initializer=" + init + ")");
    }

    private static String line(String code) { return "    " + code + ",\n"; }

    private static String activation(Activation a) {
        return switch (a) {
            case RELU -> "relu";
            case LEAKY_RELU -> "leaky_relu";
            case ELU -> "elu";
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
            case SOFTMAX -> "softmax";
            case IDENTITY -> "linear";
        };
    }

    /** DL4J's initialisers: He and Xavier are normal distributions; UNIFORM is U(±1/√fan-in). */
    private static String init(WeightInit w, long fanIn) {
        return switch (w) {
            case HE -> "\"he_normal\"";
            case XAVIER -> "\"glorot_normal\"";
            case ZERO -> "\"zeros\"";
            case UNIFORM -> {
                String a = num(1.0 / Math.sqrt(fanIn));
                yield "keras.initializers.RandomUniform(minval=-" + a + ", maxval=" + a + ")";
            }
        };
    }

    private static String optimizer(TrainingConfig t) {
        String lr = num(t.learningRate());
        return switch (t.optimizer()) {
            case ADAM -> "keras.optimizers.Adam(learning_rate=" + lr + ")";
            case SGD -> "keras.optimizers.SGD(learning_rate=" + lr + ")";
            case NESTEROV -> "keras.optimizers.SGD(learning_rate=" + lr + ", momentum=0.9, nesterov=True)";
            case RMSPROP -> "keras.optimizers.RMSprop(learning_rate=" + lr + ")";
        };
    }

    private static String loss(TrainingConfig t) {
        return switch (t.loss()) {
            case CROSS_ENTROPY -> "\"categorical_crossentropy\"";
            case MSE -> "\"mse\"";
            case BINARY_CROSS_ENTROPY -> "\"binary_crossentropy\"";
        };
    }

    /** Keras accepts only letters, digits, '_', '.', '-' in names: "Small CNN" → "small_cnn". */
    public static String modelName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return n.isEmpty() ? "network" : n;
    }

    private static String num(double v) { return Double.toString(v); }
}
