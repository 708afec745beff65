package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.Tokenization;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.OneDnn;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as one file: DL4J's ModelSerializer zip (configuration, weights, updater state) plus one
 * entry, {@value #ENTRY}, with the spec, the class labels and the input preparation. Written to a temporary
 * file and moved into place, so a crash mid-save never leaves a half-written model behind.
 * <p>
 * A compact model file ({@link #save(TrainedModel, Path, Precision)}) is the same zip with its weights as half floats or
 * int8 ({@link CompactWeights}) instead of DL4J's float32 coefficients, and without the optimizer's state; its
 * description says {@code "compact": "fp16"} or {@code "int8"} and lists the parameters. {@link #load} opens both kinds.
 */
public final class ModelFile {

    public static final String ENTRY = "modelstudio.json";
    public static final String FORMAT = "model-studio/model";
    /**
     * The newest format this version reads. 2 adds {@code preparation} (tables and texts); files of version 1 (images) are
     * still read. A table's preparation has {@code labelKind} "classes" or, for a regression, "number" with the label's
     * {@code target} mean and standard deviation; version-2 files without it are classifiers. 3 adds compact weights
     * ({@code compact}, {@code parameters}); only compact files are written as 3, so that a studio that reads 2 still
     * opens every full-precision model, and refuses a compact one as newer rather than misreading it.
     * <p>
     * A text preparation's {@code tokenizer} names its {@link Tokenization} by id. Version-2 files always held
     * {@value #TOKENIZER} (whole words, split at spaces and punctuation), and a file without the field is read with those
     * rules too. Text models trained since write {@code "nfkc-lowercase-words-cjk-unigrams-bigrams"}, still as version 2:
     * the field was always there and always checked, so an older studio refuses such a file by name ("names rules this
     * version does not know") instead of misreading it, and nothing else about the format changed.
     */
    public static final int VERSION = 3;
    /** The version full-precision models are written with. */
    static final int FULL_VERSION = 2;
    /** The tokeniser rules text models were saved with before {@link Tokenization#STANDARD}: {@link Tokenization#WORDS}. */
    public static final String TOKENIZER = "nfc-lowercase-letters-digits-apostrophes";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {}

    public static void save(TrainedModel model, Path target) throws IOException {
        save(model, target, Precision.FLOAT32);
    }

    /**
     * Writes {@code model} with its weights at {@code precision}: {@link Precision#FLOAT32} is the full model, with the
     * optimizer's state so that training can go on exactly; FP16 and INT8 write a compact model file, which predicts,
     * evaluates and serves as the full one does with its weights rounded. A model {@link CompactWeights#problem} refuses
     * cannot be written compact (IllegalArgumentException with that sentence): callers ask first.
     */
    public static void save(TrainedModel model, Path target, Precision precision) throws IOException {
        boolean compact = precision != Precision.FLOAT32;
        if (compact) {
            String problem = CompactWeights.problem(model, precision);
            if (problem != null) throw new IllegalArgumentException(problem);
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path dl4j = Files.createTempFile(dir, ".dl4j-", ".tmp");
        Path whole = Files.createTempFile(dir, ".model-", ".tmp");
        try {
            ModelSerializer.writeModel(model.network(), dl4j.toFile(), !compact);
            try (ZipFile in = new ZipFile(dl4j.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(whole))) {
                for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    if (compact && entry.getName().equals(ModelSerializer.COEFFICIENTS_BIN)) continue;
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream s = in.getInputStream(entry)) {
                        s.transferTo(out);
                    }
                    out.closeEntry();
                }
                ObjectNode manifest = manifestTree(model, precision);
                if (compact) manifest.set("parameters", CompactWeights.write(model, precision, out));
                out.putNextEntry(new ZipEntry(ENTRY));
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            AtomicFiles.moveIntoPlace(whole, target.toAbsolutePath());
        } finally {
            Files.deleteIfExists(dl4j);
            Files.deleteIfExists(whole);
        }
    }

    /** The model's description as the model file's {@value #ENTRY} holds it (labels, input preparation, spec), as JSON. */
    public static String manifest(TrainedModel model) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifestTree(model, Precision.FLOAT32));
    }

    /**
     * The manifest's top-level fields ({@code format}, {@code version}, {@code labels}, {@code preprocessing} or
     * {@code preparation}, {@code spec}), each as compact JSON (a text field as the text itself), for formats that carry
     * the same description as key-value pairs, such as an ONNX file's metadata.
     */
    public static Map<String, String> manifestFields(TrainedModel model) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        manifestTree(model, Precision.FLOAT32).fields().forEachRemaining(f ->
                fields.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        return fields;
    }

    private static ObjectNode manifestTree(TrainedModel model, Precision precision) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", precision == Precision.FLOAT32 ? FULL_VERSION : VERSION);
        if (precision != Precision.FLOAT32) root.put("compact", precision.id());
        var labels = root.putArray("labels");
        model.labels().forEach(labels::add);
        ImagePreprocessing p = model.preprocessing();
        if (p != null) {
            root.putObject("preprocessing").put("type", "image").put("height", p.height()).put("width", p.width())
                    .put("channels", p.channels()).put("scale", "0-1");
        }
        InputPreparation prep = model.preparation();
        if (prep instanceof InputPreparation.Table table) {
            ObjectNode t = root.putObject("preparation").put("type", "table").put("labelColumn", table.labelColumn())
                    .put("labelKind", table.regression() ? "number" : "classes");
            if (table.regression()) t.putObject("target").put("mean", table.target().mean()).put("std", table.target().std());
            ArrayNode columns = t.putArray("columns");
            for (InputPreparation.Column c : table.columns()) {
                ObjectNode col = columns.addObject().put("name", c.name()).put("kind", c.kind().name().toLowerCase(Locale.ROOT));
                if (c.kind() == InputPreparation.Kind.NUMERIC) {
                    col.put("mean", c.mean()).put("std", c.std());
                } else {
                    ArrayNode cats = col.putArray("categories");
                    c.categories().forEach(cats::add);
                }
            }
        } else if (prep instanceof InputPreparation.Text text) {
            ObjectNode t = root.putObject("preparation").put("type", "text").put("tokenizer", text.tokenization().id())
                    .put("mode", text.mode() == InputPreparation.TextMode.SEQUENCE ? "sequence" : "bag-of-words").put("length", text.length());
            ArrayNode vocabulary = t.putArray("vocabulary");
            text.vocabulary().forEach(vocabulary::add);
        }
        root.set("spec", JSON.readTree(SpecJson.write(model.spec())));
        return root;
    }

    /** Opens a model file; the message of a refusal names the file and says what is wrong with it. */
    public static TrainedModel load(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) throw new IOException(name + ": " + Texts.get(Files.exists(file) ? "engine.file.not-a-file" : "engine.file.missing"));
        if (Files.size(file) == 0) throw new IOException(Texts.get("engine.model.empty", name));
        JsonNode manifest;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IOException(Texts.get(zip.getEntry("configuration.json") != null ? "engine.model.plain-dl4j" : "engine.model.other-zip", name));
            }
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = JSON.readTree(in);
            }
        } catch (ZipException e) {
            throw new IOException(Texts.get("engine.model.not-zip", name), e);
        } catch (JsonProcessingException e) {
            throw new IOException(Texts.get("engine.model.damaged", name, ENTRY, e.getOriginalMessage()), e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) throw new IOException(Texts.get("engine.model.not-description", name, ENTRY));
        int version = manifest.path("version").asInt(-1);
        if (version > VERSION) {
            throw new IOException(Texts.get("engine.model.newer", name, version, VERSION));
        }
        Description d = describe(name, manifest);
        NetworkSpec spec = d.spec();
        List<String> labels = d.labels();
        if (labels.isEmpty()) throw new IOException(Texts.get("engine.model.no-labels", name));
        InputPreparation preparation = d.preparation();
        Precision precision = Precision.FLOAT32;
        if (manifest.has("compact")) {
            precision = Precision.fromId(manifest.get("compact").asText());
            if (precision == null || precision == Precision.FLOAT32) {
                throw new IOException(Texts.get("engine.model.unknown-compact", name, ENTRY, manifest.get("compact").asText()));
            }
        }
        MultiLayerNetwork net;
        OneDnn.routeLayers(); // a plain DL4J file; its stock layers get their oneDNN helpers as a compiled network's do
        if (precision != Precision.FLOAT32) {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                net = CompactWeights.read(zip, manifest.get("parameters"), name);
            }
            return TrainedModel.of(spec, labels, preparation, net, precision);
        }
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException(Texts.get("engine.model.weights-unreadable", name, e.getMessage()), e);
        }
        return TrainedModel.of(spec, labels, preparation, net);
    }

    /** What a model description says besides the weights: the network, the class labels and the input preparation. */
    public record Description(NetworkSpec spec, List<String> labels, InputPreparation preparation) {}

    /**
     * Reads a model description as {@link #manifest} writes it (for example the one a Keras file exported by the studio
     * carries); {@code name} names its source in messages.
     */
    public static Description readManifest(String name, String json) throws IOException {
        JsonNode manifest;
        try {
            manifest = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(Texts.get("engine.model.description-damaged", name, e.getOriginalMessage()), e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) throw new IOException(Texts.get("engine.model.not-studio-description", name));
        return describe(name, manifest);
    }

    /** The network, labels and input preparation of a manifest; a damaged part is refused by name. */
    private static Description describe(String name, JsonNode manifest) throws IOException {
        NetworkSpec spec;
        try {
            spec = SpecJson.read(JSON.writeValueAsString(manifest.path("spec")));
        } catch (SpecFormatException e) {
            throw new IOException(Texts.get("engine.model.network-damaged", name, e.getMessage()), e);
        }
        List<String> labels = new ArrayList<>();
        manifest.path("labels").forEach(l -> labels.add(l.asText()));
        JsonNode p = manifest.path("preprocessing");
        InputPreparation preparation = p.isObject()
                ? new InputPreparation.Image(new ImagePreprocessing(p.path("height").asInt(), p.path("width").asInt(), p.path("channels").asInt()))
                : null;
        if (manifest.has("preparation")) preparation = readPreparation(name, manifest.get("preparation"));
        return new Description(spec, labels, preparation);
    }

    /** The table or text preparation of a version-2 manifest; a missing or damaged field is refused by name. */
    static InputPreparation readPreparation(String name, JsonNode p) throws IOException {
        String where = Texts.get("engine.model.preparation-damaged", name);
        if (!p.isObject()) throw new IOException(where + Texts.get("engine.model.field.not-object", "preparation"));
        String type = text(p, "type", where);
        try {
            if (type.equals("table")) {
                String label = text(p, "labelColumn", where);
                JsonNode columns = p.get("columns");
                if (columns == null || !columns.isArray() || columns.isEmpty()) {
                    throw new IOException(where + Texts.get("engine.model.field.missing-or-empty", "columns"));
                }
                List<InputPreparation.Column> cols = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode c = columns.get(i);
                    String at = "columns[" + i + "].";
                    String colName = text(c, "name", where + at);
                    String kind = text(c, "kind", where + at);
                    if (kind.equals("numeric")) {
                        cols.add(InputPreparation.Column.numeric(colName, number(c, "mean", where + at), number(c, "std", where + at)));
                    } else if (kind.equals("categorical")) {
                        cols.add(InputPreparation.Column.categorical(colName, strings(c, "categories", where + at)));
                    } else {
                        throw new IOException(where + Texts.get("engine.model.field.kind", at, kind));
                    }
                }
                return new InputPreparation.Table(cols, label, target(p, where));
            }
            if (type.equals("text")) {
                Tokenization tokenization = Tokenization.WORDS;
                if (p.has("tokenizer")) {
                    String tokenizer = text(p, "tokenizer", where);
                    tokenization = Tokenization.fromId(tokenizer);
                    if (tokenization == null) {
                        throw new IOException(where + Texts.get("engine.model.field.tokenizer", tokenizer,
                                String.join(", ", Tokenization.known().stream().map(Tokenization::id).toList())));
                    }
                }
                String mode = text(p, "mode", where);
                InputPreparation.TextMode m = switch (mode) {
                    case "sequence" -> InputPreparation.TextMode.SEQUENCE;
                    case "bag-of-words" -> InputPreparation.TextMode.BAG_OF_WORDS;
                    default -> throw new IOException(where + Texts.get("engine.model.field.mode", mode));
                };
                JsonNode length = p.get("length");
                if (length == null || !length.canConvertToInt()) throw new IOException(where + Texts.get("engine.model.field.length"));
                return new InputPreparation.Text(m, length.asInt(), strings(p, "vocabulary", where), tokenization);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(where + e.getMessage(), e);
        }
        throw new IOException(where + Texts.get("engine.model.field.type", type));
    }

    /**
     * A table's label scaling: none when {@code labelKind} is "classes" or missing (files saved before regression),
     * the {@code target}'s mean and standard deviation when it is "number".
     */
    private static InputPreparation.Target target(JsonNode p, String where) throws IOException {
        JsonNode kind = p.get("labelKind");
        if (kind == null || kind.asText().equals("classes")) return null;
        if (!kind.asText().equals("number")) throw new IOException(where + Texts.get("engine.model.field.label-kind", kind.asText()));
        JsonNode t = p.get("target");
        if (t == null || !t.isObject()) throw new IOException(where + Texts.get("engine.model.field.target"));
        return new InputPreparation.Target(number(t, "mean", where + "target."), number(t, "std", where + "target."));
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw new IOException(where + Texts.get("engine.model.field.not-text", field));
        return v.asText();
    }

    private static double number(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) throw new IOException(where + Texts.get("engine.model.field.not-number", field));
        return v.asDouble();
    }

    private static List<String> strings(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) throw new IOException(where + Texts.get("engine.model.field.missing-or-empty", field));
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw new IOException(where + Texts.get("engine.model.field.holds-non-text", field, e));
            out.add(e.asText());
        }
        return out;
    }

    /** Writes only the manifest, for tools that want to know a model's classes without ND4J. */
    public static void writeManifest(TrainedModel model, OutputStream out) throws IOException {
        out.write(manifest(model).getBytes(StandardCharsets.UTF_8));
    }
}
