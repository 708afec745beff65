package org.modelstudio.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.ui.inference.PredictionItem;
import org.modelstudio.ui.training.TrainingCurves;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real main window, headless: train the sample briefly, watch the charts fill, drop images, see predictions. */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void trainTheSampleThenDropImagesAndSeePredictions(FxRobot robot, @TempDir Path dir) throws Exception {
        ListView<?> table = robot.lookup("#layerList").queryAs(ListView.class);
        assertEquals(5, table.getItems().size(), "input + 4 layers of the MLP");

        robot.interact(() -> studio.training().epochsProperty().set(2));
        robot.clickOn("#trainButton");
        TrainingCurves curves = studio.training().curves();
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> curves.batchLoss().getDataCount() > 20);
        assertTrue(robot.lookup("#stopButton").queryAs(Button.class).isDisabled() == false, "Stop is offered while training");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> studio.currentModel().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2, curves.validationAccuracy().getDataCount(), "one validation point per epoch");
        assertTrue(curves.validationAccuracy().get(1, 1) > 0.7, "the MLP learns: " + curves.validationAccuracy().get(1, 1));
        assertFalse(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());

        Path sneaker = copyExample("sneaker-1.png", dir);
        Path trouser = copyExample("trouser-1.png", dir);
        Path corrupt = Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");

        Node dropZone = robot.lookup("#dropZone").query();
        boolean[] accepted = new boolean[1];
        robot.interact(() -> accepted[0] = TestDragboards.drop(dropZone,
                List.of(sneaker.toFile(), trouser.toFile(), corrupt.toFile(), text.toFile())));
        assertTrue(accepted[0], "the drop zone accepts files");
        // More than one input: a batch, in drop order, the refused files last.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.prediction().batch().size() == 4
                && !studio.prediction().batchRunningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TableView<PredictionItem> batchTable = robot.lookup("#batchTable").queryAs(TableView.class);
        List<PredictionItem> items = batchTable.getItems();
        PredictionItem first = items.get(0);
        assertEquals("sneaker-1.png", first.name());
        assertNotNull(first.prediction());
        assertEquals(3, first.prediction().top(3).size());
        assertEquals("Sneaker", first.prediction().best().label(), first.prediction().describeTop(3));
        assertEquals("Trouser", items.get(1).prediction().best().label(), items.get(1).prediction().describeTop(3));
        assertEquals("corrupt.png", items.get(2).name());
        assertTrue(items.get(2).problem().contains("PNG"), items.get(2).problem());
        assertEquals("notes.txt", items.get(3).name());

        // One image: a single result in the list, drawn, and shown in full in the detail pane.
        robot.interact(() -> TestDragboards.drop(dropZone, List.of(trouser.toFile())));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.prediction().results().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<PredictionItem> list = robot.lookup("#resultList").queryAs(ListView.class);
        assertEquals("Trouser", list.getItems().get(0).best().label());
        assertTrue(robot.lookup(".result-file").tryQuery().isPresent(), "a result is drawn in the list");
        assertTrue(robot.lookup("#detailImage").tryQuery().isPresent(), "the detail pane shows the image");
    }

    @Test void closingTheStudioMidRunStopsTrainingCleanly(FxRobot robot) throws Exception {
        robot.interact(() -> studio.training().epochsProperty().set(50));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.training().curves().batchLoss().getDataCount() > 5);
        assertTrue(studio.training().isTrainingThreadActive());
        long t0 = System.nanoTime();
        studio.close();
        assertFalse(studio.training().isTrainingThreadActive(), "the training thread has let go");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "it stops within a batch, not after the run");
    }

    private static Path copyExample(String name, Path dir) throws Exception {
        try (InputStream in = SampleData.exampleImage(name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
