package org.modelstudio.core.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer types the studio offers, read from {@code /catalogue/layers.json}: categories, settings with
 * defaults, ranges and help. The palette, the property sheet and the block styling read it; adding a layer
 * type is an entry here plus a {@code LayerSpec} record and its visitor methods (docs/adding-a-layer.md).
 */
public final class LayerCatalogue {
    private static final String RESOURCE = "/catalogue/layers.json";

    private final List<Category> categories;
    private final Map<String, LayerType> types;

    LayerCatalogue(List<Category> categories, List<LayerType> types) {
        this.categories = List.copyOf(categories);
        Map<String, LayerType> byType = new LinkedHashMap<>();
        for (LayerType t : types) byType.put(t.type(), t);
        this.types = byType;
    }

    /** The catalogue shipped with the studio. */
    public static LayerCatalogue standard() {
        try (InputStream in = LayerCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException(RESOURCE + " is missing from the application");
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LayerCatalogue parse(JsonNode root) {
        List<Category> categories = new ArrayList<>();
        root.path("categories").forEach(c -> categories.add(new Category(c.path("id").asText(), c.path("name").asText(),
                c.path("help").asText())));
        List<LayerType> types = new ArrayList<>();
        for (JsonNode t : root.path("layers")) {
            List<ParamSpec> params = new ArrayList<>();
            for (JsonNode p : t.path("params")) {
                ParamSpec.Kind kind = ParamSpec.Kind.valueOf(p.path("type").asText().toUpperCase(java.util.Locale.ROOT));
                List<String> choices = new ArrayList<>();
                p.path("choices").forEach(c -> choices.add(c.asText()));
                params.add(new ParamSpec(p.path("key").asText(), p.path("label").asText(), kind, value(p.path("default"), kind),
                        p.has("min") ? p.path("min").asDouble() : null, p.has("max") ? p.path("max").asDouble() : null,
                        choices, p.path("help").asText()));
            }
            types.add(new LayerType(t.path("type").asText(), t.path("name").asText(), t.path("category").asText(),
                    t.path("help").asText(), params));
        }
        return new LayerCatalogue(categories, types);
    }

    private static Object value(JsonNode v, ParamSpec.Kind kind) {
        return switch (kind) {
            case INT -> v.asInt();
            case NUMBER -> v.asDouble();
            case CHOICE -> v.asText();
            case PAIR -> List.of(v.get(0).asInt(), v.get(1).asInt());
        };
    }

    public List<Category> categories() { return categories; }

    public List<LayerType> types() { return List.copyOf(types.values()); }

    public List<LayerType> typesIn(String category) {
        return types.values().stream().filter(t -> t.category().equals(category)).toList();
    }

    public LayerType type(String typeId) {
        LayerType t = types.get(typeId);
        if (t == null) throw new IllegalArgumentException("no layer type \"" + typeId + "\" in the catalogue");
        return t;
    }

    /**
     * The catalogue type of a layer. A layer without a block ({@link LayerSpec.Fixed}, from a Keras file) is not in the
     * catalogue or the palette: it gets a type of its own, in the category "fixed", with no settings to change.
     */
    public LayerType typeOf(LayerSpec layer) {
        if (layer instanceof LayerSpec.Fixed f) {
            return new LayerType(SpecJson.typeId(layer), f.kind(), FIXED_CATEGORY, "A Keras layer the studio has no block for, "
                    + "kept with its weights as DL4J's Keras importer read it. It cannot be changed.", List.of());
        }
        return type(SpecJson.typeId(layer));
    }

    /** The category of layers without a block of their own; no palette tile has it. */
    public static final String FIXED_CATEGORY = "fixed";

    /** A new layer of this type with the catalogue's defaults (what a drop from the palette adds). */
    public LayerSpec create(String typeId) {
        LayerType t = type(typeId);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", t.type());
        for (ParamSpec p : t.params()) values.put(p.key(), p.defaultValue());
        try {
            return SpecJson.layerFromValues(values);
        } catch (SpecFormatException e) {
            throw new IllegalStateException("catalogue entry " + typeId + " does not describe a valid layer: " + e.getMessage(), e);
        }
    }

    /** The current value of one setting of a layer. */
    public Object value(LayerSpec layer, String key) {
        typeOf(layer).param(key);
        return SpecJson.layerValues(layer).get(key);
    }

    /**
     * The layer with one setting changed. A value outside the catalogue's range or choices is refused with
     * a sentence that says what is allowed ("Conv2D: Filters must be between 1 and 1024, not 0.").
     */
    public LayerSpec with(LayerSpec layer, String key, Object value) {
        LayerType t = typeOf(layer);
        String problem = t.param(key).problem(t.name(), value);
        if (problem != null) throw new IllegalArgumentException(problem);
        Map<String, Object> values = SpecJson.layerValues(layer);
        values.put(key, value);
        try {
            return SpecJson.layerFromValues(values);
        } catch (SpecFormatException e) {
            throw new IllegalArgumentException(t.name() + ": " + e.getMessage(), e);
        }
    }

    /** Settings of this layer that lie outside the catalogue's ranges, as sentences. */
    public List<String> problems(LayerSpec layer) {
        LayerType t = typeOf(layer);
        Map<String, Object> values = SpecJson.layerValues(layer);
        List<String> out = new ArrayList<>();
        for (ParamSpec p : t.params()) {
            String problem = p.problem(t.name(), values.get(p.key()));
            if (problem != null) out.add(problem);
        }
        return out;
    }
}
