package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.infer.ModelNames;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.export.Compaction;
import org.modelstudio.engine.export.ExportRefusedException;
import org.modelstudio.engine.export.JavaCodeExport;
import org.modelstudio.engine.export.KerasCodeExport;
import org.modelstudio.engine.export.KerasH5Export;
import org.modelstudio.engine.export.ModelRepositoryExport;
import org.modelstudio.engine.export.OnnxExport;
import org.modelstudio.engine.keras.KerasImport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * {@code export}: a network spec as DL4J Java or Keras Python code, and a trained model as an ONNX file, as a Keras 2
 * .h5 file, as the next version of a model in a Triton/KServe model repository, or compact (fp16 or int8 weights) as a
 * model file or ONNX file.
 */
final class ExportCommand {
    private final PrintStream out;
    private final PrintStream err;

    ExportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> words) throws UsageException, SpecFormatException, IOException, InvalidNetworkException {
        Args a = Args.parse(words, Set.of("--out", "--onnx", "--triton", "--name", "--keras", "--compact", "--data", "--label", "--text"),
                Set.of("--java", "--keras"));
        String h5 = kerasFile(words, a);
        if (h5 != null) {
            List<String> models = new ArrayList<>(a.positional);
            models.remove(h5);
            if (models.size() != 1 || a.has("--java") || a.has("--out") || a.has("--onnx") || a.has("--triton") || a.has("--name")) {
                throw new UsageException(Texts.get("cli.export.usage-keras-h5"));
            }
            return exportKerasH5(models.get(0), h5);
        }
        if (a.has("--keras") && a.positional.size() == 1 && a.positional.get(0).endsWith(".zip")) {
            throw new UsageException(Texts.get("cli.export.keras-needs-file", a.positional.get(0)));
        }
        if (a.has("--compact")) {
            if (a.positional.size() != 1 || a.has("--java") || a.has("--keras") || a.has("--triton") || !(a.has("--out") || a.has("--onnx"))) {
                throw new UsageException(Texts.get("cli.export.usage-compact"));
            }
            return exportCompact(a);
        }
        if (a.has("--data") || a.has("--label") || a.has("--text")) {
            throw new UsageException(Texts.get("cli.export.data-without-compact"));
        }
        if (a.has("--triton")) {
            if (a.positional.size() != 1 || a.has("--java") || a.has("--keras") || a.has("--out") || a.has("--onnx")) {
                throw new UsageException(Texts.get("cli.export.usage-triton"));
            }
            return exportTriton(a.positional.get(0), a.get("--triton"), a.get("--name"));
        }
        if (a.has("--onnx")) {
            if (a.positional.size() != 1 || a.has("--java") || a.has("--keras") || a.has("--out")) {
                throw new UsageException(Texts.get("cli.export.usage-onnx"));
            }
            return exportOnnx(a.positional.get(0), a.get("--onnx"));
        }
        if (a.positional.size() != 1 || a.has("--java") == a.has("--keras")) {
            throw new UsageException(Texts.get("cli.export.usage"));
        }
        NetworkSpec spec = Cli.loadSpec(a.positional.get(0));
        String code;
        String file = a.get("--out");
        if (a.has("--java")) {
            String className = file == null ? JavaCodeExport.className(spec.name())
                    : Path.of(file).getFileName().toString().replaceFirst("\\.java$", "");
            if (!SourceVersion.isName(className)) {
                throw new UsageException(Texts.get("cli.export.java-class", file));
            }
            code = JavaCodeExport.export(spec, className);
        } else {
            code = KerasCodeExport.export(spec);
        }
        if (file == null) {
            out.print(code);
        } else {
            AtomicFiles.writeString(Path.of(file), code);
            out.println(Texts.get("cli.export.wrote", file));
        }
        return Cli.OK;
    }

    /** A trained model as an ONNX file; a spec instead of a model, or a file that cannot be written, is refused with the reason. */
    private int exportOnnx(String modelFile, String target) throws IOException {
        TrainedModel model = trainedModel(modelFile, "--onnx");
        if (!written(() -> OnnxExport.write(model, Path.of(target)), Texts.get("cli.export.cannot-write", target))) return Cli.BAD_INPUT;
        out.println(Texts.get("cli.export.wrote-onnx", target, OnnxExport.OPSET, OnnxExport.INPUT, model.regression() ? OnnxExport.VALUE
                : OnnxExport.PROBABILITIES));
        return Cli.OK;
    }

    /**
     * The .h5 file of {@code export MODEL.zip --keras OUT.h5} (or {@code --keras=OUT.h5}): the word after --keras when a
     * second word stands beside the model's; null for {@code export <spec> --keras}, which writes Keras code.
     */
    private static String kerasFile(List<String> words, Args a) {
        String given = a.get("--keras");
        if (given != null && !given.equals("true")) return given;
        int at = words.indexOf("--keras");
        if (at < 0 || a.positional.size() != 2) return null;
        return at + 1 < words.size() && a.positional.contains(words.get(at + 1)) ? words.get(at + 1) : a.positional.get(1);
    }

    /** A trained model as a Keras 2 .h5 file; a spec instead of a model, or a file that cannot be written, is refused with the reason. */
    private int exportKerasH5(String modelFile, String target) throws IOException {
        TrainedModel model = trainedModel(modelFile, "--keras");
        if (!written(() -> KerasH5Export.write(model, Path.of(target)), Texts.get("cli.export.cannot-write", target))) return Cli.BAD_INPUT;
        out.println(Texts.get("cli.export.wrote-keras", target, KerasH5Export.KERAS_VERSION, kerasInput(model),
                model.regression() ? Texts.get("cli.export.keras-output-value", model.labels().get(0))
                        : Texts.get("cli.export.keras-output-classes", model.labels().size()), KerasH5Export.DESCRIPTION));
        return Cli.OK;
    }

    /** What the Keras model takes, channels last. */
    private static String kerasInput(TrainedModel model) {
        if (model.spec().input() instanceof InputSpec.ImageInput img) {
            return Texts.get("cli.export.keras-images", img.height() + ", " + img.width() + ", " + img.channels());
        }
        if (model.spec().input() instanceof InputSpec.SequenceInput seq) return Texts.get("cli.export.keras-tokens", seq.length());
        return Texts.get("cli.export.keras-features", model.spec().input().shape().size());
    }

    /**
     * A trained model as the next version of a model in a Triton/KServe model repository (REPOSITORY/NAME/config.pbtxt,
     * REPOSITORY/NAME/V/model.onnx); the name defaults to one made from the model file's name.
     */
    private int exportTriton(String modelFile, String repository, String name) throws IOException {
        TrainedModel model = trainedModel(modelFile, "--triton");
        String modelName = name != null ? name : ModelNames.nameFor(Path.of(modelFile).getFileName().toString());
        int[] version = new int[1];
        if (!written(() -> version[0] = ModelRepositoryExport.write(model, Path.of(repository), modelName),
                Texts.get("cli.export.cannot-write-into", repository))) {
            return Cli.BAD_INPUT;
        }
        Path folder = Path.of(repository).resolve(modelName);
        out.println(Texts.get("cli.export.wrote-triton", folder, version[0], folder.resolve(ModelRepositoryExport.CONFIG),
                folder.resolve(Integer.toString(version[0])).resolve(ModelRepositoryExport.MODEL),
                modelName));
        return Cli.OK;
    }

    /**
     * A trained model made compact: the sizes and the accuracy (a regression: MAE) before and after, measured on --data or,
     * for a model of the Fashion-MNIST sample, its test images; then the compact model file (--out) and/or ONNX file (--onnx).
     */
    private int exportCompact(Args a) throws UsageException, IOException, InvalidNetworkException {
        Precision precision = Precision.fromId(a.get("--compact"));
        if (precision == null || precision == Precision.FLOAT32) {
            throw new UsageException(Texts.get("cli.export.compact-kind", a.get("--compact")));
        }
        TrainedModel model = trainedModel(a.positional.get(0), "--compact");
        EvaluationInput.Examples examples = new EvaluationInput(out, err).read(model, a, false);
        Compaction[] compaction = new Compaction[1];
        if (!written(() -> compaction[0] = Compaction.of(model, precision), Texts.get("cli.export.cannot-compact"))) return Cli.BAD_INPUT;
        Compaction c = compaction[0];
        NativeThreads.useDefault();
        CompactionReport report = examples == null ? c.report() : c.measure(examples.data(), examples.name(), new CancelToken(), f -> { });
        out.print(report.toTable());
        if (examples == null) {
            out.println(Texts.get("cli.export.measure-with-data"));
        }
        if (a.has("--out")) {
            String target = a.get("--out");
            if (!written(() -> c.save(Path.of(target)), Texts.get("cli.export.cannot-write", target))) return Cli.BAD_INPUT;
            out.println(Texts.get("cli.export.wrote-compact", target, precision.id()));
        }
        if (a.has("--onnx")) {
            String target = a.get("--onnx");
            if (!written(() -> OnnxExport.write(model, Path.of(target), precision), Texts.get("cli.export.cannot-write", target))) return Cli.BAD_INPUT;
            out.println(Texts.get("cli.export.wrote-compact-onnx", target, OnnxExport.OPSET, precision.id(),
                    CompactionReport.size(Files.size(Path.of(target))), OnnxExport.INPUT, model.regression() ? OnnxExport.VALUE : OnnxExport.PROBABILITIES));
        }
        return Cli.OK;
    }

    /** An export that may be refused or fail to write. */
    private interface Export {
        void write() throws IOException, ExportRefusedException;
    }

    /** Runs {@code export}; a refusal, or a write that failed ("{@code what}: the reason"), is said on the error stream. */
    private boolean written(Export export, String what) {
        try {
            export.write();
            return true;
        } catch (ExportRefusedException e) {
            err.println(Texts.get("cli.error", e.getMessage()));
        } catch (IOException e) {
            err.println(Texts.get("cli.error", what + ": " + AtomicFiles.reason(e)));
        }
        return false;
    }

    /** The trained model in {@code modelFile}; a spec given instead is refused with what to do. */
    private static TrainedModel trainedModel(String modelFile, String flag) throws IOException {
        String sample = modelFile.endsWith(".json") ? modelFile : modelFile + ".json";
        if (modelFile.endsWith(".json") || (!Files.exists(Path.of(modelFile)) && SampleData.SPEC_FILES.contains(sample))) {
            throw new IOException(Texts.get("cli.export.spec-not-model", flag, modelFile));
        }
        return KerasImport.loadModel(Path.of(modelFile));
    }
}
