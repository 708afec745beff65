package org.modelstudio.engine.io;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.Estimate;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.TaskFit;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.Issue;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.RegressionEvaluator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table whose label is a number trains a real network as a regression, end to end, in the label's units. */
class RegressionTest {

    private static TrainingResult train(NetworkSpec spec, PreparedData data, List<TrainingEvent> events) throws InvalidNetworkException {
        return Trainer.train(spec, data.train(), data.validation(), data.preparation(), events::add, new CancelToken(), new PauseGate());
    }

    @Test void aLinearRuleWithACategoryIsLearntAndHeldOutRowsArePredictedInTheLabelsUnits(@TempDir Path dir) throws Exception {
        Path csv = TestData.linearTable(dir.resolve("linear.csv"), 400, 1);
        PreparedData data = TableLoader.prepare(csv, null, null, 0.2, 0.2, 5);
        assertTrue(data.regression(), "y has fractions: a regression by the rule");
        assertEquals(List.of("y"), data.train().classes());
        assertEquals(80, data.test().size());
        InputPreparation.Table prep = (InputPreparation.Table) data.preparation();
        assertEquals(5, prep.features(), "x1, x2 and three colours");

        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = train(TestData.regressionNetwork(5, 40), data, events);
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        var epochs = result.epochs();
        TrainingEvent.EpochEvaluated first = epochs.get(0);
        TrainingEvent.EpochEvaluated last = epochs.get(epochs.size() - 1);
        assertTrue(last.regression());
        assertTrue(Double.isNaN(last.trainAccuracy()) && Double.isNaN(last.validationAccuracy()), "no accuracy is made up for a regression");
        assertTrue(last.validationLoss() < first.validationLoss() / 3, "the validation loss falls: " + first + " → " + last);
        assertTrue(last.validationMae() < 1.0 && last.trainMae() < 1.0, "MAE in y's units, whose spread is about 4: " + last);

        RegressionReport held = RegressionEvaluator.evaluate(result.best(), data.test());
        assertTrue(held.r2() > 0.9, "R² on the 80 held-out rows: " + held.r2());
        assertEquals(80, held.n());
        assertEquals(held.mae(), IntStream.range(0, 80).mapToDouble(i -> Math.abs(held.actual()[i] - held.predicted()[i])).average().orElseThrow(), 1e-9);
        // The actual values are y as written in the file (a test row's y is one of the file's values, to 3 decimals).
        List<String> ys = Files.readAllLines(csv).stream().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
        assertTrue(ys.contains(String.format(Locale.ROOT, "%.3f", held.actual()[0])), "label units: " + held.actual()[0]);

        // y = 3·1 − 2·0 + 2 (red) = 5; y = 3·0 − 2·1 − 2 (blue) = −4.
        Estimate red = new ModelRuntime(result.best()).estimate(new ModelInput.Row(List.of("1", "0", "red")));
        assertEquals(5, red.value(), 0.8, red.describe());
        assertEquals(-4, new ModelRuntime(result.best()).estimate(new ModelInput.NamedRow(Map.of("x1", "0", "x2", "1", "colour", "blue"))).value(), 0.8);
        assertTrue(red.describe().startsWith("y ≈ ") && red.describe().endsWith("(in the units of the column \"y\")"), red.describe());
        InputRejectedException classes = assertThrows(InputRejectedException.class, () ->
                new ModelRuntime(result.best()).classify(new ModelInput.Row(List.of("1", "0", "red"))));
        assertTrue(classes.reason().contains("predicts a number (\"y\")"), classes.reason());
    }

