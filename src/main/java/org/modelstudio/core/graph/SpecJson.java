package org.modelstudio.core.graph;

import org.modelstudio.core.i18n.Texts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.modelstudio.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes network specs as versioned JSON. Reading checks every field and names the one that is
 * wrong ("layers[2].filters: expected a whole number, found \"abc\"") instead of throwing a parser trace.
 *
 * <p>Version 2 added the training settings {@code l2}, {@code validationSplit}, {@code earlyStopping} and the
 * {@code plateau} schedule. They are written only when they differ from the defaults, and a version-1 file
 * (which has none of them) reads with the defaults.
 *
 * <p>Version 3 added the {@code fixed} layer (a Keras layer without a block, {@link LayerSpec.Fixed}). A file is
 * written with the lowest version that holds everything in it: a network without a fixed layer is still written as
 * version 2, so older studios keep reading it. The policy for new fields is the same: a new field or type raises the
 * version of the files that use it, and a reader refuses versions newer than its own with a sentence.
 */
public final class SpecJson {

    public static final String FORMAT = "model-studio/network";
    public static final int VERSION = 3;
    /** The version of files without fixed layers. */
    private static final int VERSION_WITHOUT_FIXED = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpecJson() {}

    // ---------------------------------------------------------------- writing

    public static String write(NetworkSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", spec.fixed() ? VERSION : VERSION_WITHOUT_FIXED);
        root.put("name", spec.name());
        if (!spec.description().isEmpty()) root.put("description", spec.description());
        writeArchitecture(spec, root);
        TrainingConfig t = spec.training();
        ObjectNode training = root.putObject("training")
                .put("optimizer", t.optimizer().id())
                .put("learningRate", t.learningRate())
                .put("batchSize", t.batchSize())
                .put("epochs", t.epochs())
                .put("seed", t.seed())
                .put("loss", t.loss().id());
        LearningRateSchedule s = t.schedule();
        if (s.kind() != LearningRateSchedule.Kind.CONSTANT) {
            ObjectNode schedule = training.putObject("schedule").put("type", s.kind().id()).put("factor", s.factor());
            schedule.put(s.kind() == LearningRateSchedule.Kind.PLATEAU ? "patience" : "every", s.every());
        }
        if (Double.compare(t.l2(), 0) != 0) training.put("l2", t.l2());
        if (Double.compare(t.validationSplit(), TrainingConfig.DEFAULT_VALIDATION_SPLIT) != 0) training.put("validationSplit", t.validationSplit());
        if (t.testSplit() != 0) training.put("testSplit", t.testSplit());
        EarlyStopping e = t.earlyStopping();
        if (!e.equals(EarlyStopping.OFF)) {
            training.putObject("earlyStopping").put("enabled", e.enabled()).put("metric", e.metric().id())
                    .put("patience", e.patience()).put("minDelta", e.minDelta());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e2) {
            throw new IllegalStateException("cannot happen for a tree of plain values", e2);
        }
    }

    /**
     * What the network is, apart from its name and how it is trained: the first 12 hex digits of the SHA-256 of
     * its input and layers as compact JSON. The same network with other training settings has the same
     * fingerprint, so runs of one network can be grouped and compared.
     */
    public static String fingerprint(NetworkSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        writeArchitecture(spec, root);
        try {
            byte[] json = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 and plain JSON values are always available", e);
        }
    }

