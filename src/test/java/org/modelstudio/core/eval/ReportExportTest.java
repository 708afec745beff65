package org.modelstudio.core.eval;

import org.modelstudio.TestData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV reads back with the numbers it was written from; the HTML page stands alone and shows labels as text. */
public class ReportExportTest {
    static final List<String> CLASSES = List.of("<b>& co", "plain, with comma", "say \"hi\"");

    static DetailedEvaluation evaluation() {
        int[] actual = EvaluationReportTest.ACTUAL;
        int[] predicted = EvaluationReportTest.PREDICTED;
        List<ExampleOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) outcomes.add(new ExampleOutcome(i, actual[i], predicted[i], 0.5 + i / 40.0, 0.2));
        return new DetailedEvaluation(EvaluationReport.fromPredictions(CLASSES, actual, predicted), outcomes);
    }

    @Test void csvParsesBackWithTheRightNumbers() {
        DetailedEvaluation d = evaluation();
        EvaluationReport r = d.report();
        List<List<String>> rows = TestData.parseCsv(ReportExport.csv(d, "Bars, test set"));
        assertEquals(List.of("Report", "Bars, test set"), rows.get(0));
        assertEquals(List.of("Examples", "10"), rows.get(1));
        assertEquals(0.6, Double.parseDouble(rows.get(2).get(1)), 1e-6);
        int header = rows.indexOf(List.of("Class", "Precision", "Recall", "F1", "Support"));
        for (int c = 0; c < 3; c++) {
            List<String> row = rows.get(header + 1 + c);
            assertEquals(CLASSES.get(c), row.get(0));
            assertEquals(r.precision()[c], Double.parseDouble(row.get(1)), 1e-6);
            assertEquals(r.recall()[c], Double.parseDouble(row.get(2)), 1e-6);
            assertEquals(r.f1()[c], Double.parseDouble(row.get(3)), 1e-6);
            assertEquals(r.support()[c], Integer.parseInt(row.get(4)));
        }
        List<String> macro = rows.get(header + 4);
        assertEquals("Macro average", macro.get(0));
        assertEquals(11 / 18.0, Double.parseDouble(macro.get(1)), 1e-6);
        assertEquals(38 / 63.0, Double.parseDouble(macro.get(3)), 1e-6);
        List<String> weighted = rows.get(header + 5);
        assertEquals("Weighted average", weighted.get(0));
        assertEquals(37 / 60.0, Double.parseDouble(weighted.get(1)), 1e-6);
        int matrix = header + 8;
        assertEquals(List.of("Actual \\ Predicted", "<b>& co", "plain, with comma", "say \"hi\""), rows.get(matrix));
        for (int a = 0; a < 3; a++) {
            List<String> row = rows.get(matrix + 1 + a);
            assertEquals(CLASSES.get(a), row.get(0));
            for (int p = 0; p < 3; p++) assertEquals(r.confusion()[a][p], Integer.parseInt(row.get(p + 1)), a + "→" + p);
        }
    }

    @Test void htmlIsSelfContainedAndEscapesLabels() {
        String uri = "data:image/png;base64,iVBORw0KGgo=";
        String html = ReportExport.html(evaluation(), "Report for <script>", i -> i == 6 ? uri : null, i -> "text #" + i + " <i>");
        assertFalse(html.contains("http"), "no links of any kind");
        assertFalse(html.contains("<script"), "the title is escaped too");
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("<b>& co"), "labels are text");
        assertTrue(html.contains("&lt;b&gt;&amp; co"));
        assertTrue(html.contains("say &quot;hi&quot;"));
        assertTrue(html.contains("<style>"));
        assertTrue(html.contains("<img src=\"" + uri + "\""), "the picture is embedded");
        assertTrue(html.contains("<blockquote>text #3 &lt;i&gt;</blockquote>"), "an example without a picture is described");
        // The confusion cell a→b: 1 of 4 examples.
        assertTrue(html.contains("title=\"&lt;b&gt;&amp; co predicted as plain, with comma\">1<br><small>25.0%</small>"), html);
        // The most confident mistake first: example 9 (confidence 0.725), then 6, 3, 2.
        int[] order = {html.indexOf("text #9"), html.indexOf("text #6"), html.indexOf("text #3"), html.indexOf("text #2")};
        for (int k = 1; k < order.length; k++) assertTrue(order[k - 1] >= 0 && order[k - 1] < order[k], "mistakes most confident first");
        assertFalse(html.contains("text #0"), "right answers are not mistakes");
        assertTrue(html.contains("Macro average") && html.contains("Weighted average"));
    }
}
