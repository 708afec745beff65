package org.modelstudio.core.catalogue;

import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Test networks for "every layer type", made from the layer catalogue rather than listed by hand, so that a type added
 * to the catalogue is tested everywhere these are used (spec JSON, parity with DL4J, the exports) without touching a
 * test. Each holds one layer of the type with its catalogue defaults, in the first of a few small settings where the
 * shape checker finds no error: an image, a vector, token ids, or token ids through an Embedding; followed by what
 * leads its output to a softmax Output layer. The scaffolding layers come from the catalogue too.
 */
public final class CatalogueNetworks {

    private CatalogueNetworks() {}

    /** One network per catalogue type, in the catalogue's order. */
    public static List<NetworkSpec> oneOfEachType() {
        LayerCatalogue catalogue = LayerCatalogue.standard();
        return catalogue.types().stream().map(t -> around(catalogue, t)).toList();
    }

    private static NetworkSpec around(LayerCatalogue catalogue, LayerType type) {
        LayerSpec layer = catalogue.create(type.type());
        List<LayerSpec> output = List.of(catalogue.create("output"));
        List<Setting> settings = List.of(
                new Setting(new InputSpec.ImageInput(8, 8, 3), List.of()),
                new Setting(new InputSpec.VectorInput(6), List.of()),
                new Setting(new InputSpec.SequenceInput(7, 20), List.of()),
                new Setting(new InputSpec.SequenceInput(7, 20), List.of(catalogue.create("embedding"))));
        List<List<LayerSpec>> endings = List.of(List.of(), output,
                concat(List.of(catalogue.create("flatten")), output), concat(List.of(catalogue.create("globalpooling")), output));
        for (Setting s : settings) {
            for (List<LayerSpec> ending : endings) {
                List<LayerSpec> layers = concat(concat(s.before(), List.of(layer)), ending);
                NetworkSpec spec = new NetworkSpec("Catalogue " + type.name(), "a " + type.name() + " with the catalogue's defaults",
                        s.input(), layers, TrainingConfig.defaults());
                if (!ShapeInference.analyse(spec).hasErrors()) return spec;
            }
        }
        throw new IllegalStateException("A " + type.name() + " with the catalogue's defaults fits none of the small networks in "
                + CatalogueNetworks.class.getSimpleName() + ": add an input or the layers it needs before it there.");
    }

    /** An input and the layers that come before the layer under test. */
    private record Setting(InputSpec input, List<LayerSpec> before) {}

    private static List<LayerSpec> concat(List<LayerSpec> a, List<LayerSpec> b) {
        List<LayerSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // Networks with settings other than the defaults, shared by the spec-file, parity and export tests.

    /**
     * The image layers with settings other than the catalogue's defaults (strides, 'same' padding, leaky ReLU, …).
     * For one layer of every type, see {@link #oneOfEachType()}.
     */
    public static NetworkSpec imageLayers() {
        return new NetworkSpec("Image layers", "settings other than the defaults", new InputSpec.ImageInput(32, 30, 3), List.of(
                new LayerSpec.Conv2D(8, 5, 3, 2, 1, Padding.SAME, Activation.LEAKY_RELU, WeightInit.HE),
                new LayerSpec.BatchNorm(),
                new LayerSpec.ActivationLayer(Activation.TANH),
                new LayerSpec.ZeroPadding(2, 0),
                new LayerSpec.MaxPool(2, 2, 2, 2),
                new LayerSpec.AvgPool(3, 2, 1, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dropout(0.25),
                new LayerSpec.Dense(17, Activation.SIGMOID, WeightInit.UNIFORM),
                new LayerSpec.Output(4, Activation.SOFTMAX, WeightInit.XAVIER)),
                new TrainingConfig(Optimizer.NESTEROV, 0.05, 16, 3, 7, Loss.CROSS_ENTROPY, LearningRateSchedule.step(0.5, 2)));
    }

    /** Global pooling of an image, which imageLayers() cannot hold next to its Flatten. */
    public static NetworkSpec globalPooling() {
        return new NetworkSpec("Global pooling", "", new InputSpec.ImageInput(16, 12, 3), List.of(
                new LayerSpec.Conv2D(8, 3, Activation.RELU),
                new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.AVG),
                new LayerSpec.Dense(6, Activation.RELU),
                new LayerSpec.Output(2)), TrainingConfig.defaults());
    }

    /** Token sequences through an Embedding and two LSTMs, one returning every step, one only the last. */
    public static NetworkSpec sequence() {
        return new NetworkSpec("Sequence", "tokens through LSTMs", new InputSpec.SequenceInput(12, 50), List.of(
                new LayerSpec.Embedding(8),
                new LayerSpec.Lstm(16, true),
                new LayerSpec.Dropout(0.2),
                new LayerSpec.Lstm(10, false),
                new LayerSpec.Dense(7, Activation.RELU),
                new LayerSpec.Output(3)), TrainingConfig.defaults());
    }

    /** Token sequences pooled over the steps, with the layers that keep a sequence's shape or follow the pooling. */
    public static NetworkSpec sequencePooling() {
        return new NetworkSpec("Sequence pooling", "", new InputSpec.SequenceInput(9, 30), List.of(
                new LayerSpec.Embedding(5),
                new LayerSpec.ActivationLayer(Activation.TANH),
                new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.AVG),
                new LayerSpec.BatchNorm(),
                new LayerSpec.Dense(6, Activation.RELU),
                new LayerSpec.Output(2)), TrainingConfig.defaults());
    }

    /** A small CNN with an L2 penalty, the plateau schedule and early stopping. */
    public static NetworkSpec regularized() {
        return new NetworkSpec("Regularized", "", new InputSpec.ImageInput(12, 12, 1), List.of(
                new LayerSpec.Conv2D(4, 3, Activation.RELU),
                new LayerSpec.BatchNorm(),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(8, Activation.LEAKY_RELU),
                new LayerSpec.Output(3)),
                TrainingConfig.defaults().withL2(0.002).withSchedule(LearningRateSchedule.plateau(0.5, 2))
                        .withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 3, 0)));
    }
}
