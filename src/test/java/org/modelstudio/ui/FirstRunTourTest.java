package org.modelstudio.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.ui.tour.FirstRunRecord;
import org.modelstudio.ui.tour.TourStep;
import org.modelstudio.ui.tour.TourViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guided first run, in a fresh data folder with the tour not turned off (the rest of the suite runs with
 * {@code -Dmodelstudio.tour=off}): it shows at the first start over the real controls, can be completed or skipped,
 * is not offered again, and Help ▸ Guided tour reopens it.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunTourTest {
    @TempDir static Path parent;
    private static int started;
    private Path dataDir;
    private String savedDataDir;
    private String savedTour;
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        savedDataDir = System.getProperty("modelstudio.dataDir");
        savedTour = System.getProperty("modelstudio.tour");
        dataDir = Files.createDirectories(parent.resolve("first-start-" + ++started));
        System.setProperty("modelstudio.dataDir", dataDir.toString());
        System.clearProperty("modelstudio.tour");
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() {
        studio.close();
        restore("modelstudio.dataDir", savedDataDir);
        restore("modelstudio.tour", savedTour);
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    @Test void atTheFirstStartTheTourWalksThroughTheRealControlsAndCanBeCompleted(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        TourViewModel tour = studio.tour();
        assertEquals(0, tour.indexProperty().get(), "the tour shows by itself at the first start");
        assertEquals(6, tour.steps().size());
        Node callout = robot.lookup("#tourCallout").query();
        assertTrue(callout.isVisible());

        // It points and does not block: the template list it points at still opens.
        robot.clickOn("#networkChoice");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<Object> choice = robot.lookup("#networkChoice").queryAs(ComboBox.class);
        assertTrue(choice.isShowing(), "the control under the tour's frame takes the click");
        robot.interact(choice::hide);

        for (int i = 0; i < tour.steps().size(); i++) {
            TourStep step = tour.steps().get(i);
            assertEquals("Step " + (i + 1) + " of 6", robot.lookup(".tour-position").queryLabeled().getText());
            assertEquals(step.title(), robot.lookup(".tour-title").queryLabeled().getText());
            Node target = robot.lookup(step.target()).query();
            assertNotNull(target.getScene(), step.target() + " is in the window");
            Bounds frame = robot.lookup(".tour-highlight").query().localToScene(robot.lookup(".tour-highlight").query().getLayoutBounds());
            Bounds control = target.localToScene(target.getLayoutBounds());
            assertTrue(frame.contains(control.getMinX(), control.getMinY()) && frame.contains(control.getMaxX(), control.getMaxY()),
                    "the frame is around " + step.target() + ": " + frame + " vs " + control);
            Bounds box = callout.localToScene(callout.getLayoutBounds());
            Bounds window = robot.lookup(".studio").query().getScene().getRoot().getLayoutBounds();
            assertTrue(box.getMinX() >= 0 && box.getMaxX() <= window.getMaxX() && box.getMinY() >= 0 && box.getMaxY() <= window.getMaxY(),
                    "the callout is inside the window: " + box);
            if (i == 1) {
                robot.clickOn("#tourBack");
                WaitForAsyncUtils.waitForFxEvents();
                assertEquals(0, tour.indexProperty().get(), "Back goes to the step before");
                robot.clickOn("#tourNext");
                WaitForAsyncUtils.waitForFxEvents();
            }
            assertEquals(i == 5 ? "Done" : "Next", robot.lookup("#tourNext").queryButton().getText());
            robot.clickOn("#tourNext");
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(-1, tour.indexProperty().get());
        assertTrue(robot.lookup("#tourCallout").tryQuery().isEmpty(), "the callout is gone");
        FirstRunRecord record = new FirstRunRecord(dataDir);
        assertEquals("tour=completed", record.recorded());
        assertFalse(record.offerTour(), "the next start shows no tour");
    }

    @Test void theTourCanBeSkippedAndIsReopenedFromHelp(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(studio.tour().runningProperty().get());
        robot.clickOn("#tourSkip");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(studio.tour().runningProperty().get());
        assertTrue(robot.lookup("#tourCallout").tryQuery().isEmpty());
        assertEquals("tour=skipped", new FirstRunRecord(dataDir).recorded());
        assertFalse(new FirstRunRecord(dataDir).offerTour());

        robot.clickOn("Help").clickOn("Guided tour");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, studio.tour().indexProperty().get(), "Help ▸ Guided tour starts it again");
        assertTrue(robot.lookup("#tourCallout").query().isVisible());
        robot.clickOn("#tourNext").clickOn("#tourNext");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("#lossChart", studio.tour().stepProperty().get().target());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(studio.tour().runningProperty().get(), "Escape skips");
    }
}
