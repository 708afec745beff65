package org.modelstudio.engine.explain;

import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.Tokenization;
import org.modelstudio.core.eval.ColumnContribution;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.eval.WordContribution;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;

/**
 * Why a model predicted what it did, by hiding parts of the input and watching the class's probability fall: parts of
 * an image ({@link #occlusion}), words of a text ({@link #words}) or columns of a table row ({@link #columns}). Both only run the network forward, so they work
 * for every layer type, and they measure the model itself rather than a gradient's local slope.
 */
public final class Explainer {
    private static final int BATCH = 64;

    private Explainer() {}

    /**
     * Occlusion sensitivity (Zeiler and Fergus, 2014): a square patch about a fifth of the image's shorter side slides
     * over the image with a stride of a third of the patch (so each pixel is covered by about nine patches); under the
     * patch every channel is set to the image's own mean in that channel, a fill that removes the structure without
     * adding brightness or darkness of its own. Each patch position is scored by how much the class's probability
     * drops; a pixel gets the average drop of the patches that cover it, which smooths the map. Drops below zero
     * (hiding the pixel made the class more likely) count as 0, and the map is scaled so its largest value is 1; a
     * map of zeros means no patch lowered the probability. The occluded images go through the network {@value #BATCH}
     * at a time.
     *
     * @param example    the prepared input, channel-major as {@link org.modelstudio.core.data.LabeledData} holds images
     * @param classIndex the class to explain, an index into {@link TrainedModel#labels()}
     * @param cancel     asked between batches: once cancelled, a {@link CancellationException} is thrown
     * @param progress   told the fraction done (0 to 1) after each batch, on the calling thread
     * @throws IllegalArgumentException (with a sentence) when the model does not take images or the example has the wrong size
     */
    public static Heatmap occlusion(TrainedModel model, float[] example, int classIndex, CancelToken cancel, DoubleConsumer progress) {
        Shape shape = model.spec().input().shape();
        if (!(shape instanceof Shape.Image img)) {
            throw new IllegalArgumentException("occlusion maps explain image models; this model takes " + shape + " inputs");
        }
        checkClass(model, classIndex);
        if (example.length != shape.size()) {
            throw new IllegalArgumentException("the model takes " + img + " images (" + shape.size() + " values), not " + example.length + " values");
        }
        int w = img.width();
        int h = img.height();
        int plane = w * h;
        int patch = patchSize(w, h);
        int stride = Math.max(1, patch / 3);
        int[] xs = positions(w, patch, stride);
        int[] ys = positions(h, patch, stride);
        float[] fill = new float[img.channels()];
        for (int c = 0; c < fill.length; c++) {
            double sum = 0;
            for (int p = 0; p < plane; p++) sum += example[c * plane + p];
            fill[c] = (float) (sum / plane);
        }
        double base = probabilities(model, new float[][] {example})[0][classIndex];

        double[] drop = new double[plane];
        int[] covered = new int[plane];
        int total = xs.length * ys.length;
        for (int from = 0; from < total; from += BATCH) {
            if (cancel.isCancelled()) throw new CancellationException("The explanation was cancelled.");
            int to = Math.min(total, from + BATCH);
            float[][] batch = new float[to - from][];
            for (int k = from; k < to; k++) {
                float[] occluded = example.clone();
                int x0 = xs[k % xs.length];
                int y0 = ys[k / xs.length];
                for (int c = 0; c < fill.length; c++) {
                    for (int y = y0; y < y0 + patch; y++) {
                        Arrays.fill(occluded, c * plane + y * w + x0, c * plane + y * w + x0 + patch, fill[c]);
                    }
                }
                batch[k - from] = occluded;
            }
            double[][] p = probabilities(model, batch);
            for (int k = from; k < to; k++) {
                double d = base - p[k - from][classIndex];
                int x0 = xs[k % xs.length];
                int y0 = ys[k / xs.length];
                for (int y = y0; y < y0 + patch; y++) {
                    for (int x = x0; x < x0 + patch; x++) {
                        drop[y * w + x] += d;
                        covered[y * w + x]++;
                    }
                }
            }
            progress.accept((double) to / total);
        }
        double max = 0;
        for (int p = 0; p < plane; p++) {
            drop[p] = Math.max(0, drop[p] / covered[p]);
            max = Math.max(max, drop[p]);
        }
        float[] values = new float[plane];
        if (max > 0) for (int p = 0; p < plane; p++) values[p] = (float) (drop[p] / max);
        return new Heatmap(w, h, values);
    }

    /** The side of the occluding square: a fifth of the shorter side, at least 1 pixel. */
    static int patchSize(int width, int height) {
        return Math.max(1, Math.round(Math.min(width, height) / 5f));
    }

    /** Patch origins from 0 by {@code stride}, the last one flush with the edge so every pixel is covered. */
    static int[] positions(int side, int patch, int stride) {
        int last = side - patch;
        int n = last / stride + 1 + (last % stride == 0 ? 0 : 1);
        int[] at = new int[n];
        for (int i = 0; i < n; i++) at[i] = Math.min(last, i * stride);
        return at;
    }

