package org.modelstudio.ui;

import io.fair_acc.chartfx.ui.css.DataSetNode;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelstudio.ui.common.Presentation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View ▸ Presentation (F5): every text, the blocks and the curves grow by the factor it claims, in every studio window. */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {
    /** Texts of many kinds: a plain label, a title, a layer block's name and parameter count, a shape, a button, the charts' legend, a status cell. */
    private static final String[] TEXTS = {"Epochs", ".area-title", ".block-name", ".block-params", ".connector-shape", "#trainButton",
            ".legend-entry", ".drop-hint", ".palette-tile"};

    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void presentationModeScalesEveryTextAndTheCurvesByItsFactor(FxRobot robot) {
        Map<String, Double> normal = fontSizes(robot);
        double scale = studio.presentation().systemScale();
        assertEquals(Presentation.BASE_FONT_PX * scale, normal.get("Epochs"), 0.01, "a plain label has the root font");
        assertTrue(normal.get(".area-title") > normal.get("Epochs") && normal.get(".block-params") < normal.get("Epochs"),
                "titles stay larger and counts smaller: " + normal);
        Map<String, Double> lines = curveWidths(robot);

        robot.press(KeyCode.F5).release(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(studio.presentation().presentationProperty().get(), "F5 turns presentation mode on");
        assertTrue(robot.lookup(".studio").query().getScene().getRoot().getStyleClass().contains(Presentation.PRESENTATION_CLASS));
        Map<String, Double> large = fontSizes(robot);
        for (String text : TEXTS) {
            assertEquals(Presentation.FACTOR, large.get(text) / normal.get(text), 0.01, text + ": " + normal.get(text) + " px -> " + large.get(text) + " px");
        }
        Map<String, Double> thick = curveWidths(robot);
        for (var e : lines.entrySet()) {
            assertEquals(Presentation.FACTOR, thick.get(e.getKey()) / e.getValue(), 0.01, "the line width of the " + e.getKey() + " curve");
        }

        // A window opened in presentation mode is large too.
        robot.interact(() -> studio.mainView().openEvaluation());
        WaitForAsyncUtils.waitForFxEvents();
        Node evaluate = studio.mainView().evaluationStage().getScene().lookup("#evaluateButton");
        assertEquals(Presentation.BASE_FONT_PX * scale * Presentation.FACTOR, ((Labeled) evaluate).getFont().getSize(), 0.01);
        robot.interact(() -> studio.mainView().evaluationStage().close());

        robot.clickOn(".area-title").press(KeyCode.F5).release(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(studio.presentation().presentationProperty().get());
        assertEquals(normal, fontSizes(robot), "F5 again gives the usual sizes back");
    }

    @Test void highContrastIsATheme(FxRobot robot) {
        robot.clickOn("View").clickOn("High contrast");
        WaitForAsyncUtils.waitForFxEvents();
        Node root = robot.lookup(".studio").query().getScene().getRoot();
        assertTrue(root.getStyleClass().contains(Presentation.HIGH_CONTRAST_CLASS));
        Label title = robot.lookup(".area-title").queryAs(Label.class);
        assertEquals(Color.BLACK, title.getTextFill(), "titles are black");
    }

    private static Map<String, Double> fontSizes(FxRobot robot) {
        Map<String, Double> sizes = new LinkedHashMap<>();
        for (String text : TEXTS) {
            Labeled node = text.startsWith(".") || text.startsWith("#") ? robot.lookup(text).queryAs(Labeled.class)
                    : robot.lookup(n -> n instanceof Labeled l && text.equals(l.getText())).queryAs(Labeled.class);
            sizes.put(text, node.getFont().getSize());
        }
        return sizes;
    }

    /** The line width of each kind of curve in the charts, by its class. */
    private static Map<String, Double> curveWidths(FxRobot robot) {
        Map<String, Double> widths = new LinkedHashMap<>();
        Set<Node> nodes = robot.lookup(".dataset").queryAll();
        for (Node n : nodes) {
            for (String c : n.getStyleClass()) if (c.startsWith("curve-")) widths.put(c, ((DataSetNode) n).getLineWidth());
        }
        assertTrue(widths.keySet().containsAll(Set.of("curve-batch", "curve-smoothed", "curve-epoch", "curve-rate")), "curves: " + widths);
        return widths;
    }
}
