package org.modelstudio.engine.export;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.infer.ModelNames;
import org.modelstudio.engine.TrainedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A trained model as a model in a Triton (or KServe, which runs Triton's layout) model repository: {@code REPO/NAME/}
 * holds {@code config.pbtxt} (platform {@code onnxruntime_onnx}, the input and output with their types and dims,
 * {@code max_batch_size}, dynamic batching), {@code labels.txt} for a classifier, and one folder per version with its
 * {@code model.onnx} ({@link OnnxExport}). Exporting to a name that is already there adds the next version, as the
 * studio's own server publishes one, so the serving side picks up a retrained model without being reconfigured;
 * a model whose input or output differs from the folder's is refused.
 *
 * <p>Both servers speak the Open Inference Protocol (v2), as the studio's server does, with the same tensor names,
 * so a client of {@code serve} calls the exported model unchanged: {@code POST /v2/models/NAME/infer} with an
 * {@code input} tensor.
 */
public final class ModelRepositoryExport {
    public static final String CONFIG = "config.pbtxt";
    public static final String LABELS = "labels.txt";
    public static final String MODEL = "model.onnx";
    /** The largest batch Triton may form; the studio's server batches up to 64 by default too. */
    public static final int MAX_BATCH = 64;
    private static final Pattern VERSION = Pattern.compile("\\d+");

    private ModelRepositoryExport() {}

    /**
     * Writes {@code model} as model {@code name} in {@code repository}, as its version 1 or the next one.
     *
     * @return the version written
     * @throws ExportRefusedException when the name is not an identifier, the model cannot be written as ONNX exactly,
     *                                or the folder holds a model with another input or output
     */
    public static int write(TrainedModel model, Path repository, String name) throws IOException, ExportRefusedException {
        if (!ModelNames.isName(name)) {
            throw new ExportRefusedException(Texts.get("engine.export.model-name", name));
        }
        byte[] onnx = OnnxExport.export(model).toByteArray();
        String config = config(model, name);
        Path folder = repository.resolve(name);
        Path configFile = folder.resolve(CONFIG);
        if (Files.exists(configFile) && !Files.readString(configFile).equals(config)) {
            throw new ExportRefusedException(Texts.get("engine.export.other-model", configFile));
        }
        int version = nextVersion(folder);
        Files.createDirectories(folder.resolve(Integer.toString(version)));
        AtomicFiles.write(folder.resolve(Integer.toString(version)).resolve(MODEL), onnx);
        if (!model.regression()) AtomicFiles.writeString(folder.resolve(LABELS), String.join("\n", model.labels()) + "\n");
        AtomicFiles.writeString(configFile, config);
        return version;
    }

    /** One more than the highest numbered version folder in {@code folder}, 1 when there is none. */
    static int nextVersion(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return 1;
        try (Stream<Path> entries = Files.list(folder)) {
            OptionalInt highest = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> VERSION.matcher(n).matches() && n.length() < 10).mapToInt(Integer::parseInt).max();
            return highest.isPresent() ? highest.getAsInt() + 1 : 1;
        }
    }

    /** The model's {@code config.pbtxt}. */
    public static String config(TrainedModel model, String name) {
        Shape in = ShapeInference.analyse(model.spec()).inputShape();
        String inputType = in instanceof Shape.Tokens ? "TYPE_INT64" : "TYPE_FP32";
        long[] inputDims = in instanceof Shape.Image img ? new long[] {img.channels(), img.height(), img.width()}
                : in instanceof Shape.Tokens t ? new long[] {t.length()} : new long[] {in.size()};
        boolean regression = model.regression();
        String output = regression ? OnnxExport.VALUE : OnnxExport.PROBABILITIES;
        long outputs = regression ? 1 : model.labels().size();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "name: \"%s\"%nplatform: \"onnxruntime_onnx\"%nmax_batch_size: %d%n", name, MAX_BATCH));
        b.append(String.format(Locale.ROOT, "input [%n  {%n    name: \"%s\"%n    data_type: %s%n    dims: [ %s ]%n  }%n]%n",
                OnnxExport.INPUT, inputType, dims(inputDims)));
        b.append(String.format(Locale.ROOT, "output [%n  {%n    name: \"%s\"%n    data_type: TYPE_FP32%n    dims: [ %d ]%n%s  }%n]%n",
                output, outputs, regression ? "" : "    label_filename: \"" + LABELS + "\"\n"));
        b.append(String.format(Locale.ROOT, "dynamic_batching {%n  max_queue_delay_microseconds: 1000%n}%n"));
        return b.toString();
    }

    private static String dims(long[] dims) {
        return IntStream.range(0, dims.length).mapToObj(i -> Long.toString(dims[i])).collect(Collectors.joining(", "));
    }

    /** The "dims" of the input in {@code config} (for tests). */
    static long[] inputDims(String config) {
        Matcher m = Pattern.compile("input \\[\\s*\\{[^}]*dims: \\[ ([0-9, ]+) \\]").matcher(config);
        if (!m.find()) return new long[0];
        return Stream.of(m.group(1).split(",\\s*")).mapToLong(Long::parseLong).toArray();
    }
}
