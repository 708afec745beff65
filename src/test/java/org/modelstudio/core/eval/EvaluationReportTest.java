package org.modelstudio.core.eval;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics against a confusion matrix worked out by hand, and the per-example view of an evaluation. */
class EvaluationReportTest {
    static final List<String> ABC = List.of("a", "b", "c");
    //                             a  a  a  a  b  b  b  c  c  c
    static final int[] ACTUAL =    {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};
    static final double EPS = 1e-12;

    @Nested @DisplayName("3 classes, 10 examples")
    class ByHand {
        final EvaluationReport r = EvaluationReport.fromPredictions(ABC, ACTUAL, PREDICTED);

        @Test void confusionAndSupport() {
            assertArrayEquals(new int[] {2, 1, 1}, r.confusion()[0]);
            assertArrayEquals(new int[] {1, 2, 0}, r.confusion()[1]);
            assertArrayEquals(new int[] {0, 1, 2}, r.confusion()[2]);
            assertArrayEquals(new int[] {4, 3, 3}, r.support());
            assertEquals(10, r.total());
            assertEquals(0.6, r.accuracy(), EPS);
        }

        @Test void perClass() {
            // predicted as a: 3 (2 right), as b: 4 (2 right), as c: 3 (2 right)
            assertArrayEquals(new double[] {2 / 3.0, 2 / 4.0, 2 / 3.0}, r.precision(), EPS);
            assertArrayEquals(new double[] {2 / 4.0, 2 / 3.0, 2 / 3.0}, r.recall(), EPS);
            // a: 2·(2/3·1/2)/(2/3+1/2) = 4/7; b the same; c: 2/3
            assertArrayEquals(new double[] {4 / 7.0, 4 / 7.0, 2 / 3.0}, r.f1(), EPS);
        }

        @Test void averages() {
            assertEquals(11 / 18.0, r.macroPrecision(), EPS);
            assertEquals(11 / 18.0, r.macroRecall(), EPS);
            assertEquals(38 / 63.0, r.macroF1(), EPS);
            assertEquals(37 / 60.0, r.weightedPrecision(), EPS, "(4·2/3 + 3·1/2 + 3·2/3) / 10");
            assertEquals(0.6, r.weightedRecall(), EPS, "the weighted recall is the accuracy");
            assertEquals(0.6, r.weightedF1(), EPS, "(4·4/7 + 3·4/7 + 3·2/3) / 10");
        }

        @Test void rowPercent() {
            assertEquals(50, r.rowPercent(0, 0), EPS);
            assertEquals(25, r.rowPercent(0, 1), EPS);
            assertEquals(100 / 3.0, r.rowPercent(1, 0), EPS);
            assertEquals(0, r.rowPercent(1, 2), EPS);
            assertEquals(200 / 3.0, r.rowPercent(2, 2), EPS);
        }

        @Test void theTableShowsTheAverages() {
            String t = r.toTable();
            assertTrue(t.contains("Accuracy: 60.00% on 10 examples"), t);
            assertTrue(t.matches("(?s).*macro avg\\s+0\\.611\\s+0\\.611\\s+0\\.603\\s+10\n.*"), t);
            assertTrue(t.matches("(?s).*weighted avg\\s+0\\.617\\s+0\\.600\\s+0\\.600\\s+10\n.*"), t);
        }
    }

    @Test void aClassNeverPredictedOrAbsentScoresZeroNotNaN() {
        List<String> four = List.of("a", "b", "c", "d");
        // d never occurs and is never predicted; c occurs but is never predicted.
        EvaluationReport r = EvaluationReport.fromPredictions(four, new int[] {0, 1, 2, 2}, new int[] {0, 1, 0, 1});
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, r.precision(), EPS);
        assertArrayEquals(new double[] {1, 1, 0, 0}, r.recall(), EPS);
        assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 0, 0}, r.f1(), EPS);
        assertEquals((2 / 3.0 + 2 / 3.0) / 4, r.macroF1(), EPS, "absent classes count, with their 0");
        assertEquals((2 / 3.0 + 2 / 3.0) / 4, r.weightedF1(), EPS, "weights 1, 1, 2, 0");
        assertEquals(0, r.rowPercent(3, 3));
        EvaluationReport none = EvaluationReport.fromPredictions(four, new int[0], new int[0]);
        assertEquals(0, none.accuracy());
        assertEquals(0, none.weightedF1());
        assertThrows(IllegalArgumentException.class, () -> EvaluationReport.fromPredictions(ABC, new int[] {0}, new int[] {3}));
    }

    @Test void cellsAndMistakesAreTheRightExamplesMostConfidentFirst() {
        double[] confidence = {0.9, 0.6, 0.7, 0.95, 0.8, 0.5, 0.99, 0.7, 0.4, 0.55};
        List<ExampleOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < ACTUAL.length; i++) outcomes.add(new ExampleOutcome(i, ACTUAL[i], PREDICTED[i], confidence[i], 0.1));
        DetailedEvaluation d = new DetailedEvaluation(EvaluationReport.fromPredictions(ABC, ACTUAL, PREDICTED), outcomes);
        assertEquals(List.of(0, 1), d.cell(0, 0).stream().map(ExampleOutcome::index).toList());
        assertEquals(List.of(4, 5), d.cell(1, 1).stream().map(ExampleOutcome::index).toList());
        assertEquals(List.of(6), d.cell(1, 0).stream().map(ExampleOutcome::index).toList());
        assertEquals(List.of(), d.cell(1, 2));
        assertEquals(List.of(7, 8), d.cell(2, 2).stream().map(ExampleOutcome::index).toList());
        assertEquals(4, d.mistakes());
        assertEquals(List.of(6, 3, 2, 9), d.mostConfidentMistakes(10).stream().map(ExampleOutcome::index).toList());
        assertEquals(List.of(6, 3), d.mostConfidentMistakes(2).stream().map(ExampleOutcome::index).toList());
    }
}
