package org.modelstudio.core.catalogue;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.graph.WeightInit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.modelstudio.core.i18n.Texts;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerCatalogueTest {
    private final LayerCatalogue catalogue = LayerCatalogue.standard();

    @Test void theCatalogueHasOneEntryPerLayerRecordAndNoOther() {
        Map<Class<?>, String> entryOf = new LinkedHashMap<>();
        List<String> withoutRecord = new ArrayList<>();
        for (LayerType t : catalogue.types()) {
            try {
                LayerSpec layer = catalogue.create(t.type());
                assertEquals(t.type(), SpecJson.typeId(layer), t.name());
                String before = entryOf.put(layer.getClass(), t.type());
                assertNull(before, "catalogue entries " + before + " and " + t.type() + " make the same record");
            } catch (IllegalStateException noSuchLayer) { // spec JSON has no layer type of this id
                withoutRecord.add(noSuchLayer.getMessage());
            }
        }
        // A fixed layer (a Keras layer without a block) is the one record that is not offered in the palette.
        List<String> withoutEntry = Arrays.stream(LayerSpec.class.getPermittedSubclasses())
                .filter(record -> record != LayerSpec.Fixed.class)
                .filter(record -> !entryOf.containsKey(record)).map(Class::getSimpleName).toList();
        assertAll(() -> assertEquals(List.of(), withoutRecord, "catalogue entries without a LayerSpec record"),
                () -> assertEquals(List.of(), withoutEntry, "LayerSpec records without an entry in catalogue/layers.json"));
    }

    @Test void entriesAreComplete() {
        Set<String> categories = catalogue.categories().stream().map(Category::id).collect(Collectors.toSet());
        for (LayerType t : catalogue.types()) {
            assertTrue(categories.contains(t.category()), t.name() + " has an unknown category " + t.category());
            assertFalse(t.help().isBlank(), t.name());
            for (ParamSpec p : t.params()) {
                assertFalse(p.help().isBlank(), t.name() + "." + p.key());
                assertEquals(null, p.problem(t.name(), p.defaultValue()), t.name() + "." + p.key() + " default is in range");
            }
        }
    }

    @Test void everyCatalogueTextIsInEnglishAndChineseAndTheJsonHoldsNone() throws IOException {
        Properties en = bundle("catalogue.properties");
        Properties zh = bundle("catalogue_zh_CN.properties");
        Set<String> keys = new TreeSet<>();
        for (Category c : catalogue.categories()) {
            keys.add("catalogue.category." + c.id() + ".name");
            keys.add("catalogue.category." + c.id() + ".help");
        }
        for (LayerType t : catalogue.types()) {
            keys.add("catalogue.layer." + t.type() + ".name");
            keys.add("catalogue.layer." + t.type() + ".help");
            for (ParamSpec p : t.params()) {
                keys.add("catalogue.layer." + t.type() + ".param." + p.key() + ".label");
                keys.add("catalogue.layer." + t.type() + ".param." + p.key() + ".help");
                for (String choice : p.choices()) keys.add("catalogue.choice." + choice);
            }
        }
        // the training settings' choices, which the settings sheet shows in the same words
        for (var o : Optimizer.values()) keys.add("catalogue.choice." + o.id());
        for (var l : Loss.values()) keys.add("catalogue.choice." + l.id());
        for (var k : LearningRateSchedule.Kind.values()) keys.add("catalogue.choice." + k.id());
        for (var m : EarlyStopping.Metric.values()) keys.add("catalogue.choice." + m.id());
        keys.add("catalogue.choice.off");
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            if (en.getProperty(key, "").isBlank()) problems.add("no English text for " + key);
            if (zh.getProperty(key, "").isBlank()) problems.add("no Chinese text for " + key);
        }
        // and no stale text: every category, layer and choice text of the bundle belongs to an entry
        for (String key : en.stringPropertyNames()) {
            if (key.matches("catalogue\\.(category|layer|choice)\\..*") && !keys.contains(key)) problems.add(key + " belongs to no entry");
        }
        assertEquals(List.of(), problems);

        JsonNode json;
        try (var in = LayerCatalogue.class.getResourceAsStream("/catalogue/layers.json")) {
            json = new ObjectMapper().readTree(in);
        }
        List<String> texts = new ArrayList<>();
        json.findParents("name").forEach(n -> texts.add("name " + n.get("name")));
        json.findParents("help").forEach(n -> texts.add("help " + n.get("help")));
        json.findParents("label").forEach(n -> texts.add("label " + n.get("label")));
        assertEquals(List.of(), texts, "the texts of layers.json belong in the catalogue bundle");
    }

    @Test void theCatalogueSpeaksChineseWhenTheStudioDoes() {
        try {
            Texts.use(Locale.SIMPLIFIED_CHINESE);
            LayerType conv = catalogue.type("conv2d");
            assertEquals("卷积层", conv.name());
            assertEquals("过滤器数", conv.param("filters").label());
            assertEquals("卷积", catalogue.categories().get(1).name());
            assertEquals("最后一步", ParamSpec.choiceLabel("last"));
            var e = assertThrows(IllegalArgumentException.class, () -> catalogue.with(catalogue.create("conv2d"), "filters", 0));
            assertEquals("卷积层：过滤器数必须在 1 到 1024 之间，而不是 0。", e.getMessage());
            assertEquals("卷积层 #3", ShapeInference.label(catalogue.create("conv2d"), 2));
        } finally {
            Texts.use(Locale.ENGLISH);
        }
        assertEquals("Conv2D", catalogue.type("conv2d").name());
        assertEquals("last", ParamSpec.choiceLabel("last"));
    }

    private static Properties bundle(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/org/modelstudio/i18n", file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test void createMakesAValidLayerWithTheDefaults() {
        for (LayerType t : catalogue.types()) {
            LayerSpec layer = catalogue.create(t.type());
            assertEquals(t.name(), layer.typeName());
            assertEquals(List.of(), catalogue.problems(layer), t.name());
            for (ParamSpec p : t.params()) assertEquals(p.defaultValue(), catalogue.value(layer, p.key()), t.name() + "." + p.key());
        }
        assertEquals(new LayerSpec.Conv2D(32, 3, 3, 1, 1, Padding.VALID, Activation.RELU, WeightInit.HE),
                catalogue.create("conv2d"));
        assertEquals(new LayerSpec.Embedding(32), catalogue.create("embedding"));
        assertEquals(new LayerSpec.Lstm(64, false), catalogue.create("lstm"));
    }

    @Test void withChangesOneSettingAndChecksTheRange() {
        LayerSpec conv = catalogue.create("conv2d");
        LayerSpec wider = catalogue.with(conv, "filters", 64);
        assertEquals(64, ((LayerSpec.Conv2D) wider).filters());
        LayerSpec big = catalogue.with(wider, "kernel", List.of(5, 3));
        assertEquals(5, ((LayerSpec.Conv2D) big).kernelHeight());
        assertEquals(3, ((LayerSpec.Conv2D) big).kernelWidth());
        assertEquals(Padding.SAME, ((LayerSpec.Conv2D) catalogue.with(conv, "padding", "same")).padding());

        var e = assertThrows(IllegalArgumentException.class, () -> catalogue.with(conv, "filters", 0));
        assertEquals("Conv2D: Filters must be between 1 and 1024, not 0.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> catalogue.with(conv, "padding", "full"));
        assertEquals("Conv2D: Padding must be one of valid, same.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> catalogue.with(catalogue.create("dropout"), "rate", 0.99));
        assertEquals("Dropout: Rate must be between 0 and 0.95, not 0.99.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> catalogue.with(conv, "units", 3));
    }

    @Test void anLstmCanReturnEveryStep() {
        LayerSpec lstm = catalogue.create("lstm");
        assertEquals("last", catalogue.value(lstm, "output"));
        assertEquals(new LayerSpec.Lstm(64, true), catalogue.with(lstm, "output", "all"));
        var e = assertThrows(IllegalArgumentException.class, () -> catalogue.with(lstm, "output", "first"));
        assertEquals("LSTM: Returns must be one of last, all.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> catalogue.with(catalogue.create("embedding"), "dimensions", 0));
        assertEquals("Embedding: Dimensions must be between 1 and 1024, not 0.", e.getMessage());
    }

    @Test void problemsFlagsValuesOutsideTheCatalogueRanges() {
        List<String> p = catalogue.problems(new LayerSpec.Dense(100_000, Activation.RELU));
        assertEquals(List.of("Dense: Units must be between 1 and 8192, not 100000."), p);
    }

    @Test void palettesGroupByCategory() {
        assertEquals(List.of("MaxPool", "AvgPool", "GlobalPooling"), catalogue.typesIn("pooling").stream().map(LayerType::name).toList());
        assertEquals(List.of("Embedding"), catalogue.typesIn("text").stream().map(LayerType::name).toList());
        assertEquals(List.of("LSTM"), catalogue.typesIn("recurrent").stream().map(LayerType::name).toList());
    }
}
