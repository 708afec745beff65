package org.modelstudio.ui.inference;

import org.modelstudio.core.data.RejectedInput;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sorts what was dropped into image files to predict and things refused with a reason. Folders are opened
 * (one level of class subfolders deep is enough for a dropped test folder). Plain Java, tested without FX.
 */
public final class DropSorter {

    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    static final int MAX_FILES = 5000;

    public record Sorted(List<Path> images, List<RejectedInput> rejected) {}

    private DropSorter() {}

    public static Sorted sort(List<File> dropped) {
        List<Path> images = new ArrayList<>();
        List<RejectedInput> rejected = new ArrayList<>();
        for (File f : dropped) add(f.toPath(), 0, images, rejected);
        if (images.size() > MAX_FILES) {
            rejected.add(new RejectedInput((images.size() - MAX_FILES) + " more files",
                    "left out: one drop predicts at most " + MAX_FILES + " images"));
            images = new ArrayList<>(images.subList(0, MAX_FILES));
        }
        return new Sorted(images, rejected);
    }

    private static void add(Path p, int depth, List<Path> images, List<RejectedInput> rejected) {
        String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        if (Files.isDirectory(p)) {
            if (depth > 1) return;
            try (Stream<Path> s = Files.list(p)) {
                s.sorted().filter(c -> !c.getFileName().toString().startsWith("."))
                        .forEach(c -> add(c, depth + 1, images, rejected));
            } catch (IOException e) {
                rejected.add(new RejectedInput(name, "this folder cannot be read (" + e.getMessage() + ")"));
            }
            return;
        }
        if (!Files.exists(p)) {
            rejected.add(new RejectedInput(name, "does not exist"));
            return;
        }
        String ext = extension(name);
        if (!IMAGE_EXTENSIONS.contains(ext)) {
            rejected.add(new RejectedInput(name, ext.isEmpty() ? "has no file extension; drop PNG, JPEG, BMP or GIF images"
                    : "is a ." + ext + " file; drop PNG, JPEG, BMP or GIF images"));
            return;
        }
        images.add(p);
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
