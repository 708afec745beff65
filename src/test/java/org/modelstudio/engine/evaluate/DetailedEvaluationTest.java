package org.modelstudio.engine.evaluate;

import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.eval.ExampleOutcome;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.BatchIterator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example's outcome from a real trained network, and metrics that agree with DL4J's own Evaluation. */
class DetailedEvaluationTest {
    static TrainedModel model;
    static LabeledData test;

    @BeforeAll static void train() throws Exception {
        // Two epochs: good but not perfect, so that there are mistakes to look at.
        TrainingResult r = Trainer.train(TestData.barCnn(2), TestData.bars(240, 1), null, e -> { }, new CancelToken());
        model = r.last();
        test = TestData.bars(600, 2);
    }

    @Test void oneOutcomePerExampleAndEachCellHoldsExactlyItsExamples() throws Exception {
        List<Double> progress = new ArrayList<>();
        DetailedEvaluation d = Evaluator.evaluateDetailed(model, test, new CancelToken(), progress::add);
        assertEquals(test.size(), d.outcomes().size());
        assertEquals(List.of(256 / 600.0, 512 / 600.0, 1.0), progress, "after each batch of 256");
        EvaluationReport r = d.report();
        assertTrue(r.accuracy() > 0.5, "learnt something: " + r.accuracy());
        int cells = 0;
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                List<ExampleOutcome> cell = d.cell(a, p);
                assertEquals(r.confusion()[a][p], cell.size(), a + "→" + p);
                for (int k = 0; k < cell.size(); k++) {
                    ExampleOutcome o = cell.get(k);
                    assertEquals(a, test.label(o.index()), "the outcome's index is the example's");
                    assertEquals(a, o.actual());
                    assertEquals(p, o.predicted());
                    if (k > 0) assertTrue(cell.get(k - 1).confidence() >= o.confidence(), "most confident first");
                    if (a == p) assertEquals(o.confidence(), o.actualProbability(), 1e-9);
                    else assertTrue(o.actualProbability() <= o.confidence());
                    assertTrue(o.confidence() >= 1 / 3.0 - 1e-6, "the most probable of 3 classes");
                }
                cells += cell.size();
            }
        }
        assertEquals(test.size(), cells);
        for (int i = 0; i < test.size(); i++) assertEquals(i, d.outcomes().get(i).index(), "in the data's order");
        // The predicted class and its probability are the network's own answer for that example.
        ExampleOutcome some = d.outcomes().get(123);
        var answer = new ModelRuntime(model).classify(new ModelInput.Tensor(test.features()[123])).prediction();
        assertEquals(answer.best().classIndex(), some.predicted());
        assertEquals(answer.best().probability(), some.confidence(), 1e-6);
    }

    @Test void metricsAgreeWithDl4jEvaluationOnTheSameOutputs() throws Exception {
        EvaluationReport ours = Evaluator.evaluate(model, test);
        Evaluation dl4j = new Evaluation(model.labels());
        DataSet all = BatchIterator.slice(test, 0, test.size());
        dl4j.eval(all.getLabels(), model.network().output(all.getFeatures(), false));
        assertTrue(ours.accuracy() < 1, "a model with mistakes checks more: " + ours.accuracy());
        assertEquals(dl4j.accuracy(), ours.accuracy(), 1e-12);
        for (int c = 0; c < 3; c++) {
            assertEquals(dl4j.precision(c, 0.0), ours.precision()[c], 1e-12, "precision " + c);
            assertEquals(dl4j.recall(c, 0.0), ours.recall()[c], 1e-12, "recall " + c);
            assertEquals(dl4j.f1(c), ours.f1()[c], 1e-12, "F1 " + c);
            assertEquals(dl4j.getConfusionMatrix().getActualTotal(c), ours.support()[c]);
            int[] row = new int[3];
            for (int p = 0; p < 3; p++) row[p] = dl4j.getConfusionMatrix().getCount(c, p);
            assertArrayEquals(row, ours.confusion()[c]);
        }
        assertEquals(dl4j.f1(EvaluationAveraging.Macro), ours.macroF1(), 1e-12);
        assertEquals(dl4j.precision(EvaluationAveraging.Macro), ours.macroPrecision(), 1e-12);
    }

    @Test void cancellingStopsBetweenBatches() {
        CancelToken cancel = new CancelToken();
        List<Double> progress = new ArrayList<>();
        assertThrows(CancellationException.class, () -> Evaluator.evaluateDetailed(model, test, cancel, done -> {
            progress.add(done);
            cancel.cancel();
        }));
        assertEquals(1, progress.size(), "stopped after the first batch: " + progress);
    }
}
