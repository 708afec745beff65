package org.modelstudio.engine.train;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.io.ImageFolderLoader;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.InvalidNetworkException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: a folder of PNG class folders → loaded data → trained CNN → predictions on new PNG files. */
class ImageFolderTrainingTest {
    private static final ImagePreprocessing PREP = new ImagePreprocessing(8, 8, 1);
    private static final List<String> ALPHABETICAL = List.of("diagonal", "horizontal", "vertical");

    @TempDir static Path root;
    private static Path folder;
    private static ImageFolderLoader.Loaded loaded;
    private static TrainedModel model;

    @BeforeAll static void loadAndTrain() throws Exception {
        folder = TestData.barFolder(root.resolve("bars"), 60, 1);
        Files.write(folder.resolve("horizontal").resolve("broken.png"), "\u0001\u0002garbage\u0000\u00ff not a png".getBytes());
        Files.createDirectories(folder.resolve("empty"));
        loaded = ImageFolderLoader.load(folder, PREP);
        TrainingResult result = Trainer.train(TestData.barCnn(10), loaded.data(), null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome());
        model = result.model();
    }

    @Test void loadsEveryReadableImageWithItsFolderClass() {
        LabeledData data = loaded.data();
        assertEquals(180, data.size());
        assertEquals(ALPHABETICAL, data.classes(), "classes are the non-empty subfolders, alphabetically");
        assertArrayEquals(new int[] {60, 60, 60}, data.classCounts());
        assertEquals(new Shape.Image(8, 8, 1), data.exampleShape());

        // Each loaded image is one of the images written into its class folder (pixel for pixel).
        Random r = new Random(1);
        List<Set<String>> written = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Set<String> images = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                float[] px = TestData.bar(c, r);
                for (int k = 0; k < px.length; k++) px[k] = Math.round(px[k] * 255) / 255f;
                images.add(Arrays.toString(px));
            }
            written.add(images);
        }
        for (int i = 0; i < data.size(); i++) {
            String className = data.classes().get(data.labels()[i]);
            int barClass = TestData.BAR_CLASSES.indexOf(className);
            assertTrue(written.get(barClass).contains(Arrays.toString(data.features()[i])),
                    "example " + i + " is an image from the " + className + " folder");
        }
    }

    @Test void listsTheCorruptFileAndWarnsAboutTheEmptyFolder() {
        List<RejectedInput> skipped = loaded.skipped();
        assertEquals(1, skipped.size(), skipped.toString());
        assertEquals(Path.of("horizontal", "broken.png").toString(), skipped.get(0).file());
        assertTrue(skipped.get(0).reason().contains("not an image"), skipped.get(0).reason());

        assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
        assertTrue(loaded.warnings().get(0).contains("\"empty\""), loaded.warnings().get(0));
        assertTrue(loaded.warnings().get(0).contains("no readable images"), loaded.warnings().get(0));
    }

    @Test void trainedModelUsesTheFolderClasses() {
        assertEquals(ALPHABETICAL, model.labels());
        assertEquals(PREP, model.preprocessing());
    }

    @Test void predictsNewImageFiles(@TempDir Path dir) throws Exception {
        Random r = new Random(2024);
        int right = 0;
        int total = 0;
        List<String> answers = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String cls : ALPHABETICAL) {
                Path png = dir.resolve(cls + "-" + round + ".png");
                TestData.writeGreyPng(TestData.bar(TestData.BAR_CLASSES.indexOf(cls), r), 8, 8, png);
                Prediction p = new ModelRuntime(model).classify(new ModelInput.ImageFile(png)).prediction();
                assertEquals(3, p.ranked().size());
                assertEquals(1.0, p.ranked().stream().mapToDouble(s -> s.probability()).sum(), 1e-5);
                answers.add(png.getFileName() + " → " + p.describeTop(1));
                if (p.best().label().equals(cls)) right++;
                total++;
            }
        }
        assertTrue(right >= total - 1, right + " of " + total + " right: " + answers);
    }

    @Test void evaluationMapsFolderClassesByName(@TempDir Path dir) throws Exception {
        // Only two of the three classes: the folder's class 0 is "horizontal", the model's class 0 is "diagonal".
        Random r = new Random(77);
        for (String cls : List.of("horizontal", "vertical")) {
            for (int i = 0; i < 20; i++) {
                TestData.writeGreyPng(TestData.bar(TestData.BAR_CLASSES.indexOf(cls), r), 8, 8, dir.resolve(cls).resolve(i + ".png"));
            }
        }
        LabeledData subset = ImageFolderLoader.load(dir, PREP).data();
        assertEquals(List.of("horizontal", "vertical"), subset.classes());

        EvaluationReport report = Evaluator.evaluate(model, subset);
        assertEquals(ALPHABETICAL, report.classes());
        assertArrayEquals(new int[] {0, 20, 20}, report.support(), "support counted under the model's class names");
        assertTrue(report.accuracy() > 0.8, "a by-index mix-up would score near 0: " + report.accuracy());

        // The same examples listed with classes in yet another order give the same report.
        int[] relabelled = new int[subset.size()];
        for (int i = 0; i < relabelled.length; i++) relabelled[i] = 1 - subset.labels()[i];
        LabeledData reversed = new LabeledData(subset.exampleShape(), List.of("vertical", "horizontal"), subset.features(), relabelled);
        EvaluationReport again = Evaluator.evaluate(model, reversed);
        assertEquals(report.accuracy(), again.accuracy());
        assertArrayEquals(report.confusion(), again.confusion());
    }

    @Test void evaluationRefusesAClassTheModelDoesNotKnow(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        for (int i = 0; i < 3; i++) {
            TestData.writeGreyPng(TestData.bar(0, r), 8, 8, dir.resolve("horizontal").resolve(i + ".png"));
            TestData.writeGreyPng(TestData.bar(1, r), 8, 8, dir.resolve("circle").resolve(i + ".png"));
        }
        LabeledData data = ImageFolderLoader.load(dir, PREP).data();
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> Evaluator.evaluate(model, data));
        assertTrue(e.getMessage().contains("\"circle\""), e.getMessage());
        assertTrue(e.getMessage().contains("diagonal, horizontal, vertical"), "lists the classes it knows: " + e.getMessage());
    }

    @Test void missingFolder(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ImageFolderLoader.load(dir.resolve("nope"), PREP));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("one subfolder per class"), e.getMessage());
    }

    @Test void fileInsteadOfAFolder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pic.png");
        TestData.writeGreyPng(new float[64], 8, 8, file);
        IOException e = assertThrows(IOException.class, () -> ImageFolderLoader.load(file, PREP));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
    }

    @Test void folderWithoutSubfolders(@TempDir Path dir) throws Exception {
        TestData.writeGreyPng(new float[64], 8, 8, dir.resolve("a.png"));
        TestData.writeGreyPng(new float[64], 8, 8, dir.resolve("b.png"));
        IOException e = assertThrows(IOException.class, () -> ImageFolderLoader.load(dir, PREP));
        assertTrue(e.getMessage().contains("has no subfolders"), e.getMessage());
        assertTrue(e.getMessage().contains("subfolder named after the class"), e.getMessage());
    }

    @Test void folderWhoseClassFoldersHoldNoImages(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("cats"));
        Files.writeString(Files.createDirectories(dir.resolve("dogs")).resolve("notes.txt"), "not an image");
        IOException e = assertThrows(IOException.class, () -> ImageFolderLoader.load(dir, PREP));
        assertTrue(e.getMessage().contains("no readable images"), e.getMessage());
    }
}
