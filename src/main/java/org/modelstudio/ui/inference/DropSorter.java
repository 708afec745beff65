package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
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
 * Sorts what was dropped into the files the current model can read (images, .txt texts or .csv tables) and things
 * refused with a reason. Folders are opened (one level of class subfolders deep is enough for a dropped test folder).
 * Plain Java, tested without FX.
 */
public final class DropSorter {

    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    static final int MAX_FILES = 5000;

    public record Sorted(List<Path> accepted, List<RejectedInput> rejected) {
        /** The accepted files, for an image model. */
        public List<Path> images() { return accepted; }
    }

    private DropSorter() {}

    /** Sorts for an image model. */
    public static Sorted sort(List<File> dropped) { return sort(dropped, InputKind.IMAGE); }

    /** Sorts for a model that reads {@code kind}: images, .txt files (texts) or .csv files (tables). */
    public static Sorted sort(List<File> dropped, InputKind kind) {
        List<Path> accepted = new ArrayList<>();
        List<RejectedInput> rejected = new ArrayList<>();
        for (File f : dropped) add(f.toPath(), 0, kind, accepted, rejected);
        if (accepted.size() > MAX_FILES) {
            rejected.add(new RejectedInput(Texts.get("ui.drop.more-files", accepted.size() - MAX_FILES),
                    Texts.get("ui.drop.left-out", MAX_FILES)));
            accepted = new ArrayList<>(accepted.subList(0, MAX_FILES));
        }
        return new Sorted(accepted, rejected);
    }

    private static void add(Path p, int depth, InputKind kind, List<Path> accepted, List<RejectedInput> rejected) {
        String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        if (Files.isDirectory(p)) {
            if (depth > 1) return;
            try (Stream<Path> s = Files.list(p)) {
                s.sorted().filter(c -> !c.getFileName().toString().startsWith("."))
                        .forEach(c -> add(c, depth + 1, kind, accepted, rejected));
            } catch (IOException e) {
                rejected.add(new RejectedInput(name, Texts.get("ui.drop.folder-unreadable", e.getMessage())));
            }
            return;
        }
        if (!Files.exists(p)) {
            rejected.add(new RejectedInput(name, Texts.get("ui.drop.missing")));
            return;
        }
        String ext = extension(name);
        String problem = problem(ext, kind);
        if (problem != null) {
            rejected.add(new RejectedInput(name, problem));
            return;
        }
        accepted.add(p);
    }

    /** Why a file with this extension cannot be predicted by a model reading {@code kind}, or null when it can. */
    static String problem(String ext, InputKind kind) {
        boolean image = IMAGE_EXTENSIONS.contains(ext);
        String what = ext.isEmpty() ? Texts.get("ui.drop.no-extension") : image ? Texts.get("ui.drop.is-image") : Texts.get("ui.drop.is-file", ext);
        switch (kind) {
            case IMAGE:
                if (image) return null;
                return Texts.get("ui.drop.want-images", what);
            case TEXT:
                if (ext.equals("txt")) return null;
                return Texts.get("ui.drop.want-texts", what);
            case TABLE:
                if (ext.equals("csv")) return null;
                return Texts.get("ui.drop.want-rows", what);
            default:
                return Texts.get("ui.drop.no-files", what, kind.reads());
        }
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
