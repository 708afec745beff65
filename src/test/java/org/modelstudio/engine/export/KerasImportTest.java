package org.modelstudio.engine.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bytedeco.hdf5.Group;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.engine.keras.KerasImportException;
import org.modelstudio.engine.train.BatchIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Opening Keras files ({@link KerasImport}): files the studio writes with its Keras export come back as the same blocks,
 * labels and preparation and give the same answers; damaged and hostile files are refused with a sentence while this
 * JVM, which only starts the child process that reads them, lives on.
 */
class KerasImportTest {
    @TempDir static Path dir;

    /** Networks for the layer types the templates leave out (BatchNorm, Activation, ZeroPadding, AvgPool, LSTM) and a leaky ReLU. */
    private static final NetworkSpec NORMALISED = new NetworkSpec("normalised", "", new InputSpec.ImageInput(28, 28, 1), List.of(
            new LayerSpec.Conv2D(6, 3, 3, 1, 1, Padding.SAME, Activation.IDENTITY, WeightInit.HE), new LayerSpec.BatchNorm(),
            new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.ZeroPadding(1, 2), new LayerSpec.AvgPool(2), new LayerSpec.Flatten(),
            new LayerSpec.Dense(16, Activation.TANH), new LayerSpec.Dense(12, Activation.LEAKY_RELU), new LayerSpec.Output(10)),
            TrainingConfig.defaults());
    private static final NetworkSpec RECURRENT = new NetworkSpec("recurrent", "", new InputSpec.SequenceInput(12, 50), List.of(
            new LayerSpec.Embedding(8), new LayerSpec.Lstm(50, false), new LayerSpec.Output(3)), TrainingConfig.defaults());

