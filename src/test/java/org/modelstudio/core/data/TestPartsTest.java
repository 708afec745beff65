package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.Shape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test share holds out a stratified, seeded part of tables and texts, disjoint from training and validation. */
class TestPartsTest {

    /** 90 rows, "a" 60 and "b" 30, each with its id as a feature so that a prepared row says which row it was. */
    private static RawTable table() {
        List<String[]> rows = new ArrayList<>();
        int[] lines = new int[90];
        for (int i = 0; i < 90; i++) {
            rows.add(new String[] {String.valueOf(i), i < 60 ? "a" : "b"});
            lines[i] = i + 2;
        }
        return new RawTable("ab.csv", List.of("id", "label"), true, rows, lines);
    }

    private static List<Integer> ids(LabeledData part, InputPreparation.Table prep) {
        InputPreparation.Column id = prep.columns().get(0);
        List<Integer> ids = new ArrayList<>();
        for (float[] row : part.features()) ids.add((int) Math.round(row[0] * id.std() + id.mean()));
        return ids;
    }

    @Test void aTablesTestPartIsStratifiedSeededAndNoRowIsInTwoParts() throws Exception {
        PreparedData data = TablePreparation.prepare(table(), "label", null, 0.2, 0.2, 7);
        InputPreparation.Table prep = (InputPreparation.Table) data.preparation();
        // Test: 20 % of each class (12 of 60, 6 of 30); validation: 20 % of all rows, from each class's rest (12 of 48, 6 of 24).
        assertArrayEquals(new int[] {12, 6}, data.test().classCounts());
        assertArrayEquals(new int[] {12, 6}, data.validation().classCounts());
        assertArrayEquals(new int[] {36, 18}, data.train().classCounts());
        Set<Integer> seen = new HashSet<>();
        for (LabeledData part : List.of(data.train(), data.validation(), data.test())) {
            for (int id : ids(part, prep)) assertTrue(seen.add(id), "row " + id + " is in two parts");
        }
        assertEquals(90, seen.size(), "every row is in one part");

        // Seeded: the same rows again; another validation share leaves the test part as it is; another seed changes it.
        List<Integer> tested = ids(data.test(), prep);
        assertEquals(tested, ids(TablePreparation.prepare(table(), "label", null, 0.2, 0.2, 7).test(), prep));
        PreparedData moreValidation = TablePreparation.prepare(table(), "label", null, 0.3, 0.2, 7);
        assertEquals(new HashSet<>(tested), new HashSet<>(ids(moreValidation.test(), (InputPreparation.Table) moreValidation.preparation())));
        PreparedData otherSeed = TablePreparation.prepare(table(), "label", null, 0.2, 0.2, 8);
        assertNotEquals(new HashSet<>(tested), new HashSet<>(ids(otherSeed.test(), (InputPreparation.Table) otherSeed.preparation())));
        assertNull(TablePreparation.prepare(table(), "label", null, 0.2, 0, 7).test(), "no test share, no test part");
    }

    @Test void theStandardisationNeverSeesTheTestRows() throws Exception {
        PreparedData data = TablePreparation.prepare(table(), "label", null, 0, 0.3, 3);
        InputPreparation.Column id = ((InputPreparation.Table) data.preparation()).columns().get(0);
        double trainMean = ids(data.train(), (InputPreparation.Table) data.preparation()).stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertEquals(trainMean, id.mean(), 1e-9);
    }

    @Test void aRegressionTablesTestPartIsARandomShareOfTheRows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        int[] lines = new int[40];
        for (int i = 0; i < 40; i++) {
            rows.add(new String[] {String.valueOf(i), String.valueOf(i * 1.5)});
            lines[i] = i + 2;
        }
        RawTable t = new RawTable("ramp.csv", List.of("id", "y"), true, rows, lines);
        PreparedData data = TablePreparation.prepare(t, null, null, 0.25, 0.25, 1);
        assertTrue(data.regression());
        assertEquals(10, data.test().size());
        assertEquals(10, data.validation().size());
        assertEquals(20, data.train().size());
        assertTrue(data.test().regression(), "the test rows keep their numbers to predict");
    }

    @Test void textsHoldOutAStratifiedTestPartTooAndItsWordsStayOutOfTheVocabulary() throws Exception {
        List<TextPreparation.LabeledText> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String label = i % 2 == 0 ? "sport" : "food";
            texts.add(new TextPreparation.LabeledText(label + " word" + i, label, "line " + (i + 1)));
        }
        PreparedData data = TextPreparation.prepare("texts.csv", texts, new InputSpec.VectorInput(100), 0.25, 0.25, 5);
        assertArrayEquals(new int[] {5, 5}, data.test().classCounts());
        assertArrayEquals(new int[] {5, 5}, data.validation().classCounts());
        assertArrayEquals(new int[] {10, 10}, data.train().classCounts());
        var vocabulary = ((InputPreparation.Text) data.preparation()).vocabulary();
        assertEquals(2 + 20, vocabulary.size(), "the two labels' words and the 20 training texts' own words: " + vocabulary);
    }

    @Test void imagesAndTablesSplitAlikeAndTheRuleDecidesTheTask() {
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) labels[i] = i % 3;
        int[][] rows = Splits.rows(labels, 3, 0.2, 0.2, 42);
        float[][] x = new float[30][];
        for (int i = 0; i < 30; i++) x[i] = new float[] {i};
        var parts = Splits.parts(new LabeledData(new Shape.Vector(1), List.of("a", "b", "c"), x, labels), 0.2, 0.2, 42);
        for (int i = 0; i < rows[2].length; i++) assertEquals(rows[2][i], (int) ((Subset) parts.test()).baseIndex(i));

        assertEquals(TaskKind.REGRESSION, TaskKind.decide("price", List.of("1", "2.5", "3")).kind());
        assertEquals(TaskKind.CLASSIFICATION, TaskKind.decide("grade", List.of("1", "2", "3", "2")).kind());
        assertTrue(TaskKind.decide("grade", List.of("1", "2", "3")).choosable());
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= TaskKind.MAX_CLASS_CODES; i++) many.add(String.valueOf(i * 7));
        assertEquals(TaskKind.REGRESSION, TaskKind.decide("age", many).kind(), "more than 10 different whole numbers");
        assertEquals(TaskKind.CLASSIFICATION, TaskKind.decide("species", List.of("setosa", "12")).kind());
        assertTrue(!TaskKind.decide("species", List.of("setosa")).choosable());
    }
}
