package org.modelstudio.core.project;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.events.TrainingEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.graph.JsonFields;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Project files ({@value #EXTENSION}): versioned JSON holding the network, its data source and its run history.
 * Saving writes a temporary file beside the target and moves it into place, so an interrupted save leaves the
 * previous file whole. Opening a damaged file or one from a newer version says so, names the field that is
 * wrong ("runs[1].epochs[0].trainLoss: expected a number") and changes nothing.
 *
 * <p>Version 2 added {@code runs}; a version-1 file opens with none. In runs, a missing value (NaN, such as the
 * validation loss of a run without validation data) is written as {@code null}, and infinities as the strings
 * "Infinity" and "-Infinity", so that every number reads back exactly.
 */
public final class ProjectFile {

    public static final String EXTENSION = ".msproj";
    public static final String FORMAT = "model-studio/project";
    public static final int VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProjectFile() {}

    public static String write(Project project) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION);
        try {
            root.set("network", JSON.readTree(SpecJson.write(project.network())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a written spec is always valid JSON", e);
        }
        ObjectNode data = root.putObject("data");
        if (project.data() instanceof DataSource.Sample s) {
            data.put("kind", "sample").put("name", s.name());
        } else if (project.data() instanceof DataSource.ImageFolder f) {
            data.put("kind", "image-folder").put("path", f.path());
        } else if (project.data() instanceof DataSource.TableFile t) {
            data.put("kind", "table").put("path", t.path());
            if (t.label() != null) data.put("label", t.label());
            if (t.task() != null) data.put("task", t.task().id());
        } else if (project.data() instanceof DataSource.TextFile t) {
            data.put("kind", "text").put("path", t.path());
            if (t.textColumn() != null) data.put("textColumn", t.textColumn());
            if (t.labelColumn() != null) data.put("labelColumn", t.labelColumn());
        }
        if (!project.augmentation().isNone()) {
            Augmentation a = project.augmentation();
            root.putObject("augmentation").put("rotationDegrees", a.rotationDegrees()).put("shift", a.shift())
                    .put("flipHorizontal", a.flipHorizontal()).put("zoom", a.zoom())
                    .put("brightness", a.brightness()).put("contrast", a.contrast());
        }
        if (!project.runs().isEmpty()) {
            ArrayNode runs = root.putArray("runs");
            for (RunRecord run : project.runs()) runs.add(writeRun(run));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode writeRun(RunRecord run) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", run.id()).put("started", run.started().toString()).put("specFingerprint", run.specFingerprint());
        try {
            n.set("spec", JSON.readTree(SpecJson.write(run.spec())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a written spec is always valid JSON", e);
        }
        n.put("epochsPlanned", run.epochsPlanned());
        ArrayNode epochs = n.putArray("epochs");
        for (TrainingEvent.EpochEvaluated e : run.epochs()) {
            ObjectNode m = epochs.addObject().put("epoch", e.epoch());
            putNumber(m, "trainLoss", e.trainLoss());
            putNumber(m, "trainAccuracy", e.trainAccuracy());
            putNumber(m, "validationLoss", e.validationLoss());
            putNumber(m, "validationAccuracy", e.validationAccuracy());
            putNumber(m, "learningRate", e.learningRate());
            putNumber(m, "samplesPerSecond", e.samplesPerSecond());
            m.put("elapsedMillis", e.elapsedMillis());
            if (e.regression()) {
                putNumber(m, "trainMae", e.trainMae());
                putNumber(m, "validationMae", e.validationMae());
                putNumber(m, "validationR2", e.validationR2());
            }
        }
        n.put("durationMillis", run.durationMillis()).put("outcome", run.outcome().id());
        if (run.message() != null) n.put("message", run.message());
        if (run.bestModelFile() != null) n.put("bestModelFile", run.bestModelFile());
        if (run.lastModelFile() != null) n.put("lastModelFile", run.lastModelFile());
        n.put("bestEpoch", run.bestEpoch());
        return n;
    }

    /** NaN as null, infinities as "Infinity" / "-Infinity": JSON has no such numbers. */
    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) n.putNull(field);
        else if (Double.isInfinite(v)) n.put(field, v > 0 ? "Infinity" : "-Infinity");
        else n.put(field, v);
    }

    /** Saves atomically: a crash or a full disk mid-save never leaves a half-written project. */
    public static void save(Project project, Path file) throws IOException {
        AtomicFiles.writeString(file, write(project));
    }

    public static Project load(Path file) throws SpecFormatException {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new SpecFormatException(Texts.get("core.project.not-text", name));
        } catch (IOException e) {
            String why = Files.exists(file) ? e.getMessage() : Texts.get("core.project.does-not-exist");
            throw new SpecFormatException(Texts.get("core.spec.unreadable", name, why), e);
        }
        try {
            return read(text);
        } catch (SpecFormatException e) {
            throw new SpecFormatException(Texts.get("core.project.named", name, e.getMessage()), e);
        }
    }

    public static Project read(String text) throws SpecFormatException {
        if (text.isBlank()) throw new SpecFormatException(Texts.get("core.project.empty"));
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SpecFormatException(loc != null ? Texts.get("core.project.damaged-at", loc.getLineNr(), e.getOriginalMessage())
                    : Texts.get("core.project.damaged", e.getOriginalMessage()));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new SpecFormatException(Texts.get("core.project.not-project"));
        }
        int version = root.path("version").asInt(-1);
        if (version > VERSION) {
            throw new SpecFormatException(Texts.get("core.project.newer", version, VERSION));
        }
        if (version < 1) throw new SpecFormatException(Texts.get("core.project.version", root.path("version")));
        if (!root.path("network").isObject()) throw new SpecFormatException(Texts.get("core.spec.missing", "network"));
        NetworkSpec network;
        try {
            network = SpecJson.read(JSON.writeValueAsString(root.get("network")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (SpecFormatException e) {
            throw new SpecFormatException("network." + e.getMessage(), e);
        }
        JsonNode data = root.path("data");
        DataSource source = switch (data.path("kind").asText("sample")) {
            case "sample" -> new DataSource.Sample(data.path("name").asText("fashion-mnist"));
            case "image-folder" -> {
                if (!data.path("path").isTextual()) throw new SpecFormatException(Texts.get("core.spec.missing", "data.path"));
                yield new DataSource.ImageFolder(data.path("path").asText());
            }
            case "table" -> {
                if (!data.path("path").isTextual()) throw new SpecFormatException(Texts.get("core.spec.missing", "data.path"));
                TaskKind task = null;
                if (data.has("task")) {
                    task = TaskKind.fromId(data.path("task").asText());
                    if (task == null) throw new SpecFormatException(Texts.get("core.project.task", data.path("task").asText()));
                }
                yield new DataSource.TableFile(data.path("path").asText(), data.path("label").isTextual() ? data.path("label").asText() : null, task);
            }
            case "text" -> {
                if (!data.path("path").isTextual()) throw new SpecFormatException(Texts.get("core.spec.missing", "data.path"));
                yield new DataSource.TextFile(data.path("path").asText(),
                        data.path("textColumn").isTextual() ? data.path("textColumn").asText() : null,
                        data.path("labelColumn").isTextual() ? data.path("labelColumn").asText() : null);
            }
            default -> throw new SpecFormatException(Texts.get("core.project.kind", data.path("kind").asText()));
        };
        JsonFields fields = JsonFields.root(root);
        return new Project(network, source, readRuns(fields), readAugmentation(fields));
    }

    private static Augmentation readAugmentation(JsonFields root) throws SpecFormatException {
        if (!root.has("augmentation")) return Augmentation.NONE;
        JsonFields n = root.object("augmentation");
        n.allowOnly("rotationDegrees", "shift", "flipHorizontal", "zoom", "brightness", "contrast");
        double[] v = new double[5];
        String[] keys = {"rotationDegrees", "shift", "zoom", "brightness", "contrast"};
        for (int i = 0; i < keys.length; i++) {
            JsonNode x = n.json().path(keys[i]);
            if (x.isMissingNode()) continue;
            if (!x.isNumber()) throw n.wrong("core.spec.expected-number", keys[i], x);
            v[i] = x.doubleValue();
        }
        JsonNode flip = n.json().path("flipHorizontal");
        if (!flip.isMissingNode() && !flip.isBoolean()) throw n.wrong("core.spec.expected-boolean", "flipHorizontal", flip);
        try {
            return new Augmentation(v[0], v[1], flip.asBoolean(false), v[2], v[3], v[4]);
        } catch (IllegalArgumentException e) {
            throw new SpecFormatException(Texts.get("core.project.named", "augmentation", e.getMessage()));
        }
    }


    private static final String[] RUN_FIELDS = {"id", "started", "specFingerprint", "spec", "epochsPlanned", "epochs",
            "durationMillis", "outcome", "message", "bestModelFile", "lastModelFile", "bestEpoch"};
    private static final String[] EPOCH_FIELDS = {"epoch", "trainLoss", "trainAccuracy", "validationLoss", "validationAccuracy",
            "learningRate", "samplesPerSecond", "elapsedMillis", "trainMae", "validationMae", "validationR2"};

    private static List<RunRecord> readRuns(JsonFields root) throws SpecFormatException {
        if (!root.has("runs")) return List.of();
        JsonFields runs = root.array("runs");
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < runs.json().size(); i++) out.add(readRun(runs.element(i, "core.spec.expected-run")));
        return out;
    }

    private static RunRecord readRun(JsonFields n) throws SpecFormatException {
        String where = n.where();
        n.allowOnly(RUN_FIELDS);
        String id = n.text("id");
        String startedText = n.text("started");
        Instant started;
        try {
            started = Instant.parse(startedText);
        } catch (DateTimeParseException e) {
            throw new SpecFormatException(Texts.get("core.project.started", where, startedText));
        }
        String fingerprint = n.text("specFingerprint");
        JsonFields specNode = n.object("spec");
        NetworkSpec spec;
        try {
            spec = SpecJson.read(JSON.writeValueAsString(specNode.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (SpecFormatException e) {
            throw new SpecFormatException(where + ".spec." + e.getMessage(), e);
        }
        int planned = (int) n.whole("epochsPlanned", Integer.MAX_VALUE);
        JsonFields epochsNode = n.array("epochs");
        List<TrainingEvent.EpochEvaluated> epochs = new ArrayList<>();
        for (int i = 0; i < epochsNode.json().size(); i++) {
            JsonFields e = epochsNode.element(i, "core.spec.expected-epoch");
            e.allowOnly(EPOCH_FIELDS);
            epochs.add(new TrainingEvent.EpochEvaluated((int) e.whole("epoch", Integer.MAX_VALUE), e.numberOrNaN("trainLoss"),
                    e.numberOrNaN("trainAccuracy"),
                    e.numberOrNaN("validationLoss"), e.numberOrNaN("validationAccuracy"), e.numberOrNaN("learningRate"),
                    e.numberOrNaN("samplesPerSecond"), e.whole("elapsedMillis", Long.MAX_VALUE),
                    e.numberOrNaN("trainMae"), e.numberOrNaN("validationMae"), e.numberOrNaN("validationR2")));
        }
        long duration = n.whole("durationMillis", Long.MAX_VALUE);
        String outcomeId = n.text("outcome");
        RunOutcome outcome = RunOutcome.fromId(outcomeId);
        if (outcome == null) {
            throw new SpecFormatException(Texts.get("core.project.outcome", where, outcomeId,
                    Arrays.stream(RunOutcome.values()).map(RunOutcome::id).collect(Collectors.joining(", "))));
        }
        return new RunRecord(id, started, fingerprint, spec, planned, epochs, duration, outcome,
                n.optText("message", null), n.optText("bestModelFile", null), n.optText("lastModelFile", null),
                n.json().has("bestEpoch") ? (int) n.whole("bestEpoch", Integer.MAX_VALUE) : 0);
    }
}
