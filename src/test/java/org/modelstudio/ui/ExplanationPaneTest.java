package org.modelstudio.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.eval.WordContribution;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.TextLoader;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explaining the selected prediction in the Predict area: an image gets its occlusion map laid over it (with an opacity
 * slider), a text gets its words coloured in place, the text itself unchanged.
 */
@ExtendWith(ApplicationExtension.class)
class ExplanationPaneTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void anImageResultGetsItsOcclusionMapOverTheImage(FxRobot robot, @TempDir Path dir) throws Exception {
        TrainingResult r = Trainer.train(TestData.barCnn(8), TestData.bars(600, 1), null, TrainingEventSink.NONE, new CancelToken());
        TrainedModel model = r.last();
        robot.interact(() -> studio.currentModel().set(model, "Trained in the test"));
        Path bar = dir.resolve("bar.png");
        TestData.writeGreyPng(TestData.bar(1, new Random(5)), 8, 8, bar);
        Node zone = robot.lookup("#dropZone").query();
        robot.interact(() -> TestDragboards.drop(zone, List.of(bar.toFile())));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.prediction().results().size() == 1
                && studio.prediction().selectedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#explainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.explanation().heatmapProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Heatmap map = studio.explanation().heatmapProperty().get();
        assertEquals(8, map.width());
        assertEquals(8, map.height());
        ImageView overlay = robot.lookup("#heatmapOverlay").queryAs(ImageView.class);
        ImageView image = robot.lookup("#detailImage").queryAs(ImageView.class);
        assertEquals(image.getImage().getWidth(), overlay.getFitWidth(), 1e-9, "the map covers the image exactly");
        robot.interact(() -> robot.lookup("#heatOpacity").queryAs(Slider.class).setValue(0.3));
        assertEquals(0.3, overlay.getOpacity(), 1e-9);
        assertTrue(studio.explanation().messageProperty().get().startsWith("Red: the parts"), studio.explanation().messageProperty().get());

        // Another selection clears the map.
        robot.interact(() -> studio.prediction().selectedProperty().set(null));
        assertEquals(null, studio.explanation().heatmapProperty().get());
        assertTrue(robot.lookup("#heatmapOverlay").tryQuery().isEmpty());
    }

    @Test void aTextResultGetsItsWordsColouredInPlace(FxRobot robot) throws Exception {
        NetworkSpec template = SampleData.spec("text-classifier.json");
        NetworkSpec spec = template.withTraining(template.training().withEpochs(20));
        PreparedData data = TextLoader.prepare(Path.of("sample-models/text-topics/topics.csv"), null, null, spec.input(), 0, 42);
        TrainingResult trained = Trainer.train(spec, data.train(), null, data.preparation(), TrainingEventSink.NONE, new CancelToken(), new PauseGate());
        robot.interact(() -> studio.currentModel().set(trained.last(), "Trained in the test"));
        String text = "Bake the bread in a hot oven, with butter!";
        robot.clickOn("#textInput").write(text);
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.prediction().results().size() == 1
                && studio.prediction().selectedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("cooking", studio.prediction().results().get(0).best().label());

        robot.clickOn("#explainButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.explanation().wordsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<WordContribution> words = studio.explanation().wordsProperty().get();
        TextFlow flow = robot.lookup("#detailText").queryAs(TextFlow.class);
        StringBuilder shown = new StringBuilder();
        int coloured = 0;
        for (Node n : flow.getChildren()) {
            if (n instanceof Label l) {
                shown.append(l.getText());
                coloured++;
                assertNotNull(l.getStyle(), "a coloured word");
            } else {
                shown.append(((Text) n).getText());
            }
        }
        assertEquals(text, shown.toString(), "the text is shown as typed, punctuation and all");
        assertEquals(words.size(), coloured, "every word is coloured");
        WordContribution top = words.stream().max(Comparator.comparingDouble(WordContribution::contribution)).orElseThrow();
        assertTrue(List.of("bake", "bread", "oven", "butter").contains(top.word()), "a cooking word carries the answer: " + words);
        assertTrue(studio.explanation().messageProperty().get().contains("Green words speak for \"cooking\""),
                studio.explanation().messageProperty().get());
    }
}
