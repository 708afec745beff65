package org.modelstudio.ui.common;

import org.modelstudio.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last few project files opened or saved, newest first, kept in a small text file; missing ones drop out. */
public final class RecentFiles {
    static final int MAX = 8;
    private final Path store;

    public RecentFiles(Path store) { this.store = store; }

    public List<Path> list() {
        if (!Files.isRegularFile(store)) return List.of();
        try {
            return Files.readAllLines(store, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(Path::of)
                    .filter(Files::isRegularFile).limit(MAX).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    public void add(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(file.toAbsolutePath().toString());
        for (Path p : list()) if (!p.toAbsolutePath().equals(file.toAbsolutePath())) lines.add(p.toAbsolutePath().toString());
        try {
            AtomicFiles.writeString(store, String.join("\n", lines.subList(0, Math.min(MAX, lines.size()))) + "\n");
        } catch (IOException e) {
            // A recent-files list is a convenience: never let it stand in the way of saving the project.
        }
    }
}
