package org.modelstudio.core.data;

import org.modelstudio.core.graph.Shape;

import java.util.List;

/**
 * Examples with their class labels, held in memory. Each example is a flat array of {@code exampleShape.size()}
 * values in [0,1]; images are stored channel-major (all of channel 0 row by row, then channel 1, ...),
 * the layout DL4J's NCHW tensors use. A token sequence ({@link Shape.Tokens}) is stored as its token ids,
 * whole numbers from 0 to vocabulary − 1 held as floats, in order. {@code descriptions} (may be null) say how
 * messages and the evaluation view name each example, e.g. the text a text example was made from.
 */
public record LabeledData(Shape exampleShape, List<String> classes, float[][] features, int[] labels, String[] descriptions)
        implements ExampleSource {

    public LabeledData {
        classes = List.copyOf(classes);
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " examples but " + labels.length + " labels");
        }
        if (descriptions != null && descriptions.length != labels.length) {
            throw new IllegalArgumentException(descriptions.length + " descriptions for " + labels.length + " examples");
        }
    }

    public LabeledData(Shape exampleShape, List<String> classes, float[][] features, int[] labels) {
        this(exampleShape, classes, features, labels, null);
    }

    @Override public String describe(int i) {
        return descriptions == null ? ExampleSource.super.describe(i) : descriptions[i];
    }

    @Override public int size() { return labels.length; }

    @Override public int label(int i) { return labels[i]; }

    @Override public void read(int i, float[] into) {
        System.arraycopy(features[i], 0, into, 0, features[i].length);
    }

    @Override public int classCount() { return classes.size(); }

    /** Counts per class, in the order of {@link #classes()}. */
    @Override public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int l : labels) counts[l]++;
        return counts;
    }

    /** The first {@code n} examples (all if there are fewer). */
    public LabeledData first(int n) {
        int m = Math.min(n, size());
        float[][] f = new float[m][];
        int[] l = new int[m];
        System.arraycopy(features, 0, f, 0, m);
        System.arraycopy(labels, 0, l, 0, m);
        return new LabeledData(exampleShape, classes, f, l, descriptions == null ? null : java.util.Arrays.copyOf(descriptions, m));
    }

    /** The examples at the given positions, in that order. */
    public LabeledData select(List<Integer> indices) {
        float[][] f = new float[indices.size()][];
        int[] l = new int[indices.size()];
        String[] d = descriptions == null ? null : new String[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = features[indices.get(i)];
            l[i] = labels[indices.get(i)];
            if (d != null) d[i] = descriptions[indices.get(i)];
        }
        return new LabeledData(exampleShape, classes, f, l, d);
    }

    /**
     * Splits off a stratified, seeded fraction (for validation): each class contributes the same share,
     * so a small validation set still has every class. {@link Splits#split} makes the same partition as views.
     */
    public Split split(double fraction, long seed) {
        int[][] parts = Splits.partition(labels, classes.size(), fraction, seed);
        return new Split(select(parts[0]), select(parts[1]));
    }

    private LabeledData select(int[] indices) {
        float[][] f = new float[indices.length][];
        int[] l = new int[indices.length];
        String[] d = descriptions == null ? null : new String[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = features[indices[i]];
            l[i] = labels[indices[i]];
            if (d != null) d[i] = descriptions[indices[i]];
        }
        return new LabeledData(exampleShape, classes, f, l, d);
    }

    public record Split(LabeledData first, LabeledData second) {}
}
