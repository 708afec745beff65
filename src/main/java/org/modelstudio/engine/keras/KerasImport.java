package org.modelstudio.engine.keras;

import org.modelstudio.core.i18n.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ModelFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Opens a Keras .h5 file (Keras 1 and 2, tf.keras, in HDF5) as a studio model, for the window, the CLI and the server.
 *
 * <p>DL4J's Keras importer runs native code (HDF5, libnd4j) on whatever the file declares, and some files crash the
 * whole JVM there. So the file is opened in a child JVM ({@link KerasChild}) that writes an ordinary studio model
 * file; this process only reads that file back. A crash, a hang or an out-of-memory ends the child, and the person
 * gets a sentence instead of losing the studio.
 */
public final class KerasImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the child may take before it is stopped. */
    public static final long TIMEOUT_SECONDS = 180;

    /**
     * An opened file: the model, how its input was read, the readings that fit its input (the proposal first), the
     * file's Keras version and backend, its number of Keras layers, and the largest output difference found between the
     * studio's network and DL4J's own import of the file.
     */
    public record Opened(TrainedModel model, ModelReading reading, List<ModelReading> readings, String kerasVersion,
                         String backend, int kerasLayers, double maxDifference) {}

    private KerasImport() {}

    /**
     * @param reading how to read the model's input, or null to take the proposal (see {@link Opened#readings()})
     * @param labels  a text file with one class name per line, or null for "class 0", "class 1", …
     * @throws KerasImportException with a sentence that names the file and what stopped it; nothing is left behind
     */
    public static Opened open(Path file, ModelReading reading, Path labels) throws KerasImportException {
        String shown = file.getFileName().toString();
        if (!Files.isRegularFile(file)) throw new KerasImportException(Texts.get("engine.keras.no-file", shown));
        KerasConversion.checkSignature(file, shown);   // the cheapest refusal needs no child process
        if (labels != null && !Files.isRegularFile(labels)) throw new KerasImportException(Texts.get("engine.keras.no-labels", labels));
        Path work;
        try {
            work = Files.createTempDirectory("modelstudio-keras-");
        } catch (IOException e) {
            throw new KerasImportException(Texts.get("engine.keras.no-temp", shown, e.getMessage()), e);
        }
        try {
            Path out = work.resolve("model.zip");
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g", "-XX:+UseSerialGC",
                    "-XX:ErrorFile=" + work.resolve("crash.log"), "-cp", System.getProperty("java.class.path")));
            System.getProperties().stringPropertyNames().stream().sorted()
                    .filter(k -> k.startsWith("org.bytedeco.") || k.equals("java.library.path") || k.startsWith("org.eclipse.deeplearning4j.")
                            || k.startsWith("modelstudio.keras."))
                    .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
            command.add("-D" + KerasChild.LANGUAGE + "=" + Texts.locale().toLanguageTag());
            command.add(KerasChild.class.getName());
            command.add(file.toAbsolutePath().toString());
            command.add(out.toString());
            command.add(reading == null ? "" : reading.id());
            command.add(reading == null ? "" : reading.pixels255() ? "0..255" : "0..1");
            command.add(labels == null ? "" : labels.toAbsolutePath().toString());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            ArrayDeque<String> tail = new ArrayDeque<>();
            String[] result = new String[1];
            AtomicLong crashedAt = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith(KerasChild.RESULT)) result[0] = line.substring(KerasChild.RESULT.length());
                        if (line.contains("A fatal error has been detected")) crashedAt.compareAndSet(0, System.nanoTime());
                        synchronized (tail) {
                            tail.add(line);
                            if (tail.size() > 200) tail.removeFirst();
                        }
                    }
                } catch (IOException ignored) {
                    // the child ended
                }
            }, "keras-import-output");
            reader.setDaemon(true);
            reader.start();
            long limit = Long.getLong("modelstudio.keras.timeoutSeconds", TIMEOUT_SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limit);
            while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
                // After a native crash the JVM writes its report and may then never exit (DL4J's crashed op keeps a thread
                // spinning): two seconds for the report's first lines, then the child is stopped.
                long crashed = crashedAt.get();
                if (crashed != 0 && System.nanoTime() - crashed > TimeUnit.SECONDS.toNanos(2)) {
                    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new KerasImportException(Texts.get("engine.keras.timeout", shown, limit));
                }
            }
            reader.join(5000);
            if (result[0] == null) {
                String frame;
                synchronized (tail) {
                    frame = tail.stream().filter(l -> l.contains("Problematic frame") || l.startsWith("# C ") || l.contains("OutOfMemory"))
                            .reduce((a, b) -> a + " " + b).orElse(Texts.get("engine.keras.exit-code", child.exitValue()));
                    frame = frame.replaceAll("\\s+", " ");
                }
                throw new KerasImportException(Texts.get("engine.keras.crashed", shown, frame.replace('#', ' ').strip()));
            }
            JsonNode r = JSON.readTree(result[0]);
            if (!r.path("ok").asBoolean()) throw new KerasImportException(r.path("message").asText(Texts.get("engine.keras.failed", shown)));
            TrainedModel model = ModelFile.load(out);
            List<ModelReading> readings = new ArrayList<>();
            for (JsonNode id : r.path("readings")) readings.add(parse(id.asText()));
            return new Opened(model, parse(r.path("reading").asText()), readings, r.path("kerasVersion").asText(),
                    r.path("backend").asText(), r.path("kerasLayers").asInt(), r.path("maxDifference").asDouble());
        } catch (IOException e) {
            throw new KerasImportException(Texts.get("engine.keras.failed-because", shown, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KerasImportException(Texts.get("engine.keras.interrupted", shown), e);
        } finally {
            delete(work);
        }
    }

    /**
     * A model from a file of either kind, for the commands and the server that take "a model file": a studio model file,
     * or a Keras .h5 file opened as {@link #open} opens it, with the proposed reading and "class N" labels (use
     * {@code import} to choose them and keep the result).
     */
    public static TrainedModel loadModel(Path file) throws IOException {
        if (isKerasFile(file)) {
            try {
                return open(file, null, null).model();
            } catch (KerasImportException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return ModelFile.load(file);
    }

    /** Whether the file's name says it is a Keras model (.h5 or .hdf5). */
    public static boolean isKerasFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5");
    }

    private static ModelReading parse(String id) {
        String[] parts = id.split(" ");
        return ModelReading.parse(parts[0], parts.length > 1 ? parts[1] : null);
    }

    /** The java of the running runtime: the JDK's, or the one jlink put into an installed studio. */
    private static String javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path exe = bin.resolve(System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        return exe.toString();
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is removed by the system
        }
    }
}
