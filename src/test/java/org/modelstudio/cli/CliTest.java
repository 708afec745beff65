package org.modelstudio.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.CsvLine;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.export.KerasImportRun;
import org.modelstudio.engine.export.OnnxRuntimeRun;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.train.BatchIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line, driven in-process: exit codes, what goes to stdout and what to stderr. */
class CliTest {

    /** One run's exit code and output. */
    record Run(int code, String out, String err) {
        List<String> outLines() { return lines(out); }
        List<String> errLines() { return lines(err); }
        private static List<String> lines(String s) { return s.lines().filter(l -> !l.isBlank()).toList(); }
        @Override public String toString() { return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err; }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ help and usage errors

    @Test void helpPrintsUsage() {
        for (String h : List.of("--help", "-h", "help")) {
            Run r = cli(h);
            assertEquals(Cli.OK, r.code(), r.toString());
            assertTrue(r.out().contains("Usage:"), r.toString());
            for (String cmd : List.of("summary", "train", "evaluate", "predict", "bench")) assertTrue(r.out().contains(cmd), cmd);
            assertEquals("", r.err());
        }
    }

    @Test void noArgumentsPrintsHelp() {
        Run r = cli();
        assertEquals(Cli.OK, r.code());
        assertEquals(cli("--help").out(), r.out());
    }

    @Test void unknownCommand() {
        Run r = cli("frobnicate", "x");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("unknown command \"frobnicate\""), r.toString());
        assertTrue(r.err().contains("--help"), r.toString());
        assertEquals("", r.out());
    }

    @Test void trainWithoutOut() {
        Run r = cli("train", "mlp");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--out"), r.toString());
    }

