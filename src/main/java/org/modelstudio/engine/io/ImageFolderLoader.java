package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.InputRejectedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads an image folder with one subfolder per class ({@code data/cat/*.png, data/dog/*.png}). Class names
 * are the subfolder names in alphabetical order. Unreadable files are skipped and listed, never fatal.
 */
public final class ImageFolderLoader {

    public record Loaded(LabeledData data, List<RejectedInput> skipped, List<String> warnings) {}

    private ImageFolderLoader() {}

    public static Loaded load(Path dir, ImagePreprocessing prep) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(Texts.get(Files.exists(dir) ? "engine.images.not-a-folder" : "engine.images.no-folder", dir));
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new IOException(Texts.get("engine.images.no-subfolders", dir));
        }
        List<String> classes = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<RejectedInput> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path classDir : classDirs) {
            List<Path> files;
            try (Stream<Path> s = Files.list(classDir)) {
                files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
            int label = classes.size();
            int before = features.size();
            for (Path f : files) {
                try {
                    features.add(ImageDecoder.decode(f, prep));
                    labels.add(label);
                } catch (InputRejectedException e) {
                    skipped.add(new RejectedInput(dir.relativize(f).toString(), e.reason()));
                }
            }
            if (features.size() == before) {
                warnings.add(Texts.get("engine.images.class-left-out", classDir.getFileName()));
                continue;
            }
            classes.add(classDir.getFileName().toString());
        }
        if (classes.isEmpty()) throw new IOException(Texts.get("engine.images.none-readable", dir, ImageDecoder.SUPPORTED));
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        LabeledData data = new LabeledData(new Shape.Image(prep.height(), prep.width(), prep.channels()), classes,
                features.toArray(new float[0][]), y);
        return new Loaded(data, skipped, warnings);
    }
}
