package org.modelstudio.ui;

import javafx.concurrent.Task;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.export.OnnxRuntimeRun;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.train.Trainer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File ▸ Export network ▸ Trained model as ONNX: off without a model; writes the model in use; says why it cannot write. */
@ExtendWith(ApplicationExtension.class)
class OnnxExportMenuTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void exportsTheModelInUseAndSaysWhyAFileCannotBeWritten(FxRobot robot, @TempDir Path dir) throws Exception {
        MenuItem item = robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(i -> i instanceof Menu m && m.getText().equals("_Export network"))
                .flatMap(m -> ((Menu) m).getItems().stream())
                .filter(i -> "Trained model as _ONNX…".equals(i.getText())).findFirst().orElseThrow();
        assertTrue(item.isDisable(), "there is no trained model yet");

        TrainedModel model = Trainer.train(TestData.barCnn(1), TestData.bars(60, 1), null, e -> { }, new CancelToken()).model();
        robot.interact(() -> studio.currentModel().set(model, "trained by the test"));
        assertFalse(item.isDisable());

        Path file = dir.resolve("bars.onnx");
        Task<Void> task = WaitForAsyncUtils.asyncFx(() -> studio.mainView().exportOnnx(model, file)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, task::isDone);
        Random r = new Random(2);
        float[][] bars = new float[6][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, r);
        OnnxRuntimeRun.assertAnswersAsTheStudio(model, new ModelRuntime(model), bars, file);

        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        Task<Void> failing = WaitForAsyncUtils.asyncFx(() -> studio.mainView().exportOnnx(model, blocker.resolve("m.onnx"))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, failing::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane error = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .map(w -> w.getScene() == null ? null : w.getScene().getRoot().lookup(".dialog-pane"))
                .filter(n -> n instanceof DialogPane p && "Cannot export m.onnx as ONNX".equals(p.getHeaderText()))
                .map(DialogPane.class::cast).findFirst().orElseThrow()).get(5, TimeUnit.SECONDS);
        assertTrue(error.getContentText().equals("It could not be written: " + blocker + " is a file, not a folder."), error.getContentText());
        robot.interact(() -> error.getScene().getWindow().hide());
        assertFalse(Files.exists(blocker.resolve("m.onnx")));
    }
}
