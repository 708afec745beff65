package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.i18n.Words;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.engine.keras.KerasImportException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code import MODEL.h5 --out MODEL.zip [--input image:HxWxC|features:N|tokens:N] [--pixels 0..1|0..255] [--labels FILE]}:
 * a Keras .h5 file as a studio model file (see {@link KerasImport}). Without --input the proposed reading is taken and
 * printed, with the others that fit.
 */
final class ImportCommand {
    private final PrintStream out;

    ImportCommand(PrintStream out) { this.out = out; }

    int run(List<String> words) throws UsageException, IOException {
        Args a = Args.parse(words, Set.of("--out", "--input", "--pixels", "--labels"), Set.of());
        if (a.positional.size() != 1 || !a.has("--out")) {
            throw new UsageException(Texts.get("cli.import.usage"));
        }
        ModelReading reading = null;
        try {
            if (a.has("--input")) reading = ModelReading.parse(a.get("--input"), a.get("--pixels"));
            else if (a.has("--pixels")) throw new UsageException(Texts.get("cli.import.pixels"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path source = Path.of(a.positional.get(0));
        Path target = Path.of(a.get("--out"));
        KerasImport.Opened opened;
        try {
            opened = KerasImport.open(source, reading, a.has("--labels") ? Path.of(a.get("--labels")) : null);
        } catch (KerasImportException e) {
            throw new IOException(e.getMessage(), e);
        }
        TrainedModel model = opened.model();
        ModelFile.save(model, target);
        out.println(Texts.get("cli.import.opened", source.getFileName(), opened.kerasVersion() + (opened.backend().isEmpty() ? "" : ", " + opened.backend()),
                opened.kerasLayers(), model.spec().layers().size(), Texts.number(model.parameterCount())));
        String option = opened.reading().id()
                + (opened.reading().kind() == ModelReading.Kind.IMAGE ? " --pixels " + (opened.reading().pixels255() ? "0..255" : "0..1") : "");
        out.println(Texts.get(reading == null ? "cli.import.input-proposed" : "cli.import.input", opened.reading().describe(), option));
        if (reading == null && opened.readings().size() > 1) {
            out.println(Texts.get("cli.import.other-readings", opened.readings().stream().skip(1)
                    .map(r -> r.id() + (r.kind() == ModelReading.Kind.IMAGE ? " --pixels " + (r.pixels255() ? "0..255" : "0..1") : ""))
                    .collect(Collectors.joining(", "))));
        }
        if (model.spec().fixed()) {
            out.println(Texts.get("cli.import.fixed", model.spec().layers().stream().filter(l -> l instanceof LayerSpec.Fixed).map(l -> {
                        LayerSpec.Fixed f = (LayerSpec.Fixed) l;
                        return f.kind() + " " + f.name() + (f.reason().isEmpty() || f.reason().startsWith("no block") ? "" : " (" + f.reason() + ")");
                    }).collect(Collectors.joining("; "))));
            out.println(Texts.get("cli.import.fixed-can", target.getFileName()));
        }
        out.println(Texts.get("cli.import.agrees", String.format(Locale.ROOT, "%.1e", opened.maxDifference())));
        out.println(Texts.get("cli.import.labels", Words.list(model.labels().subList(0, Math.min(10, model.labels().size())))
                + (model.labels().size() > 10 ? Texts.get("core.list.separator") + "…" : "")));
        out.println(Texts.get("cli.import.saved", target));
        return 0;
    }
}
