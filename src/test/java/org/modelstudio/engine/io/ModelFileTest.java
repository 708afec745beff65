package org.modelstudio.engine.io;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.eval.ClassScore;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.engine.TrainedModel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trained model survives a save/load round trip bit for bit; unusable files are refused with a reason. */
class ModelFileTest {

    private static TrainedModel model;
    private static float[][] inputs;

    @BeforeAll static void train() throws Exception {
        TrainingResult result = Trainer.train(TestData.barCnn(3), TestData.bars(150, 1), null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome());
        model = result.model();
        Random r = new Random(7);
        inputs = new float[21][];
        for (int i = 0; i < inputs.length; i++) inputs[i] = TestData.bar(i % 3, r);
    }

    private static List<ModelInput> tensors(float[][] examples) {
        return Arrays.stream(examples).map(x -> (ModelInput) new ModelInput.Tensor(x)).toList();
    }

    /** Probabilities in class-index order (a Prediction is sorted by probability). */
    private static double[] probabilities(ModelAnswer a) {
        Prediction p = ((ModelAnswer.Classified) a).prediction();
        double[] v = new double[p.ranked().size()];
        for (ClassScore s : p.ranked()) v[s.classIndex()] = s.probability();
        return v;
    }

    private static List<double[]> predictAll(TrainedModel m) {
        return new ModelRuntime(m).predict(tensors(inputs)).stream().map(ModelFileTest::probabilities).toList();
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test void roundTripPredictsExactlyTheSame(@TempDir Path dir) throws Exception {
        List<double[]> before = predictAll(model);
        Path file = dir.resolve("bars.zip");
        ModelFile.save(model, file);
        TrainedModel loaded = ModelFile.load(file);

        List<double[]> after = predictAll(loaded);
        assertEquals(inputs.length, after.size());
        for (int i = 0; i < inputs.length; i++) {
            // No tolerance: the same weights on the same input must give the same doubles.
            assertArrayEquals(before.get(i), after.get(i), "input " + i);
        }
        // Not a degenerate model that says the same thing for everything.
        assertTrue(before.stream().map(p -> Math.round(p[0] * 1e6)).distinct().count() > 1);

        assertEquals(model.labels(), loaded.labels());
        assertEquals(TestData.BAR_CLASSES, loaded.labels());
        assertEquals(model.spec(), loaded.spec());
        assertEquals(TestData.barCnn(3), loaded.spec());
        assertEquals(new ImagePreprocessing(8, 8, 1), loaded.preprocessing());
        assertEquals(model.parameterCount(), loaded.parameterCount());
        assertEquals(model.network().params(), loaded.network().params());
    }

    @Test void aSequenceNetworkRoundTripsWithTheSameOutputs(@TempDir Path dir) throws Exception {
        NetworkSpec spec = TestData.keywordNetwork("keywords", 2, new LayerSpec.Lstm(6, true),
                new LayerSpec.Lstm(5, false));
        TrainingResult result = Trainer.train(spec, TestData.keywordSequences(90, 3), null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        TrainedModel trained = result.model();
        Random r = new Random(4);
        float[][] sequences = new float[12][];
        for (int i = 0; i < sequences.length; i++) sequences[i] = TestData.keywordSequence(i % 3, r);
        List<double[]> before = new ModelRuntime(trained).predict(tensors(sequences)).stream().map(ModelFileTest::probabilities).toList();

        Path file = dir.resolve("keywords.zip");
        ModelFile.save(trained, file);
        TrainedModel loaded = ModelFile.load(file);
        List<double[]> after = new ModelRuntime(loaded).predict(tensors(sequences)).stream().map(ModelFileTest::probabilities).toList();
        for (int i = 0; i < sequences.length; i++) assertArrayEquals(before.get(i), after.get(i), "sequence " + i);
        assertTrue(before.stream().map(p -> Math.round(p[0] * 1e6)).distinct().count() > 1);
        assertEquals(spec, loaded.spec());
        assertEquals(TestData.KEYWORD_CLASSES, loaded.labels());
        assertEquals(null, loaded.preprocessing(), "token sequences need no image preparation");
        assertEquals(trained.network().params(), loaded.network().params());
    }

    @Test void saveLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        ModelFile.save(model, dir.resolve("m.zip"));
        assertEquals(List.of("m.zip"), filesIn(dir));
    }

    @Test void saveCreatesMissingFolders(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a").resolve("b").resolve("m.zip");
        ModelFile.save(model, file);
        assertEquals(List.of("m.zip"), filesIn(file.getParent()));
        assertEquals(model.labels(), ModelFile.load(file).labels());
    }

    @Test void savingOverAnExistingModelReplacesItCompletely(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.zip");
        ModelFile.save(model, file);

        // A different model: other labels, other weights.
        LabeledData bars = TestData.bars(30, 5);
        LabeledData renamed = new LabeledData(bars.exampleShape(), List.of("h", "v", "d"), bars.features(), bars.labels());
        NetworkSpec spec = TestData.barCnn(1);
        TrainedModel other = Trainer.train(spec.withTraining(spec.training().withSeed(99)), renamed, null, e -> { },
                new CancelToken()).model();
        assertNotEquals(predictAll(model).get(0)[0], predictAll(other).get(0)[0]);
        ModelFile.save(other, file);

        assertEquals(List.of("m.zip"), filesIn(dir));
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(List.of("h", "v", "d"), loaded.labels());
        assertEquals(other.spec(), loaded.spec());
        List<double[]> expected = predictAll(other);
        List<double[]> actual = predictAll(loaded);
        for (int i = 0; i < inputs.length; i++) assertArrayEquals(expected.get(i), actual.get(i), "input " + i);
    }

    // ------------------------------------------------------------------ refusals

    private static IOException refused(Path file) {
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file.getFileName() + ": "), "message starts with the file name: " + m);
        assertFalse(m.contains("Exception"), "no Java class names for the user: " + m);
        return e;
    }

    private static void assertMentions(String message, String... words) {
        for (String w : words) assertTrue(message.toLowerCase().contains(w.toLowerCase()), "\"" + w + "\" in: " + message);
    }

    @Test void zeroByteFile(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("empty.zip"));
        assertMentions(refused(f).getMessage(), "empty", "0 bytes");
    }

    @Test void randomBytes(@TempDir Path dir) throws Exception {
        byte[] b = new byte[4096];
        new Random(3).nextBytes(b);
        Path f = Files.write(dir.resolve("noise.zip"), b);
        assertMentions(refused(f).getMessage(), "not a Model Studio model", "damaged", "zip");
    }

    @Test void textFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("notes.zip"), "These are my notes, not a model.\n");
        assertMentions(refused(f).getMessage(), "not a Model Studio model", "zip");
    }

    @Test void plainZipWithoutManifest(@TempDir Path dir) throws Exception {
        Path f = writeZip(dir.resolve("photos.zip"), Map.of("cat.txt", "meow"));
        String m = refused(f).getMessage();
        assertMentions(m, "zip", "not a Model Studio model");
    }

    @Test void plainDl4jModelWithoutManifest(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dl4j.zip");
        ModelSerializer.writeModel(model.network(), f.toFile(), true);
        assertMentions(refused(f).getMessage(), "plain DL4J model", "labels");
    }

    @Test void brokenManifestJson(@TempDir Path dir) throws Exception {
        Path f = writeZip(dir.resolve("broken.zip"), Map.of(ModelFile.ENTRY, "{\"format\": \"model-studio/model\", \"labels\": ["));
        assertMentions(refused(f).getMessage(), ModelFile.ENTRY, "damaged");
    }

    @Test void manifestOfAnotherKind(@TempDir Path dir) throws Exception {
        Path f = writeZip(dir.resolve("other.zip"), Map.of(ModelFile.ENTRY, "{\"format\": \"something/else\"}"));
        assertMentions(refused(f).getMessage(), "not a Model Studio model description");
    }

    @Test void modelFromANewerVersion(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        ModelFile.writeManifest(model, manifest);
        String newer = manifest.toString(StandardCharsets.UTF_8).replace("\"version\" : 2", "\"version\" : 7");
        assertNotEquals(manifest.toString(StandardCharsets.UTF_8), newer, "manifest has a version field to change");
        Path f = writeZip(dir.resolve("future.zip"), Map.of(ModelFile.ENTRY, newer));
        assertMentions(refused(f).getMessage(), "newer", "format 7");
    }

    @Test void whatIsDamagedIsSaidInTheStudiosLanguage(@TempDir Path dir) throws Exception {
        Path other = writeZip(dir.resolve("other.zip"), Map.of(ModelFile.ENTRY, "{\"format\": \"something/else\"}"));
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        ModelFile.writeManifest(model, manifest);
        Path hollow = writeZip(dir.resolve("hollow.zip"), Map.of(ModelFile.ENTRY, manifest.toString(StandardCharsets.UTF_8)));
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        try {
            String weights = assertThrows(IOException.class, () -> ModelFile.load(hollow)).getMessage();
            assertTrue(weights.startsWith("hollow.zip：其中的权重无法读取（"), weights);
            String kind = assertThrows(IOException.class, () -> ModelFile.load(other)).getMessage();
            assertTrue(kind.startsWith("other.zip：") && kind.contains("不是 Model Studio 的模型说明"), kind);
            IOException run = assertThrows(IOException.class, () -> RunModels.load(dir, "gone.zip"));
            assertEquals("这次运行的模型 gone.zip 不在 " + dir + " 中；它可能已被移动或删除。", run.getMessage());
        } finally {
            Texts.use(Locale.ENGLISH);
        }
    }

    @Test void manifestWithoutWeights(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        ModelFile.writeManifest(model, manifest);
        Path f = writeZip(dir.resolve("hollow.zip"), Map.of(ModelFile.ENTRY, manifest.toString(StandardCharsets.UTF_8)));
        assertMentions(refused(f).getMessage(), "weights", "cannot be read");
    }

    @Test void missingFile(@TempDir Path dir) {
        assertMentions(refused(dir.resolve("nowhere.zip")).getMessage(), "does not exist");
    }

    @Test void folder(@TempDir Path dir) throws Exception {
        Path f = Files.createDirectory(dir.resolve("model.zip"));
        assertMentions(refused(f).getMessage(), "not a file");
    }

    private static Path writeZip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
