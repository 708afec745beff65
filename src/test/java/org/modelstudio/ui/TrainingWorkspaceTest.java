package org.modelstudio.ui;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.training.RunRow;
import org.modelstudio.ui.training.TrainingCurves;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training workspace in the real window: pause, resume, stop, divergence, closing mid-run, run history. */
@ExtendWith(ApplicationExtension.class)
class TrainingWorkspaceTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test void pauseHoldsEveryBatchThenResumeAndStopLeaveAUsableModel(FxRobot robot) throws Exception {
        // far more epochs than the test lets run: Stop must come before the end however fast the engine is
        robot.interact(() -> studio.training().epochsProperty().set(60));
        TrainingCurves curves = studio.training().curves();
        robot.clickOn("#trainButton");
        waitFor(90, () -> curves.batchLoss().getDataCount() > 20);

        robot.clickOn("#pauseButton");
        waitFor(30, () -> studio.training().log().stream().anyMatch(l -> l.contains("Paused after batch")));
        assertEquals("Resume", robot.lookup("#pauseButton").queryAs(Button.class).getText());
        int atPause = curves.batchLoss().getDataCount();
        double progress = studio.training().progressProperty().get();
        Thread.sleep(1000);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(atPause, curves.batchLoss().getDataCount(), "no batch advances while paused");
        assertEquals(progress, studio.training().progressProperty().get());
        var epochAxis = (io.fair_acc.chartfx.axes.spi.DefaultNumericAxis) robot.lookup("#lossChart")
                .queryAs(io.fair_acc.chartfx.XYChart.class).getXAxis();
        assertEquals(0.0, epochAxis.getMin(), "while training, the epoch axis spans the whole run");
        assertEquals(60.0, epochAxis.getMax());
        assertFalse(epochAxis.isAutoRanging());

        robot.clickOn("#pauseButton");
        waitFor(60, () -> curves.batchLoss().getDataCount() > atPause + 10);
        assertTrue(studio.training().log().stream().anyMatch(l -> l.contains("Resumed after a pause")));

        robot.clickOn("#stopButton");
        waitFor(60, () -> studio.training().lastResultProperty().get() != null);
        TrainingResult result = studio.training().lastResultProperty().get();
        assertEquals(RunOutcome.CANCELLED, result.outcome());
        assertTrue(epochAxis.isAutoRanging(), "after the run the axis follows the data again");
        assertNotNull(studio.currentModel().get(), "the model trained so far is in use");
        var prediction = new ModelRuntime(studio.currentModel().get())
                .classify(new ModelInput.Tensor(SampleData.fashionMnistTest().features()[0])).prediction();
        assertEquals(10, prediction.ranked().size(), "and it predicts");

