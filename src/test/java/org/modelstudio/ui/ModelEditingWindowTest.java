package org.modelstudio.ui;

import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.prepare.EvaluationPreparation;
import org.modelstudio.ui.evaluation.DataChoices;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import java.util.List;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.export.KerasImportRun;
import org.modelstudio.engine.export.OnnxRuntimeRun;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.train.Trainer;
import javafx.scene.control.Spinner;
import javafx.scene.input.Clipboard;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.export.KerasFiles;
import org.modelstudio.engine.export.KerasH5Export;
import org.modelstudio.engine.train.BatchIterator;
import org.modelstudio.ui.model.LayerRow;
import org.modelstudio.ui.model.ModelView;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing the network in the real window: add from the menu, delete with the key, undo with Ctrl+Z; export it. */
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
        assertEquals(15, epochs.getValue());
        assertEquals(15, studio.training().epochsProperty().get());
    }

    /** An item of File ▸ Export network. Nested menus are not reliable to click headless; tests fire the real item instead. */
    /** The open dialog with this header. */
    private static DialogPane dialog(String header) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .map(w -> w.getScene() == null ? null : w.getScene().getRoot().lookup(".dialog-pane"))
                .filter(n -> n instanceof DialogPane p && header.equals(p.getHeaderText()))
                .map(DialogPane.class::cast).findFirst().orElseThrow()).get(5, TimeUnit.SECONDS);
    }

    private static MenuItem exportItem(FxRobot robot, String text) {
        return robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(i -> i instanceof Menu m && m.getText().equals("_Export network"))
                .flatMap(m -> ((Menu) m).getItems().stream())
                .filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    @Test void copyTheNetworkAsJavaCode(FxRobot robot) throws Exception {
        MenuItem copy = exportItem(robot, "_Copy as Java code");
        robot.interact(copy::fire);
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
        Assertions.assertTrue(copied.contains("public class MlpKerasClassic {"), copied);
        Assertions.assertTrue(copied.contains(".layer(0, new DenseLayer.Builder().nOut(64)"), copied);
    }

    @Test void unsavedEditsShowInTheTitleAndAreAutosavedForRecovery(FxRobot robot) throws Exception {
        Window window = robot.lookup("#layerList").query().getScene().getWindow();
        String title = ((Stage) window).getTitle();
        assertEquals("MLP (Keras classic) — Model Studio", title);
        robot.interact(() -> studio.model().add("dropout"));
        assertEquals("MLP (Keras classic) • — Model Studio", ((Stage) window).getTitle());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> studio.recovery().pending().isPresent());
        assertEquals(studio.model().specProperty().get(), studio.recovery().pending().orElseThrow().project().network());
        studio.close();
        Assertions.assertTrue(studio.recovery().pending().isEmpty(), "a clean exit leaves nothing to recover");
    }

    /** The shapes written on the connections, top to bottom (the Input's outgoing one first). */
    private static List<String> connectionShapes(FxRobot robot) {
        return robot.lookup(".layer-block-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> !c.isEmpty())
                .sorted(Comparator.comparingInt(ListCell::getIndex))
                .map(c -> ((Label) c.lookup(".connector-shape")).getText()).toList();
    }

    private static final List<String> SMALL_CNN_SHAPES = List.of(
            "28×28×1", "26×26×32", "13×13×32", "11×11×64", "5×5×64", "1600", "64", "10");

    @Test void buildTheSmallCnnFromAnEmptyModelByDraggingFromThePalette(FxRobot robot) throws Exception {
        robot.interact(() -> studio.document().newNetwork());
        ListView<?> list = robot.lookup("#layerList").queryAs(ListView.class);
        assertEquals(1, list.getItems().size(), "only the Input");
        assertEquals(List.of("28×28×1"), connectionShapes(robot));
        for (String type : new String[] {"conv2d", "maxpool", "conv2d", "maxpool", "flatten", "dense", "output"}) {
            // Drag what the palette tile carries onto the empty space below the blocks (a synthetic drag:
            // TestFX cannot drive an OS drag-and-drop headless).
            Button tile = robot.lookup("#palette-" + type).queryAs(Button.class);
            String payload = (String) tile.getProperties().get(ModelView.DRAG_PAYLOAD);
            Node below = robot.lookup(".layer-block-cell").queryAllAs(ListCell.class).stream()
                    .filter(ListCell::isEmpty).findFirst().orElseThrow();
            boolean[] done = new boolean[1];
            robot.interact(() -> done[0] = TestDragboards.drop(below, payload));
            Assertions.assertTrue(done[0], type);
        }
        assertEquals(List.of("28×28×1", "26×26×32", "13×13×32", "11×11×32", "5×5×32", "800", "64", "10"),
                connectionShapes(robot));

        // The second Conv2D gets 64 filters by typing into the property sheet, as a user would.
        robot.clickOn(robot.from(list).lookup("Conv2D #3").<Node>query());
        TextField filters = propertyEditor(robot, "Filters");
        robot.doubleClickOn(filters).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("64").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, studio.model().selectedLayerProperty().get(), "the edited layer stays selected");
        assertEquals("64", filters.getText());
        assertEquals(SMALL_CNN_SHAPES, connectionShapes(robot), "every connection reads the small CNN's shape");

        // The parameter total shown equals what DL4J builds from the same network.
        var net = new MultiLayerNetwork(
                NetworkCompiler.compile(studio.model().specProperty().get()).configuration());
        net.init();
        assertEquals(121_930, net.numParams());
        assertEquals("121,930 parameters · output 10", studio.model().totalsProperty().get());

        // Undo every step with the keyboard, back to the empty model; then redo them all.
        robot.clickOn(robot.from(list).lookup("Dense #6").<Node>query());
        int undone = 0;
        while (studio.model().canUndoProperty().get() && undone < 20) {
            robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            undone++;
        }
        assertEquals(8, undone, "seven drops and one typed setting, one undo step each");
        assertEquals(List.of("28×28×1"), connectionShapes(robot));
        for (int i = 0; i < 7; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(SMALL_CNN_SHAPES, connectionShapes(robot));
        assertEquals("121,930 parameters · output 10", studio.model().totalsProperty().get());
    }

    /** The property sheet's editor for the setting labelled {@code label} (same grid row as its label). */
    private static TextField propertyEditor(FxRobot robot, String label) {
        Node sheet = robot.lookup(".property-sheet").query();
        Label name = robot.from(sheet).lookup((Label l) -> label.equals(l.getText())).query();
        Integer row = GridPane.getRowIndex(name);
        return robot.from(name.getParent()).lookup((Node n) -> n != name
                && Objects.equals(GridPane.getRowIndex(n), row)).query()
                .lookup(".text-field") instanceof TextField f ? f : null;
    }

    @Test void theEpochsFieldEditsTheNetworksTrainingSettings(FxRobot robot) {
        robot.interact(() -> studio.training().epochsProperty().set(7));
        assertEquals(7, studio.model().specProperty().get().training().epochs());
        assertEquals("Undo Change Training Settings", studio.model().undoTextProperty().get());
        robot.interact(() -> studio.model().undo());
        assertEquals(15, studio.training().epochsProperty().get(), "undo puts the field back too");
    }

    @Test void selectSeveralRowsCopyAndPasteWithTheKeyboard(FxRobot robot) {
        ListView<?> table = robot.lookup("#layerList").queryAs(ListView.class);
        robot.clickOn(robot.from(table).lookup("Flatten #1").<Node>query());
        robot.press(KeyCode.SHIFT).clickOn(robot.from(table).lookup("Dense #2").<Node>query()).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(0, 1), studio.model().selection());
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Flatten", "Dense", "Flatten", "Dense", "Dense", "Output"),
                studio.model().specProperty().get().layers().stream().map(LayerSpec::typeName).toList());
        assertEquals("Undo Paste 2 layers", studio.model().undoTextProperty().get());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, table.getItems().size());
    }

    @Test void addDeleteAndUndoWithMouseAndKeyboard(FxRobot robot) {
        ListView<?> table = robot.lookup("#layerList").queryAs(ListView.class);
        assertEquals(5, table.getItems().size());

        robot.clickOn(robot.from(table).lookup("Dense #2").<Node>query());
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

    /** File ▸ Export network ▸ Trained model as ONNX: off without a model; writes the model in use; says why it cannot write. */
    @Test void exportsTheModelInUseAndSaysWhyAFileCannotBeWritten(FxRobot robot, @TempDir Path dir) throws Exception {
        MenuItem item = exportItem(robot, "Trained model as _ONNX…");
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
        DialogPane error = dialog("Cannot export m.onnx as ONNX");
        assertEquals("It could not be written: " + blocker + " is a file, not a folder.", error.getContentText());
        robot.interact(() -> error.getScene().getWindow().hide());
        assertFalse(Files.exists(blocker.resolve("m.onnx")));
    }

    /** File ▸ Export network ▸ Trained model as Keras .h5: off without a model; writes the model in use and says where; says why it cannot write. */
    @Test void exportsTheModelInUseAsAKerasFileAndSaysWhyAFileCannotBeWritten(FxRobot robot, @TempDir Path dir) throws Exception {
        MenuItem item = exportItem(robot, "Trained model as _Keras .h5…");
        assertTrue(item.isDisable(), "there is no trained model yet");
        TrainedModel model = Trainer.train(TestData.barCnn(1), TestData.bars(60, 1), null, e -> { }, new CancelToken()).model();
        robot.interact(() -> studio.currentModel().set(model, "trained by the test"));
        assertFalse(item.isDisable());

        Path file = dir.resolve("bars.h5");
        Task<Void> task = WaitForAsyncUtils.asyncFx(() -> studio.mainView().exportKerasH5(model, file)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, task::isDone);
        Random r = new Random(4);
        float[][] bars = new float[6][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, r);
        KerasImportRun.assertAnswersAsTheStudio(model, new ModelRuntime(model), bars, file);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane done = dialog("Exported as a Keras .h5 file");
        assertTrue(done.getContentText().startsWith(file + "\n"), done.getContentText());
        assertTrue(done.getContentText().contains("tf.keras.models.load_model(\"bars.h5\")"), done.getContentText());
        robot.interact(() -> done.getScene().getWindow().hide());

        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        Task<Void> failing = WaitForAsyncUtils.asyncFx(() -> studio.mainView().exportKerasH5(model, blocker.resolve("m.h5"))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, failing::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane error = dialog("Cannot export m.h5 as a Keras .h5 file");
        assertEquals("It could not be written: " + blocker + " is a file, not a folder.", error.getContentText());
        robot.interact(() -> error.getScene().getWindow().hide());
        assertFalse(Files.exists(blocker.resolve("m.h5")));
    }

    /**
     * File ▸ Open Keras model (and a dropped .h5): the file opens in the background, a dialog proposes how its input is
     * read; another reading chosen there is used; the network then shows as blocks and is the model in use. A file that
     * is not a Keras model is refused with a sentence, and the studio carries on.
     */
    @Test void aKerasFileOpensAsBlocksWithTheReadingConfirmedInADialog(FxRobot robot, @TempDir Path dir) throws Exception {
        TrainedModel model = Trainer.train(TestData.barCnn(1), TestData.bars(60, 1), null, e -> { }, new CancelToken()).model();
        Path h5 = dir.resolve("bars.h5");
        KerasH5Export.write(model, h5);
        var opening = WaitForAsyncUtils.asyncFx(() -> studio.mainView().kerasOpening().open(h5)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, opening::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = dialog("Open bars.h5 (Keras 2.4.0, tensorflow)");
        var choices = robot.from(pane).lookup(".radio-button").queryAllAs(RadioButton.class);
        assertEquals(2, choices.size(), "the proposed reading and the same image with pixels 0..255");
        var proposed = choices.stream().filter(RadioButton::isSelected).findFirst().orElseThrow();
        assertTrue(proposed.getText().endsWith("(proposed)"), proposed.getText());
        var in255 = choices.stream().filter(b -> !b.isSelected()).findFirst().orElseThrow();
        assertTrue(in255.getText().contains("pixels 0–255"), in255.getText());
        robot.interact(() -> in255.setSelected(true));
        robot.interact(() -> ((Button) pane.lookupButton(pane.getButtonTypes().get(0))).fire());
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> studio.currentModel().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TrainedModel opened = studio.currentModel().get();
        assertTrue(studio.currentModel().originProperty().get().startsWith("Opened bars.h5 (Keras 2.4.0; input: "),
                studio.currentModel().originProperty().get());
        assertTrue(opened.spec().description().contains("pixels 0–255"), opened.spec().description());
        assertEquals(opened.spec(), studio.model().specProperty().get(), "the editor shows the opened network");
        assertEquals(model.spec().layers().size(), studio.model().rows().size() - 1, "one row per block, after the input's");
        // It wants pixels 0..255: given the studio's 0..1 images it answers as the original does for 255 times them.
        Random r = new Random(5);
        float[][] bars = new float[4][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, r);
        var x = BatchIterator.features(model.spec().input().shape(), bars);
        double difference = Transforms.abs(model.output(x.mul(255)).sub(opened.output(x))).maxNumber().doubleValue();
        assertTrue(difference <= 1e-5, "answers differ by " + difference);

        Path notKeras = Files.writeString(dir.resolve("notes.h5"), "not a Keras file\n".repeat(64));
        var refused = WaitForAsyncUtils.asyncFx(() -> studio.mainView().kerasOpening().open(notKeras)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, refused::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane error = dialog("Cannot open notes.h5");
        assertEquals("notes.h5 is not an HDF5 file, so not a Keras .h5 model.", error.getContentText());
        robot.interact(() -> error.getScene().getWindow().hide());
        assertEquals(opened, studio.currentModel().get(), "the model in use stays");
    }

    /**
     * A Keras file with layers that have no block opens as a fixed network: its blocks show every Keras layer, a note says
     * what it is and what it can do, the palette and the tools are off, an edit is refused with a sentence, and Train
     * trains it further from the weights it was opened with.
     */
    @Test void aKerasFileWithLayersWithoutBlocksOpensAsAFixedNetwork(FxRobot robot, @TempDir Path dir) throws Exception {
        TrainedModel model = Trainer.train(TestData.barCnn(1), TestData.bars(60, 1), null, e -> { }, new CancelToken()).model();
        Path h5 = dir.resolve("bars-leaky.h5");
        KerasH5Export.write(model, h5);
        KerasFiles.withLayersWithoutBlocks(h5);
        var opening = WaitForAsyncUtils.asyncFx(() -> studio.mainView().kerasOpening().open(h5)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, opening::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = dialog("Open bars-leaky.h5 (Keras 2.4.0, tensorflow)");
        robot.interact(() -> ((Button) pane.lookupButton(pane.getButtonTypes().get(0))).fire());
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> studio.currentModel().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        var editor = studio.model();
        assertTrue(editor.fixedProperty().get());
        assertTrue(editor.fixedNoteProperty().get().startsWith("Fixed network: 3 Keras layers have no block"), editor.fixedNoteProperty().get());
        assertEquals(List.of("Input", "Conv2D", "LeakyReLU", "ZeroPadding2D", "Cropping2D", "MaxPool", "Flatten", "Dense", "Output"),
                editor.rows().stream().map(LayerRow::layer).toList());
        assertEquals("7×7×8", editor.rows().get(3).outputShape(), "the padding's output shape, from DL4J's import");
        assertTrue(robot.lookup("#palette").query().isDisabled(), "nothing can be added");
        assertTrue(robot.lookup(".fixed-note").queryAs(Label.class).isVisible());
        robot.interact(() -> {
            editor.selectedLayerProperty().set(1);
            editor.deleteSelected();
        });
        assertTrue(editor.editErrorProperty().get().startsWith("This network is fixed"), editor.editErrorProperty().get());
        assertEquals(9, editor.rows().size(), "nothing was deleted");

        TrainedModel opened = studio.currentModel().get();
        var before = opened.network().params().dup();
        robot.interact(() -> studio.training().start(() -> TestData.bars(60, 2)));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !studio.training().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        TrainedModel trained = studio.currentModel().get();
        assertTrue(trained != opened && trained.spec().fixed(), "the fixed network trained further: " + studio.training().statusProperty().get());
        assertFalse(trained.network().params().equalsWithEps(before, 1e-6), "its weights moved on from the opened ones");
    }

    /** File ▸ Export network ▸ Trained model for Triton/KServe: off without a model; writes the model folder and says where. */
    @Test void exportsTheModelInUseAsATritonModelFolder(FxRobot robot, @TempDir Path dir) throws Exception {
        MenuItem item = exportItem(robot, "Trained model for _Triton/KServe…");
        assertTrue(item.isDisable(), "there is no trained model yet");
        TrainedModel model = Trainer.train(TestData.barCnn(1), TestData.bars(60, 1), null, e -> { }, new CancelToken()).model();
        robot.interact(() -> studio.currentModel().set(model, "trained by the test"));
        assertFalse(item.isDisable());

        Task<Integer> task = WaitForAsyncUtils.asyncFx(() -> studio.mainView().exportTriton(model, dir, "bars")).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, task::isDone);
        assertEquals(1, task.get());
        Random r = new Random(3);
        float[][] bars = new float[6][];
        for (int i = 0; i < bars.length; i++) bars[i] = TestData.bar(i % 3, r);
        OnnxRuntimeRun.assertAnswersAsTheStudio(model, new ModelRuntime(model), bars, dir.resolve("bars").resolve("1").resolve("model.onnx"));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane done = dialog("Exported for Triton and KServe");
        assertTrue(done.getContentText().startsWith(dir.resolve("bars") + ", version 1."), done.getContentText());
        assertTrue(done.getContentText().contains("/v2/models/bars/infer"), done.getContentText());
        robot.interact(() -> done.getScene().getWindow().hide());
    }

    /**
     * File ▸ Export network ▸ Compact model: off without a model; the window measures int8 in the background on picked
     * examples, shows the sizes and the accuracy before and after, and saves that file, which scores what it showed.
     */
    @Test void makesTheModelInUseCompactShowingWhatItSavesAndCostsBeforeSaving(FxRobot robot, @TempDir Path dir) throws Exception {
        MenuItem item = exportItem(robot, "Co_mpact model (fp16, int8)…");
        assertTrue(item.isDisable(), "there is no trained model yet");
        TrainedModel model = Trainer.train(TestData.barCnn(3), TestData.bars(150, 1), null,
                new InputPreparation.Image(new ImagePreprocessing(8, 8, 1)), e -> { }, new CancelToken(), new PauseGate()).model();
        robot.interact(() -> studio.currentModel().set(model, "trained by the test"));
        assertFalse(item.isDisable());
        robot.interact(item::fire);
        Stage window = studio.mainView().compactStage();
        assertTrue(window.isShowing());
        Button save = robot.lookup("#saveButton").queryAs(Button.class);
        assertTrue(save.isDisable(), "nothing to save before it is measured");

        Path folder = TestData.barFolder(dir.resolve("bars"), 20, 5);
        robot.interact(() -> studio.compact().addChoice(DataChoices.folder(folder)));
        robot.clickOn("#int8Button");
        robot.clickOn("#measureButton");
        assertTrue(studio.compact().runningProperty().get() || studio.compact().reportProperty().get() != null);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.compact().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        CompactionReport report = studio.compact().reportProperty().get();
        assertEquals("int8", report.precision());
        TableView<?> table = robot.lookup(".compact-report").queryAs(TableView.class);
        assertEquals(List.of("File size", "Parameters", "Accuracy"), table.getItems().stream().map(r -> ((CompactionReport.Row) r).what()).toList());
        assertEquals("After (int8)", table.getColumns().get(2).getText());
        assertTrue(report.fileBytesAfter() < report.fileBytesBefore() / 2, report.rows().toString());
        assertTrue(robot.lookup(".compact-model .training-status").queryAs(Label.class).getText()
                .startsWith("Measured on images in bars."), studio.compact().messageProperty().get());
        assertFalse(save.isDisable());

        Path file = dir.resolve("bars-int8.zip");
        Task<Void> saving = WaitForAsyncUtils.asyncFx(() -> studio.compact().save(file)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, saving::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(studio.compact().messageProperty().get().startsWith("Saved " + file), studio.compact().messageProperty().get());
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(Precision.INT8, loaded.precision());
        assertEquals(report.fileBytesAfter(), Files.size(file));
        assertEquals(report.quality().after(), Evaluator.evaluate(loaded, EvaluationPreparation.imageFolder(loaded, folder).data()).accuracy(),
                "the saved file scores what the window showed");

        robot.clickOn("#fp16Button");
        assertTrue(save.isDisable(), "another precision needs measuring again");
        assertTrue(table.getItems().isEmpty());
        robot.interact(window::hide);
    }
}
