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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.modelstudio.core.i18n.Texts;

/**
 * The layer types the studio offers, read from {@code /catalogue/layers.json}: categories, settings with
 * defaults and ranges. Their names and help are in the {@code catalogue} bundle, in English and 简体中文, under keys
 * made of the JSON's ids ({@code catalogue.layer.dense.param.units.help}); the JSON holds no text a person reads, so
 * each text has one place. The entries come in the studio's current language. The palette, the property sheet and the block styling read it; adding a layer
 * type is an entry here plus a {@code LayerSpec} record and its visitor methods (docs/adding-a-layer.md).
 */
public final class LayerCatalogue {
    private static final String RESOURCE = "/catalogue/layers.json";

    private final JsonNode root;
    /** The catalogue in each language asked for so far: a switch of language shows at once, the JSON is read once. */
    private final Map<Locale, Entries> inLanguage = new ConcurrentHashMap<>();

    private record Entries(List<Category> categories, Map<String, LayerType> types) {}

    private LayerCatalogue(JsonNode root) { this.root = root; }

    /** The catalogue shipped with the studio. */
    public static LayerCatalogue standard() {
        try (InputStream in = LayerCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException(RESOURCE + " is missing from the application");
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LayerCatalogue parse(JsonNode root) { return new LayerCatalogue(root); }

    private Entries entries() { return inLanguage.computeIfAbsent(Texts.locale(), language -> read(root)); }

    /** The entries with their texts in the studio's current language, from the {@code catalogue} bundle. */
    private static Entries read(JsonNode root) {
        List<Category> categories = new ArrayList<>();
        root.path("categories").forEach(c -> {
            String id = c.path("id").asText();
            String prefix = "catalogue.category." + id + ".";
            categories.add(new Category(id, Texts.get(prefix + "name"), Texts.get(prefix + "help")));
        });
        Map<String, LayerType> types = new LinkedHashMap<>();
        for (JsonNode t : root.path("layers")) {
            String type = t.path("type").asText();
            String prefix = "catalogue.layer." + type + ".";
            List<ParamSpec> params = new ArrayList<>();
            for (JsonNode p : t.path("params")) {
                ParamSpec.Kind kind = ParamSpec.Kind.valueOf(p.path("type").asText().toUpperCase(Locale.ROOT));
                List<String> choices = new ArrayList<>();
                p.path("choices").forEach(c -> choices.add(c.asText()));
                String key = p.path("key").asText();
                params.add(new ParamSpec(key, Texts.get(prefix + "param." + key + ".label"), kind, value(p.path("default"), kind),
                        p.has("min") ? p.path("min").asDouble() : null, p.has("max") ? p.path("max").asDouble() : null,
                        choices, Texts.get(prefix + "param." + key + ".help")));
            }
            types.put(type, new LayerType(type, Texts.get(prefix + "name"), t.path("category").asText(), Texts.get(prefix + "help"), params));
        }
        return new Entries(List.copyOf(categories), types);
    }

    private static Object value(JsonNode v, ParamSpec.Kind kind) {
        return switch (kind) {
            case INT -> v.asInt();
            case NUMBER -> v.asDouble();
            case CHOICE -> v.asText();
            case PAIR -> List.of(v.get(0).asInt(), v.get(1).asInt());
        };
    }

    public List<Category> categories() { return entries().categories(); }

    public List<LayerType> types() { return List.copyOf(entries().types().values()); }

    public List<LayerType> typesIn(String category) {
        return entries().types().values().stream().filter(t -> t.category().equals(category)).toList();
    }

    public LayerType type(String typeId) {
        LayerType t = entries().types().get(typeId);
        if (t == null) throw new IllegalArgumentException("no layer type \"" + typeId + "\" in the catalogue");
        return t;
    }

    /**
     * The catalogue type of a layer. A layer without a block ({@link LayerSpec.Fixed}, from a Keras file) is not in the
     * catalogue or the palette: it gets a type of its own, in the category "fixed", with no settings to change.
     */
    public LayerType typeOf(LayerSpec layer) {
        if (layer instanceof LayerSpec.Fixed f) {
            return new LayerType(SpecJson.typeId(layer), f.kind(), FIXED_CATEGORY, Texts.get("catalogue.fixed.help"), List.of());
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