        waitFor(10, () -> studio.document().runs().size() == 1);   // the stopped run goes into the history
        var run = studio.document().runs().get(0);
        assertEquals(RunOutcome.CANCELLED, run.outcome());
        assertTrue(Files.isRegularFile(studio.training().runsDir().resolve(run.lastModelFile())));
        assertTrue(studio.document().dirtyProperty().get(), "a new run is an unsaved change of the project");
    }

    @Test void aHugeLearningRateStopsTheRunWithTheDivergenceAdvice(FxRobot robot) throws Exception {
        robot.interact(() -> {
            studio.model().setTraining("learningRate", 10.0);
            studio.training().epochsProperty().set(2);
        });
        robot.clickOn("#trainButton");
        waitFor(120, () -> studio.training().lastResultProperty().get() != null);
        assertEquals(RunOutcome.FAILED, studio.training().lastResultProperty().get().outcome());
        Label status = robot.lookup(".training-status").queryAs(Label.class);
        assertTrue(status.getText().contains("training diverged") && status.getText().contains("learning rate (10.0)"), status.getText());
        assertTrue(status.getStyleClass().contains("failed"));
        assertFalse(studio.training().runningProperty().get());
    }

    @Test void closingMidRunStopsCleanlyAndTheProjectStillOpens(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> studio.training().epochsProperty().set(60));   // still training when the window closes
        Path project = dir.resolve("mine.msproj");
        robot.interact(() -> {
            try {
                studio.document().saveTo(project);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        robot.clickOn("#trainButton");
        waitFor(90, () -> studio.training().curves().batchLoss().getDataCount() > 5);
        boolean[] answer = {false, false};
        Platform.runLater(() -> {
            answer[0] = studio.mainView().confirmClose();
            answer[1] = true;
        });
        waitFor(10, () -> robot.lookup("Stop training and quit").tryQuery().isPresent());
        robot.clickOn("Stop training and quit");
        waitFor(30, () -> answer[1]);
        assertTrue(answer[0], "the user agreed to stop and quit");
        studio.close();                         // what the application does as it exits
        assertFalse(studio.training().isTrainingThreadActive(), "the training thread has let go");
        assertEquals(studio.model().specProperty().get(), ProjectFile.load(project).network(), "the project opens, whole");
    }

    @Test void runsAreRecordedOverlaidRestoredAndSavedWithTheProject(FxRobot robot, @TempDir Path dir) throws Exception {
        var small = SampleData.fashionMnistTrain().first(2000);
        for (int run = 1; run <= 2; run++) {
            int expected = run;
            robot.interact(() -> {
                studio.training().epochsProperty().set(expected);
                studio.training().start(() -> small);
            });
            waitFor(120, () -> studio.document().runs().size() == expected);
        }
        robot.interact(() -> {
            TabPane tabs = robot.lookup("#trainTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "runsTab".equals(t.getId())).findFirst().orElseThrow());
        });
        TableView<?> table = robot.lookup("#runTable").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        var rows = robot.lookup("#runTable").queryAs(TableView.class).getItems();
        robot.interact(() -> {
            for (Object r : rows) ((RunRow) r).shownProperty().set(true);
        });
        var accuracyChart = robot.lookup("#accuracyChart").queryAs(io.fair_acc.chartfx.XYChart.class);
        long overlaid = accuracyChart.getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                .filter(d -> d.getName().startsWith("run #")).count();
        assertEquals(2, overlaid, "both runs' validation curves are drawn");
        var second = accuracyChart.getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                .filter(d -> d.getName().equals("run #2 validation accuracy")).findFirst().orElseThrow();
        assertEquals(2, second.getDataCount(), "one point per epoch of that run");

        // Put run #1's best model back in use.
        robot.interact(() -> table.getSelectionModel().select(1));   // newest first: #2, #1
        robot.clickOn("#useBestButton");
        waitFor(30, () -> studio.currentModel().originProperty().get().startsWith("Restored the best model"));
        assertEquals(1, studio.document().runs().get(0).epochs().size());

        Path file = dir.resolve("runs.msproj");
        robot.interact(() -> {
            try {
                studio.document().saveTo(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(studio.document().runs(), ProjectFile.load(file).runs(), "the history is saved with the project");
    }

    @Test void aTrainedModelContinuesFromWhereItIs(FxRobot robot) throws Exception {
        var small = SampleData.fashionMnistTrain().first(2000);
        robot.interact(() -> {
            studio.training().epochsProperty().set(2);
            studio.training().start(() -> small);
        });
        waitFor(120, () -> studio.document().runs().size() == 1);
        var trained = studio.currentModel().get();
        robot.interact(() -> studio.training().epochsProperty().set(1));
        robot.clickOn("#continueButton");
        waitFor(120, () -> studio.document().runs().size() == 2);
        var first = studio.document().runs().get(0);
        var continued = studio.document().runs().get(1);
        assertEquals(RunOutcome.FINISHED, continued.outcome());
        assertTrue(continued.epochs().get(0).trainLoss() < first.epochs().get(0).trainLoss(),
                "the continued run starts from trained weights: " + continued.epochs().get(0).trainLoss()
                        + " vs " + first.epochs().get(0).trainLoss());
        assertTrue(studio.currentModel().get() != trained, "the continued model replaces the one in use when it ends");
    }

    @Test void aFreshRunFitsTheNetworkToItsDataAndTheEditorShowsItAsOneUndoableStep(FxRobot robot) throws Exception {
        // Three classes of the sample (T-shirt/top, Trouser, Pullover) for the MLP's ten outputs.
        var all = SampleData.fashionMnistTrain();
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 0; i < all.size() && x.size() < 900; i++) {
            if (all.labels()[i] < 3) {
                x.add(all.features()[i]);
                y.add(all.labels()[i]);
            }
        }
        var three = new LabeledData(all.exampleShape(), all.classes().subList(0, 3), x.toArray(new float[0][]),
                y.stream().mapToInt(Integer::intValue).toArray());
        var before = studio.model().specProperty().get();
        int last = before.layers().size() - 1;
        assertEquals(10, ((LayerSpec.Output) before.layers().get(last)).units());
        robot.interact(() -> {
            studio.training().epochsProperty().set(1);
            studio.training().start(() -> three);
        });
        waitFor(120, () -> studio.document().runs().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RunOutcome.FINISHED, studio.document().runs().get(0).outcome());
        var fitted = studio.model().specProperty().get();
        assertEquals(3, ((LayerSpec.Output) fitted.layers().get(last)).units(), "the editor shows the fitted Output");
        assertEquals(3, studio.currentModel().get().labels().size());
        String change = "Fitted to the data: Output #" + (last + 1) + ": 10 → 3 units for the classes T-shirt/top, Trouser, Pullover.";
        assertTrue(studio.training().log().stream().anyMatch(l -> l.endsWith(change)), studio.training().log().toString());
        robot.interact(() -> studio.model().undo());
        assertEquals(10, ((LayerSpec.Output) studio.model().specProperty().get().layers().get(last)).units(), "one undo puts it back");
    }

    @Test void dataReadFromDiskStreamsThroughTheStudiosTraining(FxRobot robot, @TempDir Path dir) throws Exception {
        try (var onDisk = SampleData.fashionMnistTrainOnDisk(dir)) {
            assertTrue(Trainer.streams(onDisk), "a file-backed set is not loaded into memory");
            robot.interact(() -> {
                studio.training().epochsProperty().set(1);
                studio.training().start(() -> onDisk);
            });
            waitFor(120, () -> studio.document().runs().size() == 1);
            var run = studio.document().runs().get(0);
            assertEquals(RunOutcome.FINISHED, run.outcome());
            assertTrue(run.epochs().get(0).validationAccuracy() > 0.6, "it learns from the streamed images: " + run.epochs().get(0));
        }
    }

    @Test void aTestShareIsHeldOutAndTheFinishedModelIsMeasuredOnIt(FxRobot robot) throws Exception {
        var small = SampleData.fashionMnistTrain().first(2500);
        robot.interact(() -> {
            studio.model().setTraining("testSplit", 0.2);
            studio.training().epochsProperty().set(2);
            studio.training().start(() -> small);
        });
        waitFor(120, () -> studio.document().runs().size() == 1);
        var line = studio.training().log().stream().filter(l -> l.contains("test examples held out")).findFirst().orElseThrow();
        assertTrue(line.contains("On the 500 test examples"), line);
        var accuracy = Pattern.compile("scores ([\\d.]+)%").matcher(line);
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) > 60, line);
        var started = studio.training().log().get(0);
        var counts = Pattern.compile("on ([\\d,]+) examples, validating on ([\\d,]+)").matcher(started);
        assertTrue(counts.find(), started);
        int trained = Integer.parseInt(counts.group(1).replace(",", ""));
        int validated = Integer.parseInt(counts.group(2).replace(",", ""));
        assertEquals(2000, trained + validated, "the 500 test examples are in neither: " + started);
        assertEquals(250, validated, 5, "validation is 10 % of the whole (rounded per class): " + started);
    }
}
