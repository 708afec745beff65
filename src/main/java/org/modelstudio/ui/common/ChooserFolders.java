package org.modelstudio.ui.common;

import org.modelstudio.core.io.AtomicFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * Where each file chooser opens: the folder last used for that purpose (kept in the data folder), else the shipped
 * examples or samples that suit it, else the system's choice. A chooser that opens in "Recent" hides the examples.
 */
public final class ChooserFolders {
    private final Path store;
    private final Properties folders = new Properties();

    public ChooserFolders(Path store) {
        this.store = store;
        try {
            if (Files.isRegularFile(store)) folders.load(new StringReader(Files.readString(store)));
        } catch (IOException | IllegalArgumentException e) {
            folders.clear();   // a damaged list only means the choosers open at their defaults
        }
    }

    /** The folder to open for {@code purpose} ("predict-images"), or {@code fallback} when none was used or it is gone. */
    public Optional<Path> initial(String purpose, Optional<Path> fallback) {
        String last = folders.getProperty(purpose);
        if (last != null && Files.isDirectory(Path.of(last))) return Optional.of(Path.of(last));
        return fallback.filter(Files::isDirectory);
    }

    /** Remembers the folder of {@code chosen} (a file, or a folder itself) for {@code purpose}. */
    public void used(String purpose, Path chosen) {
        Path folder = Files.isDirectory(chosen) ? chosen : chosen.toAbsolutePath().getParent();
        if (folder == null) return;
        folders.setProperty(purpose, folder.toAbsolutePath().toString());
        try {
            StringWriter out = new StringWriter();
            folders.store(out, "Where each file chooser of Model Studio opens next");
            AtomicFiles.writeString(store, out.toString());
        } catch (IOException e) {
            // Only a convenience: the chooser opens at its default next time.
        }
    }

    /** Sets where {@code chooser} opens (see {@link #initial}). */
    public void openIn(FileChooser chooser, String purpose, Optional<Path> fallback) {
        initial(purpose, fallback).ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
    }

    /** Sets where {@code chooser} opens (see {@link #initial}). */
    public void openIn(DirectoryChooser chooser, String purpose, Optional<Path> fallback) {
        initial(purpose, fallback).ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
    }
}
