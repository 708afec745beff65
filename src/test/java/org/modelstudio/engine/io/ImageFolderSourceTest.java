package org.modelstudio.engine.io;

import org.modelstudio.core.events.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.AugmentedSource;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.Splits;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An image folder read from disk image by image: scanning, files left out with reasons, streaming training. */
class ImageFolderSourceTest {
    private static final ImagePreprocessing BARS = new ImagePreprocessing(8, 8, 1);

    @Test void badFilesAreLeftOutWithTheirReasonsAndTheRestTrainsFromDisk(@TempDir Path dir) throws Exception {
        TestData.barFolder(dir, 60, 3);
        Files.write(dir.resolve("horizontal/empty.png"), new byte[0]);
        Files.writeString(dir.resolve("vertical/not-really.png"), "this is text, not a picture");
        Files.writeString(dir.resolve("diagonal/notes.txt"), "taken on Tuesday");
        Files.createDirectories(dir.resolve("unused"));

        ImageFolderSource.Scanned scanned = ImageFolderSource.scan(dir, BARS, p -> { }, new CancelToken());
        ImageFolderSource source = scanned.source();
        assertEquals(List.of("diagonal", "horizontal", "vertical"), source.classes());
        assertEquals(180, source.size());
        assertEquals(3, scanned.skipped().size(), scanned.skipped().toString());
        assertTrue(scanned.skipped().stream().anyMatch(s -> s.file().endsWith("empty.png") && s.reason().contains("0 bytes")));
        assertTrue(scanned.skipped().stream().anyMatch(s -> s.file().endsWith("not-really.png") && s.reason().contains("whatever its name says")));
        assertTrue(scanned.skipped().stream().anyMatch(s -> s.file().endsWith("notes.txt") && s.reason().contains("not an image file")));
        assertTrue(scanned.warnings().stream().anyMatch(w -> w.contains("\"unused\" has no readable images")), scanned.warnings().toString());

        assertTrue(Trainer.streams(source), "a folder is read from disk, not loaded into memory");
        var split = Splits.split(source, 0.2, 1);
        TrainingResult result = Trainer.train(TestData.barCnn(12), split.first(), split.second(), TrainingEventSink.NONE, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.message());
        double accuracy = Evaluator.evaluate(result.best(), split.second()).accuracy();
        assertTrue(accuracy > 0.8, "learns the bars from the files: " + accuracy);
    }

    @Test void animatedGifsAreKeptWithANoteThatTheirFirstFrameIsUsed(@TempDir Path dir) throws Exception {
        TestData.barFolder(dir, 12, 5);
        ImageDecoderTest.writeAnimatedGif(dir.resolve("vertical/blink.gif"), 0xff000000, 0xffffffff);
        ImageDecoderTest.writeAnimatedGif(dir.resolve("vertical/still.gif"), 0xffffffff);
        ImageFolderSource.Scanned scanned = ImageFolderSource.scan(dir, BARS, p -> { }, new CancelToken());
        assertEquals(3 * 12 + 2, scanned.source().size());
        assertTrue(scanned.skipped().isEmpty(), scanned.skipped().toString());
        List<String> notes = scanned.warnings().stream().filter(w -> w.contains("animated")).toList();
        assertEquals(1, notes.size(), scanned.warnings().toString());
        assertTrue(notes.get(0).startsWith("1 animated GIF (vertical/blink.gif): only the first frame"), notes.get(0));
    }

    @Test void aFileDamagedAfterTheScanFailsTheRunNamingIt(@TempDir Path dir) throws Exception {
        TestData.barFolder(dir, 20, 4);
        var source = ImageFolderSource.scan(dir, BARS, p -> { }, new CancelToken()).source();
        Path victim = source.file(5);
        Files.write(victim, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        TrainingResult result = Trainer.train(TestData.barCnn(1), source, null, TrainingEventSink.NONE, new CancelToken());
        assertEquals(RunOutcome.FAILED, result.outcome());
        assertTrue(result.failure().contains(dir.relativize(victim).toString()), result.failure());
    }

    @Test void foldersThatCannotTrainAreRefusedAndScansCanBeCancelled(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one");
        TestData.writeGreyPng(TestData.bar(0, new Random(1)), 8, 8, one.resolve("only/a.png"));
        IOException single = assertThrows(IOException.class, () -> ImageFolderSource.scan(one, BARS, p -> { }, new CancelToken()));
        assertTrue(single.getMessage().contains("only one class"), single.getMessage());
        IOException missing = assertThrows(IOException.class, () -> ImageFolderSource.scan(dir.resolve("nope"), BARS, p -> { }, new CancelToken()));
        assertTrue(missing.getMessage().contains("does not exist"));

        Path many = TestData.barFolder(dir.resolve("many"), 30, 5);
        CancelToken cancel = new CancelToken();
        double[] seen = new double[1];
        assertThrows(CancellationException.class, () -> ImageFolderSource.scan(many, BARS, p -> {
            seen[0] = p;
            cancel.cancel();
        }, cancel));
        assertTrue(seen[0] > 0 && seen[0] < 1, "stopped after the first class folder: " + seen[0]);
    }

    @Test void augmentedImagesStillTeachTheClasses(@TempDir Path dir) throws Exception {
        TestData.barFolder(dir, 60, 8);
        var source = ImageFolderSource.scan(dir, BARS, p -> { }, new CancelToken()).source();
        var split = Splits.split(source, 0.2, 1);
        var augmented = new AugmentedSource(split.first(),
                new Augmentation(8, 0.1, false, 0, 0.1, 0.1), 3);
        TrainingResult result = Trainer.train(TestData.barCnn(15), augmented, split.second(), TrainingEventSink.NONE, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.message());
        double accuracy = Evaluator.evaluate(result.best(), split.second()).accuracy();
        assertTrue(accuracy > 0.8, "validated on unchanged images: " + accuracy);
    }

    @Test void smallAndUnbalancedClassesAreWarnedAbout() {
        List<String> warnings = ImageFolderSource.balanceWarnings(List.of("cat", "dog", "fox"), new int[] {120, 30, 4});
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("\"dog\" has 30 images, under a third of the largest class (120)"));
        assertTrue(warnings.get(1).contains("\"fox\" has only 4 images"));
    }
}