    @Test void theTargetIsStandardisedWithTheTrainingRowsOnly(@TempDir Path dir) throws Exception {
        // y grows with the square of the row number, so the training rows' mean is not the mean of all rows.
        StringBuilder csv = new StringBuilder("id,y\n");
        for (int i = 0; i < 50; i++) csv.append(i).append(',').append(i * i).append('\n');
        PreparedData data = TableLoader.prepare(Files.writeString(dir.resolve("squares.csv"), csv), null, null, 0.3, 0, 11);
        assertTrue(data.regression(), "50 different whole numbers: a regression by the rule");
        InputPreparation.Table prep = (InputPreparation.Table) data.preparation();
        InputPreparation.Column id = prep.columns().get(0);
        double sum = 0;
        double sq = 0;
        for (float[] row : data.train().features()) {
            long i = Math.round(row[0] * id.std() + id.mean());
            sum += i * i;
            sq += (double) i * i * i * i;
        }
        int n = data.train().size();
        double trainMean = sum / n;
        assertEquals(trainMean, prep.target().mean(), 1e-6, "the mean of y over the training rows");
        assertEquals(Math.sqrt(sq / n - trainMean * trainMean), prep.target().std(), 1e-6);
        double allMean = 0;
        for (int i = 0; i < 50; i++) allMean += i * i / 50.0;
        assertTrue(Math.abs(allMean - prep.target().mean()) > 1, "not the mean over all rows (" + allMean + ")");
        double trainTargets = 0;
        for (int i = 0; i < n; i++) trainTargets += data.train().target(i) / n;
        assertEquals(0, trainTargets, 1e-5, "the training targets are centred");
        // A validation row's target is standardised with the same training figures.
        long v = Math.round(data.validation().features()[0][0] * id.std() + id.mean());
        assertEquals((v * v - prep.target().mean()) / prep.target().std(), data.validation().target(0), 1e-5);
    }

    @Test void aSavedRegressionModelPredictsTheSameAfterReloadingAndOlderModelFilesStayClassifiers(@TempDir Path dir) throws Exception {
        PreparedData data = TableLoader.prepare(TestData.linearTable(dir.resolve("linear.csv"), 120, 2), null, null, 0.25, 0, 3);
        TrainedModel model = train(TestData.regressionNetwork(5, 5), data, new ArrayList<>()).last();
        Path file = dir.resolve("linear.zip");
        ModelFile.save(model, file);
        TrainedModel loaded = ModelFile.load(file);
        assertTrue(loaded.regression());
        assertEquals(model.preparation(), loaded.preparation(), "the label's mean and standard deviation are saved");
        assertEquals(List.of("y"), loaded.labels());
        float[][] rows = data.validation().features();
        assertArrayEquals(estimates(model, rows), estimates(loaded, rows));
        assertEquals(new ModelRuntime(model).estimate(new ModelInput.Row(List.of("0.5", "-1", "green"))).value(),
                new ModelRuntime(loaded).estimate(new ModelInput.Row(List.of("0.5", "-1", "green"))).value());
        var manifest = new ObjectMapper().readTree(ModelFile.manifest(model));
        assertEquals("number", manifest.path("preparation").path("labelKind").asText());

        // Version-2 files from before regression: labelKind "classes", or none at all.
        var older = (ObjectNode) manifest.path("preparation").deepCopy();
        older.remove("target");
        older.put("labelKind", "classes");
        assertNull(((InputPreparation.Table) ModelFile.readPreparation("old.zip", older)).target());
        older.remove("labelKind");
        assertFalse(((InputPreparation.Table) ModelFile.readPreparation("old.zip", older)).regression());
        older.put("labelKind", "number");
        var damaged = assertThrows(IOException.class, () -> ModelFile.readPreparation("odd.zip", older));
        assertTrue(damaged.getMessage().contains("odd.zip: the input preparation inside is damaged") && damaged.getMessage().contains("target"),
                damaged.getMessage());
    }

