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
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.engine.io.TableLoader;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test void theFieldsOfATypedRowAreNamedByTheirColumnAndSayWhatTheyTake(FxRobot robot, @TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("colour,weight,kind\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i % 2 == 0 ? "red" : "green").append(',').append(1 + i % 5).append(',').append(i % 2 == 0 ? "ripe" : "unripe").append('\n');
        }
        PreparedData data = TableLoader.prepare(Files.writeString(dir.resolve("fruit.csv"), csv), "kind", 0, 1);
        NetworkSpec spec = new NetworkSpec("fruit", "", new InputSpec.VectorInput(3), List.of(new LayerSpec.Dense(4, Activation.RELU), new LayerSpec.Output(2)),
                TrainingConfig.defaults().withEpochs(1));
        TrainingResult trained = Trainer.train(spec, data.train(), null, data.preparation(), TrainingEventSink.NONE, new CancelToken(), new PauseGate());
        robot.interact(() -> studio.currentModel().set(trained.last(), "Trained in the test"));
        WaitForAsyncUtils.waitForFxEvents();

        Parent main = (Parent) robot.lookup("#networkChoice").query().getScene().getRoot();
        List<String> missing = new ArrayList<>();
        check(main, missing);
        List<Control> fields = robot.lookup(n -> n.getId() != null && n.getId().startsWith("field-")).queryAllAs(Control.class).stream().toList();
        assertEquals(2, fields.size(), "a field for the colour and one for the weight");
        for (Control field : fields) {
            if (!field.getId().substring("field-".length()).equals(labelFor(main, field))) missing.add(field.getId() + " is not named by its column");
            boolean says = field.getTooltip() != null && field.getTooltip().getText().startsWith(labelFor(main, field) + ": ");
            if (!says) missing.add(field.getId() + " has no tooltip");
        }
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

    @Test void tabRunsThroughTheDataTabInReadingOrder(FxRobot robot) {
        robot.interact(() -> robot.lookup("#trainTabs").queryAs(TabPane.class).getSelectionModel().select(0));
        // Without data the task choice, the preview table and the files left out are hidden; after the tab, the next area.
        List<String> visited = walk(robot, robot.lookup("#sampleButton").query(), "evaluationButton");
        assertInOrder(List.of("sampleButton", "folderButton", "tableButton", "textButton", "classList", "augmentationPane", "evaluationButton"), visited);
    }

    @Test void tabRunsThroughTheServeWindowInReadingOrder(FxRobot robot) {
        robot.interact(() -> studio.mainView().openServe());
        WaitForAsyncUtils.waitForFxEvents();
        // With no model in use, "Add the model in use" and "Start serving" are disabled and Tab passes them by.
        Node start = studio.mainView().serveStage().getScene().lookup("#addFilesButton");
        List<String> visited = walk(robot, start, "requestTable");
        robot.interact(() -> studio.mainView().serveStage().close());
        assertInOrder(List.of("addFilesButton", "portField", "networkBox", "tokenBox", "tokenField", "copyTokenButton", "newTokenButton",
                "examplesTabs", "requestTable"), visited);
    }

    /** Presses Tab from {@code start} until {@code last} has the focus, noting the id of each focused control (or its nearest parent with one). */
    private static List<String> walk(FxRobot robot, Node start, String last) {
        robot.interact(start::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < 80 && !visited.contains(last); i++) {
            Node n = start.getScene().getFocusOwner();
            for (Node p = n; p != null; p = p.getParent()) {
                if (p.getId() != null) {
                    if (visited.isEmpty() || !visited.get(visited.size() - 1).equals(p.getId())) visited.add(p.getId());
                    break;
                }
            }
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        return visited;
    }

    private static void assertInOrder(List<String> order, List<String> visited) {
        int last = -1;
        for (String id : order) {
            int at = visited.indexOf(id);
            assertTrue(at > last, id + " comes after the one before it: " + visited);
            last = at;
        }
    }

    @Test void tabRunsThroughTheAreasInReadingOrder(FxRobot robot) {
        List<String> visited = walk(robot, robot.lookup("#networkChoice").query(), "clearButton");
        assertInOrder(List.of("networkChoice", "layerList", "epochsSpinner", "trainButton", "trainTabs", "evaluationButton", "serveButton",
                "clearButton"), visited);
    }
}