    /**
     * Leave-one-out word contributions: for each distinct piece of the text the model can see (a word, or one character
     * of Chinese or Japanese, as the model's {@link Tokenization} splits it), the class's probability for the text minus
     * its probability with every occurrence of that piece taken out (so a repeated word is judged as a whole, which is
     * all a bag of words can tell). Taking out a character also takes out the pairs of characters it is part of.
     * Positive means the piece supports the class. A piece none of whose tokens is in the vocabulary gets 0: the model
     * cannot see it (a token-sequence model sees it as the unknown token). One entry per piece of the text, in order,
     * with its offsets in {@code text}.
     *
     * @throws IllegalArgumentException (with a sentence) when the model was not trained on texts
     */
    public static List<WordContribution> words(TrainedModel model, String text, int classIndex) {
        if (!(model.preparation() instanceof InputPreparation.Text prep)) {
            throw new IllegalArgumentException("word contributions explain text models; this model was not trained on texts");
        }
        checkClass(model, classIndex);
        List<Tokenization.Piece> pieces = prep.tokenization().pieces(text);
        Map<String, List<Tokenization.Piece>> known = new LinkedHashMap<>();
        for (Tokenization.Piece s : pieces) {
            if (s.tokens().stream().anyMatch(prep::knows)) known.computeIfAbsent(s.text(), k -> new ArrayList<>()).add(s);
        }
        List<String> words = new ArrayList<>(known.keySet());
        float[][] inputs = new float[words.size() + 1][];
        inputs[0] = prep.encode(text);
        for (int k = 0; k < words.size(); k++) inputs[k + 1] = prep.encode(without(text, known.get(words.get(k))));
        Map<String, Double> contribution = new LinkedHashMap<>();
        double base = Double.NaN;
        for (int from = 0; from < inputs.length; from += BATCH) {
            int to = Math.min(inputs.length, from + BATCH);
            double[][] p = probabilities(model, Arrays.copyOfRange(inputs, from, to));
            for (int k = from; k < to; k++) {
                if (k == 0) base = p[0][classIndex];
                else contribution.put(words.get(k - 1), base - p[k - from][classIndex]);
            }
        }
        List<WordContribution> out = new ArrayList<>(pieces.size());
        for (Tokenization.Piece s : pieces) out.add(new WordContribution(s.text(), s.start(), s.end(), contribution.getOrDefault(s.text(), 0.0)));
        return out;
    }

    /**
     * Leave-one-column-out contributions for one table row: each feature column in turn is set to what the model knows
     * when the value is missing (a number's training mean, a category's "none of them") and the row goes through the
     * network again; the contribution is the answer with the value minus without it. For a classifier the answer is
     * the probability of class {@code classIndex}; for a regression it is the estimate in the label's units
     * ({@code classIndex} is then 0). One entry per column, in the table's order. The model's warnings about the row
     * (an empty cell, an unseen category) are added to {@code warnings}.
     *
     * @throws IllegalArgumentException (with a sentence) when the model was not trained on a table or a value is refused
     */
    public static List<ColumnContribution> columns(TrainedModel model, Map<String, String> row, int classIndex, List<String> warnings) {
        if (!(model.preparation() instanceof InputPreparation.Table table)) {
            throw new IllegalArgumentException("column contributions explain table models; this model was not trained on a table");
        }
        if (!table.regression()) checkClass(model, classIndex);
        float[] full = table.encode(row, warnings);
        List<InputPreparation.Column> columns = table.columns();
        float[][] inputs = new float[columns.size() + 1][];
        inputs[0] = full;
        int at = 0;
        for (int c = 0; c < columns.size(); c++) {
            float[] without = full.clone();
            // Standardised numbers: 0 is the training mean. Categories: all zeros is "none of them".
            Arrays.fill(without, at, at + columns.get(c).width(), 0f);
            inputs[c + 1] = without;
            at += columns.get(c).width();
        }
        double[][] out = probabilities(model, inputs);
        double scale = table.regression() ? table.target().std() : 1;
        List<ColumnContribution> result = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c).name();
            String value = row.getOrDefault(name, "");
            result.add(new ColumnContribution(name, value == null ? "" : value, (out[0][classIndex] - out[c + 1][classIndex]) * scale));
        }
        return result;
    }

    /** The text with the given words blanked out (a space each, so neighbours stay apart). */
    private static String without(String text, List<Tokenization.Piece> spans) {
        StringBuilder sb = new StringBuilder(text);
        for (int k = spans.size() - 1; k >= 0; k--) sb.replace(spans.get(k).start(), spans.get(k).end(), " ");
        return sb.toString();
    }

    private static void checkClass(TrainedModel model, int classIndex) {
        if (classIndex < 0 || classIndex >= model.labels().size()) {
            throw new IllegalArgumentException("class " + classIndex + " does not exist; the model has " + model.labels().size() + " classes");
        }
    }

    private static double[][] probabilities(TrainedModel model, float[][] examples) {
        float[][] out = new ModelRuntime(model).outputs(examples);
        double[][] p = new double[out.length][];
        for (int i = 0; i < out.length; i++) {
            p[i] = new double[out[i].length];
            for (int c = 0; c < p[i].length; c++) p[i][c] = out[i][c];
        }
        return p;
    }
}
