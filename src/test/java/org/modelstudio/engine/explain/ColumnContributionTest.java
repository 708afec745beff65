package org.modelstudio.engine.explain;

import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.eval.ColumnContribution;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.TableLoader;
import org.modelstudio.engine.train.Trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table row's columns are weighed by how much the answer moves without them: the column the rule rests on weighs most. */
class ColumnContributionTest {

    @Test void theColumnARegressionRestsOnMovesItsEstimateByWhatTheRuleSays(@TempDir Path dir) throws Exception {
        // y = 3·x1 − 2·x2 + 2·(1 − colour index) + noise; x1 and x2 are standard normal, so their means are about 0.
        PreparedData data = TableLoader.prepare(TestData.linearTable(dir.resolve("linear.csv"), 400, 4), null, null, 0.2, 0, 9);
        TrainedModel model = Trainer.train(TestData.regressionNetwork(5, 40), data.train(), data.validation(), data.preparation(),
                TrainingEventSink.NONE, new CancelToken(), new PauseGate()).best();
        Map<String, String> row = Map.of("x1", "2", "x2", "0", "colour", "green");
        List<String> warnings = new ArrayList<>();
        List<ColumnContribution> columns = Explainer.columns(model, row, 0, warnings);
        assertEquals(List.of("x1", "x2", "colour"), columns.stream().map(ColumnContribution::column).toList());
        double x1 = columns.get(0).contribution();
        double x2 = columns.get(1).contribution();
        assertTrue(x1 > 4.5 && x1 < 7.5, "x1 = 2 instead of its mean ≈ 0 adds about 3·2 = 6: " + columns);
        assertTrue(Math.abs(x2) < 1.5, "x2 = 0 is its mean: it moves the estimate little: " + columns);
        assertEquals("2", columns.get(0).value());
        assertTrue(warnings.isEmpty(), warnings.toString());
        double estimate = new ModelRuntime(model).estimate(new ModelInput.NamedRow(row)).value();
        assertTrue(Math.abs(estimate - 6) < 1.5, "the estimate itself: " + estimate);
    }

    @Test void aModelThatIsNotATableIsRefusedWithASentence() throws Exception {
        TrainedModel bars = Trainer.train(TestData.barCnn(1), TestData.bars(60, 1), null, TrainingEventSink.NONE, new CancelToken()).last();
        var e = assertThrows(IllegalArgumentException.class, () -> Explainer.columns(bars, Map.of(), 0, new ArrayList<>()));
        assertTrue(e.getMessage().contains("not trained on a table"), e.getMessage());
    }
}
