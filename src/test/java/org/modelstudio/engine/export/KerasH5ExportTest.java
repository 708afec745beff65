package org.modelstudio.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.catalogue.CatalogueNetworks;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * DL4J's own Keras importer is the judge: every shipped template, every layer type of the catalogue and settings other
 * than the defaults are trained briefly (the same models as {@link OnnxExportTest}'s), written to a real .h5 file, read
 * back by {@code KerasModelImport} into a new network, asked the same real inputs in Keras' layout (images channels
 * last), and must give the studio's own outputs within 1e-5. The file's layout is checked against Keras 2's.
 */
class KerasH5ExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Double> DIFFERENCES = new TreeMap<>();

    @TempDir static Path dir;

    @AfterAll static void sayTheDifferences() {
        DIFFERENCES.forEach((name, d) -> System.out.printf(Locale.ROOT, "KerasH5ExportTest: %-90s %.2e%n", name, d));
        System.out.printf(Locale.ROOT, "KerasH5ExportTest: largest difference between the imported Keras file and the studio: %.2e%n",
                DIFFERENCES.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    @TestFactory Stream<DynamicTest> everyShippedTemplate() {
        return SampleData.SPEC_FILES.stream().map(file -> dynamicTest(file, () -> {
            ExportFixtures.Trained t = ExportFixtures.template(file);
            Path h5 = dir.resolve(file.replace(".json", ".h5"));
            KerasH5Export.write(t.model(), h5);
            judge(file, t, h5);
            assertLaidOutAsKeras(t.model(), h5);
        }));
    }

    @TestFactory Stream<DynamicTest> everyLayerType() {
        return CatalogueNetworks.oneOfEachType().stream().map(spec -> dynamicTest(spec.name(), () -> {
            ExportFixtures.Trained t = ExportFixtures.brieflyTrained(spec);
            Path h5 = dir.resolve(spec.name().replaceAll("[^A-Za-z0-9]+", "-") + ".h5");
            KerasH5Export.write(t.model(), h5);
            judge(spec.name(), t, h5);
        }));
    }

    private static void judge(String name, ExportFixtures.Trained t, Path h5) throws Exception {
        double worst = KerasImportRun.assertAnswersAsTheStudio(t.model(), t.runtime(), t.inputs(), h5);
        synchronized (DIFFERENCES) {
            DIFFERENCES.put(name, worst);
        }
    }

    /**
     * Keras 2's layout: the root's keras_version, backend and model_config (a Sequential model whose first layer has the
     * batch_input_shape); model_weights with layer_names in the config's order, and per layer its weight_names, each a
     * dataset under the layer's group; the studio's own description beside them.
     */
    private static void assertLaidOutAsKeras(TrainedModel model, Path h5) throws Exception {
        try (Hdf5Archive file = new Hdf5Archive(h5.toString())) {
            assertEquals(KerasH5Export.KERAS_VERSION, file.readAttributeAsString("keras_version"));
            assertEquals("tensorflow", file.readAttributeAsString("backend"));
            JsonNode config = JSON.readTree(file.readAttributeAsJson("model_config"));
            assertEquals("Sequential", config.path("class_name").asText());
            JsonNode layers = config.path("config").path("layers");
            JsonNode first = layers.get(0).path("config");
            assertTrue(first.path("batch_input_shape").get(0).isNull(), "any batch size: " + first);
            List<String> names = new ArrayList<>();
            layers.forEach(l -> names.add(l.path("config").path("name").asText()));
            assertEquals(names, file.getGroups("model_weights").stream().sorted((a, b) -> names.indexOf(a) - names.indexOf(b)).toList());
            int withWeights = 0;
            for (String layer : names) {
                if (file.getGroups("model_weights/" + layer).isEmpty()) continue;
                String weightNames = file.readAttributeAsString("weight_names", "model_weights/" + layer);
                List<String> datasets = file.getDataSets("model_weights/" + layer + "/" + layer);
                assertFalse(datasets.isEmpty(), layer);
                for (String dataset : datasets) assertTrue(weightNames.contains(layer + "/" + dataset), layer + ": " + weightNames + " names " + dataset);
                withWeights++;
            }
            assertTrue(withWeights > 0, "no layer has weights");
            JsonNode description = JSON.readTree(file.readAttributeAsJson(KerasH5Export.DESCRIPTION));
            assertEquals(model.labels(), List.of(JSON.treeToValue(description.path("labels"), String[].class)));
            assertEquals(model.spec().name(), description.path("spec").path("name").asText());
        }
    }

    // ------------------------------------------------------------------ settings other than the defaults

    /**
     * The ONNX export's networks with other settings (strides, 'same' padding with more after than before, every
     * activation, batch norm after a Flatten and after a Dense layer, stacked LSTMs, the last step of an LSTM); those that
     * apply softmax along an image's rows or a sequence's steps are refused, and are judged with tanh there instead.
     */
    @TestFactory Stream<DynamicTest> settingsOtherThanTheDefaults() {
        return OnnxExportTest.otherSettings().stream().map(given -> dynamicTest(given.name(), () -> {
            NetworkSpec spec = given;
            if (softmaxAlongAnAxisOfItsOwn(spec)) {
                ExportFixtures.Trained refused = ExportFixtures.brieflyTrained(given);
                Path h5 = dir.resolve("refused.h5");
                ExportRefusedException e = assertThrows(ExportRefusedException.class, () -> KerasH5Export.write(refused.model(), h5));
                assertTrue(e.getMessage().matches("The model cannot be exported to Keras exactly: Activation #\\d+ applies softmax along the last axis .*"),
                        e.getMessage());
                assertFalse(Files.exists(h5));
                spec = withTanhForSoftmaxLayers(spec);
            }
            ExportFixtures.Trained t = ExportFixtures.brieflyTrained(spec);
            Path h5 = dir.resolve(spec.name().replaceAll("[^A-Za-z0-9]+", "-") + ".h5");
            KerasH5Export.write(t.model(), h5);
            judge(spec.name(), t, h5);
        }));
    }

    private static boolean softmaxAlongAnAxisOfItsOwn(NetworkSpec spec) {
        var summary = ShapeInference.analyse(spec);
        var in = summary.inputShape();
        for (var row : summary.layers()) {
            if (row.layer() instanceof LayerSpec.ActivationLayer a && a.activation() == Activation.SOFTMAX
                    && !(in instanceof Shape.Vector)) {
                return true;
            }
            in = row.outputShape();
        }
        return false;
    }

    private static NetworkSpec withTanhForSoftmaxLayers(NetworkSpec spec) {
        List<LayerSpec> layers = spec.layers().stream().map(l -> l instanceof LayerSpec.ActivationLayer a && a.activation() == Activation.SOFTMAX
                ? (LayerSpec) new LayerSpec.ActivationLayer(Activation.TANH) : l).toList();
        return new NetworkSpec(spec.name() + ", tanh for its softmax layers", spec.description(), spec.input(), layers, spec.training());
    }

    // ------------------------------------------------------------------ refusals and the file itself

    @Test void aNetworkThatIsNotWhatItsSpecSaysIsRefusedNamingTheLayerAndNothingIsWritten() throws Exception {
        NetworkSpec said = new NetworkSpec("said", "", new InputSpec.VectorInput(6), List.of(new LayerSpec.Dense(8, Activation.RELU),
                new LayerSpec.Output(3)), TrainingConfig.defaults());
        NetworkSpec built = new NetworkSpec("built", "", new InputSpec.VectorInput(6), List.of(new LayerSpec.Dense(8, Activation.TANH),
                new LayerSpec.Output(3)), TrainingConfig.defaults());
        MultiLayerNetwork network = new MultiLayerNetwork(NetworkCompiler.compile(built).configuration());
        network.init();
        TrainedModel model = TrainedModel.of(said, List.of("a", "b", "c"), null, network);
        Path target = dir.resolve("refused.h5");
        ExportRefusedException e = assertThrows(ExportRefusedException.class, () -> KerasH5Export.write(model, target));
        assertEquals("The model cannot be exported to Keras exactly: Dense #1 applies DL4J's tanh, not the relu its settings say.", e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test void writingReplacesAnOldFileWholeAndLeavesNoTemporaryFile(@TempDir Path out) throws Exception {
        NetworkSpec spec = CatalogueNetworks.oneOfEachType().get(0);
        MultiLayerNetwork network = new MultiLayerNetwork(NetworkCompiler.compile(spec).configuration());
        network.init();
        TrainedModel model = TrainedModel.of(spec, IntStream.range(0, 10).mapToObj(i -> "c" + i).toList(), null, network);
        Path target = out.resolve("model.h5");
        Files.writeString(target, "an older file");
        KerasH5Export.write(model, target);
        assertArrayEquals(new byte[] {(byte) 0x89, 'H', 'D', 'F'}, Arrays.copyOf(Files.readAllBytes(target), 4), "an HDF5 file");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(target), files.toList());
        }
        Path underAFile = target.resolve("inside.h5");
        assertThrows(IOException.class, () -> KerasH5Export.write(model, underAFile));
    }
}
