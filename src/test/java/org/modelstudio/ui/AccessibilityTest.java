package org.modelstudio.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
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

/** Every control a person uses has a name a screen reader says and a tooltip; Tab follows the areas as they read. */
@ExtendWith(ApplicationExtension.class)
class AccessibilityTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void everyControlOfEveryWindowHasANameAndATooltip(FxRobot robot) {
        List<String> missing = new ArrayList<>();
        Parent main = (Parent) robot.lookup("#networkChoice").query().getScene().getRoot();
        check(main, missing);
        robot.interact(() -> studio.mainView().openEvaluation());
        WaitForAsyncUtils.waitForFxEvents();
        check(studio.mainView().evaluationStage().getScene().getRoot(), missing);
        robot.interact(() -> studio.mainView().evaluationStage().close());
        robot.interact(() -> studio.mainView().openServe());
        WaitForAsyncUtils.waitForFxEvents();
        check(studio.mainView().serveStage().getScene().getRoot(), missing);
        robot.interact(() -> studio.mainView().serveStage().close());
        robot.interact(() -> studio.mainView().openCompact());
        WaitForAsyncUtils.waitForFxEvents();
        check(studio.mainView().compactStage().getScene().getRoot(), missing);
        robot.interact(() -> studio.mainView().compactStage().close());
        assertEquals(List.of(), missing);
    }

    /** The controls made in the studio's own FXML and code (those with an id). */
    private static void check(Parent root, List<String> missing) {
        for (Node n : root.lookupAll("*")) {
            // "list-view" is a combo box's own pop-up list, not one of the studio's controls.
            if (!(n instanceof Control c) || n.getId() == null || "list-view".equals(n.getId()) || insideSheet(n)) continue;
            if (!(c instanceof ButtonBase || c instanceof ComboBoxBase || c instanceof Spinner || c instanceof ListView
                    || c instanceof TableView || c instanceof ProgressBar)) continue;
            String name = c.getAccessibleText() != null ? c.getAccessibleText() : c instanceof Labeled l ? l.getText() : labelFor(root, c);
            if (name == null || name.codePoints().noneMatch(Character::isLetter)) missing.add(n.getId() + " has no name");
            if (c.getTooltip() == null || c.getTooltip().getText() == null || c.getTooltip().getText().isBlank()) missing.add(n.getId() + " has no tooltip");
        }
    }

    /** The text of the label that names {@code c} (labelFor), which screen readers read as its name. */
    private static String labelFor(Parent root, Control c) {
        return root.lookupAll(".label").stream().filter(l -> l instanceof Label label && label.getLabelFor() == c)
                .map(l -> ((Label) l).getText()).findFirst().orElse(null);
    }

    private static boolean insideSheet(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) if (p instanceof PropertySheet) return true;
        return false;
    }

    @Test void tabRunsThroughTheAreasInReadingOrder(FxRobot robot) {
        robot.interact(() -> robot.lookup("#networkChoice").query().requestFocus());
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < 80 && !visited.contains("clearButton"); i++) {
            Node n = robot.lookup("#networkChoice").query().getScene().getFocusOwner();
            for (Node p = n; p != null; p = p.getParent()) {
                if (p.getId() != null) {
                    if (visited.isEmpty() || !visited.get(visited.size() - 1).equals(p.getId())) visited.add(p.getId());
                    break;
                }
            }
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        List<String> order = List.of("networkChoice", "layerList", "epochsSpinner", "trainButton", "trainTabs", "evaluationButton", "serveButton",
                "clearButton");
        int last = -1;
        for (String id : order) {
            int at = visited.indexOf(id);
            assertTrue(at > last, id + " comes after the one before it: " + visited);
            last = at;
        }
    }
}