    @Test void trainWithNonNumericEpochs(@TempDir Path dir) {
        Path out = dir.resolve("x.zip");
        Run r = cli("train", "mlp", "--epochs", "abc", "--out", out.toString());
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--epochs needs a whole number, not \"abc\""), r.toString());
        assertFalse(Files.exists(out), "nothing trained or saved");
    }

    @Test void unknownOptionAndMissingValue() {
        Run r = cli("train", "mlp", "--out", "x.zip", "--colour", "red");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("unknown option --colour"), r.toString());
        r = cli("train", "mlp", "--out");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--out needs a value"), r.toString());
    }

    // ------------------------------------------------------------------ summary

    @Test void summaryOfAShippedSample() {
        Run r = cli("summary", "small-cnn");
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("Total parameters: 421,642"), r.toString());
        assertTrue(r.out().contains("Conv2D"), r.toString());
        assertEquals("", r.err());
    }

    @Test void summaryIsTheSameInAnyLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);   // groups digits as 121.930
            Run r = cli("summary", "small-cnn");
            assertEquals(Cli.OK, r.code(), r.toString());
            assertTrue(r.out().contains("Total parameters: 421,642"), r.toString());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test void summaryOfASpecWithAWrongFieldType(@TempDir Path dir) throws Exception {
        String json = SpecJson.write(TestData.barCnn(1)).replaceFirst("\"filters\" : 8", "\"filters\" : \"eight\"");
        assertTrue(json.contains("\"eight\""), "the spec was altered: " + json);
        Path spec = Files.writeString(dir.resolve("bad.json"), json);
        Run r = cli("summary", spec.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("bad.json"), r.toString());
        assertTrue(r.err().contains("layers[0].filters"), r.toString());
        assertTrue(r.err().contains("whole number"), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    @Test void summaryOfASpecWhoseKernelIsLargerThanItsInput(@TempDir Path dir) throws Exception {
        NetworkSpec tooSmall = new NetworkSpec("tiny", "", new InputSpec.ImageInput(4, 4, 1), List.of(
                new LayerSpec.Conv2D(4, 5, Activation.RELU),
                new LayerSpec.Flatten(), new LayerSpec.Output(2)), TestData.barCnn(1).training());
        Path spec = dir.resolve("tiny.json");
        SpecJson.write(tooSmall, spec);
        Run r = cli("summary", spec.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.out().contains("its 5×5 kernel is larger than its 4×4 input"), r.toString());
    }

    @Test void theTextClassifierTemplateIsSummarisedAndExportedAndAsksForTexts(@TempDir Path dir) {
        Run summary = cli("summary", "text-classifier");
        assertEquals(Cli.OK, summary.code(), summary.toString());
        assertTrue(summary.out().contains("256 tokens") && summary.out().contains("Total parameters: 512,132"), summary.toString());
        Run keras = cli("export", "text-classifier", "--keras");
        assertEquals(Cli.OK, keras.code(), keras.toString());
        assertTrue(keras.out().contains("layers.Embedding(16000, 32"), keras.toString());
        Run train = cli("train", "text-classifier", "--out", dir.resolve("m.zip").toString());
        assertEquals(Cli.USAGE, train.code(), train.toString());
        assertTrue(train.err().contains("this network takes texts: give them with --data"), train.toString());
    }

    @Test void summaryOfSomethingThatIsNeitherFileNorSample() {
        Run r = cli("summary", "no-such-spec");
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("no-such-spec") && r.err().contains("not a shipped sample"), r.toString());
        assertTrue(r.err().contains("lenet, text-classifier, tabular-mlp, tabular-regression, text-classifier-zh)"), r.toString());
    }

    // ------------------------------------------------------------------ train → evaluate → predict on files

    @TempDir static Path work;
    private static Path data;
    private static Path model;
    private static Run trained;

    @BeforeAll static void trainOnABarFolder() throws Exception {
        data = TestData.barFolder(work.resolve("data"), 40, 11);
        Path spec = work.resolve("bars.json");
        SpecJson.write(TestData.barCnn(4), spec);
        model = work.resolve("out").resolve("bars.zip");
        trained = cli("train", spec.toString(), "--data", data.toString(), "--out", model.toString(), "--validation", "0.2");
    }

    @Test void trainPrintsOneLinePerEpochAndSaves() {
        assertEquals(Cli.OK, trained.code(), trained.toString());
        assertTrue(Files.isRegularFile(model), "model written");
        assertTrue(trained.out().contains("Read 120 images in 3 classes"), trained.toString());
        assertTrue(trained.out().contains("on 96 examples, validating on 24, for 4 epochs"), trained.toString());
        List<String> epochs = trained.outLines().stream().filter(l -> l.startsWith("epoch ")).toList();
        assertEquals(4, epochs.size(), trained.toString());
        for (int i = 0; i < 4; i++) {
            assertTrue(epochs.get(i).startsWith("epoch " + (i + 1) + " "), epochs.get(i));
            assertTrue(epochs.get(i).contains("val_accuracy"), epochs.get(i));
        }
        assertTrue(trained.outLines().get(trained.outLines().size() - 1).startsWith("Saved " + model), trained.toString());
        assertEquals("", trained.err());
    }

    @Test void keepBestSavesTheBestValidationEpoch(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bars.json");
        SpecJson.write(TestData.barCnn(3), spec);
        Run best = cli("train", spec.toString(), "--data", data.toString(), "--out", dir.resolve("b.zip").toString(),
                "--validation", "0.2", "--keep", "best");
        assertEquals(Cli.OK, best.code(), best.toString());
        assertTrue(best.out().matches("(?s).*Saved .*b\\.zip, the model from epoch [123], best on validation \\(\\d+\\.\\d%\\).*"), best.out());
        Run wrong = cli("train", spec.toString(), "--out", dir.resolve("c.zip").toString(), "--keep", "first");
        assertEquals(Cli.USAGE, wrong.code());
        assertTrue(wrong.err().contains("--keep takes last or best"), wrong.err());
    }

    @Test void earlyStopEndsTrainingOnceTheValidationLossStopsImproving(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bars.json");
        SpecJson.write(TestData.barCnn(40), spec);
        Path out = dir.resolve("e.zip");
        // A high rate makes the validation loss wobble once the bars are learnt.
        Run r = cli("train", spec.toString(), "--data", data.toString(), "--out", out.toString(), "--validation", "0.2",
                "--lr", "0.1", "--early-stop", "1");
        assertEquals(Cli.OK, r.code(), r.toString());
        List<String> epochs = r.outLines().stream().filter(l -> l.startsWith("epoch ")).toList();
        assertTrue(epochs.size() < 40, r.toString());
        assertTrue(r.out().contains("Stopped early after epoch " + epochs.size() + " of 40: Validation loss has not improved for 1 epoch"),
                r.toString());
        assertTrue(epochs.get(0).contains("lr 0.100"), "the rate each epoch used: " + epochs.get(0));
        assertTrue(Files.isRegularFile(out));
        assertEquals("", r.err());
    }

    @Test void trainingOptionsThatCannotWorkAreRefused(@TempDir Path dir) {
        String out = dir.resolve("x.zip").toString();
        Run r = cli("train", "mlp", "--out", out, "--plateau", "half");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--plateau takes FACTOR:PATIENCE, such as 0.5:2"), r.toString());
        r = cli("train", "mlp", "--out", out, "--plateau", "1.5:2");
        assertTrue(r.err().contains("--plateau: the factor must be above 0 and below 1, not 1.5"), r.toString());
        r = cli("train", "mlp", "--out", out, "--validation", "0.7");
        assertTrue(r.err().contains("--validation must be between 0.0 and 0.5, not 0.7"), r.toString());
        r = cli("train", "mlp", "--out", out, "--validation", "0", "--early-stop", "2");
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("Early stopping watches the validation loss, but the validation split is 0"), r.toString());
        assertFalse(Files.exists(Path.of(out)));
        for (String option : List.of("--l2 X", "--early-stop PATIENCE", "--plateau FACTOR:PATIENCE")) {
            assertTrue(cli("--help").out().contains(option), option);
        }
    }

    @Test void exportJavaAndKeras(@TempDir Path dir) throws Exception {
        Run java = cli("export", "small-cnn", "--java");
        assertEquals(Cli.OK, java.code(), java.toString());
        assertTrue(java.out().contains("public class SmallCnn {"), java.out());
        Path py = dir.resolve("model.py");
        Run keras = cli("export", "mlp", "--keras", "--out", py.toString());
        assertEquals(Cli.OK, keras.code(), keras.toString());
        assertTrue(Files.readString(py).contains("layers.Dense(64, activation=\"relu\""));
        Run named = cli("export", "lenet", "--java", "--out", dir.resolve("LeNet.java").toString());
        assertEquals(Cli.OK, named.code(), named.toString());
        assertTrue(Files.readString(dir.resolve("LeNet.java")).contains("public class LeNet {"));
        assertEquals(Cli.USAGE, cli("export", "mlp").code(), "needs --java or --keras");
        assertEquals(Cli.USAGE, cli("export", "mlp", "--java", "--out", dir.resolve("my-net.java").toString()).code());
    }

    @Test void exportOnnxWritesAFileThatOnnxRuntimeAnswersAsTheStudioDoes(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("out").resolve("bars.onnx");
        Run r = cli("export", model.toString(), "--onnx", onnx.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        assertEquals(List.of("Wrote " + onnx + " (ONNX, opset 13): input \"input\", output \"probabilities\"; labels and input preparation in its metadata"),
                r.outLines());
        assertEquals("", r.err());
        var trained = ModelFile.load(model);
        var runtime = new ModelRuntime(trained);
        Random rnd = new Random(5);
        float[][] bars = new float[9][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, rnd);
        OnnxRuntimeRun.assertAnswersAsTheStudio(trained, runtime, bars, onnx);
        assertTrue(cli("--help").out().contains("export   <MODEL.zip> --onnx OUT.onnx"));
    }

    @Test void exportOnnxRefusesWhatIsNotATrainedModelAndAFileItCannotWrite(@TempDir Path dir) throws Exception {
        Path notAModel = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        Run r = cli("export", notAModel.toString(), "--onnx", dir.resolve("a.onnx").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("error: notes.zip: is not a Model Studio model file"), r.toString());
        r = cli("export", "small-cnn", "--onnx", dir.resolve("b.onnx").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("small-cnn is a network spec; train it first: train small-cnn --out model.zip"), r.toString());
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        r = cli("export", model.toString(), "--onnx", blocker.resolve("c.onnx").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("error: cannot write " + blocker.resolve("c.onnx") + ": " + blocker + " is a file, not a folder"), r.toString());
        assertEquals(Cli.USAGE, cli("export", model.toString(), "--onnx", dir.resolve("d.onnx").toString(), "--java").code());
        assertEquals(Cli.USAGE, cli("export", model.toString(), "--onnx").code());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocker, notAModel), files.sorted().toList(), "nothing written");
        }
    }

    @Test void exportKerasWritesAnH5FileThatDl4jsKerasImporterAnswersAsTheStudioDoes(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("out").resolve("bars.h5");
        Run r = cli("export", model.toString(), "--keras", h5.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        assertEquals(1, r.outLines().size(), r.toString());
        assertTrue(r.out().startsWith("Wrote " + h5 + " (Keras 2.4.0 HDF5, for tf.keras.models.load_model): input [N, "), r.toString());
        assertTrue(r.out().contains("output each class's probability [N, 3]; labels and input preparation in its \"model_studio\" attribute"), r.toString());
        assertEquals("", r.err());
        var trained = ModelFile.load(model);
        Random rnd = new Random(6);
        float[][] bars = new float[9][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, rnd);
        KerasImportRun.assertAnswersAsTheStudio(trained, new ModelRuntime(trained), bars, h5);
        Path other = dir.resolve("other.h5");
        assertEquals(Cli.OK, cli("export", "--keras=" + other, model.toString()).code(), "--keras=OUT.h5 too");
        assertTrue(Files.size(other) > 0);
        assertTrue(cli("--help").out().contains("export   <MODEL.zip> --keras OUT.h5"));
    }

    @Test void importOpensAKerasFileAsAModelFileAndRefusesWhatIsNotOne(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("bars.h5");
        assertEquals(Cli.OK, cli("export", model.toString(), "--keras", h5.toString()).code());
        Path back = dir.resolve("back.zip");
        Run r = cli("import", h5.toString(), "--out", back.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("Opened bars.h5 (Keras 2.4.0, tensorflow)"), r.toString());
        assertTrue(r.out().contains("Input read as") && r.out().contains("proposed, since the file does not say"), r.toString());
        assertTrue(r.out().contains("Saved " + back), r.toString());
        var original = ModelFile.load(model);
        var opened = ModelFile.load(back);
        assertEquals(original.labels(), opened.labels());
        Random rnd = new Random(8);
        float[][] bars = new float[6][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, rnd);
        var x = BatchIterator.features(original.spec().input().shape(), bars);
        double difference = Transforms.abs(original.output(x).sub(opened.output(x))).maxNumber().doubleValue();
        assertTrue(difference <= 1e-5, "answers differ by " + difference);

        // The commands that take a model file take the Keras file too, read as import proposes, with its own labels back.
        Path png = dir.resolve("v.png");
        TestData.writeGreyPng(TestData.bar(1, new Random(3)), 8, 8, png);
        Run straight = cli("predict", h5.toString(), png.toString(), "--top", "1");
        Run viaZip = cli("predict", back.toString(), png.toString(), "--top", "1");
        assertEquals(Cli.OK, straight.code(), straight.toString());
        assertEquals(viaZip.out().replace(back.toString(), "F"), straight.out().replace(h5.toString(), "F"), straight.toString());
        Path notes = Files.writeString(dir.resolve("notes.h5"), "not HDF5 at all\n".repeat(64));
        r = cli("import", notes.toString(), "--out", dir.resolve("x.zip").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("notes.h5 is not an HDF5 file"), r.toString());
        assertFalse(Files.exists(dir.resolve("x.zip")), "nothing written");
        assertEquals(Cli.USAGE, cli("import", h5.toString()).code(), "--out is needed");
        r = cli("import", h5.toString(), "--out", back.toString(), "--input", "image:5x5x2");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--input is image:HxWxC"), r.toString());
        assertTrue(cli("--help").out().contains("import   <MODEL.h5> --out MODEL.zip"));
    }

    @Test void exportKerasRefusesWhatIsNotATrainedModelAndAFileItCannotWrite(@TempDir Path dir) throws Exception {
        Path notAModel = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        Run r = cli("export", notAModel.toString(), "--keras", dir.resolve("a.h5").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("error: notes.zip: is not a Model Studio model file"), r.toString());
        r = cli("export", "small-cnn", "--keras", dir.resolve("b.h5").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("small-cnn is a network spec; train it first: train small-cnn --out model.zip"), r.toString());
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        r = cli("export", model.toString(), "--keras", blocker.resolve("c.h5").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("error: cannot write " + blocker.resolve("c.h5") + ": " + blocker + " is a file, not a folder"), r.toString());
        assertEquals(Cli.USAGE, cli("export", model.toString(), "--keras", dir.resolve("d.h5").toString(), "--java").code());
        r = cli("export", model.toString(), "--keras");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("export --keras needs the .h5 file to write a trained model to"), r.toString());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocker, notAModel), files.sorted().toList(), "nothing written");
        }
        Run code = cli("export", "mlp", "--keras");
        assertEquals(Cli.OK, code.code(), "a spec with --keras is still Keras code");
        assertTrue(code.out().contains("model = keras.Sequential(["), code.toString());
    }

    @Test void exportTritonWritesAModelFolderAndTheNextVersion(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Run r = cli("export", model.toString(), "--triton", repo.toString(), "--name", "bars");
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().startsWith("Wrote " + repo.resolve("bars") + " version 1"), r.toString());
        assertTrue(Files.readString(repo.resolve("bars").resolve("config.pbtxt")).contains("platform: \"onnxruntime_onnx\""));
        var trained = ModelFile.load(model);
        float[][] bars = new float[3][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i, new Random(i));
        OnnxRuntimeRun.assertAnswersAsTheStudio(trained, new ModelRuntime(trained),
                bars, repo.resolve("bars").resolve("1").resolve("model.onnx"));
        r = cli("export", model.toString(), "--triton", repo.toString(), "--name", "bars");
        assertTrue(r.out().startsWith("Wrote " + repo.resolve("bars") + " version 2"), r.toString());
        r = cli("export", model.toString(), "--triton", repo.toString(), "--name", "../bars");
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("\"../bars\" cannot name a model"), r.toString());
        assertEquals(Cli.BAD_INPUT, cli("export", "small-cnn", "--triton", repo.toString()).code());
        assertTrue(cli("--help").out().contains("export   <MODEL.zip> --triton REPOSITORY [--name NAME]"));
    }

    /** export --compact: the table of sizes and accuracy, a model file that evaluate scores as the table said, an ONNX file that agrees. */
    @Test void exportCompactSaysWhatItSavesAndCostsAndWritesTheFiles(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("bars-int8.zip");
        Path onnx = dir.resolve("bars-int8.onnx");
        Run r = cli("export", model.toString(), "--compact", "int8", "--out", small.toString(), "--onnx", onnx.toString(), "--data", data.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("after (int8)"), r.toString());
        assertTrue(r.out().contains("Measured on the images in " + data + " (120 examples)."), r.toString());
        assertTrue(r.out().contains("Wrote " + small + " (int8 weights;"), r.toString());
        assertTrue(r.out().contains("Wrote " + onnx + " (ONNX, opset 13, int8 weights, "), r.toString());
        var size = Pattern.compile("File size\\s+(\\S+ \\S+)\\s+(\\S+ \\S+)").matcher(r.out());
        assertTrue(size.find(), r.toString());
        assertEquals(CompactionReport.size(Files.size(small)), size.group(2));
        var accuracy = Pattern.compile("Accuracy\\s+(\\S+) %\\s+(\\S+) %").matcher(r.out());
        assertTrue(accuracy.find(), r.toString());

        Run evaluated = cli("evaluate", small.toString(), "--data", data.toString());
        assertEquals(Cli.OK, evaluated.code(), evaluated.toString());
        assertTrue(evaluated.out().contains("Accuracy: " + accuracy.group(2) + "% on 120 examples"), evaluated + "\n" + r);
        var compact = ModelFile.load(small);
        assertEquals(Precision.INT8, compact.precision());
        float[][] bars = new float[9][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, new Random(20 + i));
        OnnxRuntimeRun.assertAnswersAsTheStudio(compact, new ModelRuntime(compact), bars, onnx);

        // Without --data a model of other data than the sample is not measured, and says so.
        Run unmeasured = cli("export", model.toString(), "--compact", "fp16", "--out", dir.resolve("bars-fp16.zip").toString());
        assertEquals(Cli.OK, unmeasured.code(), unmeasured.toString());
        assertTrue(unmeasured.out().contains("Accuracy was not measured: no labelled examples were given."), unmeasured.toString());
        assertTrue(unmeasured.out().contains("give labelled examples with --data"), unmeasured.toString());
        assertFalse(unmeasured.out().contains("Accuracy  "), unmeasured.toString());
        assertTrue(cli("--help").out().contains("export   <MODEL.zip> --compact fp16|int8 --out SMALL.zip"));
    }

    @Test void exportCompactRefusesWhatItCannotDo(@TempDir Path dir) {
        Run r = cli("export", model.toString(), "--compact", "int4", "--out", dir.resolve("a.zip").toString());
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--compact takes fp16 (half floats) or int8 (8-bit integers, a scale per output channel), not \"int4\""), r.toString());
        r = cli("export", model.toString(), "--compact", "int8");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("export <MODEL.zip> --compact fp16|int8 --out SMALL.zip"), r.toString());
        r = cli("export", model.toString(), "--onnx", dir.resolve("b.onnx").toString(), "--data", data.toString());
        assertEquals(Cli.USAGE, r.code(), r.toString());
        r = cli("export", "mlp", "--compact", "fp16", "--out", dir.resolve("c.zip").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("mlp is a network spec; train it first"), r.toString());
        assertFalse(Files.exists(dir.resolve("a.zip")) || Files.exists(dir.resolve("c.zip")));
    }

    @Test void evaluatePrintsTheReport() {
        Run r = cli("evaluate", model.toString(), "--data", data.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("Accuracy:"), r.toString());
        assertTrue(r.out().contains("on 120 examples"), r.toString());
        for (String c : List.of("diagonal", "horizontal", "vertical")) assertTrue(r.out().contains(c), c);
        assertTrue(r.out().contains("Confusion matrix"), r.toString());
    }

    @Test void evaluateResizesImagesOfAnotherSize(@TempDir Path dir) throws Exception {
        // The same images as the training folder, at 16×16 (each pixel doubled): resized back, they are identical.
        Random rnd = new Random(11);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 40; i++) {
                float[] small = TestData.bar(c, rnd);
                float[] big = new float[256];
                for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) big[y * 16 + x] = small[(y / 2) * 8 + x / 2];
                TestData.writeGreyPng(big, 16, 16, dir.resolve(TestData.BAR_CLASSES.get(c)).resolve(i + ".png"));
            }
        }
        Run big = cli("evaluate", model.toString(), "--data", dir.toString());
        assertEquals(Cli.OK, big.code(), big.toString());
        Run same = cli("evaluate", model.toString(), "--data", data.toString());
        assertEquals(accuracyLine(same), accuracyLine(big), "resizing 16×16 → 8×8 recovers the 8×8 images");
    }

    private static String accuracyLine(Run r) {
        return r.outLines().stream().filter(l -> l.startsWith("Accuracy:")).findFirst().orElseThrow(() -> new AssertionError(r));
    }

    @Test void predictAnswersForGoodFilesAndNamesTheBadOnes(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.png");
        TestData.writeGreyPng(TestData.bar(1, new Random(3)), 8, 8, good);   // vertical
        Path broken = Files.write(dir.resolve("broken.png"), "this is not a picture".getBytes(StandardCharsets.UTF_8));
        Path empty = Files.createFile(dir.resolve("empty.png"));

        Run r = cli("predict", model.toString(), good.toString(), broken.toString(), empty.toString());
        assertEquals(Cli.PARTIAL, r.code(), r.toString());

        assertEquals(1, r.outLines().size(), r.toString());
        Pattern answer = Pattern.compile(Pattern.quote(good.toString())
                + ": (diagonal|horizontal|vertical) \\d{1,3}\\.\\d%(, (diagonal|horizontal|vertical) \\d{1,3}\\.\\d%){2}");
        assertTrue(answer.matcher(r.outLines().get(0)).matches(), r.toString());

        List<String> errors = r.errLines();
        assertEquals(2, errors.size(), r.toString());
        assertTrue(errors.get(0).startsWith(broken + ": ") && errors.get(0).contains("not an image"), errors.get(0));
        assertTrue(errors.get(1).startsWith(empty + ": ") && errors.get(1).contains("empty"), errors.get(1));
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    @Test void predictTopOption(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("h.png");
        TestData.writeGreyPng(TestData.bar(0, new Random(4)), 8, 8, good);
        Run r = cli("predict", model.toString(), good.toString(), "--top", "1");
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(Pattern.compile(".*h\\.png: (diagonal|horizontal|vertical) \\d{1,3}\\.\\d%").matcher(r.out().strip()).matches(), r.toString());
    }

    @Test void predictWithOnlyBadFiles(@TempDir Path dir) throws Exception {
        Path broken = Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3, 4});
        Run r = cli("predict", model.toString(), broken.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("broken.png"), r.toString());
    }

    @Test void predictWithAMissingModel(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("a.png");
        TestData.writeGreyPng(new float[64], 8, 8, png);
        Run r = cli("predict", dir.resolve("missing-model.zip").toString(), png.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("missing-model.zip") && r.err().contains("does not exist"), r.toString());
        assertEquals("", r.out());
    }

    @Test void predictWithoutFiles() {
        Run r = cli("predict", model.toString());
        assertEquals(Cli.USAGE, r.code(), r.toString());
    }

    @Test void trainOnAFolderWithoutClassFolders(@TempDir Path dir) throws Exception {
        Path flat = Files.createDirectories(dir.resolve("flat"));
        TestData.writeGreyPng(new float[64], 8, 8, flat.resolve("a.png"));
        Path spec = dir.resolve("s.json");
        SpecJson.write(TestData.barCnn(1), spec);
        Run r = cli("train", spec.toString(), "--data", flat.toString(), "--out", dir.resolve("m.zip").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("has no subfolders"), r.toString());
        assertFalse(Files.exists(dir.resolve("m.zip")));
    }

    // ------------------------------------------------------------------ tables and texts

    static double accuracy(Run r) {
        var m = Pattern.compile("Accuracy: ([0-9.]+)%").matcher(r.out());
        assertTrue(m.find(), r.toString());
        return Double.parseDouble(m.group(1)) / 100;
    }

    @Test void irisTrainsEvaluatesAndPredictsARow(@TempDir Path dir) throws Exception {
        // Hold out the last 30 rows of each species as a test file.
        List<String> lines = Files.readAllLines(Path.of("sample-models/iris/iris.csv"));
        StringBuilder train = new StringBuilder(lines.get(0) + "\n");
        StringBuilder test = new StringBuilder(lines.get(0) + "\n");
        for (int i = 1; i < lines.size(); i++) ((i - 1) % 50 < 35 ? train : test).append(lines.get(i)).append('\n');
        Path trainCsv = Files.writeString(dir.resolve("train.csv"), train);
        Path testCsv = Files.writeString(dir.resolve("test.csv"), test);
        String model = dir.resolve("iris.zip").toString();
        Run t = cli("train", "tabular-mlp", "--data", trainCsv.toString(), "--label", "species", "--out", model);
        assertEquals(Cli.OK, t.code(), t.toString());
        assertTrue(t.out().contains("Read 105 rows in 3 classes (setosa, versicolor, virginica)"), t.toString());
        Run e = cli("evaluate", model, "--data", testCsv.toString());
        assertEquals(Cli.OK, e.code(), e.toString());
        assertTrue(accuracy(e) >= 0.85, e.toString());
        Run p = cli("predict", model, "--row", "5.1,3.5,1.4,0.2", "--top", "1");
        assertEquals(Cli.OK, p.code(), p.toString());
        assertTrue(p.out().startsWith("5.1,3.5,1.4,0.2: setosa "), p.toString());
        Run bad = cli("predict", model, "--row", "5.1,3.5,1.4");
        assertEquals(Cli.BAD_INPUT, bad.code(), bad.toString());
        assertTrue(bad.err().contains("a row needs 4 values (sepal_length, sepal_width, petal_length, petal_width) but 3 were given"), bad.toString());
    }

    @Test void aSavedModelTrainsFurtherFromItsWeightsWithItsOwnPreparation(@TempDir Path dir) throws Exception {
        String first = dir.resolve("one-epoch.zip").toString();
        Run t = cli("train", "tabular-mlp", "--data", "sample-models/iris/iris.csv", "--epochs", "1", "--out", first);
        assertEquals(Cli.OK, t.code(), t.toString());
        double before = accuracy(cli("evaluate", first, "--data", "sample-models/iris/iris.csv"));
        String more = dir.resolve("more.zip").toString();
        Run f = cli("train", first, "--data", "sample-models/iris/iris.csv", "--epochs", "40", "--lr", "0.01", "--out", more);
        assertEquals(Cli.OK, f.code(), f.toString());
        assertTrue(f.out().contains("Training Tabular MLP further") && f.out().contains("for 40 epochs"), f.toString());
        double after = accuracy(cli("evaluate", more, "--data", "sample-models/iris/iris.csv"));
        assertTrue(after >= 0.9 && after > before, "before " + before + ", after " + after);

        Run wrongData = cli("train", first, "--data", "sample-models/text-topics/topics.csv", "--out", dir.resolve("x.zip").toString());
        assertEquals(Cli.BAD_INPUT, wrongData.code(), wrongData.toString());
        Run noData = cli("train", first, "--out", dir.resolve("y.zip").toString());
        assertEquals(Cli.USAGE, noData.code(), noData.toString());
        assertTrue(noData.err().contains("--data"), noData.toString());
    }

    @Test void aTemplateIsFittedToTheDataItTrainsOnAndSaysWhatChanged(@TempDir Path dir) throws Exception {
        // Three topics of the shipped sentences, one .txt file each, against the text template's four outputs.
        List<String> lines = Files.readAllLines(Path.of("sample-models/text-topics/topics.csv"));
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = CsvLine.cells(lines.get(i));
            String topic = cells.get(1);
            if (topic.equals("computers")) continue;
            Path file = dir.resolve("texts").resolve(topic).resolve(i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, cells.get(0));
        }
        String model = dir.resolve("three.zip").toString();
        Run t = cli("train", "text-classifier", "--data", dir.resolve("texts").toString(), "--epochs", "2", "--out", model);
        assertEquals(Cli.OK, t.code(), t.toString());
        assertTrue(t.out().contains("Fitted to the data: Output #") && t.out().contains(": 4 → 3 units for the classes cooking, sport, weather."),
                t.toString());
        Run p = cli("predict", model, "--text", "Stir the sauce until it thickens.", "--top", "3");
        assertEquals(Cli.OK, p.code(), p.toString());
        assertTrue(p.out().contains("cooking") && !p.out().contains("computers"), p.toString());

        // An iris table without its petal widths: the table network takes the 3 columns left.
        StringBuilder three = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("sample-models/iris/iris.csv"))) {
            List<String> cells = CsvLine.cells(line);
            three.append(cells.get(0)).append(',').append(cells.get(1)).append(',').append(cells.get(2)).append(',').append(cells.get(4)).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("iris3.csv"), three);
        Run tab = cli("train", "tabular-mlp", "--data", csv.toString(), "--epochs", "2", "--out", dir.resolve("iris3.zip").toString());
        assertEquals(Cli.OK, tab.code(), tab.toString());
        assertTrue(tab.out().contains("Fitted to the data: Input: 4 → 3 features, the table's columns as prepared."), tab.toString());
    }

    @Test void anImageTemplateTakesTheSizeOfSmallImagesAndConvertsLargeOnes(@TempDir Path dir) throws Exception {
        Run small = cli("train", "mlp", "--data", data.toString(), "--epochs", "2", "--out", dir.resolve("bars.zip").toString());
        assertEquals(Cli.OK, small.code(), small.toString());
        assertTrue(small.out().contains("Fitted to the data: Input: 28×28×1 → 8×8×1, the size and colour of the folder's images."), small.toString());
        assertTrue(small.out().contains(": 10 → 3 units for the classes diagonal, horizontal, vertical."), small.toString());
        Run summary = cli("evaluate", dir.resolve("bars.zip").toString(), "--data", data.toString());
        assertEquals(Cli.OK, summary.code(), summary.toString());

        // 100×100 colour pictures: too large to be the input; they are made 28×28 grey, and that is said.
        Random r = new Random(2);
        for (String c : List.of("red", "blue")) {
            for (int i = 0; i < 12; i++) {
                BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(c.equals("red") ? new Color(200 + r.nextInt(55), 0, 0) : new Color(0, 0, 200 + r.nextInt(55)));
                g.fillRect(r.nextInt(50), r.nextInt(50), 50, 50);
                g.dispose();
                Path f = dir.resolve("photos").resolve(c).resolve(i + ".png");
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
        }
        Run large = cli("train", "mlp", "--data", dir.resolve("photos").toString(), "--epochs", "1", "--out", dir.resolve("photos.zip").toString());
        assertEquals(Cli.OK, large.code(), large.toString());
        assertTrue(large.out().contains("Fitted to the data: Images: 100×100 colour, made 28×28 grey for the network's input."), large.toString());
    }

    @Test void evaluationMatchesClassFoldersLooselyAndSaysHow(@TempDir Path dir) throws Exception {
        // The bar folders renamed as people (and file systems) would: other case, spaces, punctuation.
        Map<String, String> renamed = Map.of("horizontal", "Horizontal", "vertical", "VERTICAL", "diagonal", "dia-gonal_");
        for (String c : TestData.BAR_CLASSES) {
            Path to = dir.resolve("renamed").resolve(renamed.get(c));
            Files.createDirectories(to);
            try (var files = Files.list(data.resolve(c))) {
                for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        Run e = cli("evaluate", model.toString(), "--data", dir.resolve("renamed").toString());
        assertEquals(Cli.OK, e.code(), e.toString());
        assertTrue(e.out().contains("Classes matched loosely: ") && e.out().contains("dia-gonal_ → diagonal"), e.toString());
        assertEquals(accuracyLine(cli("evaluate", model.toString(), "--data", data.toString())), accuracyLine(e));

        Files.createDirectories(dir.resolve("renamed").resolve("Diagonal"));
        Files.copy(data.resolve("diagonal").resolve(Files.list(data.resolve("diagonal")).findFirst().orElseThrow().getFileName()),
                dir.resolve("renamed").resolve("Diagonal").resolve("one.png"));
        Run twice = cli("evaluate", model.toString(), "--data", dir.resolve("renamed").toString());
        assertEquals(Cli.BAD_INPUT, twice.code(), twice.toString());
        assertTrue(twice.err().contains("both match the model's \"diagonal\""), twice.toString());
    }

    @Test void textTopicsTrainEvaluateAndPredictASentence(@TempDir Path dir) {
        String model = dir.resolve("topics.zip").toString();
        Run t = cli("train", "text-classifier", "--data", "sample-models/text-topics/topics.csv", "--label", "topic", "--text", "text",
                "--validation", "0", "--out", model);
        assertEquals(Cli.OK, t.code(), t.toString());
        assertTrue(t.out().contains("Read 700 texts in 4 classes (computers, cooking, sport, weather)"), t.toString());
        Run e = cli("evaluate", model, "--data", "sample-models/text-topics/test.csv");
        assertEquals(Cli.OK, e.code(), e.toString());
        assertTrue(accuracy(e) >= 0.8, "4 topics, chance 25 %, the template before subwords 71 %: " + e);
        Run p = cli("predict", model, "--text", "Preheat the oven and whisk the eggs with sugar.");
        assertEquals(Cli.OK, p.code(), p.toString());
        assertTrue(p.out().startsWith("Preheat the oven and whisk the eggs with sugar.: cooking "), p.toString());
        Run wrong = cli("predict", model, "--row", "1,2");
        assertEquals(Cli.BAD_INPUT, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("cannot predict: this model reads texts, not table rows"), wrong.toString());
    }

    @Test void aBadTableIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("flowers.csv"), "a,b,c,d,species\n1,2,3,4,x\n1,2,3,y\n");
        Run r = cli("train", "tabular-mlp", "--data", csv.toString(), "--out", dir.resolve("m.zip").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("error: flowers.csv, line 3: has 4 fields but line 1 has 5"), r.toString());
        Run noData = cli("train", "tabular-mlp", "--out", dir.resolve("m.zip").toString());
        assertEquals(Cli.USAGE, noData.code(), noData.toString());
        assertTrue(noData.err().contains("give a table with --data FILE.csv"), noData.toString());
    }
}
