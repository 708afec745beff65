package org.modelstudio.engine.export;

import org.modelstudio.core.events.RunOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.evaluate.RegressionEvaluator;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.prepare.RunPreparation;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real networks trained on the shipped samples, made compact: the files are smaller by what fp16 and int8 promise, the
 * accuracy (a regression: the mean absolute error) a saved compact file gives is exactly what the report said, and
 * the change it reports is small.
 */
class CompactionTest {
    @TempDir static Path dir;
    private static TrainedModel mlp;
    private static LabeledData test;
    private static final List<String> figures = new ArrayList<>();

    @BeforeAll static void train() throws Exception {
        NetworkSpec spec = SampleData.spec("mlp.json");
        spec = spec.withTraining(spec.training().withEpochs(3));
        mlp = finished(Trainer.train(spec, SampleData.fashionMnistTrain(), null, e -> { }, new CancelToken()));
        test = SampleData.fashionMnistTest();
    }

    @AfterAll static void sayTheFigures() {
        figures.forEach(System.out::println);
    }

    private static TrainedModel finished(TrainingResult result) {
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        return result.model();
    }

    /** Compacts, measures on the test images, saves; the saved file gives the accuracy reported. */
    private static CompactionReport compactAndCheck(String name, TrainedModel model, LabeledData data, Precision precision,
                                                    double allowedPoints) throws Exception {
        Compaction c = Compaction.of(model, precision);
        CompactionReport r = c.measure(data, "the Fashion-MNIST test sample", new CancelToken(), f -> { });
        figures.add(String.format(Locale.ROOT, "CompactionTest: %s %s: file %s → %s, parameters %s → %s, accuracy %.2f %% → %.2f %% (%+.2f points)",
                name, precision.id(), CompactionReport.size(r.fileBytesBefore()), CompactionReport.size(r.fileBytesAfter()),
                CompactionReport.size(r.parameterBytesBefore()), CompactionReport.size(r.parameterBytesAfter()),
                100 * r.quality().before(), 100 * r.quality().after(), r.quality().change()));
        assertEquals(Evaluator.evaluate(model, data).accuracy(), r.quality().before(), "before: the model as it is");
        assertEquals(data.size(), r.quality().examples());

        Path file = dir.resolve(name + "-" + precision.id() + ".zip");
        c.save(file);
        assertEquals(r.fileBytesAfter(), Files.size(file), "the size reported is the file's");
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(precision, loaded.precision());
        assertEquals(r.quality().after(), Evaluator.evaluate(loaded, data).accuracy(), "the saved file scores what the report said");
        assertTrue(Math.abs(r.quality().change()) <= allowedPoints, name + " " + precision.id() + " changed accuracy by " + r.quality().change() + " points");
        assertTrue(r.fileBytesAfter() < r.fileBytesBefore());

        long floats = model.network().numParams() * 4;
        assertEquals(floats, r.parameterBytesBefore());
        return r;
    }

    @Test void fp16HalvesTheWeightsAndKeepsTheAccuracy() throws Exception {
        CompactionReport r = compactAndCheck("mlp", mlp, test, Precision.FP16, 0.5);
        // Weights [784, 64], [64, 64], [64, 10] as halves; the 138 biases stay float32.
        long weights = 784 * 64 + 64 * 64 + 64 * 10;
        assertEquals(weights * 2 + (64 + 64 + 10) * 4, r.parameterBytesAfter());
        assertTrue(r.fileBytesAfter() < 0.55 * r.parameterBytesBefore(), "an fp16 file is about half the float weights: " + r.rows());
    }

    @Test void int8QuartersTheWeightsAndKeepsTheAccuracyWithinTwoPoints() throws Exception {
        CompactionReport r = compactAndCheck("mlp", mlp, test, Precision.INT8, 2.0);
        long weights = 784 * 64 + 64 * 64 + 64 * 10;
        long scales = 64 + 64 + 10;
        assertEquals(weights + scales * 4 + (64 + 64 + 10) * 4, r.parameterBytesAfter(), "a byte a weight, a float a channel and a bias");
        assertTrue(r.fileBytesAfter() < 0.30 * r.parameterBytesBefore(), "an int8 file is about a quarter of the float weights: " + r.rows());
    }

