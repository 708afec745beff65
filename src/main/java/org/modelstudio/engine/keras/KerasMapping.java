package org.modelstudio.engine.keras;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.core.io.ModelReading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras layers → the studio's layer blocks, from the declared architecture alone. Each Keras layer becomes the block
 * that computes the same function, or is named as one the studio has no block for. Where Keras and the studio's
 * engine differ only in a constant (batch normalisation's epsilon, a layer without bias, a network that wants pixels
 * 0..255) the blocks stay the same and {@link KerasWeights} adjusts the weights, so that the result is exact.
 */
final class KerasMapping {

    /**
     * @param spec          the network as studio blocks
     * @param kerasNames    for each spec layer, the Keras layer its weights come from (null for a block Keras did not have)
     * @param epsilons      for each spec layer, a BatchNormalization's epsilon in Keras (NaN otherwise)
     * @param flattenedHwc  whether inputs reach the first Dense after a Flatten in Keras' channels-last order (its
     *                      weight rows are then reordered for the studio's channels-first Flatten)
     * @param unknown       Keras layers the studio has no block for, each named with the reason; each is a
     *                      {@link LayerSpec.Fixed} in {@code spec}, whose output shape and parameters are filled in from
     *                      DL4J's import (a placeholder until then)
     * @param unfit         why the network cannot be opened at all (its end is not one the studio can read as its outputs), or null
     */
    record Mapped(NetworkSpec spec, List<String> kerasNames, double[] epsilons, boolean flattenedHwc, List<String> unknown,
                  String unfit) {}

    /** The output shape a {@link LayerSpec.Fixed} has until DL4J's import says what it is. */
    static final Shape UNKNOWN_SHAPE = new Shape.Vector(1);

    private KerasMapping() {}

    /** The reading the studio proposes for the file's input shape (see {@link ModelReading}). */
    static ModelReading propose(KerasConfig k) {
        int[] s = k.inputShape;
        boolean embedding = k.layers.get(0).className().equals("Embedding");
        if (s.length == 3) {
            return k.channelsFirst ? ModelReading.image(s[1], s[2], s[0], false) : ModelReading.image(s[0], s[1], s[2], false);
        }
        if (s.length == 2) return ModelReading.image(s[0], s[1], 1, false);
        int n = s[0];
        if (embedding) return ModelReading.tokens(n);
        int side = (int) Math.round(Math.sqrt(n));
        if (side >= 8 && side * side == n) return ModelReading.image(side, side, 1, false);
        int rgb = (int) Math.round(Math.sqrt(n / 3.0));
        if (rgb >= 8 && 3 * rgb * rgb == n) return ModelReading.image(rgb, rgb, 3, false);
        return ModelReading.features(n);
    }

    /** Other readings that fit the same input (the proposal first). */
    static List<ModelReading> readings(KerasConfig k) {
        ModelReading proposed = propose(k);
        List<ModelReading> all = new ArrayList<>(List.of(proposed));
        if (proposed.kind() == ModelReading.Kind.IMAGE) all.add(proposed.withPixels255(true));
        if (k.inputShape.length == 1 && proposed.kind() == ModelReading.Kind.IMAGE) all.add(ModelReading.features(k.inputShape[0]));
        return all;
    }

