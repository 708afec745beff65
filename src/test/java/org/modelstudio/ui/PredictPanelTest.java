package org.modelstudio.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.TableLoader;
import org.modelstudio.engine.io.TextLoader;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.ui.inference.BatchCsv;
import org.modelstudio.ui.inference.InputKind;
import org.modelstudio.ui.inference.PredictionInput;
import org.modelstudio.ui.inference.PredictionItem;
import org.modelstudio.ui.inference.PredictionViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Predict area with real trained models, headless: it takes what the model reads (images, typed text and .txt files,
 * a typed row and CSV rows), refuses the rest with a sentence, and a batch fills a table that sorts and exports.
 */
@ExtendWith(ApplicationExtension.class)
class PredictPanelTest {
    private Studio studio;
    private PredictionViewModel vm;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
        vm = studio.prediction();
    }

    @AfterEach void close() { studio.close(); }

    private void use(FxRobot robot, TrainedModel model) {
        robot.interact(() -> studio.currentModel().set(model, "Trained in the test"));
    }

    private void drop(FxRobot robot, List<File> files) {
        Node zone = robot.lookup("#dropZone").query();
        boolean[] accepted = new boolean[1];
        robot.interact(() -> accepted[0] = TestDragboards.drop(zone, files));
        assertTrue(accepted[0], "the drop zone takes files");
    }

    private void waitForBatch(int size) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.batch().size() == size && !vm.batchRunningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TrainedModel barModel() throws Exception {
        TrainingResult r = Trainer.train(TestData.barCnn(8), TestData.bars(600, 1), null, TrainingEventSink.NONE, new CancelToken());
        assertNotNull(r.last(), r.message());
        return r.last();
    }

    @Test void imagesInAFolderAreABatchThatSortsAndExportsAndOneImageIsASingleResult(FxRobot robot, @TempDir Path dir) throws Exception {
        use(robot, barModel());
        assertEquals(InputKind.IMAGE, vm.inputKindProperty().get());
        Path bars = TestData.barFolder(dir.resolve("bars"), 10, 99);
        Files.write(bars.resolve("vertical/cut-short.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not an image");

        drop(robot, List.of(bars.toFile(), notes.toFile()));
        waitForBatch(32);
        @SuppressWarnings("unchecked")
        TableView<PredictionItem> table = robot.lookup("#batchTable").queryAs(TableView.class);
        assertTrue(table.isVisible(), "the batch tab is shown");
        assertEquals(32, table.getItems().size());
        int right = 0;
        for (PredictionItem item : vm.batch()) {
            if (item.name().equals("cut-short.png")) {
                assertFalse(item.ok());
                assertTrue(item.problem().contains("PNG"), item.problem());
            } else if (item.name().equals("notes.txt")) {
                assertEquals("is a .txt file; drop PNG, JPEG, BMP or GIF images", item.problem());
            } else {
                Path file = ((PredictionInput.ImageFile) item.input()).file();
                if (item.best().label().equals(file.getParent().getFileName().toString())) right++;
            }
        }
        assertTrue(right >= 26, "the CNN tells the bars apart: " + right + " of 30 (chance 10)");
        assertTrue(vm.messageProperty().get().startsWith("30 predicted, 2 refused"), vm.messageProperty().get());

        // Sort by the predicted class (click its header), then export: the CSV has the table's rows in the table's order.
        robot.clickOn(robot.from(table).lookup(".column-header").match(n -> "batch-predicted".equals(n.getId())).<Node>query());
        WaitForAsyncUtils.waitForFxEvents();
        TableColumn<PredictionItem, ?> predicted = table.getColumns().get(1);
        assertEquals(List.of(predicted), table.getSortOrder());
        assertEquals(TableColumn.SortType.ASCENDING, predicted.getSortType());
        List<String> shown = table.getItems().stream().map(i -> i.ok() ? i.best().label() : "").toList();
        List<String> sorted = new ArrayList<>(shown);
        sorted.sort(null);
        assertEquals(sorted, shown, "the table is sorted by the predicted class");
        assertEquals("", shown.get(0), "refused rows (no class) first");
        assertFalse(shown.equals(vm.batch().stream().map(i -> i.ok() ? i.best().label() : "").toList()), "not the drop order any more");
        Path csv = dir.resolve("out/predictions.csv");
        robot.interact(() -> {
            try {
                vm.exportBatch(csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<String> lines = Files.readAllLines(csv);
        assertEquals(BatchCsv.HEADER, lines.get(0));
        assertEquals(33, lines.size(), "a header and a line per input");
        for (int i = 0; i < 32; i++) {
            PredictionItem item = table.getItems().get(i);
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(item.name(), cells[0]);
            assertEquals(item.ok() ? item.best().label() : "", cells[1]);
            if (item.ok()) assertEquals(item.best().probability(), Double.parseDouble(cells[2]), 1e-4);
            else assertTrue(lines.get(i + 1).endsWith(BatchCsv.of(List.of(item)).split("\n")[1].substring(item.name().length())), lines.get(i + 1));
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cut-short.png,,,,,,") && l.contains("PNG")), "the refused file is in the CSV with its reason");

        // Selecting a row shows it in full below.
        robot.interact(() -> table.getSelectionModel().select(0));
        assertEquals(table.getItems().get(0), vm.selectedProperty().get());

        // One image: a single result in the list, selected, with its image in the detail pane.
        drop(robot, List.of(bars.resolve("horizontal/0.png").toFile()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.results().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<PredictionItem> list = robot.lookup("#resultList").queryAs(ListView.class);
        assertTrue(list.isVisible(), "the results tab is shown");
        assertEquals("horizontal", list.getItems().get(0).best().label());
        assertEquals(list.getItems().get(0), vm.selectedProperty().get());
        assertTrue(robot.lookup("#detailImage").tryQuery().isPresent());
        assertEquals(3, robot.lookup("#detailProbabilities .progress-bar").queryAll().stream().filter(Node::isVisible).count(),
                "every class's probability");

        robot.clickOn("Clear");
        assertTrue(vm.results().isEmpty() && vm.batch().isEmpty());
    }

    @Test void aBigBatchArrivesInChunksAndCanBeCancelled(FxRobot robot, @TempDir Path dir) throws Exception {
        use(robot, barModel());
        Random r = new Random(5);
        List<File> files = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Path f = dir.resolve(String.format("%04d.png", i));
            TestData.writeGreyPng(TestData.bar(i % 3, r), 8, 8, f);
            files.add(f.toFile());
        }
        int[] adds = new int[1];
        robot.interact(() -> vm.batch().addListener((ListChangeListener<PredictionItem>) c -> {
            while (c.next()) if (c.wasAdded()) adds[0]++;
        }));
        drop(robot, files.subList(0, 1000));
        waitForBatch(1000);
        assertTrue(adds[0] <= 60, "1 000 results reach the table in " + adds[0] + " chunks, not one by one");
        assertTrue(vm.batch().stream().allMatch(PredictionItem::ok));

        drop(robot, files);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.batchRunningProperty().get() && !vm.batch().isEmpty());
        assertTrue(robot.lookup("#cancelButton").queryAs(Button.class).isVisible(), "Cancel is offered while a batch runs");
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        int kept = vm.batch().size();
        assertTrue(kept > 0 && kept < 3000, kept + " of 3 000 before Cancel");
        assertEquals(String.format("Stopped: %,d of 3,000 predicted.", kept), vm.messageProperty().get());
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(kept, vm.batch().size(), "nothing more arrives after Cancel");
    }

    @Test void aTextModelPredictsTypedTextAndDroppedTextFiles(FxRobot robot, @TempDir Path dir) throws Exception {
        NetworkSpec template = SampleData.spec("text-classifier.json");
        NetworkSpec spec = template.withTraining(template.training().withEpochs(20));
        PreparedData data = TextLoader.prepare(Path.of("sample-models/text-topics/topics.csv"), null, null, spec.input(), 0, 42);
        TrainingResult trained = Trainer.train(spec, data.train(), null, data.preparation(), TrainingEventSink.NONE, new CancelToken(), new PauseGate());
        use(robot, trained.last());
        assertEquals(InputKind.TEXT, vm.inputKindProperty().get());

        robot.clickOn("#textInput").write("Bake the bread in a hot oven with butter.");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.results().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        PredictionItem typed = vm.results().get(0);
        assertEquals("Typed text", typed.name());
        assertEquals("cooking", typed.best().label(), typed.prediction().describeTop(4));
        assertTrue(robot.lookup("#detailText").tryQuery().isPresent(), "the whole text in the detail pane");

        Path weather = Files.writeString(dir.resolve("forecast.txt"), "Heavy rain and strong wind tonight, then sunshine and clouds tomorrow.");
        Path sport = Files.writeString(dir.resolve("match.txt"), "The team scored a late goal and won the match.");
        Path latin = Files.write(dir.resolve("old.txt"), "Le caf\u00e9 est chaud".getBytes(StandardCharsets.ISO_8859_1));
        Path image = Files.write(dir.resolve("photo.png"), new byte[] {1, 2, 3});
        drop(robot, List.of(weather.toFile(), sport.toFile(), latin.toFile(), image.toFile()));
        waitForBatch(4);
        List<PredictionItem> batch = vm.batch();
        assertEquals("weather", batch.get(0).best().label(), batch.get(0).prediction().describeTop(4));
        assertEquals("sport", batch.get(1).best().label(), batch.get(1).prediction().describeTop(4));
        assertEquals("old.txt", batch.get(2).name());
        assertTrue(batch.get(2).problem().contains("not UTF-8"), batch.get(2).problem());
        assertEquals("photo.png", batch.get(3).name());
        assertEquals("is an image, but this model reads texts: drop .txt files (one text each) or type the text", batch.get(3).problem());
    }

    @Test void aTableModelPredictsATypedRowAndTheRowsOfACsv(FxRobot robot, @TempDir Path dir) throws Exception {
        PreparedData data = TableLoader.prepare(Path.of("sample-models/iris/iris.csv"), "species", 0, 42);
        TrainingResult trained = Trainer.train(SampleData.spec("tabular-mlp.json"), data.train(), null, data.preparation(),
                TrainingEventSink.NONE, new CancelToken(), new PauseGate());
        use(robot, trained.last());
        assertEquals(InputKind.TABLE, vm.inputKindProperty().get());

        robot.clickOn("#field-sepal_length").write("5.0");
        robot.clickOn("#field-sepal_width").write("3.4");
        robot.clickOn("#field-petal_length").write("1.5");
        robot.clickOn("#field-petal_width").write("0.2");
        robot.clickOn("#predictButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.results().size() == 1);
        assertEquals("setosa", vm.results().get(0).best().label(), vm.results().get(0).prediction().describeTop(3));
        assertTrue(robot.lookup("#detailRow").tryQuery().isPresent(), "the row's values in the detail pane");

        Path csv = Files.writeString(dir.resolve("new-flowers.csv"), "petal_width,petal_length,sepal_width,sepal_length,species\n"
                + "2.3,5.6,3.1,6.9,?\n"
                + "0.2,1.4,3.5,5.1,?\n"
                + "abc,4.5,2.8,6.0,?\n"
                + "1.3,4.5\n"
                + "1.3,4.0,2.8,5.7,?\n");
        drop(robot, List.of(csv.toFile()));
        waitForBatch(5);
        List<PredictionItem> rows = vm.batch();
        assertEquals(List.of("new-flowers.csv, line 2", "new-flowers.csv, line 3", "new-flowers.csv, line 4", "new-flowers.csv, line 5",
                "new-flowers.csv, line 6"), rows.stream().map(PredictionItem::name).toList());
        assertEquals("virginica", rows.get(0).best().label());
        assertEquals("setosa", rows.get(1).best().label());
        assertEquals("\"petal_width\" must be a number, not \"abc\"", rows.get(2).problem());
        assertTrue(rows.get(3).problem().startsWith("has 2 fields but line 1 has 5"), rows.get(3).problem());
        assertEquals("versicolor", rows.get(4).best().label());
    }

    @Test void aCategoricalColumnIsChosenFromItsTrainingCategories(FxRobot robot, @TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("colour,weight,kind\n");
        String[] colours = {"red", "green", "blue"};
        Random r = new Random(3);
        for (int i = 0; i < 150; i++) {
            String colour = colours[i % 3];
            csv.append(colour).append(',').append(String.format(Locale.ROOT, "%.2f", 1 + r.nextDouble())).append(',')
                    .append(colour.equals("red") ? "ripe" : "unripe").append('\n');
        }
        PreparedData data = TableLoader.prepare(Files.writeString(dir.resolve("fruit.csv"), csv), "kind", 0, 1);
        NetworkSpec spec = new NetworkSpec("fruit", "", new InputSpec.VectorInput(4), List.of(
                new LayerSpec.Dense(8, Activation.RELU), new LayerSpec.Output(2)),
                TrainingConfig.defaults().withEpochs(30).withBatchSize(16).withLearningRate(0.02));
        TrainingResult trained = Trainer.train(spec, data.train(), null, data.preparation(), TrainingEventSink.NONE, new CancelToken(), new PauseGate());
        use(robot, trained.last());

        @SuppressWarnings("unchecked")
        ComboBox<String> colour = robot.lookup("#field-colour").queryAs(ComboBox.class);
        assertEquals(List.of("blue", "green", "red"), colour.getItems(), "the categories seen in training");
        robot.interact(() -> colour.getSelectionModel().select("red"));
        robot.clickOn("#field-weight").write("1.5");
        robot.clickOn("#predictButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.results().size() == 1);
        assertEquals("ripe", vm.results().get(0).best().label(), vm.results().get(0).prediction().describeTop(2));
        robot.interact(() -> colour.getSelectionModel().select("blue"));
        robot.clickOn("#predictButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.results().size() == 2);
        assertEquals("unripe", vm.results().get(0).best().label(), vm.results().get(0).prediction().describeTop(2));
    }
}
