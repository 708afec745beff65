package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The samples shipped inside the studio (from {@code sample-models/}): a 10 000 / 2 000 image subset of
 * Fashion-MNIST, the network specs that train on it, and templates for other data (text classifiers for
 * token sequences, in English and in Chinese; an MLP for tables of numbers). Nothing here touches the network.
 */
public final class SampleData {

    public static final List<String> FASHION_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The shipped specs, by file name, in the order the studio lists them (new ones are added at the end). */
    public static final List<String> SPEC_FILES = List.of("mlp.json", "small-cnn.json", "lenet.json",
            "text-classifier.json", "tabular-mlp.json", "tabular-regression.json", "text-classifier-zh.json");

    private static final String ROOT = "/sample-models/";

    private SampleData() {}

    public static LabeledData fashionMnistTrain() { return fashion("train"); }

    public static LabeledData fashionMnistTest() { return fashion("test"); }

    private static LabeledData fashion(String split) {
        String images = ROOT + "fashion-mnist/" + split + "-images-idx3-ubyte.gz";
        String labels = ROOT + "fashion-mnist/" + split + "-labels-idx1-ubyte.gz";
        try (InputStream i = open(images); InputStream l = open(labels)) {
            float[][] x = IdxReader.readImages(i, images);
            int[] y = IdxReader.readLabels(l, labels);
            return new LabeledData(new Shape.Image(28, 28, 1), FASHION_CLASSES, x, y);
        } catch (IOException e) {
            throw new UncheckedIOException("The shipped Fashion-MNIST sample is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the shipped Fashion-MNIST training subset to {@code dir} as uncompressed IDX files
     * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}) and opens them as a source that reads
     * each image from the file when asked. For tests and benchmarks of training from disk; close it after use.
     */
    public static IdxImageFile fashionMnistTrainOnDisk(Path dir) throws IOException { return fashionOnDisk("train", dir); }

    /** As {@link #fashionMnistTrainOnDisk}, for the 2 000 test images ({@code test-images-idx3-ubyte}, …). */
    public static IdxImageFile fashionMnistTestOnDisk(Path dir) throws IOException { return fashionOnDisk("test", dir); }

    private static IdxImageFile fashionOnDisk(String split, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path images = dir.resolve(split + "-images-idx3-ubyte");
        Path labels = dir.resolve(split + "-labels-idx1-ubyte");
        for (String kind : new String[] {"images-idx3-ubyte", "labels-idx1-ubyte"}) {
            String resource = ROOT + "fashion-mnist/" + split + "-" + kind + ".gz";
            try (InputStream in = IdxReader.gunzip(open(resource))) {
                Files.copy(in, dir.resolve(split + "-" + kind), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return IdxImageFile.open(images, labels, FASHION_CLASSES);
    }

    /**
     * A shipped spec by file name ("small-cnn.json"), its description in the studio's language: the file's English one
     * is also in the catalogue bundle ({@code catalogue.template.small-cnn.description}), where a test keeps them equal.
     */
    public static NetworkSpec spec(String fileName) {
        String path = ROOT + fileName;
        try (InputStream in = open(path)) {
            NetworkSpec spec = SpecJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            String key = descriptionKey(fileName);
            return Texts.has(key) ? new NetworkSpec(spec.name(), Texts.get(key), spec.input(), spec.layers(), spec.training()) : spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecFormatException e) {
            throw new IllegalStateException("The shipped spec " + fileName + " is broken: " + e.getMessage(), e);
        }
    }

    /** Where a shipped spec's description is in the catalogue bundle. */
    public static String descriptionKey(String fileName) {
        return "catalogue.template." + fileName.replaceFirst("\\.json$", "") + ".description";
    }

    public static List<NetworkSpec> specs() {
        return SPEC_FILES.stream().map(SampleData::spec).toList();
    }

    /** An example image (PNG) from {@code fashion-mnist/examples/}, in neither shipped subset. */
    public static InputStream exampleImage(String fileName) throws IOException {
        return open(ROOT + "fashion-mnist/examples/" + fileName);
    }

    private static InputStream open(String path) throws IOException {
        InputStream in = SampleData.class.getResourceAsStream(path);
        if (in == null) throw new IOException(path + " is missing from the application");
        return in;
    }
}
