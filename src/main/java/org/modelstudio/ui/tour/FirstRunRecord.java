package org.modelstudio.ui.tour;

import org.modelstudio.core.io.AtomicFiles;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the guided tour was already seen (completed or skipped) in this data folder: a one-line file, written
 * atomically. No file means a first start. {@code -Dmodelstudio.tour=off} never offers the tour by itself (the test
 * suite sets it, and so can a school that installs the studio for its pupils); Help ▸ Guided tour still shows it.
 */
public final class FirstRunRecord {
    public static final String FILE_NAME = "tour.txt";
    private final Path file;

    public FirstRunRecord(Path dataDir) { this.file = dataDir.resolve(FILE_NAME); }

    /** True at the very first start: the tour was never completed or skipped here, and is not turned off. */
    public boolean offerTour() {
        return !"off".equalsIgnoreCase(System.getProperty("modelstudio.tour", "")) && !Files.exists(file);
    }

    /** Remembers how the tour ended ("completed" or "skipped"); a folder that cannot be written only means it shows again. */
    public void record(String outcome) {
        try {
            AtomicFiles.writeString(file, "tour=" + outcome + "\n");
        } catch (IOException e) {
            LoggerFactory.getLogger(FirstRunRecord.class).warn("Could not remember that the tour was seen: {}", AtomicFiles.reason(e));
        }
    }

    /** What was recorded ("tour=skipped"), or empty. */
    public String recorded() {
        try {
            return Files.exists(file) ? Files.readString(file).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    public Path file() { return file; }
}