    @Test void theSmallCnnCompactsToo() throws Exception {
        NetworkSpec spec = SampleData.spec("small-cnn.json");
        spec = spec.withTraining(spec.training().withEpochs(1));
        LabeledData all = SampleData.fashionMnistTrain();
        LabeledData some = new LabeledData(all.exampleShape(), all.classes(), Arrays.copyOf(all.features(), 3000), Arrays.copyOf(all.labels(), 3000));
        TrainedModel cnn = finished(Trainer.train(spec, some, null, e -> { }, new CancelToken()));
        LabeledData fewer = new LabeledData(test.exampleShape(), test.classes(), Arrays.copyOf(test.features(), 1000), Arrays.copyOf(test.labels(), 1000));
        compactAndCheck("small-cnn", cnn, fewer, Precision.FP16, 0.5);
        CompactionReport r = compactAndCheck("small-cnn", cnn, fewer, Precision.INT8, 2.0);
        assertTrue(r.fileBytesAfter() < 0.30 * r.parameterBytesBefore(), r.rows().toString());
    }

    @Test void aRegressionReportsItsMeanAbsoluteErrorBeforeAndAfter() throws Exception {
        NetworkSpec spec = SampleData.spec("tabular-regression.json");
        PreparedData data = RunPreparation.tableOrText(new DataSource.TableFile("sample-models/diabetes/diabetes.csv", null, null), spec, false);
        TrainedModel model = finished(Trainer.train(spec, data.train(), data.validation(), data.preparation(), e -> { }, new CancelToken(), new PauseGate()));
        Compaction c = Compaction.of(model, Precision.INT8);
        CompactionReport r = c.measure(data.validation(), "the validation rows", new CancelToken(), f -> { });
        assertTrue(r.quality().regression());
        assertEquals("MAE (progression)", r.quality().measure());
        assertEquals(RegressionEvaluator.evaluate(model, data.validation()).mae(), r.quality().before());
        Path file = dir.resolve("diabetes-int8.zip");
        c.save(file);
        assertEquals(r.quality().after(), RegressionEvaluator.evaluate(ModelFile.load(file), data.validation()).mae());
        figures.add(String.format(Locale.ROOT, "CompactionTest: diabetes int8: MAE %.3f → %.3f", r.quality().before(), r.quality().after()));
        assertTrue(Math.abs(r.quality().change()) <= 0.02 * r.quality().before(), "the error changes by under 2 %: " + r.rows());
    }

    @Test void aCompactModelPredictsTheShippedExamplesAsTheFullOneDoes() throws Exception {
        Path file = dir.resolve("mlp-int8-predict.zip");
        Compaction.of(mlp, Precision.INT8).save(file);
        ModelRuntime compact = new ModelRuntime(ModelFile.load(file));
        ModelRuntime full = new ModelRuntime(mlp);
        List<ModelInput> images;
        try (Stream<Path> files = Files.list(Path.of("sample-models/fashion-mnist/examples"))) {
            images = files.sorted().map(p -> (ModelInput) new ModelInput.ImageFile(p)).toList();
        }
        List<ModelAnswer> a = full.predict(images);
        List<ModelAnswer> b = compact.predict(images);
        int same = 0;
        for (int i = 0; i < images.size(); i++) {
            var p = ((ModelAnswer.Classified) a.get(i)).prediction();
            var q = ((ModelAnswer.Classified) b.get(i)).prediction();
            if (p.best().classIndex() == q.best().classIndex()) same++;
            assertEquals(p.best().probability(), q.best().probability(), 0.05, "the top class's probability moves little");
        }
        assertTrue(same >= images.size() - 1, same + " of " + images.size() + " examples get the same class");
    }

    @Test void withoutDataOnlyTheSizesAreReported() throws Exception {
        CompactionReport r = Compaction.of(mlp, Precision.FP16).report();
        assertEquals(null, r.quality());
        assertEquals(2, r.rows().size());
        assertEquals("Accuracy was not measured: no labelled examples were given.", r.measuredOn());
        assertThrows(IllegalArgumentException.class, () -> Compaction.of(mlp, Precision.FLOAT32));
        assertFalse(r.toTable().isBlank());
    }
}
