package org.modelstudio.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.engine.train.BatchIterator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras files with layers that have no block open as fixed networks: the blocks show every layer, the unknown ones named
 * with their output shapes, and the network is DL4J's own import of the file. DL4J's {@code KerasModelImport}, run here on
 * the same file, is the judge of their answers. A fixed model saves and loads, trains further and learns, and is refused
 * by the exports with a sentence.
 */
class KerasFixedNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;

    /** Convolution without activation, then batch norm and a ReLU: a Keras LeakyReLU(0.3) in its place changes the answers. */
    private static final NetworkSpec CNN = new NetworkSpec("keras-cnn", "", new InputSpec.ImageInput(28, 28, 1), List.of(
            new LayerSpec.Conv2D(6, 3, 3, 1, 1, Padding.SAME, Activation.IDENTITY, WeightInit.HE), new LayerSpec.BatchNorm(),
            new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.MaxPool(2), new LayerSpec.Flatten(),
            new LayerSpec.Dense(32, Activation.TANH), new LayerSpec.Output(10)), TrainingConfig.defaults());

    @Test void aCnnWithKerasLayersWithoutBlocksOpensFixedAnswersAsDl4jSavesTrainsFurtherAndIsRefusedByExports() throws Exception {
        ExportFixtures.Trained trained = ExportFixtures.brieflyTrained(CNN);
        Path h5 = dir.resolve("leaky-padded.h5");
        KerasH5Export.write(trained.model(), h5);
        ObjectNode config = modelConfig(h5);
        ArrayNode layers = layers(config);
        int relu = indexOf(layers, "Activation");
        String reluName = layers.get(relu).path("config").path("name").asText();
        // Keras' default LeakyReLU slope (0.3) is not the studio's (0.01); padding then cropping by one pixel keeps the shape.
        layers.set(relu, layer("LeakyReLU", reluName, c -> c.put("alpha", 0.3)));
        layers.insert(relu + 1, layer("ZeroPadding2D", "pad", c -> c.putArray("padding").add(JSON.createArrayNode().add(1).add(1))
                .add(JSON.createArrayNode().add(1).add(1))));
        layers.insert(relu + 2, layer("Cropping2D", "crop", c -> c.putArray("cropping").add(JSON.createArrayNode().add(1).add(1))
                .add(JSON.createArrayNode().add(1).add(1))));
        rewrite(h5, config);

        KerasImport.Opened opened = KerasImport.open(h5, null, null);
        TrainedModel model = opened.model();
        NetworkSpec spec = model.spec();
        assertTrue(spec.fixed(), spec.toString());
        List<String> kinds = spec.layers().stream().map(LayerSpec::typeName).toList();
        assertEquals(List.of("Conv2D", "BatchNorm", "LeakyReLU", "ZeroPadding2D", "Cropping2D", "MaxPool", "Flatten", "Dense", "Output"),
                kinds);
        LayerSpec.Fixed leaky = (LayerSpec.Fixed) spec.layers().get(2);
        assertEquals(reluName, leaky.name());
        assertTrue(leaky.reason().contains("slope 0.3"), leaky.reason());
        assertEquals(new Shape.Image(28, 28, 6), leaky.output());
        assertEquals(new Shape.Image(30, 30, 6), ((LayerSpec.Fixed) spec.layers().get(3)).output());
        assertEquals(new Shape.Image(28, 28, 6), ((LayerSpec.Fixed) spec.layers().get(4)).output());
        assertTrue(spec.description().contains("LeakyReLU: slope 0.3"), spec.description());

        // The judge: DL4J's Keras importer on the same file, given the images channels last as Keras takes them.
        INDArray x = BatchIterator.features(CNN.input().shape(), trained.inputs());
        INDArray expected = judge(h5).output(x.permute(0, 2, 3, 1).dup('c'));
        double difference = maxDifference(expected, model.output(x));
        assertTrue(difference <= 1e-5, "fixed network against DL4J's import: " + difference);
        // … and the LeakyReLU really computes: the studio's original model (a plain ReLU there) answers otherwise.
        assertTrue(maxDifference(trained.model().output(x), model.output(x)) > 1e-3, "the LeakyReLU changed the answers");

        // It saves and loads as any model, its fixed blocks and answers intact.
        Path zip = dir.resolve("fixed.zip");
        ModelFile.save(model, zip);
        TrainedModel loaded = ModelFile.load(zip);
        assertEquals(SpecJson.write(spec), SpecJson.write(loaded.spec()));
        assertTrue(maxDifference(model.output(x), loaded.output(x)) <= 1e-6);

        // It cannot be rebuilt from its blocks, or exported; each refusal names the layer.
        InvalidNetworkException notBuilt = assertThrows(InvalidNetworkException.class, () -> NetworkCompiler.compile(spec));
        assertTrue(notBuilt.getMessage().contains(reluName) && notBuilt.getMessage().contains("Continue training"), notBuilt.getMessage());
        ExportRefusedException onnx = assertThrows(ExportRefusedException.class, () -> OnnxExport.write(loaded, dir.resolve("x.onnx")));
        assertTrue(onnx.getMessage().contains("LeakyReLU"), onnx.getMessage());
        assertThrows(ExportRefusedException.class, () -> KerasH5Export.write(loaded, dir.resolve("x.h5")));
        assertThrows(ExportRefusedException.class, () -> ModelRepositoryExport.write(loaded, dir.resolve("repo"), "fixed"));
        ExportRefusedException compact = assertThrows(ExportRefusedException.class, () -> Compaction.of(loaded, Precision.FP16));
        assertTrue(compact.getMessage().contains(reluName), compact.getMessage());

        // It trains further, on Fashion-MNIST (it was trained on made-up images, so it starts near chance), and learns.
        LabeledData all = SampleData.fashionMnistTrain();
        LabeledData train = new LabeledData(all.exampleShape(), all.classes(), Arrays.copyOf(all.features(), 1500),
                Arrays.copyOf(all.labels(), 1500));
        LabeledData test = SampleData.fashionMnistTest();
        double before = accuracy(loaded, test);
        TrainedModel further = loaded.copy();
        TrainingResult result = Trainer.run(further, train, null, 3, e -> { }, new CancelToken());
        assertEquals(TrainingResult.Outcome.FINISHED, result.outcome(), result.failure());
        double after = accuracy(result.last(), test);
        System.out.printf("fixed CNN on Fashion-MNIST's test images: %.1f %% before, %.1f %% after 3 epochs on 1 500 images%n",
                100 * before, 100 * after);
        assertTrue(after > 0.6 && after > before + 0.3, "before " + before + ", after " + after);
    }

    @Test void aFlatKerasInputReadAsAnImageWithPixels0to255IsAdaptedForTheFixedNetwork() throws Exception {
        ExportFixtures.Trained mlp = ExportFixtures.template("mlp.json");
        Path h5 = dir.resolve("flat-leaky.h5");
        KerasH5Export.write(mlp.model(), h5);
        ObjectNode config = modelConfig(h5);
        ArrayNode layers = layers(config);
        // Take a flat row of 784 numbers, as many Keras MNIST models do: the input is declared flat, and the Flatten (whose
        // name the file's weights list) becomes a Dropout that drops nothing.
        int flatten = indexOf(layers, "Flatten");
        assertEquals(0, flatten, layers.toString());
        layers.set(flatten, layer("Dropout", layers.get(flatten).path("config").path("name").asText(),
                c -> c.put("rate", 0.0).putArray("batch_input_shape").addNull().add(784)));
        ObjectNode dense = (ObjectNode) layers.get(indexOf(layers, "Dense")).path("config");
        dense.put("activation", "linear");
        layers.insert(indexOf(layers, "Dense") + 1, layer("LeakyReLU", "leaky", c -> c.put("alpha", 0.2)));
        rewrite(h5, config);

        KerasImport.Opened opened = KerasImport.open(h5, ModelReading.image(28, 28, 1, true), null);
        TrainedModel model = opened.model();
        assertTrue(model.spec().fixed());
        assertEquals(new InputSpec.ImageInput(28, 28, 1), model.spec().input());
        INDArray x = BatchIterator.features(mlp.model().spec().input().shape(), mlp.inputs());
        INDArray expected = judge(h5).output(x.reshape(x.size(0), 784).mul(255));
        double difference = maxDifference(expected, model.output(x));
        assertTrue(difference <= 1e-5, "flat input, pixels 0..255: " + difference);
    }

    private static double accuracy(TrainedModel model, LabeledData data) {
        INDArray x = BatchIterator.features(data.exampleShape(), Arrays.copyOf(data.features(), 1000));
        INDArray predicted = model.output(x).argMax(1);
        int right = 0;
        for (int i = 0; i < 1000; i++) if (predicted.getInt(i) == data.labels()[i]) right++;
        return right / 1000.0;
    }

    private static MultiLayerNetwork judge(Path h5) throws Exception {
        return KerasModelImport.importKerasSequentialModelAndWeights(h5.toString(), false);
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.castTo(DataType.DOUBLE).reshape(b.shape()).sub(b.castTo(DataType.DOUBLE))).maxNumber().doubleValue();
    }

    private static ObjectNode modelConfig(Path h5) throws Exception {
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            return (ObjectNode) JSON.readTree(archive.readAttributeAsJson("model_config"));
        }
    }

    private static ArrayNode layers(ObjectNode config) {
        JsonNode c = config.path("config");
        return (ArrayNode) (c.isArray() ? c : c.path("layers"));
    }

    private static int indexOf(ArrayNode layers, String className) {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).path("class_name").asText().equals(className)) return i;
        return -1;
    }

    private static ObjectNode layer(String className, String name, java.util.function.Consumer<ObjectNode> settings) {
        ObjectNode l = JSON.createObjectNode().put("class_name", className);
        ObjectNode c = l.putObject("config").put("name", name).put("trainable", true).put("dtype", "float32");
        settings.accept(c);
        return l;
    }

    private static void rewrite(Path h5, ObjectNode config) throws Exception {
        try (Hdf5Writer w = Hdf5Writer.amend(h5)) {
            w.root().removeAttr("model_config");
            w.text(w.root(), "model_config", config.toString());
            // Not a studio-written file any more: its own description would describe the network before the change.
            if (w.root().attrExists(KerasH5Export.DESCRIPTION)) w.root().removeAttr(KerasH5Export.DESCRIPTION);
        }
    }
}
