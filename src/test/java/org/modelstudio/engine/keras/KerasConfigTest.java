package org.modelstudio.engine.keras;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.core.io.ModelReading;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Keras architectures (model_config JSON as Keras 1, Keras 2 and tf.keras write it) and mapping them to blocks. */
class KerasConfigTest {

    /** Keras 2.0–2.2 Sequential: the config is the list of layers. */
    private static final String KERAS_20_MLP = """
            {"class_name": "Sequential", "config": [
              {"class_name": "Dense", "config": {"name": "dense_1", "units": 64, "activation": "relu", "use_bias": true,
                 "batch_input_shape": [null, 784], "kernel_initializer": {"class_name": "VarianceScaling", "config": {}}}},
              {"class_name": "Dropout", "config": {"name": "dropout_1", "rate": 0.2}},
              {"class_name": "Dense", "config": {"name": "dense_2", "units": 10, "activation": "linear"}},
              {"class_name": "Activation", "config": {"name": "activation_1", "activation": "softmax"}}]}
            """;

    /** tf.keras 2.x Sequential: {name, layers} with an InputLayer first. */
    private static final String TF_KERAS_CNN = """
            {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
              {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 28, 28, 1], "dtype": "float32", "name": "input_1"}},
              {"class_name": "Conv2D", "config": {"name": "conv2d", "filters": 8, "kernel_size": [3, 3], "strides": [1, 1],
                 "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "relu"}},
              {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": [3], "epsilon": 0.001}},
              {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2], "padding": "valid", "strides": [2, 2]}},
              {"class_name": "Flatten", "config": {"name": "flatten"}},
              {"class_name": "Dense", "config": {"name": "out", "units": 10, "activation": "softmax"}}]}}
            """;

    private static KerasConfig parse(String json) throws KerasImportException {
        return KerasConfig.parse("test.h5", json, "2.3.1", "tensorflow");
    }

    @Test void aKeras2MlpBecomesBlocksWithItsSoftmaxFoldedIntoTheOutput() throws Exception {
        KerasConfig k = parse(KERAS_20_MLP);
        assertEquals(List.of(784), Arrays.stream(k.inputShape).boxed().toList());
        ModelReading proposed = KerasMapping.propose(k);
        assertEquals("image:28x28x1", proposed.id(), "784 inputs are proposed as a flattened 28×28 grey image");
        KerasMapping.Mapped m = KerasMapping.map(k, proposed, "test.h5", "mlp");
        assertTrue(m.unknown().isEmpty(), m.unknown().toString());
        assertEquals(new InputSpec.ImageInput(28, 28, 1), m.spec().input());
        assertEquals(List.of(new LayerSpec.Flatten(), new LayerSpec.Dense(64, Activation.RELU), new LayerSpec.Dropout(0.2),
                new LayerSpec.Output(10, Activation.SOFTMAX, WeightInit.XAVIER)), m.spec().layers());
        assertEquals(Arrays.asList(null, "dense_1", "dropout_1", "dense_2"), m.kerasNames());
        assertEquals(Loss.CROSS_ENTROPY, m.spec().training().loss());

        KerasMapping.Mapped asRow = KerasMapping.map(k, ModelReading.features(784), "test.h5", "mlp");
        assertEquals(new InputSpec.VectorInput(784), asRow.spec().input());
        assertEquals(new LayerSpec.Dense(64, Activation.RELU), asRow.spec().layers().get(0));
        assertEquals(List.of(ModelReading.image(28, 28, 1, false), ModelReading.image(28, 28, 1, true), ModelReading.features(784)),
                KerasMapping.readings(k));
    }

    @Test void aTfKerasCnnKeepsItsShapeAndPaddingAndBatchNormEpsilon() throws Exception {
        KerasConfig k = parse(TF_KERAS_CNN);
        assertEquals("image:28x28x1", KerasMapping.propose(k).id());
        KerasMapping.Mapped m = KerasMapping.map(k, KerasMapping.propose(k), "test.h5", "cnn");
        assertTrue(m.unknown().isEmpty(), m.unknown().toString());
        assertEquals(new LayerSpec.Conv2D(8, 3, 3, 1, 1, Padding.SAME, Activation.RELU, WeightInit.HE), m.spec().layers().get(0));
        assertEquals(new LayerSpec.BatchNorm(), m.spec().layers().get(1));
        assertEquals(0.001, m.epsilons()[1]);
        assertEquals(new LayerSpec.MaxPool(2, 2, 2, 2), m.spec().layers().get(2));
        assertTrue(m.flattenedHwc(), "Keras flattens channels last");
        assertThrows(KerasImportException.class, () -> KerasMapping.map(k, ModelReading.features(784), "test.h5", "cnn"),
                "a 28×28×1 array is not a row of numbers");
        KerasImportException wrong = assertThrows(KerasImportException.class,
                () -> KerasMapping.map(k, ModelReading.image(32, 32, 1, false), "test.h5", "cnn"));
        assertTrue(wrong.getMessage().contains("[28, 28, 1]"), wrong.getMessage());
    }

