package org.modelstudio.core.data;

import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The samples shipped inside the studio (from {@code sample-models/}): a 10 000 / 2 000 image subset of
 * Fashion-MNIST, the network specs that train on it, and templates for other data (a text classifier for
 * token sequences, an MLP for tables of numbers). Nothing here touches the network.
 */
public final class SampleData {

    public static final List<String> FASHION_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The shipped specs, by file name, in the order the studio lists them (new ones are added at the end). */
    public static final List<String> SPEC_FILES = List.of("mlp.json", "small-cnn.json", "lenet.json",
            "text-classifier.json", "tabular-mlp.json");

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

    /** A shipped spec by file name ("small-cnn.json"). */
    public static NetworkSpec spec(String fileName) {
        String path = ROOT + fileName;
        try (InputStream in = open(path)) {
            return SpecJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecFormatException e) {
            throw new IllegalStateException("The shipped spec " + fileName + " is broken: " + e.getMessage(), e);
        }
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
