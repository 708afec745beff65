package org.modelstudio;

import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.TrainingConfig;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Small, learnable data made in the tests: noisy 8×8 images of horizontal, vertical or diagonal bars, and
 * token sequences whose class is told by one keyword hidden among random filler tokens.
 */
public final class TestData {
    public static final List<String> BAR_CLASSES = List.of("horizontal", "vertical", "diagonal");

    private TestData() {}

    /** One 8×8 image of the given class, bar at a random position, with noise. Row-major, values in [0,1]. */
    public static float[] bar(int label, Random r) {
        float[] img = new float[64];
        for (int i = 0; i < 64; i++) img[i] = r.nextFloat() * 0.3f;
        int pos = 1 + r.nextInt(6);
        for (int k = 0; k < 8; k++) {
            int y = switch (label) { case 0 -> pos; case 1 -> k; default -> k; };
            int x = switch (label) { case 0 -> k; case 1 -> pos; default -> (k + pos) % 8; };
            img[y * 8 + x] = 0.7f + r.nextFloat() * 0.3f;
        }
        return img;
    }

    public static LabeledData bars(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i] = bar(y[i], r);
        }
        return new LabeledData(new Shape.Image(8, 8, 1), BAR_CLASSES, x, y);
    }

    /** A tiny CNN for the 8×8 bars. */
    public static NetworkSpec barCnn(int epochs) {
        return new NetworkSpec("bar CNN", "", new InputSpec.ImageInput(8, 8, 1), List.of(
                new LayerSpec.Conv2D(8, 3, Activation.RELU),
                new LayerSpec.MaxPool(2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(16, Activation.RELU),
                new LayerSpec.Output(3)),
                TrainingConfig.defaults().withEpochs(epochs).withBatchSize(16).withLearningRate(0.01));
    }

    public static final List<String> KEYWORD_CLASSES = List.of("one", "two", "three");
    public static final int TOKEN_LENGTH = 10;
    public static final int TOKEN_VOCABULARY = 30;

    /**
     * One token sequence of the given class: {@value #TOKEN_LENGTH} ids from a vocabulary of {@value #TOKEN_VOCABULARY};
     * the keyword {@code label + 1} at a random position, every other token random filler from 4 to 29, so
     * only the keyword (and not where it is) tells the classes apart.
     */
    public static float[] keywordSequence(int label, Random r) {
        return keywordSequence(label, 3, TOKEN_LENGTH, TOKEN_VOCABULARY, r);
    }

    public static LabeledData keywordSequences(int n, long seed) {
        return keywordSequences(n, KEYWORD_CLASSES, TOKEN_LENGTH, TOKEN_VOCABULARY, seed);
    }

    /** As above for any number of classes: keywords 1 to classes, filler from classes + 1 to vocabulary − 1. */
    public static float[] keywordSequence(int label, int classes, int length, int vocabulary, Random r) {
        float[] ids = new float[length];
        for (int i = 0; i < ids.length; i++) ids[i] = classes + 1 + r.nextInt(vocabulary - classes - 1);
        ids[r.nextInt(length)] = label + 1;
        return ids;
    }

    public static LabeledData keywordSequences(int n, List<String> classes, int length, int vocabulary, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes.size();
            x[i] = keywordSequence(y[i], classes.size(), length, vocabulary, r);
        }
        return new LabeledData(new Shape.Tokens(length, vocabulary), classes, x, y);
    }

    /** A small text classifier for the keyword sequences: Embedding, then the given layers, then 3 classes. */
    public static NetworkSpec keywordNetwork(String name, int epochs, LayerSpec... middle) {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec.Embedding(8));
        layers.addAll(List.of(middle));
        layers.add(new LayerSpec.Output(3));
        return new NetworkSpec(name, "", new InputSpec.SequenceInput(TOKEN_LENGTH, TOKEN_VOCABULARY), layers,
                TrainingConfig.defaults().withEpochs(epochs).withBatchSize(16).withLearningRate(0.02));
    }

    /** Writes an 8-bit grey PNG of a row-major image with values in [0,1]. */
    public static void writeGreyPng(float[] pixels, int w, int h, Path file) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            img.getRaster().setSample(x, y, 0, Math.round(pixels[y * w + x] * 255));
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** A folder of bar images, one subfolder per class: {@code dir/horizontal/0.png …}. */
    public static Path barFolder(Path dir, int perClass, long seed) throws IOException {
        Random r = new Random(seed);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perClass; i++) {
                writeGreyPng(bar(c, r), 8, 8, dir.resolve(BAR_CLASSES.get(c)).resolve(i + ".png"));
            }
        }
        return dir;
    }
    /**
     * A CSV table for regression, {@code x1,x2,colour,y}: y = 3·x1 − 2·x2 + (2 for red, 0 for green, −2 for blue) + noise
     * of standard deviation 0.3, x1 and x2 standard normal, written with 3 decimals. The categorical column matters;
     * nothing else is to be learnt.
     */
    public static Path linearTable(Path file, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        String[] colours = {"red", "green", "blue"};
        StringBuilder csv = new StringBuilder("x1,x2,colour,y\n");
        for (int i = 0; i < rows; i++) {
            double x1 = r.nextGaussian();
            double x2 = r.nextGaussian();
            int c = r.nextInt(3);
            double y = 3 * x1 - 2 * x2 + 2 * (1 - c) + 0.3 * r.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%.3f%n", x1, x2, colours[c], y));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, csv);
        return file;
    }

    /** The Tabular regression template with an input of {@code features} and {@code epochs} epochs. */
    public static NetworkSpec regressionNetwork(int features, int epochs) {
        NetworkSpec t = SampleData.spec("tabular-regression.json");
        return new NetworkSpec(t.name(), t.description(), new InputSpec.VectorInput(features), t.layers(), t.training().withEpochs(epochs));
    }

    /**
     * A CSV file as rows of cells, to check what the studio writes. RFC 4180: commas separate, double quotes quote, "" is
     * a quote inside quotes; CRLF ends a row.
     */
    public static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') { cell.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.append(c);
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row.size() == 1 && row.get(0).isEmpty() ? List.of() : row);
                row = new ArrayList<>();
                i++;   // the \n
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
