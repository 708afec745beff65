package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.infer.ModelSignature;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.ui.common.AppDirs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the client examples send, so that they run as shown: for an image model the absolute path of a shipped example
 * image, for a text model a sentence, for a table model a row of the training means (and each column's first category).
 */
final class ExampleInputs {
    static final String IMAGE = "ankle-boot-1.png";

    private ExampleInputs() {}

    /**
     * A shipped example image as a file: in the samples folder beside the app (the installed app's, or {@code sample-models/}
     * of a source tree), else copied once from inside the app to the studio's data folder. Reads or writes files: not on
     * the FX thread. Empty if neither works.
     */
    static Optional<Path> exampleImage() {
        Optional<Path> shipped = AppDirs.samplesDir().map(d -> d.resolve("fashion-mnist/examples/" + IMAGE)).filter(Files::isRegularFile);
        if (shipped.isPresent()) return shipped;
        Path copy = AppDirs.dataDir().resolve("examples").resolve(IMAGE).toAbsolutePath();
        if (Files.isRegularFile(copy)) return Optional.of(copy);
        try (InputStream in = SampleData.exampleImage(IMAGE)) {
            Files.createDirectories(copy.getParent());
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(copy);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The input the examples for {@code model} send; {@code image} is {@link #exampleImage()}'s file. */
    static String sample(ModelSignature signature, TrainedModel model, Path image) {
        return switch (signature.kind()) {
            case IMAGE -> image == null ? "photo.png" : image.toString();
            case TEXT -> Texts.get("ui.serve.example-text");
            case TABLE -> model.preparation() instanceof InputPreparation.Table table ? row(table) : String.join(",", signature.columns());
            case PREPARED -> "";
        };
    }

    /** A CSV row of the training means, and the first category of each categorical column. */
    static String row(InputPreparation.Table table) {
        List<String> cells = new ArrayList<>();
        for (InputPreparation.Column c : table.columns()) {
            String v = c.kind() == InputPreparation.Kind.NUMERIC ? number(c.mean()) : c.categories().isEmpty() ? "" : c.categories().get(0);
            cells.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", cells);
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceFirst("0+$", "").replaceFirst("\\.$", "") : s;
    }
}
