package org.modelstudio.engine.keras;

import org.modelstudio.core.i18n.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The architecture a Keras .h5 file declares ({@code model_config}), read as JSON without native code: its layers in
 * order, the input shape and the dimension order. Sequential models of Keras 1 and 2 (a list of layers, or a
 * {@code {name, layers}} object) and functional models whose layers form one chain are read; a functional model that
 * branches is refused with {@link KerasImportException}.
 */
final class KerasConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keras declares no layer this large in a model the studio can hold; beyond it the file is refused unread. */
    static final long MAX_DECLARED = 50_000_000L;

    /** One layer: its Keras class, its name and its config object. */
    record Layer(String className, String name, JsonNode config) {
        int integer(String... keys) {
            for (String k : keys) {
                JsonNode v = config.get(k);
                if (v == null || v.isNull()) continue;
                if (v.isArray()) return v.size() == 1 ? v.get(0).asInt() : Integer.MIN_VALUE;   // tf.keras writes axis: [3]
                return v.asInt();
            }
            return -1;
        }

        String text(String key, String otherwise) { return config.hasNonNull(key) ? config.get(key).asText() : otherwise; }

        boolean flag(String key, boolean otherwise) { return config.hasNonNull(key) ? config.get(key).asBoolean() : otherwise; }

        /** A Keras pair such as kernel_size, or a single number that stands for both. */
        int[] pair(String... keys) {
            for (String k : keys) {
                JsonNode v = config.get(k);
                if (v == null || v.isNull()) continue;
                if (v.isArray() && v.size() == 2) return new int[] {v.get(0).asInt(), v.get(1).asInt()};
                if (v.isNumber()) return new int[] {v.asInt(), v.asInt()};
            }
            return null;
        }
    }

    final String kerasVersion;
    final String backend;
    final List<Layer> layers;
    /** The input shape without the batch dimension, e.g. [28, 28, 1] or [784]. */
    final int[] inputShape;
    final boolean channelsFirst;

    private KerasConfig(String kerasVersion, String backend, List<Layer> layers, int[] inputShape, boolean channelsFirst) {
        this.kerasVersion = kerasVersion;
        this.backend = backend;
        this.layers = layers;
        this.inputShape = inputShape;
        this.channelsFirst = channelsFirst;
    }

    /** Reads {@code modelConfig} (the file's model_config attribute). */
    static KerasConfig parse(String file, String modelConfig, String kerasVersion, String backend) throws KerasImportException {
        JsonNode root;
        try {
            root = JSON.readTree(modelConfig);
        } catch (IOException e) {
            throw new KerasImportException(Texts.get("engine.keras.config-not-json", file, e.getMessage()));
        }
        String cls = root.path("class_name").asText("");
        JsonNode config = root.path("config");
        List<Layer> layers = new ArrayList<>();
        switch (cls) {
            case "Sequential" -> {
                JsonNode list = config.isArray() ? config : config.path("layers");
                for (JsonNode l : list) layers.add(layer(l));
            }
            case "Model", "Functional" -> layers.addAll(chain(file, config));
            default -> throw new KerasImportException(cls.isEmpty() ? Texts.get("engine.keras.no-class-name", file, kerasVersion)
                    : Texts.get("engine.keras.not-a-model", file, cls, kerasVersion));
        }
        if (layers.isEmpty()) throw new KerasImportException(Texts.get("engine.keras.no-layers", file, kerasVersion));
        int[] shape = inputShape(file, layers, kerasVersion);
        for (int d : shape) {
            if (d < 1 || d > MAX_DECLARED) {
                throw new KerasImportException(Texts.get("engine.keras.input-too-large", file, Arrays.toString(shape), kerasVersion));
            }
        }
        boolean channelsFirst = false;
        for (Layer l : layers) {
            String order = l.text("data_format", l.text("dim_ordering", ""));
            if (order.equals("channels_first") || order.equals("th")) channelsFirst = true;
            for (String k : new String[] {"units", "output_dim", "filters", "nb_filter", "input_dim"}) {
                long v = l.config.path(k).asLong(0);
                if (v > MAX_DECLARED || v < 0) {
                    throw new KerasImportException(Texts.get("engine.keras.setting-too-large", l.name, l.className, file, k, v, kerasVersion));
                }
            }
        }
        List<Layer> body = layers.stream().filter(l -> !l.className.equals("InputLayer")).toList();
        return new KerasConfig(kerasVersion, backend, body, shape, channelsFirst);
    }

    private static Layer layer(JsonNode l) {
        JsonNode cfg = l.path("config");
        String name = cfg.path("name").asText(l.path("name").asText("?"));
        return new Layer(l.path("class_name").asText("?"), name, cfg);
    }

    /** A functional model's layers in order, provided each takes the previous one's output only. */
    private static List<Layer> chain(String file, JsonNode config) throws KerasImportException {
        List<Layer> layers = new ArrayList<>();
        String previous = null;
        for (JsonNode l : config.path("layers")) {
            Layer layer = layer(l);
            JsonNode inbound = l.path("inbound_nodes");
            List<String> from = new ArrayList<>();
            for (JsonNode node : inbound) {
                for (JsonNode edge : node) {
                    if (edge.isArray() && edge.size() > 0) from.add(edge.get(0).asText());
                    else if (edge.isObject()) from.add(edge.path("args").toString());
                }
            }
            boolean chained = previous == null ? from.isEmpty() : from.size() == 1 && from.get(0).equals(previous);
            if (!chained) {
                throw new KerasImportException(from.isEmpty() ? Texts.get("engine.keras.not-chained-no-input", layer.name, file)
                        : Texts.get("engine.keras.not-chained", layer.name, file, String.join(Texts.get("engine.keras.and"), from)));
            }
            layers.add(layer);
            previous = layer.name;
        }
        return layers;
    }

    private static int[] inputShape(String file, List<Layer> layers, String version) throws KerasImportException {
        Layer first = layers.get(0);
        JsonNode shape = first.config.get("batch_input_shape");
        if (shape == null || shape.isNull()) shape = first.config.get("batch_shape");
        if (shape != null && shape.isArray() && shape.size() >= 2) {
            int[] s = new int[shape.size() - 1];
            for (int i = 1; i < shape.size(); i++) {
                if (shape.get(i).isNull()) {
                    throw new KerasImportException(Texts.get("engine.keras.open-dimension", file, i, shape, version));
                }
                s[i - 1] = shape.get(i).asInt();
            }
            return s;
        }
        if (first.config.hasNonNull("input_dim")) {
            int length = first.config.path("input_length").asInt(-1);
            if (first.className.equals("Embedding")) {
                if (length < 1) throw new KerasImportException(Texts.get("engine.keras.no-input-length", first.name, file, version));
                return new int[] {length};
            }
            return new int[] {first.config.get("input_dim").asInt()};
        }
        throw new KerasImportException(Texts.get("engine.keras.no-input-shape", file, first.name, version));
    }

    /**
     * A functional model whose layers form one chain (see {@link #parse}) rewritten as the Sequential model it is, which
     * DL4J's sequential import reads; any other model_config unchanged.
     */
    static String asSequential(String modelConfig) throws IOException {
        JsonNode root = JSON.readTree(modelConfig);
        String cls = root.path("class_name").asText("");
        if (!cls.equals("Model") && !cls.equals("Functional")) return modelConfig;
        ArrayNode layers = JSON.createArrayNode();
        JsonNode batchShape = null;
        for (JsonNode l : root.path("config").path("layers")) {
            if (l.path("class_name").asText().equals("InputLayer")) {
                batchShape = l.path("config").get("batch_input_shape");
                continue;
            }
            ObjectNode copy = JSON.createObjectNode();
            copy.put("class_name", l.path("class_name").asText());
            ObjectNode cfg = ((ObjectNode) l.path("config")).deepCopy();
            if (batchShape != null && layers.isEmpty()) cfg.set("batch_input_shape", batchShape);
            copy.set("config", cfg);
            layers.add(copy);
        }
        ObjectNode seq = JSON.createObjectNode().put("class_name", "Sequential");
        ObjectNode cfg = seq.putObject("config");
        cfg.put("name", root.path("config").path("name").asText("model"));
        cfg.set("layers", layers);
        return JSON.writeValueAsString(seq);
    }

    /**
     * The same model_config with every "orthogonal" initializer replaced by "glorot_uniform". The weights are read from
     * the file afterwards, so the initializer never matters; DL4J 1.0.0-M2.1 crashes the whole JVM in native code when it
     * initialises a layer orthogonally (an LSTM's recurrent weights, by Keras' default).
     */
    static String withoutOrthogonal(String modelConfig) throws IOException {
        JsonNode root = JSON.readTree(modelConfig);
        replaceOrthogonal(root);
        return JSON.writeValueAsString(root);
    }

    private static void replaceOrthogonal(JsonNode node) {
        if (node instanceof ObjectNode o) {
            var names = new ArrayList<String>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                if (k.endsWith("initializer") || k.equals("init") || k.equals("inner_init")) {
                    if (v.isTextual() && v.asText().equalsIgnoreCase("orthogonal")) o.put(k, "glorot_uniform");
                    else if (v.isObject() && v.path("class_name").asText("").equalsIgnoreCase("Orthogonal")) {
                        ObjectNode glorot = JSON.createObjectNode().put("class_name", "GlorotUniform");
                        glorot.putObject("config").put("seed", (String) null);
                        o.set(k, glorot);
                    }
                }
                replaceOrthogonal(o.get(k));
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode v : a) replaceOrthogonal(v);
        }
    }
}
