package org.modelstudio.core.project;

import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Autosave for crash recovery: the studio writes the open project here every few seconds while it has
 * unsaved changes and clears it on a clean exit. If the studio was killed, the next start finds it and
 * offers to restore it. Lives in the user's application-data folder, never beside their files.
 */
public final class RecoveryStore {
    private static final String PROJECT = "autosave" + ProjectFile.EXTENSION;
    private static final String ORIGIN = "autosave.origin";

    private final Path dir;

    /** A project found after an unclean exit, and the file it belonged to (null if never saved). */
    public record Recoverable(Project project, Path origin, Instant savedAt) {}

    public RecoveryStore(Path dir) { this.dir = dir; }

    public void save(Project project, Path origin) throws IOException {
        Files.createDirectories(dir);
        // Origin first: a crash between the two writes leaves at worst a stale origin beside the old autosave.
        AtomicFiles.writeString(dir.resolve(ORIGIN), origin == null ? "" : origin.toAbsolutePath().toString());
        ProjectFile.save(project, dir.resolve(PROJECT));
    }

    /** The autosaved project, if the last session did not end cleanly; a damaged autosave is dropped. */
    public Optional<Recoverable> pending() {
        Path file = dir.resolve(PROJECT);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            Project project = ProjectFile.load(file);
            String origin = Files.isRegularFile(dir.resolve(ORIGIN)) ? Files.readString(dir.resolve(ORIGIN), StandardCharsets.UTF_8).trim() : "";
            return Optional.of(new Recoverable(project, origin.isEmpty() ? null : Path.of(origin),
                    Files.getLastModifiedTime(file).toInstant()));
        } catch (SpecFormatException | IOException e) {
            clear();
            return Optional.empty();
        }
    }

    /** After a clean exit, or once the user has restored or declined the autosave. */
    public void clear() {
        try {
            Files.deleteIfExists(dir.resolve(PROJECT));
            Files.deleteIfExists(dir.resolve(ORIGIN));
        } catch (IOException e) {
            // Nothing to lose: at worst the user is offered the same recovery again.
        }
    }
}
