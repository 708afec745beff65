package org.modelstudio.ui;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.engine.io.TextLoader;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Data tab: an image folder is scanned, previewed, saved with the project, and trained on from disk. */
@ExtendWith(ApplicationExtension.class)
class DataTabTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void theSampleIsShownWithItsTenClasses(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 10);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10_000, studio.data().classes().stream().mapToInt(c -> c.count()).sum());
        assertEquals("T-shirt/top", studio.data().classes().get(0).name());
        assertTrue(studio.data().summaryProperty().get().contains("trains on 9,000 and validates on 1,000"),
                studio.data().summaryProperty().get());
    }

    @Test void anImageFolderIsScannedPreviewedSavedAndTrainedOnFromDisk(FxRobot robot, @TempDir Path dir) throws Exception {
        Path images = TestData.barFolder(dir.resolve("bars"), 40, 7);
        Files.write(images.resolve("vertical/broken.png"), new byte[0]);
        // The bar images are 8×8 grey: a network for them (an edit of the network like any other).
        robot.interact(() -> {
            studio.model().openTemplate(TestData.barCnn(8).withTraining(TestData.barCnn(8).training().withValidationSplit(0.25)));
            studio.data().useFolder(images);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 3 && !studio.data().scanningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("diagonal", "horizontal", "vertical"), studio.data().classes().stream().map(c -> c.name()).toList());
        assertEquals(40, studio.data().classes().get(2).count());
        assertEquals(8, studio.data().classes().get(0).preview().size(), "a row of thumbnails per class");
        assertEquals(1, studio.data().skipped().size());
        assertTrue(studio.data().skipped().get(0).contains("broken.png: is empty (0 bytes)"), studio.data().skipped().get(0));
        assertTrue(studio.data().summaryProperty().get().contains("trains on 90 and validates on 30"), studio.data().summaryProperty().get());
        ListView<?> classes = robot.lookup(".class-list").queryAs(ListView.class);
        assertEquals(3, classes.getItems().size());

        Path project = dir.resolve("bars.msproj");
        robot.interact(() -> {
            try {
                studio.document().saveTo(project);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(new DataSource.ImageFolder(images.toAbsolutePath().toString()), ProjectFile.load(project).data(),
                "the data source is saved with the project");

        robot.interact(() -> studio.training().start());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.document().runs().size() == 1);
        var run = studio.document().runs().get(0);
        assertEquals(RunOutcome.FINISHED, run.outcome(), run.message());
        assertEquals(List.of("diagonal", "horizontal", "vertical"), studio.currentModel().get().labels());
        assertTrue(run.epochs().get(run.epochs().size() - 1).validationAccuracy() > 0.8,
                "learns the folder's classes: " + run.epochs().get(run.epochs().size() - 1));
        assertTrue(studio.model().specProperty().get().input() instanceof InputSpec.ImageInput);
    }

    @Test void aFolderOfSmallImagesBecomesTheNetworksInputAndItsClassesTheOutputAsOneUndoableStep(FxRobot robot, @TempDir Path dir) throws Exception {
        Path images = TestData.barFolder(dir.resolve("bars"), 20, 3);
        var mlp = studio.model().specProperty().get();
        assertEquals(new InputSpec.ImageInput(28, 28, 1), mlp.input(), "the studio starts with the sample's MLP");
        robot.interact(() -> studio.data().useFolder(images));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 3 && !studio.data().scanningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new InputSpec.ImageInput(8, 8, 1), studio.model().specProperty().get().input(), "the bars are 8×8 grey");
        assertTrue(studio.data().summaryProperty().get().endsWith("Input: 28×28×1 → 8×8×1, the size and colour of the folder's images; "
                + "Output #4: 10 → 3 units for the classes diagonal, horizontal, vertical"), studio.data().summaryProperty().get());
        assertEquals(3, studio.model().specProperty().get().outputUnits());
        robot.interact(() -> studio.model().undo());
        assertEquals(mlp, studio.model().specProperty().get(), "one undo puts it all back");
    }

    @Test void aFolderThatCannotTrainSaysWhy(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> studio.data().useFolder(dir.resolve("missing")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !studio.data().problemProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(studio.data().problemProperty().get().contains("does not exist"), studio.data().problemProperty().get());
        robot.interact(() -> studio.training().start());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !studio.training().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup(".training-status").queryAs(Label.class);
        assertTrue(status.getText().contains("does not exist"), status.getText());
    }

    @Test void augmentationIsPreviewedOnARealImageAsTheSlidersMove(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 10);
        robot.interact(() -> {
            var tabs = robot.lookup("#trainTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(0);
            robot.lookup("#augmentationPane").queryAs(TitledPane.class).setExpanded(true);
        });
        var preview = robot.lookup("#augmentationPreview").queryAs(HBox.class);
        assertEquals(8, preview.getChildren().size(), "the first image and seven variants");
        robot.interact(() -> robot.lookup("#augment-rotation").queryAs(Slider.class).setValue(30));
        assertEquals(30, studio.data().augmentationProperty().get().rotationDegrees(), 1e-9);
        robot.clickOn("#typicalButton");
        assertEquals(Augmentation.TYPICAL, studio.data().augmentationProperty().get());
        assertEquals(15, robot.lookup("#augment-rotation").queryAs(Slider.class).getValue(), 1e-9);
    }

    private NetworkSpec template(String name) {
        return studio.model().networks().stream().filter(n -> n.name().startsWith(name)).findFirst().orElseThrow();
    }

    @Test void theIrisTableTrainsTheTabularTemplateInTheStudio(FxRobot robot) throws Exception {
        robot.interact(() -> {
            studio.model().openTemplate(template("Tabular"));
            studio.training().epochsProperty().set(40);
            studio.data().useTable(Path.of("sample-models/iris/iris.csv"), null);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("setosa", "versicolor", "virginica"), studio.data().classes().stream().map(c -> c.name()).toList());
        assertTrue(studio.data().summaryProperty().get().contains("150 examples"), studio.data().summaryProperty().get());
        assertEquals("sepal_length\nnumber · 0 missing", studio.data().previewColumns().get(0));
        assertEquals("species\ntext · 0 missing", studio.data().previewColumns().get(4));
        assertEquals(List.of("5.1", "3.5", "1.4", "0.2", "setosa"), studio.data().previewRows().get(0));
        robot.interact(() -> studio.training().start());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.document().runs().size() == 1);
        var run = studio.document().runs().get(0);
        assertEquals(RunOutcome.FINISHED, run.outcome(), run.message());
        assertTrue(run.bestMetrics().validationAccuracy() > 0.8, "iris is learned: " + run.bestMetrics());
        assertTrue(studio.currentModel().get().preparation() instanceof InputPreparation.Table,
                "the model keeps the standardisation fitted on its training rows");
        var fitted = studio.currentModel().get().preparation();

        // Continue: the table is encoded with the model's own standardisation, not fitted again.
        robot.interact(() -> {
            studio.training().epochsProperty().set(5);
            studio.training().continueTraining();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.document().runs().size() == 2);
        var continued = studio.document().runs().get(1);
        assertEquals(RunOutcome.FINISHED, continued.outcome(), continued.message());
        assertEquals(5, continued.epochs().size());
        assertTrue(continued.epochs().get(0).validationAccuracy() > 0.8, "starts from the trained weights: " + continued.epochs().get(0));
        assertEquals(fitted, studio.currentModel().get().preparation());
    }

    @Test void aRunTrainsOnTheDataChosenWhenTrainWasPressedNotOnALaterChoice(FxRobot robot) throws Exception {
        robot.interact(() -> {
            studio.model().openTemplate(template("Tabular"));
            studio.training().epochsProperty().set(3);
            studio.data().useTable(Path.of("sample-models/iris/iris.csv"), null);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        // The data source is taken on the FX thread as the run starts (never read by the training thread), so choosing
        // other data at once changes the next run only.
        List<Boolean> readOnFx = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            studio.training().useData(() -> {
                readOnFx.add(Platform.isFxApplicationThread());
                return studio.document().dataSourceProperty().get();
            }, studio.data()::imageExamples);
            studio.training().start();
            studio.data().useText(Path.of("sample-models/text-topics/topics.csv"), null, null);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.document().runs().size() == 1);
        var run = studio.document().runs().get(0);
        assertEquals(RunOutcome.FINISHED, run.outcome(), run.message());
        assertEquals(List.of("setosa", "versicolor", "virginica"), studio.currentModel().get().labels());
        assertEquals(List.of(true), readOnFx, "read once, on the FX thread");
    }

    @Test void theTopicSentencesTrainTheTextTemplateAndAnImageNetworkIsRefusedForThem(FxRobot robot) throws Exception {
        robot.interact(() -> studio.data().useText(Path.of("sample-models/text-topics/topics.csv"), null, null));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !studio.data().problemProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!studio.data().problemProperty().get().isEmpty(), "the MLP for images cannot take texts, and says so");
        robot.interact(() -> {
            studio.model().openTemplate(template("Text classifier"));
            studio.training().epochsProperty().set(20);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> studio.training().start());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> studio.document().runs().size() == 1);
        var run = studio.document().runs().get(0);
        assertEquals(RunOutcome.FINISHED, run.outcome(), run.message());
        assertTrue(run.bestMetrics().validationAccuracy() > 0.5, "well above the 25 % of guessing: " + run.bestMetrics());
        var prediction = new ModelRuntime(studio.currentModel().get()).classify(
                new ModelInput.Text("Preheat the oven and knead the dough for ten minutes."));
        assertEquals(4, prediction.prediction().ranked().size());
    }

    @Test void aFolderOfTextFilesPerClassIsReadToo(FxRobot robot, @TempDir Path dir) throws Exception {
        var rows = TextLoader.read(Path.of("sample-models/text-topics/topics.csv"), null, null);
        Map<String, Integer> written = new HashMap<>();
        for (var row : rows) {
            int n = written.merge(row.label(), 1, Integer::sum);
            Path f = dir.resolve(row.label()).resolve(n + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, row.text());
        }
        robot.interact(() -> {
            studio.model().openTemplate(template("Text classifier"));
            studio.data().useText(dir, null, null);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("computers", "cooking", "sport", "weather"), studio.data().classes().stream().map(c -> c.name()).toList());
        assertEquals(700, studio.data().classes().stream().mapToInt(c -> c.count()).sum());
        assertEquals(List.of("text", "label"), studio.data().previewColumns());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !studio.data().previewRows().isEmpty());
        List<String> shownLabels = studio.data().previewRows().stream().map(r -> r.get(1)).toList();
        assertEquals(List.of("computers", "computers", "computers", "cooking", "cooking", "cooking",
                "sport", "sport", "sport", "weather", "weather", "weather"), shownLabels, "three examples of every class, grouped");
    }
}
