package org.modelstudio.ui.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The desktop's font scale, where file choosers open, and the shipped example images as files. */
class ClassroomHelpersTest {
    @Test void theFontScaleComesFromTheSettingThenGtkThenTheDefaultFont() {
        assertEquals(1.25, FontScale.of("1.25", "2", "Linux", 13), 1e-9, "the studio's own setting first");
        assertEquals(1.5, FontScale.of(null, "1.5", "Linux", 13), 1e-9, "then GDK_DPI_SCALE on Linux");
        assertEquals(1.0, FontScale.of(null, "1.5", "Windows 11", 12), 1e-9, "GTK's variable means nothing on Windows");
        assertEquals(1.5, FontScale.of(null, null, "Windows 11", 18), 1e-9, "Windows' text size shows in JavaFX's default font");
        assertEquals(1.0, FontScale.of("", "nonsense", "Linux", 13), 1e-9, "unreadable values are ignored");
        assertEquals(FontScale.MAX, FontScale.of("12", null, "Linux", 13), 1e-9);
        assertEquals(FontScale.MIN, FontScale.of("0.1", null, "Linux", 13), 1e-9);
    }

    @Test void aChooserOpensInTheLastFolderUsedElseTheFallbackAndRemembersAcrossStarts(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("data/folders.properties");
        Path examples = Files.createDirectories(dir.resolve("examples"));
        Path mine = Files.createDirectories(dir.resolve("my pictures"));
        ChooserFolders folders = new ChooserFolders(store);
        assertEquals(Optional.of(examples), folders.initial("predict-image", Optional.of(examples)));
        assertEquals(Optional.empty(), folders.initial("predict-image", Optional.of(dir.resolve("gone"))), "a missing fallback is no folder");

        folders.used("predict-image", Files.writeString(mine.resolve("cat.png"), "x"));
        assertEquals(Optional.of(mine), folders.initial("predict-image", Optional.of(examples)));
        assertEquals(Optional.of(mine), new ChooserFolders(store).initial("predict-image", Optional.of(examples)), "kept in the data folder");
        assertEquals(Optional.empty(), new ChooserFolders(store).initial("projects", Optional.empty()), "each purpose has its own");

        Files.delete(mine.resolve("cat.png"));
        Files.delete(mine);
        assertEquals(Optional.of(examples), new ChooserFolders(store).initial("predict-image", Optional.of(examples)), "a folder since deleted is skipped");
        Files.writeString(store, "\\u12");   // damaged
        assertEquals(Optional.of(examples), new ChooserFolders(store).initial("predict-image", Optional.of(examples)));
    }

    @Test void theExampleListIsTheShippedFolderAndCopiesOutOfTheAppWhenThereIsNoFolder(@TempDir Path dir) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("sample-models/fashion-mnist/examples"))) {
            assertEquals(files.map(p -> p.getFileName().toString()).sorted().toList(), ShippedExamples.IMAGES.stream().sorted().toList());
        }
        List<Path> copied = ShippedExamples.copied(dir.resolve("examples"));
        assertEquals(20, copied.size());
        for (Path p : copied) {
            assertTrue(Files.size(p) > 100, p + " is a whole image");
            assertEquals(-1, Files.mismatch(p, Path.of("sample-models/fashion-mnist/examples").resolve(p.getFileName())));
        }
    }
}
