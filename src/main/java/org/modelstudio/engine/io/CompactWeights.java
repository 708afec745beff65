package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The parameters of a compact model file. Instead of DL4J's {@code coefficients.bin} (and without the optimizer's state,
 * which only training needs), each parameter of each DL4J layer is one entry, {@code parameters/<layer>/<name>},
 * little-endian, its values in row-major order: the weights ({@link WeightAxes} says which) as half floats (fp16) or as
 * int8 with one float32 scale per output channel first ({@link Int8Weights}), everything else as float32. The model's
 * description lists them ({@code "parameters": [{"layer": 0, "name": "W", "shape": [784, 64], "stored": "int8",
 * "axis": 1}, …]}), and reading checks each against the network the configuration builds, so a damaged or hostile file
 * is refused with what is wrong rather than read into a network that answers wrongly.
 */
public final class CompactWeights {
    static final String FOLDER = "parameters/";

    /** How one parameter is stored. */
    enum Storage {
        FLOAT32("float32", 4), FLOAT16("float16", 2), INT8("int8", 1);

        final String id;
        final int bytesPerValue;

        Storage(String id, int bytesPerValue) {
            this.id = id;
            this.bytesPerValue = bytesPerValue;
        }

        /** The bytes of {@code values} values (and, for int8, {@code channels} float32 scales). */
        long bytes(long values, long channels) { return values * bytesPerValue + (this == INT8 ? channels * Float.BYTES : 0); }

