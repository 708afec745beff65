package org.modelstudio.core.graph;

import java.util.Locale;
import java.util.Objects;
import org.modelstudio.core.i18n.Texts;
/**
 * One layer of a network, as plain immutable data. Edits make a new value; the engine compiles these
 * to DL4J and the UI draws them, but neither owns them.
 */
public sealed interface LayerSpec
        permits LayerSpec.Dense, LayerSpec.Conv2D, LayerSpec.MaxPool, LayerSpec.AvgPool, LayerSpec.GlobalPooling, LayerSpec.Flatten,
                LayerSpec.Dropout, LayerSpec.BatchNorm, LayerSpec.ActivationLayer, LayerSpec.Embedding, LayerSpec.Lstm,
                LayerSpec.Output, LayerSpec.ZeroPadding, LayerSpec.Fixed {

    /** The layer type's name as the user sees it ("Conv2D"). */
    String typeName();

    /** A short description of its settings ("32 filters 3×3, relu"). */
    String describe();

    /** Calls the visitor's method for this layer's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * Whatever depends on a layer's type, one method per type. Code that does something for every type (shape
     * inference, spec JSON, the compiler, the exports) implements this instead of testing types one by one, so a new
     * layer type that it does not handle is a compile error rather than a case silently skipped
     * (docs/adding-a-layer.md).
     */
    interface Visitor<R> {
        R dense(Dense d);
        R conv2d(Conv2D c);
        R maxPool(MaxPool p);
        R avgPool(AvgPool p);
        R globalPooling(GlobalPooling g);
        R flatten(Flatten f);
        R dropout(Dropout d);
        R batchNorm(BatchNorm b);
        R activationLayer(ActivationLayer a);
        R embedding(Embedding e);
        R lstm(Lstm l);
        R output(Output o);
        R zeroPadding(ZeroPadding z);
        R fixed(Fixed f);
    }

    /** A fully connected layer. */
    record Dense(int units, Activation activation, WeightInit init) implements LayerSpec {
        public Dense(int units, Activation activation) { this(units, activation, defaultInit(activation)); }
        @Override public String typeName() { return "Dense"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.dense(this); }
        @Override public String describe() { return Texts.get("core.layer.units", units, activation.id()); }
    }

    /** A 2-D convolution. */
    record Conv2D(int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                  Padding padding, Activation activation, WeightInit init) implements LayerSpec {
        public Conv2D(int filters, int kernel, Activation activation) {
            this(filters, kernel, kernel, 1, 1, Padding.VALID, activation, defaultInit(activation));
        }
        @Override public String typeName() { return "Conv2D"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.conv2d(this); }
        @Override public String describe() {
            return Texts.get("core.layer.filters", filters, kernelHeight + "×" + kernelWidth)
                    + (strideHeight != 1 || strideWidth != 1 ? Texts.get("core.layer.stride", strideHeight + "×" + strideWidth) : "")
                    + (padding == Padding.SAME ? Texts.get("core.layer.same") : "") + Texts.get("core.layer.then", activation.id());
        }
    }

    /** Max pooling over a window. */
    record MaxPool(int poolHeight, int poolWidth, int strideHeight, int strideWidth) implements LayerSpec {
        public MaxPool(int pool) { this(pool, pool, pool, pool); }
        @Override public String typeName() { return "MaxPool"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.maxPool(this); }
        @Override public String describe() { return poolDescription(poolHeight, poolWidth, strideHeight, strideWidth); }
    }

    /** Average pooling over a window. */
    record AvgPool(int poolHeight, int poolWidth, int strideHeight, int strideWidth) implements LayerSpec {
        public AvgPool(int pool) { this(pool, pool, pool, pool); }
        @Override public String typeName() { return "AvgPool"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.avgPool(this); }
        @Override public String describe() { return poolDescription(poolHeight, poolWidth, strideHeight, strideWidth); }
    }

    /**
     * Summarises each channel of an image, or each feature of a sequence over all its steps, by one number
     * (its maximum or average): h×w×c becomes c, steps×features becomes features.
     */
    record GlobalPooling(Pooling pooling) implements LayerSpec {
        public enum Pooling {
            MAX, AVG;

            public String id() { return name().toLowerCase(Locale.ROOT); }

            public static Pooling fromId(String id) { return Enums.fromId(Pooling.class, id); }
        }

        @Override public String typeName() { return "GlobalPooling"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.globalPooling(this); }
        @Override public String describe() { return Texts.get(pooling == Pooling.MAX ? "core.layer.global-max" : "core.layer.global-average"); }
    }

    /**
     * Adds {@code vertical} rows of zeros above and below an image and {@code horizontal} columns left and right of it
     * (Keras' ZeroPadding2D): a 28×28 image with 2 and 2 becomes 32×32, so a convolution can reach the border.
     */
    record ZeroPadding(int vertical, int horizontal) implements LayerSpec {
        @Override public String typeName() { return "ZeroPadding"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.zeroPadding(this); }
        @Override public String describe() {
            return Texts.get("core.layer.zero-padding", vertical, horizontal, Texts.get(vertical == 1 ? "core.layer.row" : "core.layer.rows"),
                    Texts.get(horizontal == 1 ? "core.layer.column" : "core.layer.columns"));
        }
    }

    /** Turns an image-shaped input into a flat vector. */
    record Flatten() implements LayerSpec {
        @Override public String typeName() { return "Flatten"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.flatten(this); }
        @Override public String describe() { return Texts.get("core.layer.flatten"); }
    }

    /** Randomly zeroes a fraction {@code rate} of its inputs while training (Keras semantics: rate = fraction dropped). */
    record Dropout(double rate) implements LayerSpec {
        @Override public String typeName() { return "Dropout"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.dropout(this); }
        @Override public String describe() { return Texts.get("core.layer.dropout", Math.round(rate * 100)); }
    }

    /** Batch normalisation (per channel for images, per feature for vectors). */
    record BatchNorm() implements LayerSpec {
        @Override public String typeName() { return "BatchNorm"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.batchNorm(this); }
        @Override public String describe() { return Texts.get("core.layer.batchnorm"); }
    }

    /** Applies an activation function on its own. */
    record ActivationLayer(Activation activation) implements LayerSpec {
        @Override public String typeName() { return "Activation"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.activationLayer(this); }
        @Override public String describe() { return activation.id(); }
    }

    /**
     * Turns each token id into a learned vector of {@code dimensions} numbers: a sequence of n tokens becomes
     * n×dimensions. The vocabulary (how many ids there are) comes from the input, so it only works right after
     * a token-sequence input.
     */
    record Embedding(int dimensions) implements LayerSpec {
        @Override public String typeName() { return "Embedding"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.embedding(this); }
        @Override public String describe() { return Texts.get("core.layer.embedding", dimensions); }
    }

    /**
     * A long short-term memory layer: reads a sequence step by step, keeping a memory of {@code units} values.
     * It outputs either the memory after every step (a sequence, {@code returnSequences}) or only after the
     * last step (a vector).
     */
    record Lstm(int units, boolean returnSequences) implements LayerSpec {
        @Override public String typeName() { return "LSTM"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.lstm(this); }
        @Override public String describe() { return Texts.get(returnSequences ? "core.layer.lstm-all" : "core.layer.lstm-last", units); }
    }

    /** The final layer: one unit per class (softmax) and the loss the network is trained on. */
    record Output(int units, Activation activation, WeightInit init) implements LayerSpec {
        public Output(int units) { this(units, Activation.SOFTMAX, WeightInit.XAVIER); }
        @Override public String typeName() { return "Output"; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.output(this); }
        @Override public String describe() { return Texts.get("core.layer.units", units, activation.id()); }
    }

    /**
     * A layer opened from a Keras file that the studio has no block for ({@code kind} is its Keras class, e.g.
     * "ZeroPadding2D"), kept as DL4J's Keras importer built it. It records what it is, its Keras name, why no block
     * fits, its output shape and its parameter count. A network with one is <em>fixed</em> ({@link NetworkSpec#fixed()}):
     * it predicts, evaluates, serves and trains further with the weights it came with, but its blocks cannot be edited,
     * rebuilt from scratch or exported.
     */
    record Fixed(String kind, String name, String reason, Shape output, long parameters) implements LayerSpec {
        public Fixed {
            Objects.requireNonNull(kind, "kind");
            name = name == null ? "" : name;
            reason = reason == null ? "" : reason;
            Objects.requireNonNull(output, "output");
        }
        @Override public String typeName() { return kind; }
        @Override public <R> R accept(Visitor<R> visitor) { return visitor.fixed(this); }
        @Override public String describe() {
            return reason.isEmpty() || reason.startsWith("no block") ? Texts.get("core.layer.keras", name)
                    : Texts.get("core.layer.keras-why", name, reason);
        }
    }

    static WeightInit defaultInit(Activation activation) {
        return switch (activation) {
            case RELU, LEAKY_RELU, ELU -> WeightInit.HE;
            default -> WeightInit.XAVIER;
        };
    }

    private static String poolDescription(int ph, int pw, int sh, int sw) {
        return ph + "×" + pw + (sh != ph || sw != pw ? Texts.get("core.layer.stride", sh + "×" + sw) : "");
    }
}
