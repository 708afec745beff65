package org.modelstudio.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyboard-first use: shortcuts that move focus, a sensible Tab order, templates and layers from the menus. */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    private static Node focusOwner(FxRobot robot) {
        return robot.lookup("#layerList").query().getScene().getFocusOwner();
    }

    @Test void shortcutsMoveFocusToTheLayersAndTheirSettingsAndTypingThereEditsTheLayer(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("layerList", focusOwner(robot).getId());
        robot.type(KeyCode.DOWN, 2);                        // Input → Flatten #1 → Dense #2
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, studio.model().selectedLayerProperty().get());
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(focusOwner(robot) instanceof TextField, "Ctrl+E goes to the first setting: " + focusOwner(robot));
        TextField units = (TextField) focusOwner(robot);
        assertEquals("64", units.getText());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(units.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid")),
                "an out-of-range value is marked while typing");
        assertEquals("Dense #2: Units must be between 1 and 8192, not 0.", units.getTooltip().getText());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("128").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("128 units, relu", studio.model().specProperty().get().layers().get(1).describe());
        assertTrue(studio.training().runningProperty().get() == false, "Enter in a setting does not start training");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("trainButton", focusOwner(robot).getId());
    }

    @Test void tabOrderFollowsTheModelAreaFromTopToBottom(FxRobot robot) {
        robot.interact(() -> {
            studio.model().selectedLayerProperty().set(1);
            robot.lookup("#networkChoice").query().requestFocus();
        });
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Node n = focusOwner(robot);
            String id = n.getId() != null ? n.getId() : n.getStyleClass().contains("setting-field") ? "setting" : n.getClass().getSimpleName();
            if (visited.isEmpty() || !visited.get(visited.size() - 1).equals(id)) visited.add(id);
            if (id.equals("setting")) break;
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        int combo = visited.indexOf("networkChoice");
        int firstTile = visited.indexOf("palette-dense");
        int lastTile = visited.indexOf("palette-output");
        int list = visited.indexOf("layerList");
        int setting = visited.indexOf("setting");
        assertTrue(combo == 0 && combo < firstTile && firstTile < lastTile && lastTile < list && list < setting, visited.toString());
    }

    @Test void newFromTemplateShowsEachDescriptionBeforeOpening(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Label description = robot.lookup("#templateDescription").queryAs(Label.class);
        assertEquals(studio.model().networks().get(0).description(), description.getText());
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(studio.model().networks().get(1).description(), description.getText());
        assertEquals("MLP (Keras classic)", studio.model().specProperty().get().name(), "nothing opens before the choice");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(studio.model().networks().get(1), studio.model().specProperty().get());
        assertEquals("Undo Open " + studio.model().networks().get(1).name(), studio.model().undoTextProperty().get());
    }

    @Test void everyLayerTypeCanBeAddedFromTheEditMenu(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu add = (Menu) bar.getMenus().get(1).getItems().stream()
                .filter(i -> "_Add layer".equals(i.getText())).findFirst().orElseThrow();
        List<String> names = add.getItems().stream().filter(i -> !(i instanceof SeparatorMenuItem))
                .map(MenuItem::getText).toList();
        assertEquals(studio.model().catalogue().types().size(), names.size(), names.toString());
        MenuItem dropout = add.getItems().stream().filter(i -> "Dropout".equals(i.getText())).findFirst().orElseThrow();
        robot.interact(() -> studio.model().selectedLayerProperty().set(0));
        robot.interact(dropout::fire);
        assertEquals("Dropout", studio.model().specProperty().get().layers().get(1).typeName());
        ListView<?> list = robot.lookup("#layerList").queryAs(ListView.class);
        assertEquals(6, list.getItems().size());
    }
}
