package org.modelstudio.core.data;

import org.modelstudio.core.graph.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Examples with their class labels, held in memory. Each example is a flat array of {@code exampleShape.size()}
 * values in [0,1]; images are stored channel-major (all of channel 0 row by row, then channel 1, ...),
 * the layout DL4J's NCHW tensors use. A token sequence ({@link Shape.Tokens}) is stored as its token ids,
 * whole numbers from 0 to vocabulary − 1 held as floats, in order.
 */
public record LabeledData(Shape exampleShape, List<String> classes, float[][] features, int[] labels) {

    public LabeledData {
        classes = List.copyOf(classes);
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " examples but " + labels.length + " labels");
        }
    }

    public int size() { return labels.length; }

    public int classCount() { return classes.size(); }

    /** Counts per class, in the order of {@link #classes()}. */
    public int[] classCounts() {
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
        return new LabeledData(exampleShape, classes, f, l);
    }

    /** The examples at the given positions, in that order. */
    public LabeledData select(List<Integer> indices) {
        float[][] f = new float[indices.size()][];
        int[] l = new int[indices.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = features[indices.get(i)];
            l[i] = labels[indices.get(i)];
        }
        return new LabeledData(exampleShape, classes, f, l);
    }

    /**
     * Splits off a stratified, seeded fraction (for validation): each class contributes the same share,
     * so a small validation set still has every class.
     */
    public Split split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("fraction must be in (0,1): " + fraction);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) byClass.get(labels[i]).add(i);
        Random random = new Random(seed);
        List<Integer> rest = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            int k = (int) Math.round(members.size() * fraction);
            held.addAll(members.subList(0, k));
            rest.addAll(members.subList(k, members.size()));
        }
        Collections.shuffle(rest, random);
        Collections.shuffle(held, random);
        return new Split(select(rest), select(held));
    }

    public record Split(LabeledData first, LabeledData second) {}
}
