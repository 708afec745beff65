package org.modelstudio.core.io;

import org.modelstudio.core.i18n.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that it is never seen half-written: to a temporary file beside it, then moved into
 * place in one step. A crash, a kill or a full disk mid-write leaves the previous file whole.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Why a file could not be written, in words for the user: "permission denied", "/a/b is a file, not a folder", or
     * what the system said ("Read-only file system"). The JDK's own messages of these name only the file.
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return Texts.get("core.files.permission-denied");
        if (e instanceof FileAlreadyExistsException f) return Texts.get("core.files.not-a-folder", f.getFile());
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }

    /**
     * Moves a finished temporary file over {@code target} in one step. A temporary file is readable by its owner
     * only; the moved file gets the permissions {@code target} had, or for a new file those of an ordinary one
     * (rw-r--r--), so that a saved project, model or report can be shared like any other file.
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.exists(target)
                    ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): files take their folder's permissions.
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
