package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.CsvLine;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.ImageFacts;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.i18n.Words;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.evaluate.RegressionEvaluator;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.io.ImageFolderLoader;
import org.modelstudio.engine.io.ImageFolderSource;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.engine.io.TextLoader;
import org.modelstudio.engine.prepare.RunData;
import org.modelstudio.engine.prepare.RunPreparation;
import org.modelstudio.engine.prepare.RunRequest;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The headless command line: {@code summary}, {@code train}, {@code evaluate}, {@code predict}, {@code export}, {@code import},
 * {@code serve}. The launcher hands {@code bench…} to the benchmarks (org.modelstudio.bench), which use this parser.
 * Exit codes: 0 done; 1 the work failed (training diverged, …); 2 the command line is wrong; 3 an input
 * file or folder cannot be used; 4 {@code predict} answered for some files but refused others.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int PARTIAL = 4;

    /** The --help text, in the language of the CLI's locale. */
    static String help() { return Help.text(); }

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
            out.print(help());
            return OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "summary" -> summary(rest);
                case "train" -> train(rest);
                case "evaluate" -> evaluate(rest);
                case "predict" -> predict(rest);
                case "export" -> new ExportCommand(out, err).run(rest);
                case "import" -> new ImportCommand(out).run(rest);
                case "serve" -> serve(rest);
                default -> throw new UsageException(Texts.get("cli.unknown-command", args[0]));
            };
        } catch (UsageException e) {
            err.println(Texts.get("cli.error", e.getMessage()));
            err.println(Texts.get("cli.see-help"));
            return USAGE;
        } catch (SpecFormatException | IOException | InvalidNetworkException e) {
            err.println(Texts.get("cli.error", e.getMessage()));
            return BAD_INPUT;
        }
    }

    /** Serves until the JVM is asked to stop (Ctrl+C), then answers what is in flight before it exits. */
    private int serve(List<String> words) throws UsageException, IOException {
        Args a = Args.parse(words, ServeCommand.VALUED, Set.of());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve shutdown");
        try {
            return new ServeCommand(out, err).run(a, stop, () -> Runtime.getRuntime().addShutdownHook(hook));
        } finally {
            stopped.countDown();
        }
    }

    private int summary(List<String> words) throws UsageException, SpecFormatException {
        Args a = Args.parse(words, Set.of(), Set.of());
        if (a.positional.size() != 1) throw new UsageException(Texts.get("cli.summary.usage"));
        NetworkSpec spec = loadSpec(a.positional.get(0));
        var summary = ShapeInference.analyse(spec);
        out.println(spec.name());
        out.print(summary.toTable());
        return summary.hasErrors() ? BAD_INPUT : OK;
    }

    private int train(List<String> words) throws UsageException, SpecFormatException, IOException, InvalidNetworkException {
        Args a = Args.parse(words, Set.of("--data", "--epochs", "--out", "--batch", "--lr", "--validation", "--seed", "--keep",
                "--l2", "--early-stop", "--plateau", "--label", "--text", "--task"), Set.of());
        if (a.positional.size() != 1) throw new UsageException(Texts.get("cli.train.usage"));
        if (!a.has("--out")) throw new UsageException(Texts.get("cli.train.needs-out"));
        String first = a.positional.get(0);
        if (first.toLowerCase(Locale.ROOT).endsWith(".zip") || KerasImport.isKerasFile(Path.of(first))) return trainFurther(a, Path.of(first));
        NetworkSpec spec = loadSpec(first);
        TrainingConfig t = trainingOptions(a, spec.training());
        spec = spec.withTraining(t);
        String keep = keepOption(a);
        Path outFile = Path.of(a.get("--out"));
        var summary = ShapeInference.analyse(spec);
        if (summary.hasErrors()) throw new InvalidNetworkException(summary.errors());
        if (spec.fixed()) throw new InvalidNetworkException(NetworkCompiler.fixedSentence(spec, spec.firstFixed()));

        RunData data;
        InputPreparation preparation;
        if (spec.input() instanceof InputSpec.ImageInput img) {
            if (a.has("--label") || a.has("--text") || a.has("--task")) {
                throw new UsageException(Texts.get("cli.train.images-no-label"));
            }
            if (a.has("--data")) {
                // Small images of one size become the network's input; others are resized and converted to it.
                ImageFacts facts = ImageFolderSource.scan(Path.of(a.get("--data")), ImagePreprocessing.forInput(img), p -> { },
                        new CancelToken()).facts();
                DataFit.Fitted fit = DataFit.fitImages(spec, facts);
                for (String change : fit.changes()) out.println(Texts.get("cli.train.fitted", change));
                spec = fit.spec();
                summary = ShapeInference.analyse(spec);
            }
            data = prepareImages(spec, a.get("--data"), null);
            preparation = new InputPreparation.Image(ImagePreprocessing.forInput((InputSpec.ImageInput) spec.input()));
        } else {
            if (spec.input() instanceof InputSpec.SequenceInput && a.has("--data")) {
                // Texts longer than the network reads grow its input, so that most are read whole.
                DataFit.Fitted fit = RunPreparation.fitTexts(new DataSource.TextFile(a.get("--data"), a.get("--text"), a.get("--label")), spec);
                for (String change : fit.changes()) out.println(Texts.get("cli.train.fitted", change));
                spec = fit.spec();
                summary = ShapeInference.analyse(spec);
            }
            data = prepareTableOrText(spec, a);
            preparation = data.preparation();
            out.println(Texts.get("cli.train.input", preparation.describe()));
            if (preparation instanceof InputPreparation.Text text && data.validation() != null) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < data.validation().size(); i++) texts.add(data.validation().describe(i));
                out.println(Texts.get("cli.train.validation-texts", text.coverage(texts).describe()));
            }
        }
        ExampleSource train = data.train();
        ExampleSource val = data.validation();
        DataFit.Fitted fit = DataFit.fit(spec, train.exampleShape(), train.classes(), train.regression());
        for (String change : fit.changes()) out.println(Texts.get("cli.train.fitted", change));
        spec = fit.spec();
        summary = ShapeInference.analyse(spec);
        if (summary.hasErrors()) throw new InvalidNetworkException(summary.errors());
        out.println(Texts.get("cli.train.training", spec.name(), Texts.number(summary.totalParameters()), Texts.number(train.size()),
                Texts.number(val == null ? 0 : val.size()), spec.training().epochs()));
        NativeThreads.useDefault();
        TrainingResult result = Trainer.train(spec, train, val, preparation, this::progress, new CancelToken(), new PauseGate());
        return saveTrained(result, spec, keep, val != null, outFile);
    }

    /**
     * {@code train MODEL.zip|MODEL.h5 --out MORE.zip}: trains a saved (or Keras) model further, from its weights, on data
     * prepared as the model's own preparation says (its vocabulary or standardisation, not fitted again). A fixed network
     * (a Keras file with layers that have no block) trains this way too.
     */
    private int trainFurther(Args a, Path modelFile) throws UsageException, IOException, InvalidNetworkException {
        if (a.has("--task")) throw new UsageException(Texts.get("cli.train.task-fixed"));
        TrainedModel model = KerasImport.loadModel(modelFile);
        NetworkSpec spec = model.spec().withTraining(trainingOptions(a, model.spec().training()));
        String keep = keepOption(a);
        Path outFile = Path.of(a.get("--out"));
        TrainedModel base = TrainedModel.of(spec, model.labels(), model.preparation(), model.network());
        if (a.has("--lr")) base.setLearningRate(spec.training().learningRate());
        RunData data;
        if (spec.input() instanceof InputSpec.ImageInput) {
            data = prepareImages(spec, a.get("--data"), base);
        } else {
            if (!a.has("--data")) throw new UsageException(Texts.get("cli.train.further-needs-data", modelFile.getFileName()));
            boolean text = model.preparation() instanceof InputPreparation.Text;
            DataSource source = text ? new DataSource.TextFile(a.get("--data"), a.get("--text"), a.get("--label"))
                    : new DataSource.TableFile(a.get("--data"), a.get("--label"), null);
            data = RunPreparation.prepare(new RunRequest(source, spec, base, Augmentation.NONE, null, false));
            data.warnings().forEach(w -> err.println(Texts.get("cli.warning", w)));
        }
        ExampleSource val = data.validation();
        out.println(Texts.get(spec.fixed() ? "cli.train.further-fixed" : "cli.train.further", spec.name(), Texts.number(base.parameterCount()),
                Texts.number(data.train().size()), Texts.number(val == null ? 0 : val.size()), spec.training().epochs()));
        NativeThreads.useDefault();
        TrainingResult result = Trainer.run(base, data.train(), val, spec.training().epochs(), this::progress, new CancelToken(), new PauseGate());
        return saveTrained(result, spec, keep, val != null, outFile);
    }

    private TrainingConfig trainingOptions(Args a, TrainingConfig t) throws UsageException {
        t = t.withEpochs(a.intOption("--epochs", t.epochs(), 1))
                .withBatchSize(a.intOption("--batch", t.batchSize(), 1))
                .withLearningRate(a.doubleOption("--lr", t.learningRate(), 1e-9, 1e3))
                .withSeed(a.intOption("--seed", (int) t.seed(), 0))
                .withValidationSplit(a.doubleOption("--validation", t.validationSplit(), 0, TrainingConfig.MAX_VALIDATION_SPLIT))
                .withL2(a.doubleOption("--l2", t.l2(), 0, 1));
        if (a.has("--early-stop")) {
            t = t.withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, a.intOption("--early-stop", 1, 1), 0));
        }
        if (a.has("--plateau")) t = t.withSchedule(plateau(a.get("--plateau")));
        return t;
    }

    private static String keepOption(Args a) throws UsageException {
        String keep = a.has("--keep") ? a.get("--keep") : "last";
        if (!keep.equals("last") && !keep.equals("best")) throw new UsageException(Texts.get("cli.train.keep", keep));
        return keep;
    }

    private int saveTrained(TrainingResult result, NetworkSpec spec, String keep, boolean validated, Path outFile) throws IOException {
        if (result.outcome() == RunOutcome.FAILED) {
            err.println(Texts.get("cli.error", result.failure()));
            return FAILED;
        }
        if (result.outcome() == RunOutcome.EARLY_STOPPED) {
            out.println(Texts.get("cli.train.stopped-early", result.epochs().size(), spec.training().epochs(), result.stopReason()));
        }
        boolean best = keep.equals("best") && validated;
        ModelFile.save(best ? result.best() : result.last(), outFile);
        TrainingEvent.EpochEvaluated kept = result.bestMetrics();
        String seconds = Texts.number(result.elapsedMillis() / 1000.0, 1);
        if (!best || kept == null) {
            out.println(Texts.get("cli.train.saved", outFile, seconds));
        } else if (kept.regression()) {
            out.println(Texts.get("cli.train.saved-best-regression", outFile, kept.epoch(), String.format(Locale.ROOT, "%.4f", kept.validationLoss()),
                    RegressionReport.number(kept.validationMae()), seconds));
        } else {
            out.println(Texts.get("cli.train.saved-best", outFile, kept.epoch(), Texts.percent(kept.validationAccuracy(), 1), seconds));
        }
        return OK;
    }

    /** An image network trains on an image folder, or without --data on the shipped sample. */
    private RunData prepareImages(NetworkSpec spec, String dir, TrainedModel continueFrom) throws IOException {
        DataSource source = dir == null ? DataSource.FASHION_MNIST : new DataSource.ImageFolder(dir);
        // The command line holds out no test part (here and for tables and texts): every example trains or validates.
        return RunPreparation.prepare(new RunRequest(source, spec, continueFrom, Augmentation.NONE, () -> loadTrainingData(spec, dir), false));
    }

    /**
     * A network that takes a vector trains on a table (or, with --text, on texts as bags of words); one that takes token
     * sequences trains on texts.
     */
    private RunData prepareTableOrText(NetworkSpec spec, Args a) throws IOException, UsageException {
        boolean text = spec.input() instanceof InputSpec.SequenceInput || a.has("--text");
        if (!a.has("--data")) {
            throw new UsageException(Texts.get(text ? "cli.train.needs-texts" : "cli.train.needs-table"));
        }
        Path data = Path.of(a.get("--data"));
        TaskKind task = null;
        if (a.has("--task")) {
            if (text) throw new UsageException(Texts.get("cli.train.task-texts"));
            task = TaskKind.fromId(a.get("--task"));
            if (task == null) throw new UsageException(Texts.get("cli.train.task", a.get("--task")));
        }
        DataSource source = text ? new DataSource.TextFile(a.get("--data"), a.get("--text"), a.get("--label"))
                : new DataSource.TableFile(a.get("--data"), a.get("--label"), task);
        RunData prepared = RunPreparation.prepare(new RunRequest(source, spec, null, Augmentation.NONE, null, false));
        prepared.warnings().forEach(w -> err.println(Texts.get("cli.warning", w)));
        if (prepared.regression()) {
            InputPreparation.Target target = ((InputPreparation.Table) prepared.preparation()).target();
            out.println(Texts.get("cli.train.read-regression", Texts.number(prepared.size()), data, prepared.train().classes().get(0),
                    RegressionReport.number(target.mean()), RegressionReport.number(target.std())));
        } else {
            out.println(Texts.get(text ? "cli.train.read-texts" : "cli.train.read-rows", Texts.number(prepared.size()),
                    prepared.train().classCount(), Words.list(prepared.train().classes()), data));
        }
        return prepared;
    }

    private void progress(TrainingEvent e) {
        if (e instanceof TrainingEvent.EpochEvaluated ev && ev.regression()) {
            out.println(Texts.get("cli.epoch.regression", ev.epoch(), f(4, ev.trainLoss()), RegressionReport.number(ev.trainMae()),
                    Double.isNaN(ev.validationLoss()) ? "" : Texts.get("cli.epoch.regression-validation", f(4, ev.validationLoss()),
                            RegressionReport.number(ev.validationMae()), f(3, ev.validationR2())),
                    String.format(Locale.ROOT, "%.3g", ev.learningRate()), Texts.number(Math.round(ev.samplesPerSecond()))));
        } else if (e instanceof TrainingEvent.EpochEvaluated ev) {
            out.println(Texts.get("cli.epoch.classification", ev.epoch(), f(4, ev.trainLoss()), Texts.percent(ev.trainAccuracy(), 1),
                    Double.isNaN(ev.validationLoss()) ? "" : Texts.get("cli.epoch.classification-validation", f(4, ev.validationLoss()),
                            Texts.percent(ev.validationAccuracy(), 1)),
                    String.format(Locale.ROOT, "%.3g", ev.learningRate()), Texts.number(Math.round(ev.samplesPerSecond()))));
        }
    }

    /** A figure with {@code decimals} decimals and a {@code .}, as the epoch lines give losses in every language. */
    private static String f(int decimals, double v) { return String.format(Locale.ROOT, "%." + decimals + "f", v); }

    /** "0.5:2" → multiply the rate by 0.5 after 2 epochs without improvement. */
    private static LearningRateSchedule plateau(String value) throws UsageException {
        String[] parts = value.split(":");
        String usage = Texts.get("cli.plateau.usage", value);
        if (parts.length != 2) throw new UsageException(usage);
        double factor;
        int patience;
        try {
            factor = Double.parseDouble(parts[0].trim());
            patience = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new UsageException(usage);
        }
        if (!(factor > 0 && factor < 1)) throw new UsageException(Texts.get("cli.plateau.factor", parts[0].trim()));
        if (patience < 1) throw new UsageException(Texts.get("cli.plateau.patience", patience));
        return LearningRateSchedule.plateau(factor, patience);
    }

    private int evaluate(List<String> words) throws UsageException, IOException, InvalidNetworkException {
        Args a = Args.parse(words, Set.of("--data", "--label", "--text", "--report"), Set.of());
        if (a.positional.size() != 1) throw new UsageException(Texts.get("cli.evaluate.usage"));
        if (a.has("--report")) ReportFile.check(a.get("--report"));
        TrainedModel model = KerasImport.loadModel(Path.of(a.positional.get(0)));
        InputPreparation prep = model.preparation();
        EvaluationInput.Examples examples = new EvaluationInput(out, err).read(model, a, true);
        if (examples == null) {
            throw new UsageException(Texts.get(prep instanceof InputPreparation.Table ? "cli.evaluate.needs-table" : "cli.evaluate.needs-texts"));
        }
        ExampleSource data = examples.data();
        if (prep instanceof InputPreparation.Text text) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) texts.add(data.describe(i));
            out.println(Texts.get("cli.evaluate.tokens", text.coverage(texts).describe()));
        }
        IntFunction<String> describe = null;
        if (prep instanceof InputPreparation.Text text && a.has("--report")) {
            describe = ReportFile.textDescriptions(TextLoader.read(Path.of(a.get("--data")), a.get("--text"), a.get("--label")), data, text);
        }
        NativeThreads.useDefault();
        if (model.regression()) {
            if (a.has("--report")) throw new UsageException(Texts.get("cli.evaluate.report-regression"));
            out.print(RegressionEvaluator.evaluate(model, data).toTable(10));
            return OK;
        }
        var matching = Evaluator.classMatching(model, data);
        if (matching.matched() && !matching.loose().isEmpty()) out.println(Texts.get("cli.evaluate.matched-loosely", Words.list(matching.loose())));
        DetailedEvaluation evaluation = Evaluator.evaluateDetailed(model, data, new CancelToken(), done -> { });
        out.print(evaluation.report().toTable());
        if (a.has("--report")) {
            String title = Texts.get("cli.evaluate.title", Path.of(a.positional.get(0)).getFileName(),
                    a.has("--data") ? Path.of(a.get("--data")).getFileName() : EvaluationInput.sample());
            out.println(ReportFile.write(a.get("--report"), evaluation, title, data, describe == null ? data::describe : describe));
        }
        return OK;
    }

    private int predict(List<String> words) throws UsageException, IOException {
        Args a = Args.parse(words, Set.of("--top", "--text", "--row", "--explain-out"), Set.of("--explain"));
        boolean explain = a.has("--explain") || a.has("--explain-out");
        if (a.has("--text") || a.has("--row")) {
            if (a.positional.size() != 1 || (a.has("--text") && a.has("--row"))) {
                throw new UsageException(Texts.get("cli.predict.usage-text"));
            }
        } else if (a.positional.size() < 2) {
            throw new UsageException(Texts.get("cli.predict.usage-files"));
        }
        if (explain) checkExplain(a);
        int top = a.intOption("--top", 3, 1);
        TrainedModel model = KerasImport.loadModel(Path.of(a.positional.get(0)));
        ModelRuntime runtime = new ModelRuntime(model);
        NativeThreads.useDefault();
        if (a.has("--text") || a.has("--row")) {
            String input = a.has("--text") ? a.get("--text") : a.get("--row");
            ModelAnswer answer = runtime.predict(a.has("--text") ? new ModelInput.Text(input) : new ModelInput.Row(CsvLine.cells(input)));
            answer.warnings().forEach(w -> err.println(Texts.get("cli.warning", w)));
            if (answer instanceof ModelAnswer.Refused refused) {
                err.println(Texts.get("cli.error", Texts.get("cli.predict.cannot", refused.reason())));
                return BAD_INPUT;
            }
            if (answer instanceof ModelAnswer.Estimated estimated) {
                out.println(input + ": " + estimated.estimate().describe());
                return OK;
            }
            Prediction p = ((ModelAnswer.Classified) answer).prediction();
            out.println(input + ": " + p.describeTop(top));
            if (explain) Explanations.printWords(out, model, input, p.best());
            return OK;
        }
        int refused = 0;
        List<String> files = a.positional.subList(1, a.positional.size());
        List<ModelAnswer> answers = runtime.predict(files.stream().map(f -> (ModelInput) new ModelInput.ImageFile(Path.of(f))).toList());
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i);
            ModelAnswer answer = answers.get(i);
            if (answer instanceof ModelAnswer.Refused r) {
                err.println(f + ": " + Texts.get("cli.predict.cannot", r.reason()));
                refused++;
                continue;
            }
            Prediction p = ((ModelAnswer.Classified) answer).prediction();
            out.println(f + ": " + p.describeTop(top));
            if (explain) {
                try {
                    float[] image = runtime.prepare(new ModelInput.ImageFile(Path.of(f)), new ArrayList<>());
                    out.println(Explanations.writeHeatmap(model, image, p.best(), a.get("--explain-out")));
                } catch (InputRejectedException e) {
                    err.println(f + ": " + Texts.get("cli.predict.cannot-explain", e.reason()));
                }
            }
        }
        return refused == 0 ? OK : refused == files.size() ? BAD_INPUT : PARTIAL;
    }

    /** --explain takes a text, or one image with a file to draw the map into. */
    private static void checkExplain(Args a) throws UsageException {
        if (a.has("--row")) throw new UsageException(Texts.get("cli.explain.row"));
        if (a.has("--text")) {
            if (a.has("--explain-out")) throw new UsageException(Texts.get("cli.explain.out-text"));
            return;
        }
        if (a.positional.size() != 2) throw new UsageException(Texts.get("cli.explain.one-image"));
        if (!a.has("--explain-out")) throw new UsageException(Texts.get("cli.explain.needs-out"));
        if (!a.get("--explain-out").toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException(Texts.get("cli.explain.png", a.get("--explain-out")));
        }
    }

    /** A spec file, or the name of a shipped sample ("small-cnn"). */
    static NetworkSpec loadSpec(String nameOrPath) throws SpecFormatException {
        Path p = Path.of(nameOrPath);
        if (Files.exists(p)) return SpecJson.read(p);
        String file = nameOrPath.endsWith(".json") ? nameOrPath : nameOrPath + ".json";
        if (SampleData.SPEC_FILES.contains(file)) return SampleData.spec(file);
        throw new SpecFormatException(Texts.get("cli.no-spec", nameOrPath,
                String.join(", ", SampleData.SPEC_FILES.stream().map(f -> f.replace(".json", "")).toList())));
    }

    private ExampleSource loadTrainingData(NetworkSpec spec, String dir) throws IOException {
        if (!(spec.input() instanceof InputSpec.ImageInput img)) {
            String takes = Texts.get(spec.input() instanceof InputSpec.SequenceInput ? "cli.takes.tokens" : "cli.takes.vector");
            throw new IOException(Texts.get(dir == null ? "cli.train.sample-is-images" : "cli.train.data-is-images", takes));
        }
        if (dir == null) return SampleData.fashionMnistTrain();
        ImageFolderLoader.Loaded loaded = ImageFolderLoader.load(Path.of(dir), ImagePreprocessing.forInput(img));
        ExampleSource data = new EvaluationInput(out, err).said(loaded.data(), loaded.skipped(), loaded.warnings(), dir);
        if (data.classCount() < 2) throw new IOException(Texts.get("cli.train.one-class-folder", dir, data.classes().get(0)));
        return data;
    }
}
