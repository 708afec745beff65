package org.modelstudio.engine.export;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.CsvLine;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.io.ImageDecoder;
import org.modelstudio.engine.io.TextLoader;
import org.modelstudio.engine.prepare.RunPreparation;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Trained models and real inputs for the tests of the exports of a trained model (ONNX, Keras .h5): every shipped
 * template trained briefly on its own kind of data, and any network trained a few batches on made-up examples, each with
 * inputs prepared as the studio prepares them. A model is trained once per test run and shared by the exports' tests,
 * which only read it.
 */
public final class ExportFixtures {
    private static final Map<String, Trained> TRAINED = new ConcurrentHashMap<>();

    private ExportFixtures() {}

    /** A trained model and prepared inputs to ask it. */
    public record Trained(TrainedModel model, float[][] inputs) {
        ModelRuntime runtime() { return new ModelRuntime(model); }
    }

    /** A shipped template trained one epoch on its own kind of data: Fashion-MNIST images, texts, or a table. */
    static Trained template(String file) {
        return TRAINED.computeIfAbsent("template " + file, k -> {
            try {
                NetworkSpec spec = SampleData.spec(file);
                spec = spec.withTraining(spec.training().withEpochs(1));
                if (spec.input() instanceof InputSpec.ImageInput) return new Trained(trainOnFashion(spec), fashionTestImages(32));
                TrainedModel model = trainOnItsSample(file, spec);
                return new Trained(model, preparedSampleInputs(file, new ModelRuntime(model)));
            } catch (Exception e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * A network trained a few batches on made-up examples of its input (so that no weight or bias is still at its
     * initial value, and BatchNorm has running statistics), with the shipped example images and made-up inputs to ask.
     */
    public static Trained brieflyTrained(NetworkSpec spec) {
        return TRAINED.computeIfAbsent("briefly " + spec, k -> {
            try {
                return trainBriefly(spec);
            } catch (Exception e) {
                throw new IllegalStateException(spec.name() + ": " + e.getMessage(), e);
            }
        });
    }

    private static Trained trainBriefly(NetworkSpec spec) throws Exception {
        assertFalse(ShapeInference.analyse(spec).hasErrors(), spec.name());
        spec = spec.withTraining(spec.training().withEpochs(2).withBatchSize(16).withLearningRate(0.002));
        int classes = ((LayerSpec.Output) spec.layers().get(spec.layers().size() - 1)).units();
        Random r = new Random(spec.name().hashCode());
        float[][] x = new float[64][];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = madeUp(spec.input(), r);
            y[i] = i % classes;
        }
        List<String> names = IntStream.range(0, classes).mapToObj(c -> "class " + c).toList();
        TrainedModel model = finished(Trainer.train(spec, new LabeledData(spec.input().shape(), names, x, y), null, e -> { }, new CancelToken()));
        List<float[]> inputs = new ArrayList<>();
        if (spec.input() instanceof InputSpec.ImageInput img) {
            try (Stream<Path> files = Files.list(Path.of("sample-models/fashion-mnist/examples"))) {
                for (Path png : files.sorted().toList()) inputs.add(ImageDecoder.decode(png,
                        new ImagePreprocessing(img.height(), img.width(), img.channels())));
            }
        }
        for (int i = 0; i < 16; i++) inputs.add(madeUp(spec.input(), r));
        return new Trained(model, inputs.toArray(new float[0][]));
    }

    private static TrainedModel trainOnFashion(NetworkSpec spec) throws Exception {
        LabeledData all = SampleData.fashionMnistTrain();
        LabeledData some = new LabeledData(all.exampleShape(), all.classes(), Arrays.copyOf(all.features(), 256), Arrays.copyOf(all.labels(), 256));
        return finished(Trainer.train(spec, some, null, e -> { }, new CancelToken()));
    }

    /** The shipped data each non-image template is made for: texts for the text classifier, a table for the others. */
    private static DataSource sampleData(String template) {
        return switch (template) {
            case "text-classifier.json" -> new DataSource.TextFile("sample-models/text-topics/topics.csv", "text", "topic");
            case "text-classifier-zh.json" -> new DataSource.TextFile("sample-models/text-topics-zh/topics.csv", "text", "topic");
            case "tabular-mlp.json" -> new DataSource.TableFile("sample-models/iris/iris.csv", null, null);
            case "tabular-regression.json" -> new DataSource.TableFile("sample-models/diabetes/diabetes.csv", null, null);
            default -> throw new IllegalStateException(template + " is a new template: name the sample data it trains on here");
        };
    }

    private static TrainedModel trainOnItsSample(String template, NetworkSpec spec) throws Exception {
        PreparedData data = RunPreparation.tableOrText(sampleData(template), spec, false);
        return finished(Trainer.train(spec, data.train(), null, data.preparation(), e -> { }, new CancelToken(), new PauseGate()));
    }

    /** Unseen texts (test.csv), or every fifth row of the table without its label, prepared as the studio prepares them. */
    private static float[][] preparedSampleInputs(String template, ModelRuntime runtime) throws Exception {
        List<ModelInput> raw = new ArrayList<>();
        if (sampleData(template) instanceof DataSource.TextFile texts) {
            Path test = Path.of(texts.path()).resolveSibling("test.csv");
            TextLoader.read(test, "text", "topic").forEach(t -> raw.add(new ModelInput.Text(t.text())));
        } else {
            List<String> lines = Files.readAllLines(Path.of(((DataSource.TableFile) sampleData(template)).path()));
            for (int i = 1; i < lines.size(); i += 5) {
                List<String> cells = CsvLine.cells(lines.get(i));
                raw.add(new ModelInput.Row(cells.subList(0, cells.size() - 1)));
            }
        }
        float[][] prepared = new float[raw.size()][];
        for (int i = 0; i < prepared.length; i++) prepared[i] = runtime.prepare(raw.get(i), new ArrayList<>());
        return prepared;
    }

    private static float[][] fashionTestImages(int n) {
        return Arrays.copyOf(SampleData.fashionMnistTest().features(), n);
    }

    /** Pixels from 0 to 1, standard normal features, or token ids anywhere in the vocabulary. */
    static float[] madeUp(InputSpec input, Random r) {
        Shape shape = input.shape();
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = shape instanceof Shape.Image ? r.nextFloat() : shape instanceof Shape.Tokens t ? r.nextInt(t.vocabulary()) : (float) r.nextGaussian();
        }
        return v;
    }

    static TrainedModel finished(TrainingResult result) {
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        return result.model();
    }
}