    static Mapped map(KerasConfig k, ModelReading reading, String file, String name) throws KerasImportException {
        int declared = Arrays.stream(k.inputShape).reduce(1, (a, b) -> a * b);
        if (reading.size() != declared) {
            throw new KerasImportException(Texts.get("engine.keras.reading-size", file, Arrays.toString(k.inputShape), declared, reading.id(), reading.size()));
        }
        List<LayerSpec> layers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> eps = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        InputSpec input;
        boolean hwc = false;
        switch (reading.kind()) {
            case IMAGE -> {
                input = new InputSpec.ImageInput(reading.height(), reading.width(), reading.channels());
                if (k.inputShape.length == 1) {
                    layers.add(new LayerSpec.Flatten());   // Keras took the image as one flat row
                    names.add(null);
                    eps.add(Double.NaN);
                    hwc = reading.channels() > 1;
                } else if (k.inputShape.length == 3) {
                    int[] expected = k.channelsFirst ? new int[] {reading.channels(), reading.height(), reading.width()}
                            : new int[] {reading.height(), reading.width(), reading.channels()};
                    if (!Arrays.equals(expected, k.inputShape)) {
                        throw new KerasImportException(Texts.get(k.channelsFirst ? "engine.keras.image-shape-channels-first" : "engine.keras.image-shape",
                                file, Arrays.toString(k.inputShape), reading.id()));
                    }
                    hwc = !k.channelsFirst;
                }
            }
            case FEATURES -> {
                if (k.inputShape.length != 1) {
                    throw new KerasImportException(Texts.get("engine.keras.not-a-row", file, Arrays.toString(k.inputShape), propose(k).id()));
                }
                input = new InputSpec.VectorInput(reading.width());
            }
            case TOKENS -> {
                KerasConfig.Layer first = k.layers.get(0);
                if (!first.className().equals("Embedding")) {
                    throw new KerasImportException(Texts.get("engine.keras.not-tokens", file));
                }
                input = new InputSpec.SequenceInput(reading.width(), first.integer("input_dim"));
            }
            default -> throw new IllegalStateException();
        }
        for (KerasConfig.Layer l : k.layers) {
            String why = null;
            LayerSpec spec = null;
            double epsilon = Double.NaN;
            switch (l.className()) {
                case "Dense" -> {
                    Activation a = activation(l.text("activation", "linear"));
                    if (a == null) why = Texts.get("engine.keras.why.activation", l.text("activation", "?"));
                    else spec = new LayerSpec.Dense(l.integer("units", "output_dim"), a);
                }
                case "Conv2D", "Convolution2D" -> {
                    int[] kernel = l.pair("kernel_size");
                    if (kernel == null) kernel = new int[] {l.integer("nb_row"), l.integer("nb_col")};
                    int[] stride = l.pair("strides", "subsample");
                    if (stride == null) stride = new int[] {1, 1};
                    int[] dilation = l.pair("dilation_rate");
                    String padding = l.text("padding", l.text("border_mode", "valid"));
                    Activation a = activation(l.text("activation", "linear"));
                    if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) why = Texts.get("engine.keras.why.dilation", dilation[0], dilation[1]);
                    else if (!padding.equals("valid") && !padding.equals("same")) why = Texts.get("engine.keras.why.padding", padding);
                    else if (a == null) why = Texts.get("engine.keras.why.activation", l.text("activation", "?"));
                    else spec = new LayerSpec.Conv2D(l.integer("filters", "nb_filter"), kernel[0], kernel[1], stride[0], stride[1],
                                padding.equals("same") ? Padding.SAME : Padding.VALID, a, WeightInit.HE);
                }
                case "MaxPooling2D", "AveragePooling2D" -> {
                    int[] pool = l.pair("pool_size");
                    if (pool == null) pool = new int[] {2, 2};
                    int[] stride = l.pair("strides");
                    if (stride == null) stride = pool;
                    String padding = l.text("padding", l.text("border_mode", "valid"));
                    if (!padding.equals("valid")) why = Texts.get("engine.keras.why.padding", padding);
                    else spec = l.className().startsWith("Max") ? new LayerSpec.MaxPool(pool[0], pool[1], stride[0], stride[1])
                            : new LayerSpec.AvgPool(pool[0], pool[1], stride[0], stride[1]);
                }
                case "GlobalAveragePooling2D", "GlobalAveragePooling1D" -> spec = new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.AVG);
                case "GlobalMaxPooling2D", "GlobalMaxPooling1D" -> spec = new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX);
                case "Flatten" -> spec = new LayerSpec.Flatten();
                case "ZeroPadding2D" -> {
                    // Keras writes 1, (1, 2) or ((top, bottom), (left, right)); the block pads both sides alike.
                    var padding = l.config().path("padding");
                    int[] p = padding.isInt() ? new int[] {padding.asInt(), padding.asInt(), padding.asInt(), padding.asInt()}
                            : padding.size() == 2 && padding.get(0).isInt()
                            ? new int[] {padding.get(0).asInt(), padding.get(0).asInt(), padding.get(1).asInt(), padding.get(1).asInt()}
                            : padding.size() == 2 && padding.get(0).size() == 2 && padding.get(1).size() == 2
                            ? new int[] {padding.get(0).get(0).asInt(), padding.get(0).get(1).asInt(), padding.get(1).get(0).asInt(),
                                    padding.get(1).get(1).asInt()}
                            : null;
                    if (p == null) why = Texts.get("engine.keras.why.padding", padding);
                    else if (p[0] != p[1] || p[2] != p[3]) why = Texts.get("engine.keras.why.uneven-padding", padding);
                    else spec = new LayerSpec.ZeroPadding(p[0], p[2]);
                }
                case "Dropout" -> spec = new LayerSpec.Dropout(l.config().path("rate").asDouble(l.config().path("p").asDouble(0)));
                case "BatchNormalization" -> {
                    int axis = l.integer("axis");
                    boolean perChannel = axis == -1 || axis == (k.channelsFirst ? 1 : 3) || (axis == 1 && !(input instanceof InputSpec.ImageInput));
                    if (!perChannel) why = Texts.get("engine.keras.why.axis", axis);
                    else {
                        spec = new LayerSpec.BatchNorm();
                        epsilon = l.config().path("epsilon").asDouble(1e-3);
                    }
                }
                case "Activation" -> {
                    Activation a = activation(l.text("activation", "?"));
                    if (a == null) why = Texts.get("engine.keras.why.activation", l.text("activation", "?"));
                    else spec = new LayerSpec.ActivationLayer(a);
                }
                case "ReLU" -> {
                    boolean plain = l.config().path("max_value").isNull() || l.config().path("max_value").isMissingNode();
                    if (!plain || l.config().path("negative_slope").asDouble(0) != 0 || l.config().path("threshold").asDouble(0) != 0) {
                        why = Texts.get("engine.keras.why.capped-relu");
                    } else spec = new LayerSpec.ActivationLayer(Activation.RELU);
                }
                case "Softmax" -> spec = new LayerSpec.ActivationLayer(Activation.SOFTMAX);
                case "LeakyReLU" -> {
                    // The studio's leaky ReLU is DL4J's, with slope 0.01 below zero; Keras' default is 0.3.
                    double slope = l.config().path("alpha").asDouble(l.config().path("negative_slope").asDouble(0.3));
                    if (Math.abs(slope - 0.01) > 1e-9) why = Texts.get("engine.keras.why.slope", slope);
                    else spec = new LayerSpec.ActivationLayer(Activation.LEAKY_RELU);
                }
                case "Embedding" -> {
                    if (!layers.isEmpty()) why = Texts.get("engine.keras.why.embedding-not-first");
                    else if (l.flag("mask_zero", false)) why = "mask_zero";
                    else spec = new LayerSpec.Embedding(l.integer("output_dim"));
                }
                case "LSTM" -> {
                    String act = l.text("activation", "tanh");
                    String gates = l.text("recurrent_activation", l.text("inner_activation", "hard_sigmoid"));
                    if (!act.equals("tanh")) why = Texts.get("engine.keras.why.activation", act);
                    else if (!gates.equals("sigmoid")) why = Texts.get("engine.keras.why.recurrent-activation", gates);
                    else if (l.flag("go_backwards", false) || l.flag("stateful", false) || l.flag("return_state", false)) {
                        why = Texts.get("engine.keras.why.flags");
                    } else spec = new LayerSpec.Lstm(l.integer("units", "output_dim"), l.flag("return_sequences", false));
                }
                default -> why = "";   // no block of that kind: said by the name alone
            }
            if (spec == null) {
                unknown.add(why.isEmpty() ? Texts.get("engine.keras.unknown", l.name(), l.className())
                        : Texts.get("engine.keras.unknown-why", l.name(), l.className(), why));
                spec = new LayerSpec.Fixed(l.className(), l.name(), why, UNKNOWN_SHAPE, 0);
            }
            layers.add(spec);
            names.add(l.name());
            eps.add(epsilon);
        }
        Loss loss = Loss.CROSS_ENTROPY;
        String unfit = null;
        {
            // The last Dense (with any Activation after it) is the studio's Output layer.
            int last = layers.size() - 1;
            while (last >= 0 && !(layers.get(last) instanceof LayerSpec.Dense)) last--;
            List<LayerSpec> tail = last < 0 ? List.of() : layers.subList(last + 1, layers.size());
            boolean onlyActivations = tail.stream().allMatch(t -> t instanceof LayerSpec.ActivationLayer) && tail.size() <= 1;
            if (last < 0 || !onlyActivations) {
                unfit = Texts.get("engine.keras.unfit.no-dense");
            } else {
                LayerSpec.Dense dense = (LayerSpec.Dense) layers.get(last);
                Activation act = dense.activation();
                if (tail.size() == 1) {
                    if (act != Activation.IDENTITY) {
                        unfit = Texts.get("engine.keras.unfit.two-activations", act.id());
                    }
                    act = ((LayerSpec.ActivationLayer) tail.get(0)).activation();
                }
                int keep = last + 1;
                while (layers.size() > keep) {
                    layers.remove(layers.size() - 1);
                    names.remove(names.size() - 1);
                    eps.remove(eps.size() - 1);
                }
                layers.set(last, new LayerSpec.Output(dense.units(), act, WeightInit.XAVIER));
                loss = switch (act) {
                    case SOFTMAX -> Loss.CROSS_ENTROPY;
                    case SIGMOID -> Loss.BINARY_CROSS_ENTROPY;
                    default -> Loss.MSE;
                };
            }
        }
        String description = Texts.get("engine.keras.description", file, k.kerasVersion,
                k.backend.isEmpty() ? Texts.get("engine.keras.backend-unknown") : k.backend, reading.describe());
        TrainingConfig training = TrainingConfig.defaults().withLoss(loss);
        NetworkSpec spec = new NetworkSpec(name, description, input, layers, training);
        return new Mapped(spec, names, eps.stream().mapToDouble(Double::doubleValue).toArray(), hwc, unknown, unfit);
    }

    /** A Keras activation name → the studio's, or null where the studio has none. */
    static Activation activation(String keras) {
        return switch (keras) {
            case "relu" -> Activation.RELU;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            case "softmax" -> Activation.SOFTMAX;
            case "linear" -> Activation.IDENTITY;
            case "elu" -> Activation.ELU;
            default -> null;
        };
    }
}
