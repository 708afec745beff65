package org.modelstudio.engine.io;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.engine.export.ExportFixtures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.catalogue.CatalogueNetworks;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Compact model files: every parameter of every layer type comes back as stored (float32 exactly, fp16 as its half
 * float, int8 within half a step of its channel's scale), the files hold what they say, and damaged or hostile ones
 * are refused with a sentence that names the file.
 */
class CompactWeightsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    private static TrainedModel bars;
    private static Path barsInt8;

    @BeforeAll static void train() throws Exception {
        bars = finished(Trainer.train(TestData.barCnn(3), TestData.bars(150, 1), null, e -> { }, new CancelToken()));
        barsInt8 = dir.resolve("bars-int8.zip");
        ModelFile.save(bars, barsInt8, Precision.INT8);
    }

    private static TrainedModel finished(TrainingResult result) {
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        return result.model();
    }

    // ------------------------------------------------------------------ the numbers

    @Test void halfFloatsRoundAsNd4jDoes() {
        Random r = new Random(5);
        float[] v = new float[20_000];
        for (int i = 0; i < v.length; i++) {
            // Normal and subnormal halves, ties, the edge of the range, and beyond it.
            v[i] = switch (i % 5) {
                case 0 -> (float) r.nextGaussian();
                case 1 -> (float) (r.nextGaussian() * 1e-5);
                case 2 -> (float) (r.nextGaussian() * 3e4);
                case 3 -> HalfFloats.toFloat((short) r.nextInt(0x7c00)) + (float) Math.scalb(1.0, -25 + r.nextInt(30)) * (r.nextBoolean() ? 1 : -1);
                default -> (float) (r.nextGaussian() * 1e5);
            };
        }
        float[] nd4j = Nd4j.createFromArray(v).castTo(DataType.HALF).castTo(DataType.FLOAT).toFloatVector();
        for (int i = 0; i < v.length; i++) {
            assertEquals(nd4j[i], HalfFloats.toFloat(HalfFloats.fromFloat(v[i])), 0f, "half float of " + v[i]);
        }
        assertEquals(65504f, HalfFloats.toFloat(HalfFloats.fromFloat(65519f)));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.toFloat(HalfFloats.fromFloat(65520f)));
        assertEquals(0x1p-24f, HalfFloats.toFloat(HalfFloats.fromFloat(0x1p-24f)));
    }

    @Test void int8KeepsEachWeightWithinHalfItsChannelsStep() {
        Random r = new Random(6);
        long[] shape = {3, 4, 2};
        float[] w = new float[24];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * (1 + i % 4) * 10;
        for (int axis = 0; axis < shape.length; axis++) {
            Int8Weights q = Int8Weights.quantize(w, shape, axis);
            assertEquals(shape[axis], q.scales().length);
            float[] back = q.dequantize(shape, axis);
            for (int i = 0; i < w.length; i++) {
                int c = channel(i, shape, axis);
                assertTrue(Math.abs(back[i] - w[i]) <= q.scales()[c] / 2 * (1 + 1e-6), "axis " + axis + ", weight " + i);
                assertTrue(Math.abs(q.values()[i]) <= 127);
            }
            // The largest weight of each channel is exact up to float rounding: it is the channel's 127.
            for (int c = 0; c < shape[axis]; c++) {
                float largest = 0;
                for (int i = 0; i < w.length; i++) if (channel(i, shape, axis) == c) largest = Math.max(largest, Math.abs(w[i]));
                assertEquals(largest / 127f, q.scales()[c], largest * 1e-7);
            }
        }
    }

    private static int channel(int i, long[] shape, int axis) {
        long inner = 1;
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        return (int) ((i / inner) % shape[axis]);
    }

    // ------------------------------------------------------------------ every layer type

    @TestFactory Stream<DynamicTest> everyLayerTypeComesBackAsStored() {
        return CatalogueNetworks.oneOfEachType().stream().map(spec -> dynamicTest(spec.name(), () -> {
            TrainedModel model = brieflyTrained(spec);
            for (Precision precision : Precision.COMPACT) {
                Path file = dir.resolve(spec.name().replaceAll("[^A-Za-z0-9]+", "-") + "-" + precision.id() + ".zip");
                ModelFile.save(model, file, precision);
                TrainedModel loaded = ModelFile.load(file);
                assertEquals(precision, loaded.precision());
                assertComesBackAsStored(model, loaded, precision);
            }
        }));
    }

    /** float32 parameters exactly, fp16 ones as their half floats, int8 ones within half their channel's step; the weights rounded. */
    static void assertComesBackAsStored(TrainedModel model, TrainedModel loaded, Precision precision) {
        List<CompactWeights.Planned> before = CompactWeights.plan(model, precision);
        List<CompactWeights.Planned> after = CompactWeights.plan(loaded, Precision.FLOAT32);
        assertEquals(before.size(), after.size());
        assertEquals(model.network().numParams(), before.stream().mapToLong(p -> p.values().length()).sum(), "the plan covers every parameter");
        for (int k = 0; k < before.size(); k++) {
            CompactWeights.Planned p = before.get(k);
            String what = p.owner() + " " + p.name() + " at " + precision.id();
            float[] w = CompactWeights.values(p.values());
            float[] back = CompactWeights.values(after.get(k).values());
            switch (p.storage()) {
                case FLOAT32 -> assertEquals(List.of(toList(w)), List.of(toList(back)), what + ": kept exactly");
                case FLOAT16 -> {
                    for (int i = 0; i < w.length; i++) assertEquals(HalfFloats.toFloat(HalfFloats.fromFloat(w[i])), back[i], 0f, what);
                }
                case INT8 -> {
                    float[] scales = Int8Weights.quantize(w, p.values().shape(), p.axis()).scales();
                    for (int i = 0; i < w.length; i++) {
                        float step = scales[channel(i, p.values().shape(), p.axis())];
                        assertTrue(Math.abs(back[i] - w[i]) <= step / 2 * (1 + 1e-5), what + " value " + i + ": " + w[i] + " came back as " + back[i]);
                    }
                }
            }
            // DL4J names weight matrices W (and an LSTM's recurrent ones RW): exactly those are compacted, in every layer type.
            boolean weights = p.name().equals("W") || p.name().equals("RW");
            assertEquals(weights, p.storage() != CompactWeights.Storage.FLOAT32, what + (weights ? " is a weight, so it is compacted" : " stays float32"));
        }
    }

    private static List<Float> toList(float[] v) {
        return IntStream.range(0, v.length).mapToObj(i -> v[i]).toList();
    }

    /** A network trained a few batches on made-up examples (shared with the exports' tests, which only read it either). */
    private static TrainedModel brieflyTrained(NetworkSpec spec) {
        return ExportFixtures.brieflyTrained(spec).model();
    }

    // ------------------------------------------------------------------ the file

    @Test void aCompactFileHoldsItsWeightsAndNoOptimizerState() throws Exception {
        Map<String, byte[]> entries = entries(barsInt8);
        assertFalse(entries.containsKey("coefficients.bin"), entries.keySet().toString());
        assertFalse(entries.containsKey("updaterState.bin"), entries.keySet().toString());
        var manifest = JSON.readTree(entries.get(ModelFile.ENTRY));
        assertEquals(3, manifest.path("version").asInt());
        assertEquals("int8", manifest.path("compact").asText());
        // The bar CNN: Conv2D W [filters, 1, 3, 3] per filter, Dense and Output W [inputs, units] per column; biases float32.
        List<String> listed = new ArrayList<>();
        manifest.path("parameters").forEach(p -> listed.add(p.path("layer").asInt() + "/" + p.path("name").asText() + " "
                + p.path("stored").asText() + (p.has("axis") ? " axis " + p.path("axis").asInt() : "")));
        assertEquals(List.of("0/b float32", "0/W int8 axis 0", "2/W int8 axis 1", "2/b float32", "3/W int8 axis 1", "3/b float32"), listed);
        long filters = bars.network().getLayer(0).getParam("W").size(0);
        long weights = bars.network().getLayer(0).getParam("W").length();
        assertEquals(filters * 4 + weights, entries.get("parameters/0/W").length, "a float scale per filter, a byte per weight");

        // A full file of the same model still says version 2, so studios that read 2 open it.
        Path full = dir.resolve("bars.zip");
        ModelFile.save(bars, full);
        assertEquals(2, JSON.readTree(entries(full).get(ModelFile.ENTRY)).path("version").asInt());
        assertEquals(Precision.FLOAT32, ModelFile.load(full).precision());
    }

    @Test void aCompactModelEvaluatesAndTrainsFurtherFromItsWeights() throws Exception {
        TrainedModel loaded = ModelFile.load(barsInt8);
        LabeledData test = TestData.bars(90, 9);
        double compact = Evaluator.evaluate(loaded, test).accuracy();
        assertTrue(compact >= 0.9, "the int8 bar CNN still tells bars apart: " + compact);
        // Training further starts the optimizer afresh from the dequantized weights; the result is a full-precision model.
        TrainingResult further = Trainer.run(loaded.copy(), TestData.bars(150, 2), null, 2, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, further.outcome(), further.failure());
        assertEquals(Precision.FLOAT32, further.model().precision());
        assertTrue(Evaluator.evaluate(further.model(), test).accuracy() >= compact - 0.05, "further training does not undo what it knew");
        assertEquals(Precision.INT8, loaded.precision(), "the copy trained, not the opened model");
    }

    @Test void aWeightBeyondHalfFloatsIsRefusedForFp16NamingTheLayer() throws Exception {
        TrainedModel big = brieflyTrained(TestData.barCnn(1));
        TrainedModel copy = big.copy();
        copy.network().getLayer(2).getParam("W").putScalar(0, 0, 70_000f);
        String problem = CompactWeights.problem(copy, Precision.FP16);
        assertTrue(problem != null && problem.startsWith("Dense #4 has a weight of 7.000e+04, beyond the largest half float"), problem);
        assertNull(CompactWeights.problem(copy, Precision.INT8), "int8 scales it");
        assertThrows(IllegalArgumentException.class, () -> ModelFile.save(copy, dir.resolve("big.zip"), Precision.FP16));
        assertFalse(Files.exists(dir.resolve("big.zip")));
    }

    // ------------------------------------------------------------------ damaged and hostile files

    @Test void anEntryOfTheWrongLengthIsRefused() throws Exception {
        byte[] w = entries(barsInt8).get("parameters/2/W");
        Path file = rewritten("short.zip", e -> e.put("parameters/2/W", Arrays.copyOf(w, w.length - 1)), m -> { });
        assertRefused(file, "short.zip: the parameter \"W\" of layer 2 is damaged: its entry parameters/2/W holds " + (w.length - 1)
                + " bytes, but");
        Path longer = rewritten("long.zip", e -> e.put("parameters/2/W", Arrays.copyOf(w, w.length + 100)), m -> { });
        assertRefused(longer, "long.zip: the parameter \"W\" of layer 2 is damaged: its entry parameters/2/W holds more than " + w.length + " bytes");
    }

    @Test void aScaleThatIsNotANumberIsRefused() throws Exception {
        for (float bad : new float[] {Float.NaN, -0.5f, Float.POSITIVE_INFINITY}) {
            byte[] w = entries(barsInt8).get("parameters/0/W").clone();
            ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat(4, bad); // the scale of filter 1
            Path file = rewritten("scale.zip", e -> e.put("parameters/0/W", w), m -> { });
            assertRefused(file, "scale.zip: the parameter \"W\" of layer 0 is damaged: the scale of its channel 1 is " + bad + ", not a positive number");
        }
    }

    @Test void aHalfFloatThatIsNotANumberIsRefused() throws Exception {
        Path fp16 = dir.resolve("bars-fp16.zip");
        ModelFile.save(bars, fp16, Precision.FP16);
        byte[] w = entries(fp16).get("parameters/2/W").clone();
        w[6] = 0x00;
        w[7] = 0x7e; // value 3: a half-float NaN
        Path file = rewritten(fp16, "nan.zip", e -> e.put("parameters/2/W", w), m -> { });
        assertRefused(file, "nan.zip: the parameter \"W\" of layer 2 is damaged: its value 3 is NaN, not a number");
    }

    @Test void aDescriptionThatDoesNotMatchTheNetworkIsRefused() throws Exception {
        assertRefused(rewritten("missing.zip", e -> e.remove("parameters/0/b"), m -> { }),
                "missing.zip: the parameter \"b\" of layer 0 is damaged: its entry parameters/0/b is missing");
        assertRefused(rewritten("shape.zip", e -> { }, m -> listed(m, "0/W").putArray("shape").add(4).add(1)),
                "shape.zip: the parameter \"W\" of layer 0 is damaged: it is listed with the shape [4, 1], but the network's is [");
        assertRefused(rewritten("axis.zip", e -> { }, m -> listed(m, "0/W").put("axis", 7)),
                "axis.zip: the parameter \"W\" of layer 0 is damaged: its channel axis is missing or not one of its 4 axes");
        assertRefused(rewritten("unlisted.zip", e -> { }, m -> m.withArray("parameters").remove(0)),
                "unlisted.zip: has no values for the parameter \"b\" of layer 0");
        assertRefused(rewritten("extra.zip", e -> { }, m -> m.withArray("parameters").addObject().put("layer", 9).put("name", "W")),
                "extra.zip: its modelstudio.json lists 7 parameters, but the network has 6");
        assertRefused(rewritten("kind.zip", e -> { }, m -> m.put("compact", "int4")),
                "kind.zip: its modelstudio.json says the weights are stored as \"int4\", which this version does not know (it reads fp16 and int8)");
        assertRefused(rewritten("stored.zip", e -> { }, m -> listed(m, "0/b").put("stored", "float64")),
                "stored.zip: the parameter \"b\" of layer 0 is damaged: it is stored as \"float64\", not float32, float16 or int8");
        assertRefused(rewritten("unlisted-all.zip", e -> { }, m -> m.remove("parameters")),
                "unlisted-all.zip: its modelstudio.json says the weights are compact but does not list them (\"parameters\")");
    }

    @Test void aNewerFormatIsRefusedAsNewer() throws Exception {
        assertRefused(rewritten("newer.zip", e -> { }, m -> m.put("version", 4)),
                "newer.zip: was saved by a newer Model Studio (model format 4); this version opens format 3 and older");
    }

    /** The description's entry for a parameter ("0/W": layer 0's W). */
    private static ObjectNode listed(ObjectNode manifest, String key) {
        for (var p : manifest.path("parameters")) {
            if ((p.path("layer").asInt() + "/" + p.path("name").asText()).equals(key)) return (ObjectNode) p;
        }
        throw new AssertionError(key + " is not listed");
    }

    private static void assertRefused(Path file, String start) {
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static Path rewritten(String name, Consumer<Map<String, byte[]>> entries, Consumer<ObjectNode> manifest) throws IOException {
        return rewritten(barsInt8, name, entries, manifest);
    }

    /** A copy of {@code from} with its entries and its description changed. */
    private static Path rewritten(Path from, String name, Consumer<Map<String, byte[]>> edit, Consumer<ObjectNode> manifest) throws IOException {
        Map<String, byte[]> entries = entries(from);
        edit.accept(entries);
        ObjectNode m = (ObjectNode) JSON.readTree(entries.get(ModelFile.ENTRY));
        manifest.accept(m);
        entries.put(ModelFile.ENTRY, JSON.writeValueAsBytes(m));
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
