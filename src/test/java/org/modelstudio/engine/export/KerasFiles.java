package org.modelstudio.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Keras files with layers the studio has no block for, made from files its Keras export writes, by editing the
 * architecture the file declares (its {@code model_config}) as Keras would have written it.
 */
public final class KerasFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The name of the LeakyReLU {@link #withLayersWithoutBlocks} adds. */
    public static final String LEAKY = "leaky_re_lu";

    private KerasFiles() {}

    /**
     * After the file's first Conv2D, made linear: a LeakyReLU with Keras' default slope 0.3 (the studio's has 0.01), then
     * a ZeroPadding2D and a Cropping2D of one pixel at the top and left, which together keep the shape. None has a block
     * (the studio's ZeroPadding pads both sides alike); none has weights.
     */
    public static Path withLayersWithoutBlocks(Path h5) throws Exception {
        ObjectNode config = modelConfig(h5);
        ArrayNode layers = layers(config);
        int conv = indexOf(layers, "Conv2D");
        if (conv < 0) throw new IllegalArgumentException(h5 + " has no Conv2D");
        ((ObjectNode) layers.get(conv).path("config")).put("activation", "linear");
        layers.insert(conv + 1, layer("LeakyReLU", LEAKY, c -> c.put("alpha", 0.3)));
        layers.insert(conv + 2, layer("ZeroPadding2D", "zero_padding2d", c -> c.putArray("padding")
                .add(JSON.createArrayNode().add(1).add(0)).add(JSON.createArrayNode().add(1).add(0))));
        layers.insert(conv + 3, layer("Cropping2D", "cropping2d", c -> c.putArray("cropping")
                .add(JSON.createArrayNode().add(1).add(0)).add(JSON.createArrayNode().add(1).add(0))));
        rewrite(h5, config);
        return h5;
    }

    static ObjectNode modelConfig(Path h5) throws Exception {
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            return (ObjectNode) JSON.readTree(archive.readAttributeAsJson("model_config"));
        }
    }

    static ArrayNode layers(ObjectNode config) {
        JsonNode c = config.path("config");
        return (ArrayNode) (c.isArray() ? c : c.path("layers"));
    }

    static int indexOf(ArrayNode layers, String className) {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).path("class_name").asText().equals(className)) return i;
        return -1;
    }

    static ObjectNode layer(String className, String name, Consumer<ObjectNode> settings) {
        ObjectNode l = JSON.createObjectNode().put("class_name", className);
        ObjectNode c = l.putObject("config").put("name", name).put("trainable", true).put("dtype", "float32");
        settings.accept(c);
        return l;
    }

    /** Replaces the file's architecture; it is no longer the network the studio wrote, so the studio's description goes. */
    static void rewrite(Path h5, ObjectNode config) throws Exception {
        try (Hdf5Writer w = Hdf5Writer.amend(h5)) {
            w.root().removeAttr("model_config");
            w.text(w.root(), "model_config", config.toString());
            if (w.root().attrExists(KerasH5Export.DESCRIPTION)) w.root().removeAttr(KerasH5Export.DESCRIPTION);
        }
    }
}
