package org.modelstudio.core.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files written in one step: whole, nothing left beside them, and with an ordinary file's permissions. */
class AtomicFilesTest {

    @Test void aNewFileIsReadableByOthersAndAnExistingOneKeepsItsPermissions(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path report = dir.resolve("report.html");
        AtomicFiles.writeString(report, "<p>one</p>");
        assertEquals("<p>one</p>", Files.readString(report));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)),
                "not owner-only like the temporary file it was written to");

        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(report, "<p>two</p>");
        assertEquals("<p>two</p>", Files.readString(report));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }
}
