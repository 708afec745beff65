package org.modelstudio.cli;

import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.core.events.CancelToken;
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
import java.util.Locale;
import java.util.Set;

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
                throw new UsageException("export --keras with a trained model takes the model and the .h5 file to write: export <MODEL.zip> --keras OUT.h5");
            }
            return exportKerasH5(models.get(0), h5);
        }
        if (a.has("--keras") && a.positional.size() == 1 && a.positional.get(0).endsWith(".zip")) {
            throw new UsageException("export --keras needs the .h5 file to write a trained model to: export " + a.positional.get(0) + " --keras OUT.h5");
        }
        if (a.has("--compact")) {
            if (a.positional.size() != 1 || a.has("--java") || a.has("--keras") || a.has("--triton") || !(a.has("--out") || a.has("--onnx"))) {
                throw new UsageException("export --compact takes one trained model and the file to write: export <MODEL.zip> --compact fp16|int8 "
                        + "--out SMALL.zip [--data DIR|FILE.csv] (or --onnx OUT.onnx, or both)");
            }
            return exportCompact(a);
        }
        if (a.has("--data") || a.has("--label") || a.has("--text")) {
            throw new UsageException("--data, --label and --text say what export --compact measures the model on; without --compact they mean nothing");
        }
        if (a.has("--triton")) {
            if (a.positional.size() != 1 || a.has("--java") || a.has("--keras") || a.has("--out") || a.has("--onnx")) {
                throw new UsageException("export --triton takes one trained model and the model repository to write into: "
                        + "export <MODEL.zip> --triton REPOSITORY [--name NAME]");
            }
            return exportTriton(a.positional.get(0), a.get("--triton"), a.get("--name"));
        }
        if (a.has("--onnx")) {
            if (a.positional.size() != 1 || a.has("--java") || a.has("--keras") || a.has("--out")) {
                throw new UsageException("export --onnx takes one trained model and the file to write: export <MODEL.zip> --onnx OUT.onnx");
            }
            return exportOnnx(a.positional.get(0), a.get("--onnx"));
        }
        if (a.positional.size() != 1 || a.has("--java") == a.has("--keras")) {
            throw new UsageException("export takes one spec and --java or --keras: export <spec> --java [--out FILE]"
                    + ", or a trained model and --onnx or --keras: export <MODEL.zip> --onnx OUT.onnx, export <MODEL.zip> --keras OUT.h5");
        }
        NetworkSpec spec = Cli.loadSpec(a.positional.get(0));
        String code;
        String file = a.get("--out");
        if (a.has("--java")) {
            String className = file == null ? JavaCodeExport.className(spec.name())
                    : Path.of(file).getFileName().toString().replaceFirst("\\.java$", "");
            if (!javax.lang.model.SourceVersion.isName(className)) {
                throw new UsageException("--out for Java must be a file named after a class, such as SmallCnn.java, not " + file);
            }
            code = JavaCodeExport.export(spec, className);
        } else {
            code = KerasCodeExport.export(spec);
        }
        if (file == null) {
            out.print(code);
        } else {
            AtomicFiles.writeString(Path.of(file), code);
            out.println("Wrote " + file);
        }
        return Cli.OK;
    }

    /** A trained model as an ONNX file; a spec instead of a model, or a file that cannot be written, is refused with the reason. */
    private int exportOnnx(String modelFile, String target) throws IOException {
        TrainedModel model = trainedModel(modelFile, "--onnx");
        if (!written(() -> OnnxExport.write(model, Path.of(target)), "cannot write " + target)) return Cli.BAD_INPUT;
        out.printf(Locale.ROOT, "Wrote %s (ONNX, opset %d): input \"%s\", output \"%s\"; labels and input preparation in its metadata%n",
                target, OnnxExport.OPSET, OnnxExport.INPUT, model.regression() ? OnnxExport.VALUE : OnnxExport.PROBABILITIES);
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
        if (!written(() -> KerasH5Export.write(model, Path.of(target)), "cannot write " + target)) return Cli.BAD_INPUT;
        out.printf(Locale.ROOT, "Wrote %s (Keras %s HDF5, for tf.keras.models.load_model): input %s, output %s; labels and input "
                        + "preparation in its \"%s\" attribute%n", target, KerasH5Export.KERAS_VERSION, kerasInput(model),
                model.regression() ? "the predicted \"" + model.labels().get(0) + "\" [N, 1]" : "each class's probability [N, " + model.labels().size() + "]",
                KerasH5Export.DESCRIPTION);
        return Cli.OK;
    }

    /** What the Keras model takes, channels last. */
    private static String kerasInput(TrainedModel model) {
        if (model.spec().input() instanceof org.modelstudio.core.graph.InputSpec.ImageInput img) {
            return "[N, " + img.height() + ", " + img.width() + ", " + img.channels() + "] images (values 0-1)";
        }
        if (model.spec().input() instanceof org.modelstudio.core.graph.InputSpec.SequenceInput seq) return "[N, " + seq.length() + "] token ids";
        return "[N, " + model.spec().input().shape().size() + "] prepared features";
    }

    /**
     * A trained model as the next version of a model in a Triton/KServe model repository (REPOSITORY/NAME/config.pbtxt,
     * REPOSITORY/NAME/V/model.onnx); the name defaults to one made from the model file's name.
     */
    private int exportTriton(String modelFile, String repository, String name) throws IOException {
        TrainedModel model = trainedModel(modelFile, "--triton");
        String modelName = name != null ? name : ModelNames.nameFor(Path.of(modelFile).getFileName().toString());
        int[] version = new int[1];
        if (!written(() -> version[0] = ModelRepositoryExport.write(model, Path.of(repository), modelName), "cannot write into " + repository)) {
            return Cli.BAD_INPUT;
        }
        Path folder = Path.of(repository).resolve(modelName);
        out.printf(Locale.ROOT, "Wrote %s version %d (%s, %s); Triton and KServe serve it at /v2/models/%s/infer, as serve does%n",
                folder, version[0], folder.resolve(ModelRepositoryExport.CONFIG), folder.resolve(Integer.toString(version[0])).resolve(ModelRepositoryExport.MODEL),
                modelName);
        return Cli.OK;
    }

    /**
     * A trained model made compact: the sizes and the accuracy (a regression: MAE) before and after, measured on --data or,
     * for a model of the Fashion-MNIST sample, its test images; then the compact model file (--out) and/or ONNX file (--onnx).
     */
    private int exportCompact(Args a) throws UsageException, IOException, InvalidNetworkException {
        Precision precision = Precision.fromId(a.get("--compact"));
        if (precision == null || precision == Precision.FLOAT32) {
            throw new UsageException("--compact takes fp16 (half floats) or int8 (8-bit integers, a scale per output channel), not \"" + a.get("--compact") + "\"");
        }
        TrainedModel model = trainedModel(a.positional.get(0), "--compact");
        EvaluationInput.Examples examples = new EvaluationInput(out, err).read(model, a, false);
        Compaction[] compaction = new Compaction[1];
        if (!written(() -> compaction[0] = Compaction.of(model, precision), "cannot make the compact model")) return Cli.BAD_INPUT;
        Compaction c = compaction[0];
        NativeThreads.useDefault();
        CompactionReport report = examples == null ? c.report() : c.measure(examples.data(), examples.name(), new CancelToken(), f -> { });
        out.print(report.toTable());
        if (examples == null) {
            out.println("To measure it, give labelled examples with --data (an image folder, or a CSV or text file as the model was trained on).");
        }
        if (a.has("--out")) {
            String target = a.get("--out");
            if (!written(() -> c.save(Path.of(target)), "cannot write " + target)) return Cli.BAD_INPUT;
            out.printf(Locale.ROOT, "Wrote %s (%s weights; predict, evaluate and serve open it as any model file)%n", target, precision.id());
        }
        if (a.has("--onnx")) {
            String target = a.get("--onnx");
            if (!written(() -> OnnxExport.write(model, Path.of(target), precision), "cannot write " + target)) return Cli.BAD_INPUT;
            out.printf(Locale.ROOT, "Wrote %s (ONNX, opset %d, %s weights, %s): input \"%s\", output \"%s\"%n", target, OnnxExport.OPSET,
                    precision.id(), CompactionReport.size(Files.size(Path.of(target))), OnnxExport.INPUT,
                    model.regression() ? OnnxExport.VALUE : OnnxExport.PROBABILITIES);
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
            err.println("error: " + e.getMessage());
        } catch (IOException e) {
            err.println("error: " + what + ": " + AtomicFiles.reason(e));
        }
        return false;
    }

    /** The trained model in {@code modelFile}; a spec given instead is refused with what to do. */
    private static TrainedModel trainedModel(String modelFile, String flag) throws IOException {
        String sample = modelFile.endsWith(".json") ? modelFile : modelFile + ".json";
        if (modelFile.endsWith(".json") || (!Files.exists(Path.of(modelFile)) && SampleData.SPEC_FILES.contains(sample))) {
            throw new IOException(flag + " exports a trained model (a .zip written by train … --out), and " + modelFile
                    + " is a network spec; train it first: train " + modelFile + " --out model.zip");
        }
        return KerasImport.loadModel(Path.of(modelFile));
    }
}
