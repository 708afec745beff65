package org.modelstudio.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.cli.Cli;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.io.ImageFolderSource;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved model opened fresh evaluates and predicts exactly as before it was saved, in the studio and on the command
 * line alike: the CLI's {@code predict} prints the top classes the Predict panel shows, and its {@code evaluate} the
 * figures of the evaluation window.
 */
@ExtendWith(ApplicationExtension.class)
class ModelRoundTripTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run(args);
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test void aSavedModelPredictsAndEvaluatesAsBeforeInTheStudioAndOnTheCommandLine(FxRobot robot, @TempDir Path dir) throws Exception {
        TrainingResult trained = Trainer.train(TestData.barCnn(6), TestData.bars(600, 3), null, TrainingEventSink.NONE, new CancelToken());
        TrainedModel before = trained.last();
        Path file = dir.resolve("bars.zip");
        ModelFile.save(before, file);
        TrainedModel opened = ModelFile.load(file);

        Path folder = TestData.barFolder(dir.resolve("bars"), 15, 77);
        var data = ImageFolderSource.scan(folder, before.preprocessing(), p -> { }, new CancelToken()).source();
        EvaluationReport a = Evaluator.evaluate(before, data);
        EvaluationReport b = Evaluator.evaluate(opened, data);
        assertEquals(a.accuracy(), b.accuracy());
        for (int c = 0; c < a.confusion().length; c++) assertArrayEquals(a.confusion()[c], b.confusion()[c]);

        // The studio with the opened model: one dropped image, and the evaluation window on the folder.
        robot.interact(() -> studio.currentModel().set(opened, "Opened " + file.getFileName()));
        Path image = data.file(4);
        Node zone = robot.lookup("#dropZone").query();
        robot.interact(() -> TestDragboards.drop(zone, List.of(image.toFile())));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.prediction().results().size() == 1
                && studio.prediction().selectedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        GridPane bars = robot.lookup("#detailProbabilities").queryAs(GridPane.class);
        List<String> shown = new ArrayList<>();
        List<Label> labels = bars.getChildren().stream().filter(n -> n instanceof Label && n.isVisible()).map(n -> (Label) n).toList();
        for (int i = 0; i + 1 < labels.size() && shown.size() < 3; i += 2) shown.add(labels.get(i).getText() + " " + labels.get(i + 1).getText());
        String panel = String.join(", ", shown);

        String printed = cli("predict", file.toString(), image.toString(), "--top", "3");
        assertEquals(image + ": " + panel, printed.strip(), "the command line prints the panel's top 3");

        robot.interact(() -> studio.evaluation().evaluate(studio.evaluation().folderChoice(folder)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.evaluation().evaluationProperty().get() != null);
        String table = studio.evaluation().evaluationProperty().get().report().toTable();
        assertEquals(a.toTable(), table, "the window measures the opened model as the trained one");
        assertTrue(cli("evaluate", file.toString(), "--data", folder.toString()).contains(table), "the command line prints the same figures");
    }
}
