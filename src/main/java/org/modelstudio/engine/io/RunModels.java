package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.TrainedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The models a training run leaves behind, kept in a project's run folder as {@code <runId>-<which>.zip}
 * ("run-3-best.zip", "run-3-last.zip"), written atomically through {@link ModelFile}.
 */
public final class RunModels {

    /** Letters, digits, '-', '_' and '.', not starting with '.': safe as part of a file name on every system. */
    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private RunModels() {}

    /** The file name a run's model is saved under. */
    public static String fileName(String runId, String which) {
        for (String part : new String[] {runId, which}) {
            if (part == null || !NAME_PART.matcher(part).matches()) {
                throw new IllegalArgumentException("\"" + part + "\" cannot be part of a file name; use letters, digits, '-', '_' and '.'");
            }
        }
        return runId + "-" + which + ".zip";
    }

    /** Saves {@code model} as {@code dir/<runId>-<which>.zip} (creating {@code dir}) and returns the file name. */
    public static String save(TrainedModel model, Path dir, String runId, String which) throws IOException {
        String name = fileName(runId, which);
        Files.createDirectories(dir);
        ModelFile.save(model, dir.resolve(name));
        return name;
    }

    /** Opens a run's model; a missing or damaged file is refused with a message that names it. */
    public static TrainedModel load(Path dir, String fileName) throws IOException {
        if (fileName == null || fileName.isBlank()) throw new IOException(Texts.get("engine.run-model.none"));
        Path file = dir.resolve(fileName);
        if (!Files.exists(file)) {
            throw new IOException(Texts.get("engine.run-model.missing", fileName, dir));
        }
        try {
            return ModelFile.load(file);
        } catch (IOException e) {
            throw new IOException(Texts.get("engine.run-model.unreadable", e.getMessage()), e);
        }
    }
}
