package org.modelstudio.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.engine.TrainedModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as one file: DL4J's ModelSerializer zip (configuration, weights, updater state) plus one
 * entry, {@value #ENTRY}, with the spec, the class labels and the input preparation. Written to a temporary
 * file and moved into place, so a crash mid-save never leaves a half-written model behind.
 */
public final class ModelFile {

    public static final String ENTRY = "modelstudio.json";
    public static final String FORMAT = "model-studio/model";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {}

    public static void save(TrainedModel model, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path dl4j = Files.createTempFile(dir, ".dl4j-", ".tmp");
        Path whole = Files.createTempFile(dir, ".model-", ".tmp");
        try {
            ModelSerializer.writeModel(model.network(), dl4j.toFile(), true);
            try (ZipFile in = new ZipFile(dl4j.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(whole))) {
                for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream s = in.getInputStream(entry)) {
                        s.transferTo(out);
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry(ENTRY));
                out.write(manifest(model).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            Files.move(whole, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(dl4j);
            Files.deleteIfExists(whole);
        }
    }

    static String manifest(TrainedModel model) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION);
        var labels = root.putArray("labels");
        model.labels().forEach(labels::add);
        ImagePreprocessing p = model.preprocessing();
        if (p != null) {
            root.putObject("preprocessing").put("type", "image").put("height", p.height()).put("width", p.width())
                    .put("channels", p.channels()).put("scale", "0-1");
        }
        root.set("spec", JSON.readTree(SpecJson.write(model.spec())));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Opens a model file; the message of a refusal names the file and says what is wrong with it. */
    public static TrainedModel load(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) throw new IOException(name + ": " + (Files.exists(file) ? "is not a file" : "does not exist"));
        if (Files.size(file) == 0) throw new IOException(name + ": is empty (0 bytes), not a model");
        JsonNode manifest;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IOException(name + ": " + (zip.getEntry("configuration.json") != null
                        ? "is a plain DL4J model without Model Studio's labels and input settings; it cannot be opened here"
                        : "is a zip file but not a Model Studio model"));
            }
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = JSON.readTree(in);
            }
        } catch (ZipException e) {
            throw new IOException(name + ": is not a Model Studio model file, or it is damaged (not a readable zip archive)", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(name + ": its " + ENTRY + " is damaged (" + e.getOriginalMessage() + ")", e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) throw new IOException(name + ": " + ENTRY + " is not a Model Studio model description");
        int version = manifest.path("version").asInt(-1);
        if (version > VERSION) {
            throw new IOException(name + ": was saved by a newer Model Studio (model format " + version
                    + "); this version opens format " + VERSION + " and older");
        }
        NetworkSpec spec;
        try {
            spec = SpecJson.read(JSON.writeValueAsString(manifest.path("spec")));
        } catch (SpecFormatException e) {
            throw new IOException(name + ": the network description inside is damaged: " + e.getMessage(), e);
        }
        List<String> labels = new ArrayList<>();
        manifest.path("labels").forEach(l -> labels.add(l.asText()));
        if (labels.isEmpty()) throw new IOException(name + ": has no class labels");
        ImagePreprocessing prep = null;
        JsonNode p = manifest.path("preprocessing");
        if (p.isObject()) prep = new ImagePreprocessing(p.path("height").asInt(), p.path("width").asInt(), p.path("channels").asInt());
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException(name + ": the weights inside cannot be read (" + e.getMessage() + ")", e);
        }
        return new TrainedModel(spec, labels, prep, net);
    }

    /** Writes only the manifest, for tools that want to know a model's classes without ND4J. */
    public static void writeManifest(TrainedModel model, OutputStream out) throws IOException {
        out.write(manifest(model).getBytes(StandardCharsets.UTF_8));
    }
}