    @Test void layersWithoutABlockAreNamedWithTheReason() throws Exception {
        String json = """
                {"class_name": "Sequential", "config": [
                  {"class_name": "LSTM", "config": {"name": "lstm_1", "units": 4, "batch_input_shape": [null, 1, 1],
                     "activation": "tanh", "recurrent_activation": "hard_sigmoid"}},
                  {"class_name": "LeakyReLU", "config": {"name": "leaky", "alpha": 0.3}},
                  {"class_name": "LeakyReLU", "config": {"name": "leaky_studio", "alpha": 0.01}},
                  {"class_name": "Dense", "config": {"name": "dense_1", "units": 1, "activation": "selu"}}]}
                """;
        KerasConfig k = parse(json);
        KerasMapping.Mapped m = KerasMapping.map(k, KerasMapping.propose(k), "test.h5", "x");
        assertEquals(List.of("lstm_1 (LSTM: recurrent activation hard_sigmoid, where the studio's LSTM uses sigmoid)",
                "leaky (LeakyReLU: slope 0.3 below zero, where the studio's leaky ReLU has 0.01)",
                "dense_1 (Dense: activation selu)"), m.unknown());
        // Each becomes a fixed layer in its place; a network whose last Dense has no block cannot be read for its outputs.
        assertEquals(List.of("LSTM", "LeakyReLU", "Activation", "Dense"), m.spec().layers().stream().map(l -> l.typeName()).toList());
        assertTrue(m.spec().layers().get(0) instanceof LayerSpec.Fixed);
        assertTrue(m.unfit() != null && m.unfit().contains("does not end with a Dense layer"), m.unfit());
    }

    @Test void aFunctionalChainIsReadAsTheSequentialModelItIsAndABranchIsRefused() throws Exception {
        String chain = """
                {"class_name": "Functional", "config": {"name": "model", "layers": [
                  {"class_name": "InputLayer", "name": "in", "config": {"batch_input_shape": [null, 4], "name": "in"}, "inbound_nodes": []},
                  {"class_name": "Dense", "name": "d1", "config": {"name": "d1", "units": 8, "activation": "tanh"}, "inbound_nodes": [[["in", 0, 0, {}]]]},
                  {"class_name": "Dense", "name": "d2", "config": {"name": "d2", "units": 3, "activation": "softmax"}, "inbound_nodes": [[["d1", 0, 0, {}]]]}],
                  "input_layers": [["in", 0, 0]], "output_layers": [["d2", 0, 0]]}}
                """;
        KerasConfig k = parse(chain);
        assertEquals("features:4", KerasMapping.propose(k).id());
        assertEquals(2, k.layers.size());
        String sequential = KerasConfig.asSequential(chain);
        assertTrue(sequential.contains("\"class_name\":\"Sequential\""), sequential);
        assertTrue(sequential.contains("\"batch_input_shape\":[null,4]"), "the input shape moves onto the first layer: " + sequential);
        assertFalse(sequential.contains("InputLayer"));

        String branch = chain.replace("[[[\"d1\", 0, 0, {}]]]", "[[[\"d1\", 0, 0, {}], [\"in\", 0, 0, {}]]]");
        KerasImportException e = assertThrows(KerasImportException.class, () -> parse(branch));
        assertTrue(e.getMessage().contains("d2") && e.getMessage().contains("one chain"), e.getMessage());
    }

    @Test void hostileDeclarationsAreRefusedBeforeAnyNativeCodeSeesThem() {
        String huge = KERAS_20_MLP.replace("\"units\": 64", "\"units\": 4000000000");
        KerasImportException e = assertThrows(KerasImportException.class, () -> parse(huge));
        assertTrue(e.getMessage().contains("dense_1") && e.getMessage().contains("units"), e.getMessage());
        String hugeInput = KERAS_20_MLP.replace("[null, 784]", "[null, 99999999999]");
        e = assertThrows(KerasImportException.class, () -> parse(hugeInput));
        assertTrue(e.getMessage().contains("input"), e.getMessage());
        String open = KERAS_20_MLP.replace("[null, 784]", "[null, null]");
        e = assertThrows(KerasImportException.class, () -> parse(open));
        assertTrue(e.getMessage().contains("fixed input size"), e.getMessage());
        e = assertThrows(KerasImportException.class, () -> parse("{\"class_name\": \"Sequential\", \"config\": [ oops"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        e = assertThrows(KerasImportException.class, () -> parse("{\"class_name\": \"Lambda\", \"config\": {}}"));
        assertTrue(e.getMessage().contains("Lambda"), e.getMessage());
    }

    @Test void orthogonalInitialisersAreReplacedBeforeDl4jSeesThem() throws Exception {
        String json = """
                {"class_name": "Sequential", "config": [{"class_name": "LSTM", "config": {"name": "l", "units": 4,
                  "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": null}},
                  "kernel_initializer": "orthogonal", "inner_init": "orthogonal"}}]}
                """;
        String cleaned = KerasConfig.withoutOrthogonal(json);
        assertFalse(cleaned.toLowerCase().contains("orthogonal"), cleaned);
        assertTrue(cleaned.contains("GlorotUniform") && cleaned.contains("glorot_uniform"), cleaned);
    }

    @Test void readingsParseAndSayWhatIsWrong() {
        assertEquals(ModelReading.image(28, 28, 1, true), ModelReading.parse("image:28x28x1", "0..255"));
        assertEquals(ModelReading.features(4), ModelReading.parse("features:4", null));
        assertEquals(ModelReading.tokens(20), ModelReading.parse("tokens:20", "0..1"));
        assertEquals("a 28×28 greyscale image, pixels 0–255", ModelReading.parse("image:28x28x1", "0..255").describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelReading.parse("image:28x28x2", null));
        assertTrue(e.getMessage().contains("--input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelReading.parse("features:4", "0..255"));
        assertTrue(e.getMessage().contains("--pixels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelReading.parse("features:4", "0..100"));
        assertTrue(e.getMessage().contains("0..255"), e.getMessage());
    }
}
