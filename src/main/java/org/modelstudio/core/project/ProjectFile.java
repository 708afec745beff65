package org.modelstudio.core.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Project files ({@value #EXTENSION}): versioned JSON holding the network and its data source. Saving
 * writes a temporary file beside the target and moves it into place, so an interrupted save leaves the
 * previous file whole. Opening a damaged file or one from a newer version says so and changes nothing.
 */
public final class ProjectFile {

    public static final String EXTENSION = ".msproj";
    public static final String FORMAT = "model-studio/project";
    public static final int VERSION = 1;

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
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
            default -> throw new SpecFormatException("data.kind: \"" + data.path("kind").asText() + "\" is not sample or image-folder");
        };
        return new Project(network, source);
    }
}
