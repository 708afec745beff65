package org.modelstudio.ui.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.RejectedInput;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drop handler's sorting, without the FX toolkit. */
class DropSorterTest {

    @Test void sortsImagesFromEverythingElseAndOpensFolders(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.PNG"), "x");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "x");
        Path noExt = Files.writeString(dir.resolve("README"), "x");
        Path folder = Files.createDirectories(dir.resolve("more/cats"));
        Path b = Files.writeString(folder.resolve("b.jpg"), "x");
        Files.writeString(dir.resolve("more/.hidden.png"), "x");

        DropSorter.Sorted s = DropSorter.sort(List.of(a.toFile(), notes.toFile(), noExt.toFile(),
                dir.resolve("more").toFile(), new File(dir.toFile(), "gone.png")));

        assertEquals(List.of(a, b), s.images());
        List<String> reasons = s.rejected().stream().map(RejectedInput::toString).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.contains("notes.txt: is a .txt file; drop PNG, JPEG, BMP or GIF images"), reasons.toString());
        assertTrue(reasons.contains("README: has no file extension; drop PNG, JPEG, BMP or GIF images"), reasons.toString());
        assertTrue(reasons.contains("gone.png: does not exist"), reasons.toString());
    }
}
