package org.modelstudio.core.project;

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
import java.util.Iterator;
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
            throw new SpecFormatException(name + ": is not a Model Studio project (not a text file)");
        } catch (IOException e) {
            throw new SpecFormatException(name + ": cannot be read (" + (Files.exists(file) ? e.getMessage() : "it does not exist") + ")", e);
        }
        try {
            return read(text);
        } catch (SpecFormatException e) {
            throw new SpecFormatException(name + ": " + e.getMessage(), e);
        }
    }

    public static Project read(String text) throws SpecFormatException {
        if (text.isBlank()) throw new SpecFormatException("is empty; the save that wrote it may have been interrupted");
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SpecFormatException("is damaged: not valid JSON" + (loc != null ? " at line " + loc.getLineNr() : "")
                    + " (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new SpecFormatException("is not a Model Studio project file");
        }
        int version = root.path("version").asInt(-1);
        if (version > VERSION) {
            throw new SpecFormatException("was saved by a newer Model Studio (project format " + version
                    + "); this version opens format " + VERSION + ". The file was not changed.");
        }
        if (version < 1) throw new SpecFormatException("version: must be a whole number from 1, found " + root.path("version"));
        if (!root.path("network").isObject()) throw new SpecFormatException("network: missing");
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
                if (!data.path("path").isTextual()) throw new SpecFormatException("data.path: missing");
                yield new DataSource.ImageFolder(data.path("path").asText());
            }
            case "table" -> {
                if (!data.path("path").isTextual()) throw new SpecFormatException("data.path: missing");
                TaskKind task = null;
                if (data.has("task")) {
                    task = TaskKind.fromId(data.path("task").asText());
                    if (task == null) throw new SpecFormatException("data.task: \"" + data.path("task").asText() + "\" is not classification or regression");
                }
                yield new DataSource.TableFile(data.path("path").asText(), data.path("label").isTextual() ? data.path("label").asText() : null, task);
            }
            case "text" -> {
                if (!data.path("path").isTextual()) throw new SpecFormatException("data.path: missing");
                yield new DataSource.TextFile(data.path("path").asText(),
                        data.path("textColumn").isTextual() ? data.path("textColumn").asText() : null,
                        data.path("labelColumn").isTextual() ? data.path("labelColumn").asText() : null);
            }
            default -> throw new SpecFormatException("data.kind: \"" + data.path("kind").asText() + "\" is not sample, image-folder, table or text");
        };
        return new Project(network, source, readRuns(root.path("runs")), readAugmentation(root.path("augmentation")));
    }

    private static Augmentation readAugmentation(JsonNode n) throws SpecFormatException {
        if (n.isMissingNode() || n.isNull()) return Augmentation.NONE;
        if (!n.isObject()) throw new SpecFormatException("augmentation: expected an object, found " + show(n));
        allowOnly(n, "augmentation", "rotationDegrees", "shift", "flipHorizontal", "zoom", "brightness", "contrast");
        double[] v = new double[5];
        String[] keys = {"rotationDegrees", "shift", "zoom", "brightness", "contrast"};
        for (int i = 0; i < keys.length; i++) {
            JsonNode x = n.path(keys[i]);
            if (x.isMissingNode()) continue;
            if (!x.isNumber()) throw new SpecFormatException("augmentation." + keys[i] + ": expected a number, found " + show(x));
            v[i] = x.doubleValue();
        }
        JsonNode flip = n.path("flipHorizontal");
        if (!flip.isMissingNode() && !flip.isBoolean()) {
            throw new SpecFormatException("augmentation.flipHorizontal: expected true or false, found " + show(flip));
        }
        try {
            return new Augmentation(v[0], v[1], flip.asBoolean(false), v[2], v[3], v[4]);
        } catch (IllegalArgumentException e) {
            throw new SpecFormatException("augmentation: " + e.getMessage());
        }
    }


    private static final String[] RUN_FIELDS = {"id", "started", "specFingerprint", "spec", "epochsPlanned", "epochs",
            "durationMillis", "outcome", "message", "bestModelFile", "lastModelFile", "bestEpoch"};
    private static final String[] EPOCH_FIELDS = {"epoch", "trainLoss", "trainAccuracy", "validationLoss", "validationAccuracy",
            "learningRate", "samplesPerSecond", "elapsedMillis", "trainMae", "validationMae", "validationR2"};

    private static List<RunRecord> readRuns(JsonNode runs) throws SpecFormatException {
        if (runs.isMissingNode() || runs.isNull()) return List.of();
        if (!runs.isArray()) throw new SpecFormatException("runs: expected a list, found " + show(runs));
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) out.add(readRun(runs.get(i), "runs[" + i + "]"));
        return out;
    }

    private static RunRecord readRun(JsonNode n, String where) throws SpecFormatException {
        if (!n.isObject()) throw new SpecFormatException(where + ": expected a run object, found " + show(n));
        allowOnly(n, where, RUN_FIELDS);
        String id = text(n, where, "id");
        String startedText = text(n, where, "started");
        Instant started;
        try {
            started = Instant.parse(startedText);
        } catch (DateTimeParseException e) {
            throw new SpecFormatException(where + ".started: expected a time such as 2025-01-31T14:05:00Z, found \"" + startedText + "\"");
        }
        String fingerprint = text(n, where, "specFingerprint");
        JsonNode specNode = n.path("spec");
        if (!specNode.isObject()) throw new SpecFormatException(where + ".spec: "
                + (specNode.isMissingNode() ? "missing" : "expected an object, found " + show(specNode)));
        NetworkSpec spec;
        try {
            spec = SpecJson.read(JSON.writeValueAsString(specNode));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (SpecFormatException e) {
            throw new SpecFormatException(where + ".spec." + e.getMessage(), e);
        }
        int planned = (int) whole(n, where, "epochsPlanned", Integer.MAX_VALUE);
        JsonNode epochsNode = n.path("epochs");
        if (!epochsNode.isArray()) throw new SpecFormatException(where + ".epochs: "
                + (epochsNode.isMissingNode() ? "missing" : "expected a list, found " + show(epochsNode)));
        List<TrainingEvent.EpochEvaluated> epochs = new ArrayList<>();
        for (int i = 0; i < epochsNode.size(); i++) {
            JsonNode e = epochsNode.get(i);
            String at = where + ".epochs[" + i + "]";
            if (!e.isObject()) throw new SpecFormatException(at + ": expected an epoch object, found " + show(e));
            allowOnly(e, at, EPOCH_FIELDS);
            epochs.add(new TrainingEvent.EpochEvaluated((int) whole(e, at, "epoch", Integer.MAX_VALUE), number(e, at, "trainLoss"),
                    number(e, at, "trainAccuracy"),
                    number(e, at, "validationLoss"), number(e, at, "validationAccuracy"), number(e, at, "learningRate"),
                    number(e, at, "samplesPerSecond"), whole(e, at, "elapsedMillis", Long.MAX_VALUE),
                    number(e, at, "trainMae"), number(e, at, "validationMae"), number(e, at, "validationR2")));
        }
        long duration = whole(n, where, "durationMillis", Long.MAX_VALUE);
        String outcomeId = text(n, where, "outcome");
        RunOutcome outcome = RunOutcome.fromId(outcomeId);
        if (outcome == null) {
            throw new SpecFormatException(where + ".outcome: \"" + outcomeId + "\" is not one of "
                    + Arrays.stream(RunOutcome.values()).map(RunOutcome::id).collect(Collectors.joining(", ")));
        }
        return new RunRecord(id, started, fingerprint, spec, planned, epochs, duration, outcome,
                optText(n, where, "message"), optText(n, where, "bestModelFile"), optText(n, where, "lastModelFile"),
                n.has("bestEpoch") ? (int) whole(n, where, "bestEpoch", Integer.MAX_VALUE) : 0);
    }

    private static void allowOnly(JsonNode n, String where, String... fields) throws SpecFormatException {
        List<String> allowed = List.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new SpecFormatException(where + "." + f + ": unknown field; expected one of " + String.join(", ", fields));
            }
        }
    }

    private static String text(JsonNode n, String where, String field) throws SpecFormatException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) throw new SpecFormatException(where + "." + field + ": missing");
        if (!v.isTextual()) throw new SpecFormatException(where + "." + field + ": expected text, found " + show(v));
        return v.asText();
    }

    private static String optText(JsonNode n, String where, String field) throws SpecFormatException {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : text(n, where, field);
    }

    /** A whole number from 0 to {@code max}. */
    private static long whole(JsonNode n, String where, String field, long max) throws SpecFormatException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) throw new SpecFormatException(where + "." + field + ": missing");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > max) {
            throw new SpecFormatException(where + "." + field + ": expected a whole number from 0, found " + show(v));
        }
        return v.longValue();
    }

    /** A number; null (or missing) is NaN, the value left out; "Infinity" and "-Infinity" are the infinities. */
    private static double number(JsonNode n, String where, String field) throws SpecFormatException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return Double.NaN;
        if (v.isNumber()) return v.doubleValue();
        if (v.isTextual() && v.asText().equals("Infinity")) return Double.POSITIVE_INFINITY;
        if (v.isTextual() && v.asText().equals("-Infinity")) return Double.NEGATIVE_INFINITY;
        throw new SpecFormatException(where + "." + field + ": expected a number, found " + show(v));
    }

    private static String show(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