    private static void writeArchitecture(NetworkSpec spec, ObjectNode root) {
        ObjectNode input = root.putObject("input");
        if (spec.input() instanceof InputSpec.ImageInput img) {
            input.put("type", "image").put("height", img.height()).put("width", img.width()).put("channels", img.channels());
        } else if (spec.input() instanceof InputSpec.VectorInput vec) {
            input.put("type", "vector").put("features", vec.features());
        } else if (spec.input() instanceof InputSpec.SequenceInput seq) {
            input.put("type", "sequence").put("length", seq.length()).put("vocabulary", seq.vocabulary());
        }
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec layer : spec.layers()) layers.add(writeLayer(layer));
    }

    /** Writes atomically: to a temporary file beside the target, then moved into place. */
    public static void write(NetworkSpec spec, Path file) throws IOException {
        AtomicFiles.writeString(file, write(spec));
    }

    private static ObjectNode writeLayer(LayerSpec layer) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", typeId(layer));
        return layer.accept(new LayerWriter(n));
    }

    /** Puts a layer's settings into its JSON object (which already holds its type). */
    private record LayerWriter(ObjectNode n) implements LayerSpec.Visitor<ObjectNode> {
        @Override public ObjectNode dense(LayerSpec.Dense d) {
            return n.put("units", d.units()).put("activation", d.activation().id()).put("init", d.init().id());
        }

        @Override public ObjectNode output(LayerSpec.Output o) {
            return n.put("units", o.units()).put("activation", o.activation().id()).put("init", o.init().id());
        }

        @Override public ObjectNode conv2d(LayerSpec.Conv2D c) {
            n.put("filters", c.filters());
            n.putArray("kernel").add(c.kernelHeight()).add(c.kernelWidth());
            n.putArray("stride").add(c.strideHeight()).add(c.strideWidth());
            return n.put("padding", c.padding().id()).put("activation", c.activation().id()).put("init", c.init().id());
        }

        @Override public ObjectNode maxPool(LayerSpec.MaxPool p) { return pool(p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public ObjectNode avgPool(LayerSpec.AvgPool p) { return pool(p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public ObjectNode globalPooling(LayerSpec.GlobalPooling g) { return n.put("pooling", g.pooling().id()); }

        @Override public ObjectNode flatten(LayerSpec.Flatten f) { return n; }

        @Override public ObjectNode dropout(LayerSpec.Dropout d) { return n.put("rate", d.rate()); }

        @Override public ObjectNode batchNorm(LayerSpec.BatchNorm b) { return n; }

        @Override public ObjectNode activationLayer(LayerSpec.ActivationLayer a) { return n.put("activation", a.activation().id()); }

        @Override public ObjectNode embedding(LayerSpec.Embedding e) { return n.put("dimensions", e.dimensions()); }

        @Override public ObjectNode lstm(LayerSpec.Lstm l) { return n.put("units", l.units()).put("output", l.returnSequences() ? LSTM_ALL : LSTM_LAST); }

        @Override public ObjectNode zeroPadding(LayerSpec.ZeroPadding z) {
            n.putArray("padding").add(z.vertical()).add(z.horizontal());
            return n;
        }

        @Override public ObjectNode fixed(LayerSpec.Fixed f) {
            n.put("kind", f.kind()).put("name", f.name());
            if (!f.reason().isEmpty()) n.put("reason", f.reason());
            ArrayNode shape = n.putObject("output").putArray(shapeKind(f.output()));
            Shape o = f.output();
            if (o instanceof Shape.Image i) shape.add(i.height()).add(i.width()).add(i.channels());
            else if (o instanceof Shape.Vector v) shape.add(v.length());
            else if (o instanceof Shape.Sequence q) shape.add(q.steps()).add(q.features());
            else if (o instanceof Shape.Tokens t) shape.add(t.length()).add(t.vocabulary());
            return n.put("parameters", f.parameters());
        }

        private ObjectNode pool(int ph, int pw, int sh, int sw) {
            n.putArray("pool").add(ph).add(pw);
            n.putArray("stride").add(sh).add(sw);
            return n;
        }
    }

    /**
     * A layer's settings as plain values keyed as in spec files: Integer, Double, String (enum ids) and
     * List&lt;Integer&gt; for [height, width] pairs; "type" holds the type id.
     */
    public static Map<String, Object> layerValues(LayerSpec layer) {
        return MAPPER.convertValue(writeLayer(layer), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The layer that {@code values} describe (as {@link #layerValues} gives them); refused with the field named. */
    public static LayerSpec layerFromValues(Map<String, Object> values) throws SpecFormatException {
        ObjectNode node = MAPPER.valueToTree(values);
        return readLayer(JsonFields.root(node));
    }

    /** The id a layer type has in spec files ("conv2d"); every layer without a block is "fixed". */
    public static String typeId(LayerSpec layer) {
        return layer instanceof LayerSpec.Fixed ? FIXED : layer.typeName().toLowerCase(Locale.ROOT);
    }

    private static final String FIXED = "fixed";

    private static String shapeKind(Shape shape) {
        if (shape instanceof Shape.Image) return "image";
        if (shape instanceof Shape.Vector) return "vector";
        return shape instanceof Shape.Sequence ? "sequence" : "tokens";
    }

    // ---------------------------------------------------------------- reading

    public static NetworkSpec read(Path file) throws SpecFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new SpecFormatException(Texts.get("core.spec.not-utf8", file));
        } catch (IOException e) {
            throw new SpecFormatException(Texts.get("core.spec.unreadable", file, e.getMessage()), e);
        }
        try {
            return read(text);
        } catch (SpecFormatException e) {
            throw new SpecFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static NetworkSpec read(String json) throws SpecFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SpecFormatException(loc != null ? Texts.get("core.spec.json-at", loc.getLineNr(), loc.getColumnNr(), e.getOriginalMessage())
                    : Texts.get("core.spec.json", e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) throw new SpecFormatException(Texts.get("core.spec.not-object"));
        JsonFields r = JsonFields.root(root);
        String format = r.optText("format", FORMAT);
        if (!FORMAT.equals(format)) {
            throw new SpecFormatException(Texts.get("core.spec.format", format, FORMAT));
        }
        int version = r.optInt("version", VERSION);
        if (version > VERSION) {
            throw new SpecFormatException(Texts.get("core.spec.newer", version, VERSION));
        }
        if (version < 1) throw new SpecFormatException(Texts.get("core.spec.version", version));
        r.allowOnly("format", "version", "name", "description", "input", "layers", "training");
        String name = r.optText("name", "Untitled network");
        String description = r.optText("description", "");
        InputSpec input = readInput(r.object("input"));
        JsonFields layersNode = r.array("layers");
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.json().size(); i++) {
            layers.add(readLayer(layersNode.element(i, "core.spec.expected-layer")));
        }
        TrainingConfig training = r.has("training") ? readTraining(r.object("training")) : TrainingConfig.defaults();
        return new NetworkSpec(name, description, input, layers, training);
    }

    private static InputSpec readInput(JsonFields n) throws SpecFormatException {
        String type = n.text("type");
        switch (type) {
            case "image" -> {
                n.allowOnly("type", "height", "width", "channels");
                return new InputSpec.ImageInput(n.integer("height"), n.integer("width"), n.optInt("channels", 1));
            }
            case "vector" -> {
                n.allowOnly("type", "features");
                return new InputSpec.VectorInput(n.integer("features"));
            }
            case "sequence" -> {
                n.allowOnly("type", "length", "vocabulary");
                return new InputSpec.SequenceInput(n.integer("length"), n.integer("vocabulary"));
            }
            default -> throw new SpecFormatException(Texts.get("core.spec.input-type", n.path("type"), type));
        }
    }

    private static final String LAYER_TYPES =
            "dense, conv2d, maxpool, avgpool, globalpooling, zeropadding, flatten, dropout, batchnorm, activation, embedding, lstm, output, fixed";

    /** An LSTM's "output": only the last step's (a vector) or every step's (a sequence). */
    private static final String LSTM_LAST = "last";
    private static final String LSTM_ALL = "all";

    private static Boolean returnsSequences(String id) {
        if (LSTM_LAST.equals(id)) return false;
        if (LSTM_ALL.equals(id)) return true;
        throw new IllegalArgumentException("\"" + id + "\" is not one of " + LSTM_LAST + ", " + LSTM_ALL);
    }

    private static LayerSpec readLayer(JsonFields n) throws SpecFormatException {
        String type = n.text("type").toLowerCase(Locale.ROOT);
        switch (type) {
            case "dense" -> {
                n.allowOnly("type", "units", "activation", "init");
                Activation act = n.optEnum("activation", Activation::fromId, Activation.RELU);
                return new LayerSpec.Dense(n.integer("units"), act, n.optEnum("init", WeightInit::fromId, LayerSpec.defaultInit(act)));
            }
            case "output" -> {
                n.allowOnly("type", "units", "activation", "init");
                return new LayerSpec.Output(n.integer("units"), n.optEnum("activation", Activation::fromId, Activation.SOFTMAX),
                        n.optEnum("init", WeightInit::fromId, WeightInit.XAVIER));
            }
            case "conv2d" -> {
                n.allowOnly("type", "filters", "kernel", "stride", "padding", "activation", "init");
                int[] k = n.pair("kernel", null);
                int[] s = n.pair("stride", new int[] {1, 1});
                Activation act = n.optEnum("activation", Activation::fromId, Activation.RELU);
                return new LayerSpec.Conv2D(n.integer("filters"), k[0], k[1], s[0], s[1],
                        n.optEnum("padding", Padding::fromId, Padding.VALID), act,
                        n.optEnum("init", WeightInit::fromId, LayerSpec.defaultInit(act)));
            }
            case "maxpool", "avgpool" -> {
                n.allowOnly("type", "pool", "stride");
                int[] p = n.pair("pool", new int[] {2, 2});
                int[] s = n.pair("stride", p);
                return type.equals("maxpool") ? new LayerSpec.MaxPool(p[0], p[1], s[0], s[1])
                        : new LayerSpec.AvgPool(p[0], p[1], s[0], s[1]);
            }
            case "globalpooling" -> {
                n.allowOnly("type", "pooling");
                return new LayerSpec.GlobalPooling(n.optEnum("pooling", LayerSpec.GlobalPooling.Pooling::fromId,
                        LayerSpec.GlobalPooling.Pooling.MAX));
            }
            case "flatten" -> {
                n.allowOnly("type");
                return new LayerSpec.Flatten();
            }
            case "zeropadding" -> {
                n.allowOnly("type", "padding");
                int[] p = n.pair("padding", new int[] {1, 1});
                return new LayerSpec.ZeroPadding(p[0], p[1]);
            }
            case "batchnorm" -> {
                n.allowOnly("type");
                return new LayerSpec.BatchNorm();
            }
            case "dropout" -> {
                n.allowOnly("type", "rate");
                return new LayerSpec.Dropout(n.number("rate"));
            }
            case "activation" -> {
                n.allowOnly("type", "activation");
                return new LayerSpec.ActivationLayer(n.enumValue("activation", Activation::fromId));
            }
            case "embedding" -> {
                n.allowOnly("type", "dimensions");
                return new LayerSpec.Embedding(n.integer("dimensions"));
            }
            case "lstm" -> {
                n.allowOnly("type", "units", "output");
                return new LayerSpec.Lstm(n.integer("units"), n.optEnum("output", SpecJson::returnsSequences, false));
            }
            case FIXED -> {
                n.allowOnly("type", "kind", "name", "reason", "output", "parameters");
                JsonFields output = n.object("output");
                Shape shape = null;
                for (String kind : List.of("image", "vector", "sequence", "tokens")) {
                    if (!output.has(kind)) continue;
                    output.allowOnly(kind);
                    JsonFields dims = output.array(kind);
                    int[] d = new int[dims.json().size()];
                    for (int i = 0; i < d.length; i++) {
                        JsonNode v = dims.json().get(i);
                        if (!v.canConvertToInt() || v.intValue() < 1) {
                            throw new SpecFormatException(Texts.get("core.spec.dimension", dims.where() + "[" + i + "]", JsonFields.show(v)));
                        }
                        d[i] = v.intValue();
                    }
                    int expected = kind.equals("image") ? 3 : kind.equals("vector") ? 1 : 2;
                    if (d.length != expected) {
                        throw new SpecFormatException(Texts.get("core.spec.dimensions", dims.where(), expected, d.length));
                    }
                    shape = switch (kind) {
                        case "image" -> new Shape.Image(d[0], d[1], d[2]);
                        case "vector" -> new Shape.Vector(d[0]);
                        case "sequence" -> new Shape.Sequence(d[0], d[1]);
                        default -> new Shape.Tokens(d[0], d[1]);
                    };
                }
                if (shape == null) throw new SpecFormatException(Texts.get("core.spec.output-kind", output.where()));
                return new LayerSpec.Fixed(n.text("kind"), n.optText("name", ""), n.optText("reason", ""), shape,
                        n.has("parameters") ? n.longValue("parameters") : 0);
            }
            default -> throw new SpecFormatException(Texts.get("core.spec.layer-type", n.path("type"), type, LAYER_TYPES));
        }
    }

    private static TrainingConfig readTraining(JsonFields n) throws SpecFormatException {
        n.allowOnly("optimizer", "learningRate", "batchSize", "epochs", "seed", "loss", "schedule", "l2", "validationSplit", "earlyStopping", "testSplit");
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingConfig(
                n.optEnum("optimizer", Optimizer::fromId, d.optimizer()),
                n.has("learningRate") ? n.number("learningRate") : d.learningRate(),
                n.optInt("batchSize", d.batchSize()),
                n.optInt("epochs", d.epochs()),
                n.has("seed") ? n.longValue("seed") : d.seed(),
                n.optEnum("loss", Loss::fromId, d.loss()),
                n.has("schedule") ? readSchedule(n.object("schedule")) : LearningRateSchedule.CONSTANT,
                n.has("l2") ? n.number("l2") : d.l2(),
                n.has("validationSplit") ? n.number("validationSplit") : d.validationSplit(),
                n.has("earlyStopping") ? readEarlyStopping(n.object("earlyStopping")) : d.earlyStopping(),
                n.has("testSplit") ? n.number("testSplit") : d.testSplit());
    }

    private static LearningRateSchedule readSchedule(JsonFields n) throws SpecFormatException {
        LearningRateSchedule.Kind kind = n.enumValue("type", LearningRateSchedule.Kind::fromId);
        if (kind == LearningRateSchedule.Kind.PLATEAU) {
            n.allowOnly("type", "factor", "patience");
            return LearningRateSchedule.plateau(n.number("factor"), n.integer("patience"));
        }
        n.allowOnly("type", "factor", "every");
        if (kind == LearningRateSchedule.Kind.CONSTANT) return LearningRateSchedule.CONSTANT;
        return new LearningRateSchedule(kind, n.number("factor"), kind == LearningRateSchedule.Kind.STEP ? n.integer("every") : n.optInt("every", 1));
    }

    private static EarlyStopping readEarlyStopping(JsonFields n) throws SpecFormatException {
        n.allowOnly("enabled", "metric", "patience", "minDelta");
        EarlyStopping d = EarlyStopping.OFF;
        return new EarlyStopping(n.has("enabled") ? n.bool("enabled") : true,
                n.optEnum("metric", EarlyStopping.Metric::fromId, d.metric()),
                n.optInt("patience", d.patience()),
                n.has("minDelta") ? n.number("minDelta") : d.minDelta());
    }
}