    @TestFactory Stream<DynamicTest> anExportedModelOpensAsTheSameBlocksLabelsPreparationAndAnswers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String template : List.of("mlp.json", "small-cnn.json", "text-classifier.json", "tabular-mlp.json", "tabular-regression.json")) {
            tests.add(dynamicTest(template, () -> roundTrip(template, ExportFixtures.template(template))));
        }
        tests.add(dynamicTest("BatchNorm, Activation, ZeroPadding, AvgPool, leaky ReLU", () ->
                roundTrip("normalised", ExportFixtures.brieflyTrained(NORMALISED))));
        tests.add(dynamicTest("Embedding, LSTM", () -> roundTrip("recurrent", ExportFixtures.brieflyTrained(RECURRENT))));
        return tests.stream();
    }

    private static void roundTrip(String name, ExportFixtures.Trained trained) throws Exception {
        TrainedModel original = trained.model();
        Path h5 = dir.resolve(name + ".h5");
        KerasH5Export.write(original, h5);
        KerasImport.Opened opened = KerasImport.open(h5, null, null);
        TrainedModel back = opened.model();
        NetworkSpec spec = original.spec();
        assertEquals(spec.input(), back.spec().input(), name + ": the input is read as the studio wrote it");
        assertEquals(spec.name(), back.spec().name());
        assertEquals(spec.training().optimizer(), back.spec().training().optimizer());
        assertEquals(original.labels(), back.labels());
        List<LayerSpec> expected = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            // Keras has no leaky-ReLU activation name: the export writes a linear layer and a LeakyReLU layer after it.
            if (l instanceof LayerSpec.Dense d && d.activation() == Activation.LEAKY_RELU) {
                expected.add(new LayerSpec.Dense(d.units(), Activation.IDENTITY));
                expected.add(new LayerSpec.ActivationLayer(Activation.LEAKY_RELU));
            } else {
                expected.add(l);
            }
        }
        if (original.regression()) {
            // The export adds a Dense(1) that turns the standardised value into the label's units; it comes back as the
            // Output layer, and the Output before it as an identity Dense.
            LayerSpec.Output out = (LayerSpec.Output) expected.remove(expected.size() - 1);
            expected.add(new LayerSpec.Dense(out.units(), out.activation()));
            expected.add(new LayerSpec.Output(1, Activation.IDENTITY, WeightInit.XAVIER));
            assertEquals(((InputPreparation.Table) original.preparation()).columns(), ((InputPreparation.Table) back.preparation()).columns());
        } else {
            assertEquals(original.preparation(), back.preparation(), name + ": the preparation comes back from the file");
        }
        assertEquals(expected.size(), back.spec().layers().size(), name + ": " + back.spec().layers());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).typeName(), back.spec().layers().get(i).typeName(), name + " layer " + (i + 1));
            assertEquals(expected.get(i).describe(), back.spec().layers().get(i).describe(), name + " layer " + (i + 1));
        }
        INDArray x = BatchIterator.features(spec.input().shape(), trained.inputs());
        INDArray before = original.output(x).castTo(DataType.DOUBLE);
        if (original.regression()) {
            InputPreparation.Target t = original.target();
            before = before.mul(t.std()).add(t.mean());
        }
        INDArray after = back.output(x).castTo(DataType.DOUBLE);
        double scale = original.regression() ? original.target().std() : 1;
        double difference = Transforms.abs(before.sub(after)).maxNumber().doubleValue() / scale;
        assertTrue(difference <= 1e-5, name + ": answers differ by " + difference);
        assertTrue(opened.maxDifference() <= 1e-4, name + ": " + opened.maxDifference());
        System.out.printf("%s: %d layers back, largest difference %.1e (check against DL4J's import %.1e)%n", name,
                back.spec().layers().size(), difference, opened.maxDifference());
    }

    @Test void anotherReadingAndClassNamesGivenByThePersonAreUsed() throws Exception {
        ExportFixtures.Trained mlp = ExportFixtures.template("mlp.json");
        Path h5 = dir.resolve("mlp-as-row.h5");
        KerasH5Export.write(mlp.model(), h5);
        Path names = Files.writeString(dir.resolve("names.txt"), String.join("\n", List.of("t-shirt", "trouser", "pullover", "dress",
                "coat", "sandal", "shirt", "sneaker", "bag", "boot")) + "\n");
        // Keras' file says [28, 28, 1]: a row of 784 numbers does not fit it, and the refusal says so.
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.open(h5, ModelReading.features(784), names));
        assertTrue(e.getMessage().contains("image:28x28x1"), e.getMessage());

        KerasImport.Opened in255 = KerasImport.open(h5, ModelReading.image(28, 28, 1, true), names);
        assertEquals("t-shirt", in255.model().labels().get(0));
        assertTrue(in255.model().spec().description().contains("pixels 0–255"), in255.model().spec().description());
        // A network that wants 0..255 answers the studio's 0..1 images as the original answered 0..1/255.
        INDArray x = BatchIterator.features(mlp.model().spec().input().shape(), mlp.inputs());
        INDArray expected = mlp.model().output(x.mul(255));
        double difference = Transforms.abs(expected.sub(in255.model().output(x))).maxNumber().doubleValue();
        assertTrue(difference <= 1e-5, "pixels 0..255: " + difference);

        Path tooFew = Files.writeString(dir.resolve("three.txt"), "a\nb\nc\n");
        e = assertThrows(KerasImportException.class, () -> KerasImport.open(h5, null, tooFew));
        assertTrue(e.getMessage().contains("3 classes") && e.getMessage().contains("10 outputs"), e.getMessage());
    }

    @Test void damagedAndHostileFilesAreRefusedWithASentenceAndThisJvmLivesOn() throws Exception {
        Path good = dir.resolve("good.h5");
        KerasH5Export.write(ExportFixtures.template("tabular-mlp.json").model(), good);

        Path text = Files.writeString(dir.resolve("notes.h5"), "These are not the weights you are looking for.\n".repeat(40));
        assertRefused(text, "notes.h5", "not an HDF5 file");

        byte[] all = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.h5"), Arrays.copyOf(all, all.length / 2));
        assertRefused(truncated, "truncated.h5", "truncated.h5");

        Path weightsOnly = dir.resolve("weights-only.h5");
        try (Hdf5Writer h5 = Hdf5Writer.create(weightsOnly)) {
            Group weights = h5.group(h5.root(), "dense_1");
            h5.floats(weights, "kernel:0", new long[] {4, 3}, new float[12]);
        }
        assertRefused(weightsOnly, "weights-only.h5", "model.save");

        String mlp = """
                {"class_name": "Sequential", "config": [
                  {"class_name": "Dense", "config": {"name": "dense_1", "units": 3000000000, "activation": "relu", "batch_input_shape": [null, 4]}},
                  {"class_name": "Dense", "config": {"name": "dense_2", "units": 3, "activation": "softmax"}}]}
                """;
        assertRefused(keras(dir.resolve("huge.h5"), mlp), "huge.h5", "dense_1");

        // An LSTM of 50 units initialised orthogonally (Keras' default) makes DL4J 1.0.0-M2.1's importer spin in native code
        // and then crash (SIGSEGV), or with one OpenMP thread (as the tests run) spin for good. The studio replaces that
        // initialiser before DL4J sees it; with the replacement switched off, the child process hangs for real and is
        // stopped at the time limit (shortened here), while this JVM carries on.
        Path orthogonal = dir.resolve("orthogonal-lstm.h5");
        KerasH5Export.write(ExportFixtures.brieflyTrained(RECURRENT).model(), orthogonal);
        String config;
        try (var archive = new Hdf5Archive(orthogonal.toString())) {
            config = archive.readAttributeAsJson("model_config");
        }
        var json = new ObjectMapper().readTree(config);
        var replaced = 0;
        for (var layer : json.path("config").path("layers")) {
            if (layer.path("class_name").asText().equals("LSTM")) {
                var init = (ObjectNode) layer.path("config").path("recurrent_initializer");
                init.put("class_name", "Orthogonal");
                init.putObject("config").put("gain", 1.0).putNull("seed");
                replaced++;
            }
        }
        assertEquals(1, replaced, config);
        try (Hdf5Writer h5 = Hdf5Writer.amend(orthogonal)) {
            h5.root().removeAttr("model_config");
            h5.text(h5.root(), "model_config", json.toString());
        }
        System.setProperty("modelstudio.keras.keepOrthogonal", "true");
        System.setProperty("modelstudio.keras.timeoutSeconds", "15");
        try {
            assertRefused(orthogonal, "orthogonal-lstm.h5", "took longer than 15 s and was stopped");
        } finally {
            System.clearProperty("modelstudio.keras.keepOrthogonal");
            System.clearProperty("modelstudio.keras.timeoutSeconds");
        }
        // Without the test switch the same file opens.
        assertEquals(3, KerasImport.open(orthogonal, null, null).model().labels().size());

        KerasImport.Opened opened = KerasImport.open(good, null, null);
        assertEquals(3, opened.model().labels().size(), "and a good file still opens afterwards");
    }

    private static void assertRefused(Path file, String name, String reason) {
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.open(file, null, null));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(reason), e.getMessage());
    }

    /** A Keras file with the given architecture and no weights. */
    private static Path keras(Path file, String modelConfig) throws Exception {
        try (Hdf5Writer h5 = Hdf5Writer.create(file)) {
            h5.text(h5.root(), "keras_version", "2.3.1");
            h5.text(h5.root(), "backend", "tensorflow");
            h5.text(h5.root(), "model_config", modelConfig);
            h5.group(h5.root(), "model_weights");
        }
        return file;
    }
}
