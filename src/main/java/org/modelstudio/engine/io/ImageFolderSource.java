package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.ImageFacts;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.InputRejectedException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

/**
 * An image folder (one subfolder per class) as training data that is read from disk one image at a time:
 * scanning lists the files and checks each one's header (fast: no pixels are decoded), so a folder of tens
 * of thousands of images is ready in seconds and never held in memory. Each read decodes and resizes one
 * file with the same {@link ImageDecoder} that prediction uses.
 */
public final class ImageFolderSource implements ExampleSource {

    /** A scanned folder: the usable images, the files left out with the reason, and warnings about classes. */
    /** A scanned folder: its images, the files left out and why, warnings, and the images' size and colour ({@link ImageFacts}). */
    public record Scanned(ImageFolderSource source, List<RejectedInput> skipped, List<String> warnings, ImageFacts facts) {}

    private final Path root;
    private final ImagePreprocessing prep;
    private final List<String> classes;
    private final Path[] files;
    private final int[] labels;

    private ImageFolderSource(Path root, ImagePreprocessing prep, List<String> classes, Path[] files, int[] labels) {
        this.root = root;
        this.prep = prep;
        this.classes = List.copyOf(classes);
        this.files = files;
        this.labels = labels;
    }

    /**
     * Scans {@code dir}; {@code progress} receives the fraction of class folders done (0..1), and a cancelled
     * token stops the scan with a {@link CancellationException}. A folder that cannot be used at all (missing,
     * no class folders, no readable image, a single class) is refused with an IOException that says why.
     */
    public static Scanned scan(Path dir, ImagePreprocessing prep, DoubleConsumer progress, CancelToken cancel) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(Texts.get(Files.exists(dir) ? "engine.images.not-a-folder" : "engine.images.no-folder", dir));
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new IOException(Texts.get("engine.images.no-subfolders", dir));
        }
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<RejectedInput> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> animated = new ArrayList<>();
        ImageFacts.Builder facts = new ImageFacts.Builder();
        for (int c = 0; c < classDirs.size(); c++) {
            if (cancel.isCancelled()) throw new CancellationException("scan cancelled");
            Path classDir = classDirs.get(c);
            List<Path> candidates;
            try (Stream<Path> s = Files.walk(classDir)) {
                candidates = s.filter(Files::isRegularFile).filter(p -> !hidden(p)).sorted().toList();
            }
            int label = classes.size();
            int before = files.size();
            for (Path f : candidates) {
                if (cancel.isCancelled()) throw new CancellationException("scan cancelled");
                Header header = header(f);
                String problem = header.problem();
                if (problem == null) {
                    facts.add(header.height(), header.width(), header.channels());
                    files.add(f);
                    labels.add(label);
                    if (isAnimatedGif(f)) animated.add(dir.relativize(f).toString());
                } else {
                    skipped.add(new RejectedInput(dir.relativize(f).toString(), problem));
                }
            }
            String name = classDir.getFileName().toString();
            if (files.size() == before) {
                warnings.add(Texts.get("engine.images.class-left-out", name));
            } else {
                classes.add(name);
            }
            progress.accept((c + 1) / (double) classDirs.size());
        }
        if (classes.isEmpty()) throw new IOException(Texts.get("engine.images.none-readable", dir, ImageDecoder.SUPPORTED));
        if (classes.size() == 1) {
            throw new IOException(Texts.get("engine.images.one-class", dir, classes.get(0)));
        }
        Path[] f = files.toArray(new Path[0]);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        ImageFolderSource source = new ImageFolderSource(dir, prep, classes, f, y);
        warnings.addAll(balanceWarnings(classes, source.classCounts()));
        if (!animated.isEmpty()) {
            warnings.add(animated.size() + " animated GIF" + (animated.size() == 1 ? "" : "s") + " ("
                    + String.join(", ", animated.subList(0, Math.min(3, animated.size())))
                    + (animated.size() > 3 ? ", …" : "") + "): only the first frame of each is used, in training and in prediction alike.");
        }
        return new Scanned(source, skipped, warnings, facts.build());
    }

    /** Sentences about classes too small to learn from, or much smaller than the largest one. */
    public static List<String> balanceWarnings(List<String> classes, int[] counts) {
        List<String> out = new ArrayList<>();
        int max = 0;
        for (int n : counts) max = Math.max(max, n);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 10) {
                out.add("Class \"" + classes.get(i) + "\" has only " + counts[i] + " image" + (counts[i] == 1 ? "" : "s")
                        + "; with fewer than 10 the network can hardly learn it. Add more.");
            } else if (counts[i] * 3 < max) {
                out.add("Class \"" + classes.get(i) + "\" has " + counts[i] + " images, under a third of the largest class ("
                        + max + "); the network will lean towards the larger classes.");
            }
        }
        return out;
    }

    /** Null when the file's header reads as an image; else why it is left out. No pixels are decoded. */
    static String headerProblem(Path f) { return header(f).problem(); }

    /** What an image file's header says: its size and colour channels, or why it is left out ({@code problem}). */
    record Header(String problem, int height, int width, int channels) {
        static Header refused(String problem) { return new Header(problem, 0, 0, 0); }
    }

    static Header header(Path f) {
        try {
            if (Files.size(f) == 0) return Header.refused(Texts.get("engine.images.file-empty"));
        } catch (IOException e) {
            return Header.refused(Texts.get("engine.images.file-unreadable", e.getMessage()));
        }
        if (!ImageDecoder.hasImageExtension(f)) return Header.refused(Texts.get("engine.images.not-an-image-file", ImageDecoder.SUPPORTED));
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            if (in == null) return Header.refused(Texts.get("engine.images.file-unopenable"));
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Header.refused(Texts.get("engine.images.not-readable", ImageDecoder.SUPPORTED));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1) return Header.refused(Texts.get("engine.images.no-pixels"));
                return new Header(null, height, width, colourChannels(reader));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Header.refused(Texts.get("engine.images.damaged", e.getMessage()));
        }
    }

    /** 1 for a grey image, 3 for a colour one (a palette counts as colour), from the header's colour model. */
    private static int colourChannels(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            if (!types.hasNext()) return 3;
            type = types.next();
        }
        return type.getColorModel().getColorSpace().getNumComponents() == 1 ? 1 : 3;
    }

    /** Whether {@code f} is a GIF with more than one frame (its frames are counted; other files are not opened). */
    static boolean isAnimatedGif(Path f) {
        if (!f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) return false;
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) return false;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                return reader.getNumImages(true) > 1;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return false;       // a GIF whose frames cannot be counted still decodes its first frame, as checked by the scan
        }
    }

    private static boolean hidden(Path p) { return p.getFileName().toString().startsWith("."); }

    public Path root() { return root; }

    /** The same files decoded for another input size or colour mode (no rescan). */
    public ImageFolderSource withPreprocessing(ImagePreprocessing other) {
        return other.equals(prep) ? this : new ImageFolderSource(root, other, classes, files, labels);
    }

    /** The image file of example {@code i}. */
    public Path file(int i) { return files[i]; }

    @Override public Shape exampleShape() { return new Shape.Image(prep.height(), prep.width(), prep.channels()); }

    @Override public List<String> classes() { return classes; }

    @Override public int size() { return files.length; }

    @Override public int label(int i) { return labels[i]; }

    @Override public void read(int i, float[] into) {
        try {
            float[] pixels = ImageDecoder.decode(files[i], prep);
            System.arraycopy(pixels, 0, into, 0, pixels.length);
        } catch (InputRejectedException e) {
            throw new UncheckedIOException(new IOException(e.reason(), e));
        }
    }

    @Override public String describe(int i) { return root.relativize(files[i]).toString(); }
}