    @Test void aClassifiersOutputLayerIsToldWhatToSetAndTrainingRefusesWithTheSameSentence(@TempDir Path dir) throws Exception {
        PreparedData data = TableLoader.prepare(TestData.linearTable(dir.resolve("linear.csv"), 60, 3), null, null, 0.2, 0, 3);
        NetworkSpec good = TestData.regressionNetwork(5, 3);
        List<LayerSpec> layers = new ArrayList<>(good.layers());
        layers.set(layers.size() - 1, new LayerSpec.Output(3));
        NetworkSpec classifier = good.withLayers(layers).withTraining(good.training().withLoss(Loss.CROSS_ENTROPY));

        List<Issue> issues = TaskFit.issues(classifier, TaskKind.REGRESSION, "y");
        assertEquals(1, issues.size(), issues.toString());
        assertEquals(layers.size() - 1, issues.get(0).layerIndex(), "on the Output layer");
        String sentence = "The data is a regression (it predicts the number \"y\"), so the Output layer must give one number as it is: "
                + "1 unit, identity activation, mean squared error loss. Set its Classes (units) to 1, its activation to identity and the "
                + "loss (Train → Settings) to mse.";
        assertEquals(sentence, issues.get(0).message());
        InvalidNetworkException refused = assertThrows(InvalidNetworkException.class, () -> train(classifier, data, new ArrayList<>()));
        assertEquals(sentence, refused.getMessage());

        // Only what is wrong is named.
        layers.set(layers.size() - 1, new LayerSpec.Output(1, Activation.SOFTMAX, WeightInit.XAVIER));
        assertTrue(TaskFit.problem(good.withLayers(layers), TaskKind.REGRESSION, "y").endsWith("Set its activation to identity."));
        assertNull(TaskFit.problem(good, TaskKind.REGRESSION, "y"));
        assertTrue(TaskFit.issues(classifier, TaskKind.CLASSIFICATION, "y").isEmpty());
    }

    @Test void earlyStoppingWatchesTheValidationLossAndTheBestModelIsTheLowestLossNotAnAccuracy(@TempDir Path dir) throws Exception {
        PreparedData data = TableLoader.prepare(TestData.linearTable(dir.resolve("linear.csv"), 150, 4), null, null, 0.3, 0, 4);
        NetworkSpec spec = TestData.regressionNetwork(5, 12);
        NetworkSpec onAccuracy = spec.withTraining(spec.training().withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_ACCURACY, 2, 0)));
        InvalidNetworkException refused = assertThrows(InvalidNetworkException.class, () -> train(onAccuracy, data, new ArrayList<>()));
        assertTrue(refused.getMessage().contains("which has no accuracy: set early stopping (Train → Settings) to watch the validation loss"),
                refused.getMessage());

        NetworkSpec onLoss = spec.withTraining(spec.training().withLearningRate(0.02)
                .withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0)));
        TrainingResult result = train(onLoss, data, new ArrayList<>());
        assertTrue(result.outcome() == RunOutcome.FINISHED || result.outcome() == RunOutcome.EARLY_STOPPED, result.message());
        var lowest = result.epochs().stream().min(Comparator.comparingDouble(TrainingEvent.EpochEvaluated::validationLoss)).orElseThrow();
        assertEquals(lowest.epoch(), result.bestEpoch(), "the best model is the epoch with the lowest validation loss");
    }

    @Test void aRegressionWhoseLossStartsLargeIsNotMistakenForDivergenceButATooHighRateIs() throws Exception {
        // Targets left unscaled (around 1000): the squared error starts near 10⁶, far above any classifier's ln(classes).
        Random r = new Random(9);
        float[][] x = new float[200][];
        float[] y = new float[200];
        for (int i = 0; i < 200; i++) {
            x[i] = new float[] {(float) r.nextGaussian(), (float) r.nextGaussian()};
            y[i] = 1000 + 50 * x[i][0];
        }
        LabeledData raw = LabeledData.ofTargets(new Shape.Vector(2), "y", x, y);
        NetworkSpec spec = TestData.regressionNetwork(2, 8);
        TrainingResult calm = Trainer.train(spec.withTraining(spec.training().withLearningRate(0.05)), raw, null, null,
                e -> { }, new CancelToken(), new PauseGate());
        assertEquals(RunOutcome.FINISHED, calm.outcome(), calm.failure());
        assertTrue(calm.epochs().get(7).trainLoss() < calm.epochs().get(0).trainLoss(), "it learns");

        TrainingResult wild = Trainer.train(spec.withTraining(spec.training().withLearningRate(1e4)), raw, null, null,
                e -> { }, new CancelToken(), new PauseGate());
        assertEquals(RunOutcome.FAILED, wild.outcome());
        assertTrue(wild.failure().contains("training diverged"), wild.failure());
    }

    /** Each prepared row's estimate, in the label's units. */
    private static double[] estimates(TrainedModel model, float[][] rows) {
        return new ModelRuntime(model).predict(Arrays.stream(rows).map(r -> (ModelInput) new ModelInput.Tensor(r)).toList()).stream()
                .mapToDouble(a -> ((ModelAnswer.Estimated) a).estimate().value()).toArray();
    }

}
