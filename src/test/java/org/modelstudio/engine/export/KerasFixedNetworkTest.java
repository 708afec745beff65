package org.modelstudio.engine.export;

import org.modelstudio.core.events.RunOutcome;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    @TempDir static Path dir;

    /** Convolution without activation, then batch norm and a ReLU: a Keras LeakyReLU(0.3) after the convolution changes the answers. */
    private static final NetworkSpec CNN = new NetworkSpec("keras-cnn", "", new InputSpec.ImageInput(28, 28, 1), List.of(
            new LayerSpec.Conv2D(6, 3, 3, 1, 1, Padding.SAME, Activation.IDENTITY, WeightInit.HE), new LayerSpec.BatchNorm(),
            new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.MaxPool(2), new LayerSpec.Flatten(),
            new LayerSpec.Dense(32, Activation.TANH), new LayerSpec.Output(10)), TrainingConfig.defaults());

    @Test void aCnnWithKerasLayersWithoutBlocksOpensFixedAnswersAsDl4jSavesTrainsFurtherAndIsRefusedByExports() throws Exception {
        ExportFixtures.Trained trained = ExportFixtures.brieflyTrained(CNN);
        Path h5 = dir.resolve("leaky-padded.h5");
        KerasH5Export.write(trained.model(), h5);
        KerasFiles.withLayersWithoutBlocks(h5);
        String reluName = KerasFiles.LEAKY;

        KerasImport.Opened opened = KerasImport.open(h5, null, null);
        TrainedModel model = opened.model();
        NetworkSpec spec = model.spec();
        assertTrue(spec.fixed(), spec.toString());
        List<String> kinds = spec.layers().stream().map(LayerSpec::typeName).toList();
        assertEquals(List.of("Conv2D", "LeakyReLU", "ZeroPadding2D", "Cropping2D", "BatchNorm", "Activation", "MaxPool", "Flatten",
                "Dense", "Output"), kinds);
        LayerSpec.Fixed leaky = (LayerSpec.Fixed) spec.layers().get(1);
        assertEquals(reluName, leaky.name());
        assertTrue(leaky.reason().contains("slope 0.3"), leaky.reason());
        assertEquals(new Shape.Image(28, 28, 6), leaky.output());
        assertEquals(new Shape.Image(29, 29, 6), ((LayerSpec.Fixed) spec.layers().get(2)).output());
        assertEquals(new Shape.Image(28, 28, 6), ((LayerSpec.Fixed) spec.layers().get(3)).output());
        assertTrue(leaky.describe().contains("slope 0.3"), leaky.describe());

        // The judge: DL4J's Keras importer on the same file, given the images channels last as Keras takes them.
        INDArray x = BatchIterator.features(CNN.input().shape(), trained.inputs());
        INDArray expected = judge(h5).output(x.permute(0, 2, 3, 1).dup('c'));
        double difference = maxDifference(expected, model.output(x));
        assertTrue(difference <= 1e-5, "fixed network against DL4J's import: " + difference);
        // … and the LeakyReLU really computes: the studio's original model (without it) answers otherwise.
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
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        double after = accuracy(result.last(), test);
        System.out.printf("fixed CNN on Fashion-MNIST's test images: %.1f %% before, %.1f %% after 3 epochs on 1 500 images%n",
                100 * before, 100 * after);
        assertTrue(after > 0.6 && after > before + 0.3, "before " + before + ", after " + after);
    }

    @Test void aFlatKerasInputReadAsAnImageWithPixels0to255IsAdaptedForTheFixedNetwork() throws Exception {
        ExportFixtures.Trained mlp = ExportFixtures.template("mlp.json");
        Path h5 = dir.resolve("flat-leaky.h5");
        KerasH5Export.write(mlp.model(), h5);
        ObjectNode config = KerasFiles.modelConfig(h5);
        ArrayNode layers = KerasFiles.layers(config);
        // Take a flat row of 784 numbers, as many Keras MNIST models do: the input is declared flat, and the Flatten (whose
        // name the file's weights list) becomes a Dropout that drops nothing.
        int flatten = KerasFiles.indexOf(layers, "Flatten");
        assertEquals(0, flatten, layers.toString());
        layers.set(flatten, KerasFiles.layer("Dropout", layers.get(flatten).path("config").path("name").asText(),
                c -> c.put("rate", 0.0).putArray("batch_input_shape").addNull().add(784)));
        ObjectNode dense = (ObjectNode) layers.get(KerasFiles.indexOf(layers, "Dense")).path("config");
        dense.put("activation", "linear");
        layers.insert(KerasFiles.indexOf(layers, "Dense") + 1, KerasFiles.layer("LeakyReLU", "leaky", c -> c.put("alpha", 0.2)));
        KerasFiles.rewrite(h5, config);

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
}
