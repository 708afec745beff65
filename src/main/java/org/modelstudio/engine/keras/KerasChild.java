package org.modelstudio.engine.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.NativeMemory;
import org.modelstudio.engine.io.ModelFile;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The child process that opens a Keras file ({@link KerasImport} starts it): {@code IN.h5 OUT.zip [INPUT PIXELS [LABELS]]}.
 * It prints one line that starts with {@value #RESULT} and holds JSON: what it opened, or why not. If native code
 * crashes, only this process ends, without that line.
 */
public final class KerasChild {
    static final String RESULT = "KERAS-IMPORT ";
    /** The language the parent speaks (a language tag), so that the child's reasons are in it. */
    static final String LANGUAGE = "modelstudio.keras.language";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasChild() {}

    public static void main(String[] args) {
        ObjectNode out = JSON.createObjectNode();
        int code = 0;
        String language = System.getProperty(LANGUAGE);
        if (language != null && !language.isBlank()) Texts.use(Locale.forLanguageTag(language));
        try {
            NativeMemory.configure();
            Path in = Path.of(args[0]);
            Path zip = Path.of(args[1]);
            ModelReading reading = args.length > 2 && !args[2].isEmpty() ? ModelReading.parse(args[2], args[3]) : null;
            List<String> labels = args.length > 4 && !args[4].isEmpty()
                    ? Files.readAllLines(Path.of(args[4]), StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty()).toList()
                    : null;
            KerasConversion.Converted c = KerasConversion.convert(in, reading, labels);
            ModelFile.save(c.model(), zip);
            out.put("ok", true).put("reading", c.reading().id() + (c.reading().pixels255() ? " 0..255" : ""))
                    .put("kerasVersion", c.kerasVersion()).put("backend", c.backend()).put("kerasLayers", c.kerasLayers())
                    .put("maxDifference", c.maxDifference());
            var readings = out.putArray("readings");
            for (ModelReading r : c.readings()) readings.add(r.id() + (r.pixels255() ? " 0..255" : ""));
        } catch (KerasImportException | IllegalArgumentException e) {
            out.put("ok", false).put("message", e.getMessage());
            code = 2;
        } catch (Throwable t) {
            out.put("ok", false).put("message", Texts.get("engine.keras.child-failed", t));
            code = 3;
        }
        // UTF-8 whatever the platform's encoding: the parent reads it so, and the reasons may be in Chinese
        PrintStream utf8 = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        utf8.println(RESULT + out);
        utf8.flush();
        System.exit(code);
    }
}