        static Storage fromId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElse(null);
        }
    }

    /** One parameter of a trained network and how a file of some precision stores it; {@code owner} names its layer ("Dense #2"). */
    record Planned(int layer, String name, String owner, INDArray values, Storage storage, int axis) {
        long storedBytes() { return storage.bytes(values.length(), storage == Storage.INT8 ? values.size(axis) : 0); }
    }

    private CompactWeights() {}

    /** Every parameter of {@code model}'s network, layer by layer, with its storage at {@code precision}. */
    static List<Planned> plan(TrainedModel model, Precision precision) {
        int[] dl4jLayerOf;
        try {
            dl4jLayerOf = NetworkCompiler.compile(model.spec()).dl4jLayerOf();
        } catch (InvalidNetworkException e) {
            throw new IllegalStateException("a trained model's spec does not compile: " + e.getMessage(), e);
        }
        Map<Integer, Map<String, Integer>> axes = new HashMap<>();
        Map<Integer, String> owners = new HashMap<>();
        for (LayerSummary row : ShapeInference.analyse(model.spec()).layers()) {
            int d = dl4jLayerOf[row.index()];
            if (d < 0) continue;
            axes.put(d, row.layer().accept(new WeightAxes()));
            owners.put(d, row.label());
        }
        MultiLayerNetwork net = model.network();
        List<Planned> plan = new ArrayList<>();
        for (int d = 0; d < net.getnLayers(); d++) {
            for (Map.Entry<String, INDArray> p : net.getLayer(d).paramTable().entrySet()) {
                Integer axis = precision == Precision.FLOAT32 ? null : axes.getOrDefault(d, Map.of()).get(p.getKey());
                Storage storage = axis == null ? Storage.FLOAT32 : precision == Precision.FP16 ? Storage.FLOAT16 : Storage.INT8;
                plan.add(new Planned(d, p.getKey(), owners.getOrDefault(d, "layer " + d), p.getValue(), storage, axis == null ? -1 : axis));
            }
        }
        return plan;
    }

    /**
     * Why {@code model} cannot be stored at {@code precision}, in a sentence that names the layer; null when it can. A weight
     * that is not a number cannot be stored at all; one beyond 65,504 has no half float.
     */
    public static String problem(TrainedModel model, Precision precision) {
        LayerSpec.Fixed fixed = model.spec().firstFixed();
        if (fixed != null && precision != Precision.FLOAT32) {
            return Texts.get("engine.compact.fixed", model.spec().name(), fixed.name(), fixed.kind());
        }
        for (Planned p : plan(model, precision)) {
            float[] v = values(p.values());
            for (float x : v) {
                if (!Float.isFinite(x)) return Texts.get("engine.compact.not-numbers", p.owner());
            }
            if (p.storage() == Storage.FLOAT16) {
                float largest = 0;
                for (float x : v) largest = Math.max(largest, Math.abs(x));
                if (Math.abs(HalfFloats.toFloat(HalfFloats.fromFloat(largest))) > HalfFloats.MAX) {
                    return Texts.get("engine.compact.beyond-fp16", p.owner(), String.format(Locale.ROOT, "%.4g", largest));
                }
            }
        }
        return null;
    }

    /** The bytes the parameters take in a file of {@code precision}, before the zip's compression. */
    public static long storedBytes(TrainedModel model, Precision precision) {
        return plan(model, precision).stream().mapToLong(Planned::storedBytes).sum();
    }

    /** Writes every parameter of {@code model} as an entry of {@code out}; returns their list for the model's description. */
    static ArrayNode write(TrainedModel model, Precision precision, ZipOutputStream out) throws IOException {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Planned p : plan(model, precision)) {
            out.putNextEntry(new ZipEntry(FOLDER + p.layer() + "/" + p.name()));
            out.write(encode(p));
            out.closeEntry();
            ObjectNode n = list.addObject().put("layer", p.layer()).put("name", p.name());
            ArrayNode shape = n.putArray("shape");
            for (long s : p.values().shape()) shape.add(s);
            n.put("stored", p.storage().id);
            if (p.storage() == Storage.INT8) n.put("axis", p.axis());
        }
        return list;
    }

    private static byte[] encode(Planned p) {
        float[] v = values(p.values());
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(p.storedBytes())).order(ByteOrder.LITTLE_ENDIAN);
        switch (p.storage()) {
            case FLOAT32 -> b.asFloatBuffer().put(v);
            case FLOAT16 -> {
                for (float x : v) b.putShort(HalfFloats.fromFloat(x));
            }
            case INT8 -> {
                Int8Weights q = Int8Weights.quantize(v, p.values().shape(), p.axis());
                for (float s : q.scales()) b.putFloat(s);
                b.put(q.values());
            }
        }
        return b.array();
    }

    /**
     * The network of a compact file: built from its DL4J configuration, each parameter read, checked against the list in
     * the description ({@code parameters}) and the network's own shapes, and dequantized into float32. Without optimizer
     * state: training it further starts the optimizer afresh. A refusal's message starts with the file's {@code name}.
     */
    static MultiLayerNetwork read(ZipFile zip, JsonNode parameters, String name) throws IOException {
        String where = name + ": ";
        MultiLayerNetwork net;
        try {
            ZipEntry config = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
            if (config == null) throw new IOException(where + Texts.get("engine.compact.no-config", ModelSerializer.CONFIGURATION_JSON));
            String json;
            try (InputStream in = zip.getInputStream(config)) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
            net.init();
        } catch (RuntimeException e) {
            throw new IOException(where + Texts.get("engine.compact.config-unreadable", e.getMessage()), e);
        }
        if (parameters == null || !parameters.isArray()) {
            throw new IOException(where + Texts.get("engine.compact.not-listed", ModelFile.ENTRY));
        }
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode p : parameters) {
            String key = p.path("layer").asText() + "/" + p.path("name").asText();
            if (listed.put(key, p) != null) throw new IOException(where + Texts.get("engine.compact.listed-twice", ModelFile.ENTRY, key));
        }
        int found = 0;
        for (int d = 0; d < net.getnLayers(); d++) {
            for (Map.Entry<String, INDArray> param : net.getLayer(d).paramTable().entrySet()) {
                String key = d + "/" + param.getKey();
                String what = Texts.get("engine.compact.parameter", param.getKey(), d);
                JsonNode p = listed.get(key);
                if (p == null) throw new IOException(where + Texts.get("engine.compact.no-values", what));
                param.getValue().assign(Nd4j.create(decode(zip, p, key, param.getValue().shape(), where + Texts.get("engine.compact.damaged", what)),
                        param.getValue().shape(), 'c'));
                found++;
            }
        }
        if (found != listed.size()) {
            throw new IOException(where + Texts.get("engine.compact.count", ModelFile.ENTRY, listed.size(), found));
        }
        return net;
    }

    /** One parameter's values, checked: its listed shape is the network's, its entry has exactly the bytes it needs, every value is a number. */
    private static float[] decode(ZipFile zip, JsonNode p, String key, long[] shape, String damaged) throws IOException {
        long[] listedShape = new long[p.path("shape").size()];
        for (int i = 0; i < listedShape.length; i++) listedShape[i] = p.path("shape").get(i).asLong(-1);
        if (!Arrays.equals(listedShape, shape)) {
            throw new IOException(damaged + Texts.get("engine.compact.shape", Arrays.toString(listedShape), Arrays.toString(shape)));
        }
        Storage storage = Storage.fromId(p.path("stored").asText());
        if (storage == null) throw new IOException(damaged + Texts.get("engine.compact.storage", p.path("stored").asText()));
        int axis = -1;
        if (storage == Storage.INT8) {
            JsonNode a = p.get("axis");
            if (a == null || !a.canConvertToInt() || a.asInt() < 0 || a.asInt() >= shape.length) {
                throw new IOException(damaged + Texts.get("engine.compact.axis", shape.length));
            }
            axis = a.asInt();
        }
        long values = 1;
        for (long s : shape) values *= s;
        long expected = storage.bytes(values, axis < 0 ? 0 : shape[axis]);
        ZipEntry entry = zip.getEntry(FOLDER + key);
        if (entry == null) throw new IOException(damaged + Texts.get("engine.compact.entry-missing", FOLDER + key));
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) Math.min(expected + 1, Integer.MAX_VALUE - 8));
        }
        if (bytes.length != expected) {
            throw new IOException(damaged + Texts.get("engine.compact.size", FOLDER + key,
                    bytes.length > expected ? Texts.get("engine.compact.more-than", expected) : Integer.toString(bytes.length), values, storage.id,
                    String.format(Locale.ROOT, "%,d", expected)));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[(int) values];
        switch (storage) {
            case FLOAT32 -> b.asFloatBuffer().get(v);
            case FLOAT16 -> {
                for (int i = 0; i < v.length; i++) v[i] = HalfFloats.toFloat(b.getShort());
            }
            case INT8 -> {
                float[] scales = new float[(int) shape[axis]];
                for (int c = 0; c < scales.length; c++) {
                    scales[c] = b.getFloat();
                    if (!(Float.isFinite(scales[c]) && scales[c] >= 0)) {
                        throw new IOException(damaged + Texts.get("engine.compact.scale", c, scales[c]));
                    }
                }
                byte[] q = new byte[v.length];
                b.get(q);
                v = new Int8Weights(scales, q).dequantize(shape, axis);
            }
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) throw new IOException(damaged + Texts.get("engine.compact.value", i, v[i]));
        }
        return v;
    }

    /** A parameter's values in row-major order, as float32. */
    static float[] values(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
