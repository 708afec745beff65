package org.modelstudio.ui;

import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelstudio.TestData;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.common.ShippedExamples;
import org.modelstudio.ui.inference.PredictionItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Predict ▸ Try the examples: the shipped example images, predicted in one click. */
@ExtendWith(ApplicationExtension.class)
class TryTheExamplesTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void oneClickPredictsTheTwentyShippedImages(FxRobot robot) throws Exception {
        Button examples = robot.lookup("#examplesButton").queryButton();
        assertTrue(examples.isVisible() && examples.isDisabled(), "offered, but there is no model to try yet");
        TrainingResult r = Trainer.train(TestData.barCnn(8), TestData.bars(600, 1), null, TrainingEventSink.NONE, new CancelToken());
        assertNotNull(r.last(), r.message());
        robot.interact(() -> studio.currentModel().set(r.last(), "Trained in the test"));
        assertFalse(examples.isDisabled());

        robot.clickOn("#examplesButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.prediction().batch().size() == 20
                && !studio.prediction().batchRunningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ShippedExamples.IMAGES, studio.prediction().batch().stream().map(PredictionItem::name).toList());
        assertTrue(studio.prediction().batch().stream().allMatch(PredictionItem::ok), "every example is read and predicted");
        assertTrue(robot.lookup("#batchTable").query().isVisible(), "the batch shows");
    }
}
