package org.modelstudio.ui;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.eval.ExampleOutcome;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.TestData;
import org.modelstudio.ui.evaluation.GalleryItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation window on a model the studio has just trained: the held-out data is measured, a click on a
 * confusion-matrix cell shows exactly that cell's examples, and the report is exported.
 */
@ExtendWith(ApplicationExtension.class)
class EvaluationWindowTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void clickingACellShowsExactlyItsExamplesAndTheReportExports(FxRobot robot, @TempDir Path dir) throws Exception {
        // The shipped MLP, one epoch on the sample: good but far from perfect, so there are mistakes to click into.
        robot.interact(() -> studio.training().epochsProperty().set(1));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 10);
        robot.interact(() -> studio.training().start());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> studio.document().runs().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(studio.currentModel().get());

        robot.interact(() -> studio.mainView().openEvaluation());
        assertTrue(studio.mainView().evaluationStage().isShowing());
        assertFalse(studio.evaluation().choices().isEmpty());
        assertTrue(studio.evaluation().choices().get(0).name().startsWith("The last run's validation part (1,000 examples)"),
                studio.evaluation().choices().get(0).name());
        robot.clickOn("#evaluateButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.evaluation().evaluationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        DetailedEvaluation d = studio.evaluation().evaluationProperty().get();
        assertEquals(1000, d.report().total());
        assertTrue(d.report().accuracy() > 0.6, "one epoch learns the sample well above the 10 % of guessing: " + d.report().accuracy());
        assertEquals(12, robot.lookup(".class-metrics").queryAs(TableView.class).getItems().size(), "10 classes and 2 averages");

        // The off-diagonal cell with the most examples: click it in the window.
        int bestA = -1;
        int bestP = -1;
        for (int a = 0; a < 10; a++) {
            for (int p = 0; p < 10; p++) {
                if (a != p && (bestA < 0 || d.report().confusion()[a][p] > d.report().confusion()[bestA][bestP])) {
                    bestA = a;
                    bestP = p;
                }
            }
        }
        int count = d.report().confusion()[bestA][bestP];
        assertTrue(count > 0);
        robot.clickOn("#cell-" + bestA + "-" + bestP);
        final int a = bestA;
        final int p = bestP;
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.evaluation().gallery().size() == Math.min(120, count)
                && studio.evaluation().gallery().stream().allMatch(i -> i.outcome().actual() == a && i.outcome().predicted() == p));
        WaitForAsyncUtils.waitForFxEvents();
        List<Integer> shown = studio.evaluation().gallery().stream().map(i -> i.outcome().index()).toList();
        List<Integer> expected = d.outcomes().stream().filter(o -> o.actual() == a && o.predicted() == p)
                .map(ExampleOutcome::index).sorted().toList();
        assertEquals(expected, shown.stream().sorted().toList(), "exactly the examples of that cell");
        for (GalleryItem item : studio.evaluation().gallery()) {
            assertEquals(d.report().classes().get(a), item.actual());
            assertEquals(d.report().classes().get(p), item.predicted());
            assertNotNull(item.picture(), "an image model's examples are drawn");
        }
        assertEquals(shown.size(), robot.lookup(".gallery").queryAs(FlowPane.class).getChildren().size());
        assertTrue(robot.lookup("#cell-" + a + "-" + p).query().getStyleClass().contains("selected"));
        assertTrue(studio.evaluation().galleryTitleProperty().get().startsWith(d.report().classes().get(a) + " predicted as "
                + d.report().classes().get(p) + ": " + count + " example"), studio.evaluation().galleryTitleProperty().get());

        // A diagonal cell shows correct predictions only.
        robot.clickOn("#cell-" + a + "-" + a);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !studio.evaluation().gallery().isEmpty()
                && studio.evaluation().gallery().stream().allMatch(i -> i.outcome().actual() == a && i.correct()));

        Path html = dir.resolve("report.html");
        Path csv = dir.resolve("report.csv");
        robot.interact(() -> {
            try {
                studio.evaluation().export(html);
                studio.evaluation().export(csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String page = Files.readString(html);
        assertTrue(page.contains("data:image/png;base64,"), "mistakes are shown with their images, inside the page");
        assertFalse(page.contains("http://") || page.contains("https://"), "self-contained");
        assertTrue(Files.readString(csv).contains(d.report().classes().get(a)));
    }

    /**
     * Class folders named loosely are matched to the model's labels, and the window says how; a folder name that could be
     * two labels is asked about, and the answer is used.
     */
    @Test void classFoldersMatchLooselyAndAnAmbiguousOneIsAskedAbout(FxRobot robot, @TempDir Path dir) throws Exception {
        TrainedModel bars = Trainer.train(TestData.barCnn(2), TestData.bars(90, 1), null, e -> { }, new CancelToken()).model();
        // Labels of which two differ only in punctuation: a folder ankle_boot could be either.
        TrainedModel model = TrainedModel.of(bars.spec(), List.of("Ankle boot", "ankle-boot", "Bag"), bars.preparation(), bars.network());
        Random r = new Random(4);
        for (int i = 0; i < 10; i++) {
            TestData.writeGreyPng(TestData.bar(1, r), 8, 8, dir.resolve("ankle_boot").resolve(i + ".png"));
            TestData.writeGreyPng(TestData.bar(2, r), 8, 8, dir.resolve("BAG").resolve(i + ".png"));
        }
        robot.interact(() -> studio.currentModel().set(model, "made by the test"));
        robot.interact(() -> studio.mainView().openEvaluation());
        var task = WaitForAsyncUtils.asyncFx(() -> studio.evaluation().evaluate(studio.evaluation().folderChoice(dir))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> dialogPane("Some class names of the data match more than one of the model's classes. "
                + "Choose the one each stands for.") != null);
        DialogPane pane = dialogPane("Some class names of the data match more than one of the model's classes. Choose the one each stands for.");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> box = robot.from(pane).lookup(".choice-box").queryAs(ChoiceBox.class);
        assertEquals(List.of("Ankle boot", "ankle-boot"), box.getItems());
        robot.interact(() -> box.setValue("ankle-boot"));
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, task::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DetailedEvaluation d = studio.evaluation().evaluationProperty().get();
        assertNotNull(d, studio.evaluation().messageProperty().get());
        assertEquals(20, d.report().total());
        int[][] confusion = d.report().confusion();
        assertEquals(0, Arrays.stream(confusion[0]).sum(), "no example is taken for the label not chosen");
        assertEquals(10, Arrays.stream(confusion[1]).sum(), "ankle_boot is ankle-boot, as answered");
        assertEquals(10, Arrays.stream(confusion[2]).sum(), "BAG is Bag");
        assertTrue(studio.evaluation().messageProperty().get().endsWith("Classes matched by name: BAG → Bag, ankle_boot → ankle-boot."),
                studio.evaluation().messageProperty().get());
    }

    private static DialogPane dialogPane(String header) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                    .map(w -> w.getScene() == null ? null : w.getScene().getRoot().lookup(".dialog-pane"))
                    .filter(n -> n instanceof DialogPane p && header.equals(p.getHeaderText()))
                    .map(DialogPane.class::cast).findFirst().orElse(null)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }
}
