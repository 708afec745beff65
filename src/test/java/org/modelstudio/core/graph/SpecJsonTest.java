package org.modelstudio.core.graph;

import org.modelstudio.core.catalogue.CatalogueNetworks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.catalogue.LayerType;
import org.modelstudio.core.data.SampleData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SpecJsonTest {

    @Nested @DisplayName("round trip")
    class RoundTrip {
        @Test void everyLayerTypeSurvivesWriteThenRead() throws Exception {
            for (NetworkSpec spec : CatalogueNetworks.oneOfEachType()) {
                assertEquals(spec, SpecJson.read(SpecJson.write(spec)), spec.name());
                for (LayerSpec layer : spec.layers()) assertEquals(layer, SpecJson.layerFromValues(SpecJson.layerValues(layer)));
            }
        }

        @Test void settingsOtherThanTheDefaultsSurvive() throws Exception {
            assertEquals(CatalogueNetworks.imageLayers(), SpecJson.read(SpecJson.write(CatalogueNetworks.imageLayers())));
            assertEquals(CatalogueNetworks.globalPooling(), SpecJson.read(SpecJson.write(CatalogueNetworks.globalPooling())));
        }

        @Test void vectorInputSurvives() throws Exception {
            NetworkSpec spec = new NetworkSpec("tab", "", new InputSpec.VectorInput(4),
                    List.of(new LayerSpec.Dense(8, Activation.RELU), new LayerSpec.Output(3)), TrainingConfig.defaults());
            assertEquals(spec, SpecJson.read(SpecJson.write(spec)));
        }

        @Test void sequenceInputEmbeddingAndLstmSurvive() throws Exception {
            assertEquals(CatalogueNetworks.sequence(), SpecJson.read(SpecJson.write(CatalogueNetworks.sequence())));
            assertEquals(CatalogueNetworks.sequencePooling(), SpecJson.read(SpecJson.write(CatalogueNetworks.sequencePooling())));
            String json = SpecJson.write(CatalogueNetworks.sequence());
            assertTrue(json.contains("\"type\" : \"sequence\""), json);
            assertTrue(json.contains("\"vocabulary\" : 50"), json);
            assertTrue(json.contains("\"output\" : \"all\""), json);
            assertTrue(json.contains("\"output\" : \"last\""), json);
        }

        @Test void aFixedLayerSurvivesAndOnlyItsFilesAreVersion3() throws Exception {
            NetworkSpec fixed = new NetworkSpec("keras", "", new InputSpec.ImageInput(28, 28, 1), List.of(
                    new LayerSpec.Fixed("ZeroPadding2D", "pad_1", "no block of that kind", new Shape.Image(30, 30, 1), 0),
                    new LayerSpec.Flatten(), new LayerSpec.Fixed("PReLU", "p", "", new Shape.Vector(900), 900),
                    new LayerSpec.Output(10)), TrainingConfig.defaults());
            String json = SpecJson.write(fixed);
            assertEquals(fixed, SpecJson.read(json));
            assertTrue(json.contains("\"version\" : 3") && json.contains("\"type\" : \"fixed\""), json);
            assertTrue(SpecJson.write(CatalogueNetworks.imageLayers()).contains("\"version\" : 2"), "a network without one stays version 2");
            assertTrue(fixed.fixed());
            assertEquals("pad_1", fixed.firstFixed().name());
        }

        @Test void lstmReturnsTheLastStepUnlessToldOtherwise() throws Exception {
            NetworkSpec spec = SpecJson.read("{\"input\":{\"type\":\"sequence\",\"length\":40,\"vocabulary\":2000},"
                    + "\"layers\":[{\"type\":\"embedding\",\"dimensions\":32},{\"type\":\"LSTM\",\"units\":64},{\"type\":\"output\",\"units\":4}]}");
            assertEquals(new InputSpec.SequenceInput(40, 2000), spec.input());
            assertEquals(List.of(new LayerSpec.Embedding(32), new LayerSpec.Lstm(64, false), new LayerSpec.Output(4)), spec.layers());
        }

        @Test void fileWriteIsAtomicAndReadable(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("net.json");
            SpecJson.write(CatalogueNetworks.imageLayers(), f);
            assertEquals(CatalogueNetworks.imageLayers(), SpecJson.read(f));
            try (var s = Files.list(dir)) {
                assertEquals(1, s.count(), "no temporary file is left behind");
            }
        }

        @Test void l2ValidationSplitEarlyStoppingAndPlateauSurvive() throws Exception {
            NetworkSpec spec = CatalogueNetworks.imageLayers().withTraining(CatalogueNetworks.imageLayers().training().withL2(3e-4).withValidationSplit(0.25)
                    .withSchedule(LearningRateSchedule.plateau(0.3, 4))
                    .withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_ACCURACY, 5, 0.002)));
            String json = SpecJson.write(spec);
            assertEquals(spec, SpecJson.read(json));
            assertTrue(json.contains("\"version\" : 2"), json);
            assertTrue(json.contains("\"l2\" : 3.0E-4") && json.contains("\"validationSplit\" : 0.25"), json);
            assertTrue(json.contains("\"type\" : \"plateau\"") && json.contains("\"patience\" : 4"), json);
            assertTrue(json.contains("\"metric\" : \"validation_accuracy\""), json);

            // Switched off but with its own settings kept, and no validation at all: still exact.
            NetworkSpec off = spec.withTraining(spec.training().withValidationSplit(0).withSchedule(LearningRateSchedule.CONSTANT)
                    .withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 7, 0).withEnabled(false)));
            assertEquals(off, SpecJson.read(SpecJson.write(off)));
        }

        @Test void defaultsAreNotWritten() {
            String json = SpecJson.write(CatalogueNetworks.globalPooling());
            for (String field : List.of("l2", "validationSplit", "earlyStopping")) assertFalse(json.contains(field), json);
        }

        @Test void aVersion1FileReadsWithTheDefaults() throws Exception {
            NetworkSpec spec = SpecJson.read("{\"format\":\"model-studio/network\",\"version\":1,\"input\":{\"type\":\"vector\",\"features\":4},"
                    + "\"layers\":[{\"type\":\"output\",\"units\":2}],\"training\":{\"optimizer\":\"sgd\",\"epochs\":9,"
                    + "\"schedule\":{\"type\":\"step\",\"factor\":0.5,\"every\":2}}}");
            TrainingConfig t = spec.training();
            assertEquals(Optimizer.SGD, t.optimizer());
            assertEquals(LearningRateSchedule.step(0.5, 2), t.schedule());
            assertEquals(0.0, t.l2());
            assertEquals(TrainingConfig.DEFAULT_VALIDATION_SPLIT, t.validationSplit());
            assertEquals(EarlyStopping.OFF, t.earlyStopping());
        }

        @Test void theFingerprintIsTheNetworkNotItsNameOrTraining() {
            NetworkSpec spec = CatalogueNetworks.imageLayers();
            String f = SpecJson.fingerprint(spec);
            assertTrue(f.matches("[0-9a-f]{12}"), f);
            assertEquals(f, SpecJson.fingerprint(spec.withTraining(spec.training().withL2(0.01).withEpochs(40))));
            assertEquals(f, SpecJson.fingerprint(new NetworkSpec("renamed", "other words", spec.input(), spec.layers(), TrainingConfig.defaults())));
            assertFalse(f.equals(SpecJson.fingerprint(spec.withLayers(spec.layers().subList(1, spec.layers().size())))));
            assertFalse(f.equals(SpecJson.fingerprint(new NetworkSpec(spec.name(), "", new InputSpec.ImageInput(32, 30, 1), spec.layers(),
                    spec.training()))), "another input is another network");
        }

        @Test void shippedSpecsReadAndRewriteIdentically() throws Exception {
            for (NetworkSpec spec : SampleData.specs()) {
                assertEquals(spec, SpecJson.read(SpecJson.write(spec)), spec.name());
            }
        }
    }

    @Nested @DisplayName("broken JSON names the problem")
    class Broken {
        private String error(String json) {
            return assertThrows(SpecFormatException.class, () -> SpecJson.read(json)).getMessage();
        }

        private static final String INPUT = "\"input\":{\"type\":\"image\",\"height\":28,\"width\":28,\"channels\":1}";

        @Test void syntaxErrorGivesLineAndColumn() {
            String m = error("{\n  \"name\": \"x\",\n  \"layers\": [ ,]\n}");
            assertTrue(m.contains("not valid JSON at line 3"), m);
        }

        @Test void wrongTypeNamesTheField() {
            String m = error("{" + INPUT + ",\"layers\":[{\"type\":\"dense\",\"units\":64},{\"type\":\"conv2d\",\"filters\":\"abc\",\"kernel\":3}]}");
            assertEquals("layers[1].filters: expected a whole number, found \"abc\"", m);
        }

        @Test void unknownLayerTypeListsTheKnownOnes() {
            String m = error("{" + INPUT + ",\"layers\":[{\"type\":\"lstm2\"}]}");
            assertTrue(m.startsWith("layers[0].type: \"lstm2\" is not a layer type; known types are dense, conv2d"), m);
            List<String> known = List.of(m.substring(m.indexOf("known types are ") + "known types are ".length()).split(", "));
            for (LayerType t : LayerCatalogue.standard().types()) assertTrue(known.contains(t.type()), t.type() + " in " + m);
        }

        @Test void misspelledFieldIsCaught() {
            String m = error("{" + INPUT + ",\"layers\":[{\"type\":\"conv2d\",\"filter\":32,\"kernel\":3}]}");
            assertTrue(m.startsWith("layers[0].filter: unknown field"), m);
        }

        @Test void missingFieldIsNamed() {
            assertEquals("layers[0].units: missing", error("{" + INPUT + ",\"layers\":[{\"type\":\"dense\"}]}"));
            assertEquals("input: missing", error("{\"layers\":[]}"));
        }

        @Test void badEnumListsChoices() {
            String m = error("{" + INPUT + ",\"layers\":[{\"type\":\"dense\",\"units\":3,\"activation\":\"relux\"}]}");
            assertTrue(m.startsWith("layers[0].activation: \"relux\" is not one of relu, leaky_relu"), m);
        }

        @Test void newerVersionIsRefusedPolitely() {
            String m = error("{\"format\":\"model-studio/network\",\"version\":9," + INPUT + ",\"layers\":[]}");
            assertTrue(m.contains("newer Model Studio"), m);
        }

        @Test void badScheduleNamesTheField() {
            String m = error("{" + INPUT + ",\"layers\":[],\"training\":{\"schedule\":{\"type\":\"step\",\"factor\":0.5}}}");
            assertEquals("training.schedule.every: missing", m);
            m = error("{" + INPUT + ",\"layers\":[],\"training\":{\"schedule\":{\"type\":\"cosine\"}}}");
            assertTrue(m.startsWith("training.schedule.type: \"cosine\" is not one of constant, step, exponential"), m);
        }

        @Test void aVersion4FileIsRefused() {
            String m = error("{\"format\":\"model-studio/network\",\"version\":4," + INPUT + ",\"layers\":[]}");
            assertEquals("version: written by a newer Model Studio (format version 4); this version reads up to 3. Nothing was changed in the file.", m);
        }

        @Test void badFixedLayersNameTheField() {
            String m = error("{" + INPUT + ",\"layers\":[{\"type\":\"fixed\",\"kind\":\"ZeroPadding2D\",\"output\":{\"image\":[30,30]}}]}");
            assertEquals("layers[0].output.image: expected 3 numbers, found 2", m);
            m = error("{" + INPUT + ",\"layers\":[{\"type\":\"fixed\",\"kind\":\"ZeroPadding2D\",\"output\":{\"cube\":[3]}}]}");
            assertEquals("layers[0].output: expected one of image, vector, sequence, tokens", m);
            m = error("{" + INPUT + ",\"layers\":[{\"type\":\"fixed\",\"output\":{\"vector\":[3]}}]}");
            assertEquals("layers[0].kind: missing", m);
        }

        @Test void badTrainingSettingsNameTheField() {
            String v2 = "{\"format\":\"model-studio/network\",\"version\":2," + INPUT + ",\"layers\":[],\"training\":";
            assertEquals("training.earlyStopping.patience: expected a whole number, found \"three\"",
                    error(v2 + "{\"earlyStopping\":{\"enabled\":true,\"patience\":\"three\"}}}"));
            assertEquals("training.earlyStopping.patience: expected a whole number, found 2.5",
                    error(v2 + "{\"earlyStopping\":{\"patience\":2.5}}}"));
            assertEquals("training.earlyStopping.enabled: expected true or false, found \"yes\"",
                    error(v2 + "{\"earlyStopping\":{\"enabled\":\"yes\"}}}"));
            assertTrue(error(v2 + "{\"earlyStopping\":{\"metric\":\"loss\"}}}")
                    .startsWith("training.earlyStopping.metric: \"loss\" is not one of validation_loss, validation_accuracy"));
            assertEquals("training.l2: expected a number, found \"small\"", error(v2 + "{\"l2\":\"small\"}}"));
            assertEquals("training.validationSplit: expected a number, found true", error(v2 + "{\"validationSplit\":true}}"));
            assertEquals("training.schedule.patience: missing", error(v2 + "{\"schedule\":{\"type\":\"plateau\",\"factor\":0.5}}}"));
            assertTrue(error(v2 + "{\"schedule\":{\"type\":\"plateau\",\"factor\":0.5,\"every\":2}}}")
                    .startsWith("training.schedule.every: unknown field; expected one of type, factor, patience"));
        }

        @Test void badSequenceFieldsAreNamed() {
            String seq = "\"input\":{\"type\":\"sequence\",\"length\":40,\"vocabulary\":2000}";
            assertEquals("input.vocabulary: missing", error("{\"input\":{\"type\":\"sequence\",\"length\":40},\"layers\":[]}"));
            assertEquals("input.length: expected a whole number, found \"long\"",
                    error("{\"input\":{\"type\":\"sequence\",\"length\":\"long\",\"vocabulary\":20},\"layers\":[]}"));
            assertEquals("input.type: \"text\" is not an input type; use \"image\", \"vector\" or \"sequence\"",
                    error("{\"input\":{\"type\":\"text\"},\"layers\":[]}"));
            assertEquals("layers[1].output: \"every\" is not one of last, all",
                    error("{" + seq + ",\"layers\":[{\"type\":\"embedding\",\"dimensions\":8},{\"type\":\"lstm\",\"units\":8,\"output\":\"every\"}]}"));
            assertEquals("layers[1].output: expected text, found true",
                    error("{" + seq + ",\"layers\":[{\"type\":\"embedding\",\"dimensions\":8},{\"type\":\"lstm\",\"units\":8,\"output\":true}]}"));
            assertTrue(error("{" + seq + ",\"layers\":[{\"type\":\"embedding\",\"dimension\":8}]}")
                    .startsWith("layers[0].dimension: unknown field; expected one of type, dimensions"));
            assertEquals("layers[0].units: missing", error("{" + seq + ",\"layers\":[{\"type\":\"lstm\"}]}"));
            assertTrue(error("{" + INPUT + ",\"layers\":[{\"type\":\"gru\"}]}").contains("embedding, lstm, output"));
        }

        @Test void notAnObject() {
            assertEquals("expected a JSON object describing a network", error("[1,2]"));
        }

        @Test void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("broken.json");
            Files.writeString(f, "{\"input\": 3}");
            String m = assertThrows(SpecFormatException.class, () -> SpecJson.read(f)).getMessage();
            assertEquals("broken.json: input: expected an object, found 3", m);
        }
    }
}
