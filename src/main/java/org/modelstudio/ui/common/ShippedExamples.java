package org.modelstudio.ui.common;

import org.modelstudio.core.data.SampleData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shipped example images (two of each Fashion-MNIST class, in neither the training nor the test sample) as
 * files a person can open: in the samples folder beside the installed app or in {@code sample-models/} of a source
 * tree, else copied once from inside the app into the studio's data folder.
 */
public final class ShippedExamples {
    /** {@code sample-models/fashion-mnist/examples/}, in this order. */
    public static final List<String> IMAGES = List.of(
            "t-shirt-1.png", "t-shirt-2.png", "trouser-1.png", "trouser-2.png", "pullover-1.png", "pullover-2.png",
            "dress-1.png", "dress-2.png", "coat-1.png", "coat-2.png", "sandal-1.png", "sandal-2.png", "shirt-1.png", "shirt-2.png",
            "sneaker-1.png", "sneaker-2.png", "bag-1.png", "bag-2.png", "ankle-boot-1.png", "ankle-boot-2.png");
    static final String FOLDER = "fashion-mnist/examples";

    private ShippedExamples() {}

    /** The folder beside the app, when there is one (for the file choosers; no files are written). */
    public static Optional<Path> shippedFolder() {
        return AppDirs.samplesDir().map(d -> d.resolve(FOLDER)).filter(Files::isDirectory);
    }

    /** The example images as files; reads or writes files, so not on the FX thread. */
    public static List<Path> images() throws IOException {
        Path dir = shippedFolder().orElse(null);
        if (dir == null || !IMAGES.stream().allMatch(n -> Files.isRegularFile(dir.resolve(n)))) return copied(AppDirs.dataDir().resolve("examples"));
        return IMAGES.stream().map(dir::resolve).toList();
    }

    /** The images copied from inside the app into {@code dir} (once: files already there are kept). */
    static List<Path> copied(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (String name : IMAGES) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                try (InputStream in = SampleData.exampleImage(name)) {
                    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            files.add(file);
        }
        return files;
    }
}
