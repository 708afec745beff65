package org.modelstudio.ui;

import org.modelstudio.core.events.RunOutcome;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.ui.model.LayerRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table whose label is a number, in the studio: the Data tab says it is a regression, the classifier's Output layer
 * says what to set, the regression template is one click, and a run reports its mean absolute error, not an accuracy.
 */
@ExtendWith(ApplicationExtension.class)
class RegressionTabTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    private LayerRow outputRow() {
        return studio.model().rows().stream().filter(r -> r.layer().equals("Output")).findFirst().orElseThrow();
    }

    @Test void aRegressionTableTrainsTheRegressionTemplateAndReportsItsMeanAbsoluteError(FxRobot robot, @TempDir Path dir) throws Exception {
        Path csv = TestData.linearTable(dir.resolve("linear.csv"), 300, 8);
        robot.interact(() -> {
            studio.model().openTemplate(studio.model().networks().stream().filter(n -> n.name().equals("Tabular MLP")).findFirst().orElseThrow());
            studio.model().setTraining("testSplit", 0.2);
            studio.data().useTable(csv, null);
            robot.lookup("#trainTabs").queryAs(TabPane.class).getSelectionModel().select(0);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().taskProperty().get() == TaskKind.REGRESSION
                && !studio.data().summaryProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        String summary = studio.data().summaryProperty().get();
        assertTrue(summary.startsWith("A regression: predicting the number \"y\" · 300 examples"), summary);
        assertTrue(summary.contains("trains on 210, validates on 30 and tests on 60"), summary);
        assertTrue(studio.data().taskNoteProperty().get().contains("holds numbers with fractions"), studio.data().taskNoteProperty().get());
        assertTrue(studio.data().taskNoteProperty().get().contains("\"Tabular regression\" template"), studio.data().taskNoteProperty().get());
        assertFalse(studio.data().taskChoosableProperty().get(), "fractions cannot be classes");
        // The classifier's Output layer says what a regression needs, like a shape problem.
        assertTrue(outputRow().error());
        assertTrue(outputRow().problem().contains("The data is a regression (it predicts the number \"y\")") && outputRow().problem()
                .contains("Set its Classes (units) to 1, its activation to identity and the loss (Train → Settings) to mse."), outputRow().problem());

        robot.clickOn("#regressionTemplateButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.model().specProperty().get().name().equals("Tabular regression")
                && !studio.data().summaryProperty().get().isEmpty() && studio.data().taskProperty().get() == TaskKind.REGRESSION);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new InputSpec.VectorInput(5), studio.model().specProperty().get().input(), "as wide as the table's features");
        assertFalse(outputRow().error(), outputRow().problem());
        assertFalse(studio.data().templateSuggestedProperty().get());

        // The template brings its own settings: hold out a test part again.
        robot.interact(() -> studio.model().setTraining("testSplit", 0.2));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().summaryProperty().get().contains("tests on 60"));
        robot.interact(() -> {
            studio.training().epochsProperty().set(25);
            studio.training().start();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.document().runs().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        var run = studio.document().runs().get(0);
        assertEquals(RunOutcome.FINISHED, run.outcome(), run.message());
        var best = run.bestMetrics();
        assertTrue(best.regression() && Double.isNaN(best.validationAccuracy()), "no accuracy for a regression: " + best);
        assertTrue(best.validationMae() < 1.5 && best.validationR2() > 0.8, "y is learnt: " + best);
        assertTrue(studio.currentModel().get().regression());

        assertTrue(studio.training().epochSummaryProperty().get().contains("MAE"), studio.training().epochSummaryProperty().get());
        assertFalse(studio.training().epochSummaryProperty().get().contains("%"), studio.training().epochSummaryProperty().get());
        assertTrue(studio.training().log().stream().anyMatch(l -> l.contains("validation loss") && l.contains("mean absolute error")),
                String.join("\n", studio.training().log()));
        assertTrue(studio.training().log().stream().anyMatch(l -> l.contains("On the 60 test examples held out from training and validation")
                && l.contains("mean absolute error of")), String.join("\n", studio.training().log()));
        var chart = robot.lookup("#accuracyChart").queryAs(io.fair_acc.chartfx.XYChart.class);
        assertEquals("Mean absolute error of y", chart.getTitle());
        assertEquals(25, studio.training().curves().validationMae().getDataCount());
        assertEquals(0, studio.training().curves().validationAccuracy().getDataCount(), "no accuracy is plotted");

        // The evaluation window measures the regression on its test part: figures, the plot and the largest errors.
        robot.interact(() -> studio.mainView().openEvaluation());
        assertTrue(studio.evaluation().choices().get(0).name().startsWith("The last run's test part (60 examples)"),
                studio.evaluation().choices().get(0).name());
        robot.clickOn("#evaluateButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.evaluation().regressionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var report = studio.evaluation().regressionProperty().get();
        assertEquals(60, report.n());
        assertTrue(report.r2() > 0.8 && report.mae() < 1.5, "the test part is predicted well: " + report.summary());
        assertEquals(30, studio.evaluation().largestErrors().size());
        var errors = studio.evaluation().largestErrors();
        assertTrue(Math.abs(errors.get(0).error()) >= Math.abs(errors.get(29).error()), "largest first");
        assertTrue(errors.get(0).example().startsWith("linear.csv, line "), errors.get(0).example());
        assertTrue(robot.lookup("#regressionPane").query().isVisible());
        assertFalse(robot.lookup("#split").query().isVisible(), "no confusion matrix for a regression");
        Path exported = dir.resolve("regression.csv");
        robot.interact(() -> {
            try {
                studio.evaluation().export(exported);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String csvText = Files.readString(exported);
        assertTrue(csvText.contains("R2,") && csvText.lines().filter(l -> l.startsWith("\"linear.csv, line ")).count() == 60, csvText);
        robot.interact(() -> studio.mainView().evaluationStage().close());

        // The Predict area estimates a typed row's number: y = 3·1 − 2·0 + 2·(1 − 1) = 3 for a green row.
        robot.interact(() -> studio.prediction().predictRow(Map.of("x1", "1", "x2", "0", "colour", "green")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.prediction().results().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        var estimated = studio.prediction().results().get(0);
        assertTrue(estimated.ok() && estimated.estimate() != null, String.valueOf(estimated));
        assertEquals(3.0, estimated.estimate().value(), 1.0, "the rule is learnt: " + estimated.verdict());
        assertTrue(estimated.verdict().startsWith("y ≈ "), estimated.verdict());
        assertTrue(robot.lookup("#detailPane .detail-verdict").queryAs(Label.class).getText()
                .startsWith("y ≈ "), "the detail pane shows the number");

        // Explain: each value's share of the estimate, shown beside it; x1 = 1 (its mean is about 0) adds about 3.
        robot.clickOn("#explainButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.explanation().columnsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var columns = studio.explanation().columnsProperty().get();
        assertEquals(List.of("x1", "x2", "colour"), columns.stream().map(c -> c.column()).toList());
        assertTrue(columns.get(0).contribution() > 1.5 && columns.get(0).contribution() < 4.5, columns.toString());
        assertEquals(3, robot.lookup("#detailRow .column-contribution").queryAll().size(), "a contribution beside each value");

        // The choice of task is saved with the project.
        robot.interact(() -> studio.data().chooseTask(TaskKind.CLASSIFICATION));
        assertEquals(TaskKind.CLASSIFICATION, ((DataSource.TableFile) studio.document().dataSourceProperty().get()).task());
    }
}
