package org.modelstudio.core.data;

import org.modelstudio.core.graph.Shape;

import java.util.List;

/**
 * Examples with their class labels, held in memory. Each example is a flat array of {@code exampleShape.size()}
 * values in [0,1]; images are stored channel-major (all of channel 0 row by row, then channel 1, ...),
 * the layout DL4J's NCHW tensors use. A token sequence ({@link Shape.Tokens}) is stored as its token ids,
 * whole numbers from 0 to vocabulary − 1 held as floats, in order. For a regression ({@link #ofTargets})
 * {@code targets} holds each example's number to predict (standardised), {@code classes} the quantity's name
 * and every label is 0; otherwise {@code targets} is null. {@code descriptions} (may be null) say how messages and
 * the evaluation view name each example, e.g. the text a text example was made from.
 */
public record LabeledData(Shape exampleShape, List<String> classes, float[][] features, int[] labels, float[] targets,
                          String[] descriptions) implements ExampleSource {

    public LabeledData {
        classes = List.copyOf(classes);
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " examples but " + labels.length + " labels");
        }
        if (targets != null && (targets.length != labels.length || classes.size() != 1)) {
            throw new IllegalArgumentException("a regression has one target per example and one quantity: " + targets.length
                    + " targets for " + labels.length + " examples, " + classes.size() + " names");
        }
        if (descriptions != null && descriptions.length != labels.length) {
            throw new IllegalArgumentException(descriptions.length + " descriptions for " + labels.length + " examples");
        }
    }

    /** Examples with class labels. */
    public LabeledData(Shape exampleShape, List<String> classes, float[][] features, int[] labels) {
        this(exampleShape, classes, features, labels, null, null);
    }

    /** The same examples, each named by its description in messages and the evaluation view. */
    public LabeledData describedAs(String[] said) { return new LabeledData(exampleShape, classes, features, labels, targets, said); }

    @Override public String describe(int i) {
        return descriptions == null ? ExampleSource.super.describe(i) : descriptions[i];
    }

    /** Examples with a number to predict each (a regression of {@code quantity}). */
    public static LabeledData ofTargets(Shape exampleShape, String quantity, float[][] features, float[] targets) {
        return new LabeledData(exampleShape, List.of(quantity), features, new int[features.length], targets, null);
    }

    @Override public int size() { return labels.length; }

    @Override public int label(int i) { return labels[i]; }

    @Override public boolean regression() { return targets != null; }

    @Override public float target(int i) {
        if (targets == null) return ExampleSource.super.target(i);
        return targets[i];
    }

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
        int[] indices = new int[Math.min(n, size())];
        for (int i = 0; i < indices.length; i++) indices[i] = i;
        return select(indices);
    }

    /** The examples at the given positions, in that order. */
    public LabeledData select(List<Integer> indices) {
        return select(indices.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Splits off a stratified, seeded fraction (for validation): each class contributes the same share,
     * so a small validation set still has every class. {@link Splits#split} makes the same partition as views.
     */
    public Split split(double fraction, long seed) {
        int[][] parts = Splits.partition(labels, classes.size(), fraction, seed);
        return new Split(select(parts[0]), select(parts[1]));
    }

    /** The examples at the given positions, in that order (null gives null). */
    public LabeledData select(int[] indices) {
        if (indices == null) return null;
        float[][] f = new float[indices.length][];
        int[] l = new int[indices.length];
        float[] t = targets == null ? null : new float[indices.length];
        String[] d = descriptions == null ? null : new String[indices.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = features[indices[i]];
            l[i] = labels[indices[i]];
            if (t != null) t[i] = targets[indices[i]];
            if (d != null) d[i] = descriptions[indices[i]];
        }
        return new LabeledData(exampleShape, classes, f, l, t, d);
    }

    public record Split(LabeledData first, LabeledData second) {}
}
