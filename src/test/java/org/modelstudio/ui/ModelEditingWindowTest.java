package org.modelstudio.ui;

import javafx.scene.control.Spinner;
import javafx.scene.input.Clipboard;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelstudio.core.graph.LayerSpec;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Editing the network in the real window: add from the menu, delete with the key, undo with Ctrl+Z. */
@ExtendWith(ApplicationExtension.class)
class ModelEditingWindowTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void theEpochsFieldFollowsTheChosenTemplateEvenAfterGarbageCollection(FxRobot robot) {
        System.gc(); // a bidirectional binding to a temporary asObject() property would be lost here
        robot.interact(() -> studio.model().selectedProperty().set(studio.model().networks().get(1)));
        Spinner<?> epochs = robot.lookup("#epochsSpinner").queryAs(Spinner.class);
        assertEquals(10, epochs.getValue());
        assertEquals(10, studio.training().epochsProperty().get());
    }

    @Test void copyTheNetworkAsJavaCode(FxRobot robot) throws Exception {
        // Nested menus are not reliable to click headless; fire the real menu item instead.
        javafx.scene.control.MenuBar bar = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.MenuItem copy = bar.getMenus().get(0).getItems().stream()
                .filter(i -> i instanceof javafx.scene.control.Menu m && m.getText().equals("_Export network"))
                .flatMap(m -> ((javafx.scene.control.Menu) m).getItems().stream())
                .filter(i -> i.getText().equals("_Copy as Java code")).findFirst().orElseThrow();
        robot.interact(copy::fire);
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertTrue(copied.contains("public class MlpKerasClassic {"), copied);
        org.junit.jupiter.api.Assertions.assertTrue(copied.contains(".layer(0, new DenseLayer.Builder().nOut(64)"), copied);
    }

    @Test void unsavedEditsShowInTheTitleAndAreAutosavedForRecovery(FxRobot robot) throws Exception {
        javafx.stage.Window window = robot.lookup("#layerTable").query().getScene().getWindow();
        String title = ((Stage) window).getTitle();
        assertEquals("MLP (Keras classic) — Model Studio", title);
        robot.interact(() -> studio.model().add("dropout"));
        assertEquals("MLP (Keras classic) • — Model Studio", ((Stage) window).getTitle());
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> studio.recovery().pending().isPresent());
        assertEquals(studio.model().specProperty().get(), studio.recovery().pending().orElseThrow().project().network());
        studio.close();
        org.junit.jupiter.api.Assertions.assertTrue(studio.recovery().pending().isEmpty(), "a clean exit leaves nothing to recover");
    }

    @Test void buildTheSmallCnnFromAnEmptyModelByDraggingFromThePalette(FxRobot robot) {
        robot.interact(() -> studio.model().newNetwork());
        TableView<?> table = robot.lookup("#layerTable").queryAs(TableView.class);
        assertEquals(1, table.getItems().size(), "only the Input");
        for (String type : new String[] {"conv2d", "maxpool", "conv2d", "maxpool", "flatten", "dense", "output"}) {
            // Drop each tile on the empty space below the rows (synthetic drag: TestFX cannot drive an OS drag).
            javafx.scene.Node below = robot.lookup(".table-row-cell").queryAll().stream()
                    .filter(n -> ((javafx.scene.control.TableRow<?>) n).isEmpty()).findFirst().orElseThrow();
            boolean[] done = new boolean[1];
            robot.interact(() -> done[0] = TestDragboards.drop(below, "model-studio/layer:" + type));
            org.junit.jupiter.api.Assertions.assertTrue(done[0], type);
        }
        // Settings through the same path the property sheet uses.
        robot.interact(() -> {
            studio.model().selectedLayerProperty().set(2);
            studio.model().set("filters", 64);
        });
        var shipped = org.modelstudio.core.graph.ShapeInference.analyse(org.modelstudio.core.data.SampleData.spec("small-cnn.json"));
        var built = studio.model().summaryProperty().get();
        assertEquals(shipped.totalParameters(), built.totalParameters());
        assertEquals(shipped.layers().stream().map(l -> l.outputShape().toString()).toList(),
                built.layers().stream().map(l -> l.outputShape().toString()).toList());
        assertEquals("121,930 parameters · output 10", studio.model().totalsProperty().get());
    }

    @Test void theEpochsFieldEditsTheNetworksTrainingSettings(FxRobot robot) {
        robot.interact(() -> studio.training().epochsProperty().set(7));
        assertEquals(7, studio.model().specProperty().get().training().epochs());
        assertEquals("Undo Change Training Settings", studio.model().undoTextProperty().get());
        robot.interact(() -> studio.model().undo());
        assertEquals(15, studio.training().epochsProperty().get(), "undo puts the field back too");
    }

    @Test void selectSeveralRowsCopyAndPasteWithTheKeyboard(FxRobot robot) {
        TableView<?> table = robot.lookup("#layerTable").queryAs(TableView.class);
        robot.clickOn(robot.from(table).lookup("Flatten").<javafx.scene.Node>query());
        robot.press(KeyCode.SHIFT).clickOn(robot.from(table).lookup("Dense").<javafx.scene.Node>query()).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.List.of(0, 1), studio.model().selection());
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.List.of("Flatten", "Dense", "Flatten", "Dense", "Dense", "Output"),
                studio.model().specProperty().get().layers().stream().map(LayerSpec::typeName).toList());
        assertEquals("Undo Paste 2 layers", studio.model().undoTextProperty().get());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, table.getItems().size());
    }

    @Test void addDeleteAndUndoWithMouseAndKeyboard(FxRobot robot) {
        TableView<?> table = robot.lookup("#layerTable").queryAs(TableView.class);
        assertEquals(5, table.getItems().size());

        robot.clickOn(robot.from(table).lookup("Dense").<javafx.scene.Node>query());   // the first Dense row
        robot.clickOn("#palette-dropout");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, table.getItems().size());
        assertEquals("Dropout", studio.model().specProperty().get().layers().get(2).typeName());
        assertEquals(3, table.getSelectionModel().getSelectedIndex(), "the new layer's row is selected");

        robot.clickOn("drop 25%");                   // the new row's settings cell: focus in the table
        robot.type(KeyCode.DELETE);
        assertEquals(5, table.getItems().size());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, table.getItems().size(), "Ctrl+Z brings the deleted layer back");
        assertEquals(0.25, ((LayerSpec.Dropout) studio.model().specProperty().get().layers().get(2)).rate());
        assertEquals("Undo Add Dropout", studio.model().undoTextProperty().get());
    }
}
