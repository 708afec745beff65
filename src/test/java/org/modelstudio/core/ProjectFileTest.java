package org.modelstudio.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.Project;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.project.RecoveryStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectFileTest {
    private final Project cnn = new Project(SampleData.spec("small-cnn.json"), new DataSource.ImageFolder("/data/shoes"));

    @Test void saveThenOpenGivesTheSameProject(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("shoes" + ProjectFile.EXTENSION);
        ProjectFile.save(cnn, f);
        assertEquals(cnn, ProjectFile.load(f));
        Project sample = new Project(SpecJsonTest.everyLayer(), DataSource.FASHION_MNIST);
        ProjectFile.save(sample, f);
        assertEquals(sample, ProjectFile.load(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary files are left");
        }
    }

    @Test void anInterruptedSaveLeavesThePreviousFileWhole(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p" + ProjectFile.EXTENSION);
        ProjectFile.save(cnn, f);
        // What a save killed mid-write leaves behind: a partial temporary file beside the project.
        Files.writeString(dir.resolve(".p" + ProjectFile.EXTENSION + "123.tmp"), ProjectFile.write(cnn).substring(0, 80));
        assertEquals(cnn, ProjectFile.load(f));
    }

    @Test void damagedFilesAreRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken" + ProjectFile.EXTENSION);
        String whole = ProjectFile.write(cnn);
        Files.writeString(f, whole.substring(0, whole.length() / 2));
        String m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.startsWith("broken.msproj: is damaged: not valid JSON"), m);

        Files.writeString(f, "");
        m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.contains("is empty"), m);

        Files.writeString(f, "{\"hello\": 1}");
        assertEquals("broken.msproj: is not a Model Studio project file",
                assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage());

        Files.writeString(f, whole.replace("\"filters\" : 32", "\"filters\" : \"many\""));
        m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertEquals("broken.msproj: network.layers[0].filters: expected a whole number, found \"many\"", m);

        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.contains("not a text file"), m);
    }

    @Test void aNewerVersionIsRefusedAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("future" + ProjectFile.EXTENSION);
        String newer = ProjectFile.write(cnn).replace("\"version\" : 1,", "\"version\" : 4,");
        Files.writeString(f, newer);
        String m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.contains("newer Model Studio (project format 4)"), m);
        assertEquals(newer, Files.readString(f));
    }

    @Test void recoveryOffersTheAutosaveUntilCleared(@TempDir Path dir) throws Exception {
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        assertTrue(store.pending().isEmpty());
        Path origin = dir.resolve("mine" + ProjectFile.EXTENSION);
        store.save(cnn, origin);
        var found = store.pending().orElseThrow();
        assertEquals(cnn, found.project());
        assertEquals(origin.toAbsolutePath(), found.origin());
        store.clear();
        assertTrue(store.pending().isEmpty());

        store.save(cnn, null);
        assertNull(store.pending().orElseThrow().origin(), "never saved: no file to go back to");
        Files.writeString(dir.resolve("recovery/autosave" + ProjectFile.EXTENSION), "{ damaged");
        assertTrue(store.pending().isEmpty(), "a damaged autosave is dropped, not offered");
        assertFalse(Files.exists(dir.resolve("recovery/autosave" + ProjectFile.EXTENSION)));
    }
}
