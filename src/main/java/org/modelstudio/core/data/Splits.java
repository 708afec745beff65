package org.modelstudio.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified, seeded splits by example index. {@link LabeledData#split} uses the same code, so a source split
 * here and the same data split in memory hold the same examples in the same order.
 */
public final class Splits {

    /** The two parts of a split: what is left for training, and the fraction held back. */
    public record Split(ExampleSource first, ExampleSource second) {}

    private Splits() {}

    /**
     * Splits off a stratified, seeded fraction (for validation) as views of {@code source}: each class
     * contributes the same share, so a small validation set still has every class. Nothing is copied.
     */
    public static Split split(ExampleSource source, double fraction, long seed) {
        int[] labels = new int[source.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = source.label(i);
        int[][] parts = partition(labels, source.classCount(), fraction, seed);
        return new Split(source.subset(parts[0]), source.subset(parts[1]));
    }

    /**
     * The indices of the rest and of the held-back fraction, each in a seeded random order: per class, the
     * members are shuffled and the first {@code round(members × fraction)} held back; then both parts are shuffled.
     */
    public static int[][] partition(int[] labels, int classCount, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("fraction must be in (0,1): " + fraction);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classCount; c++) byClass.add(new ArrayList<>());
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
        return new int[][] {toArray(rest), toArray(held)};
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Row numbers for training and validation ({@code [train, validation]}): a stratified, seeded partition when
     * {@code validation} > 0, else every row for training and null for validation.
     */
    public static int[][] rows(int[] labels, int classCount, double validation, long seed) {
        int[][] parts = rows(labels, classCount, validation, 0, seed);
        return new int[][] {parts[0], parts[1]};
    }

    /** The seed the test part is drawn with: another stream than the validation split's, from the same setting. */
    public static long testSeed(long seed) { return seed * 31 + 7; }

    /**
     * Row numbers for training, validation and test ({@code [train, validation, test]}; a part whose share is 0 is
     * null). Both shares are of all the rows: the test part is held out first (stratified, seeded with
     * {@link #testSeed}), then the validation part from the rest, so a row is in exactly one part, and changing the
     * validation share never moves a row into or out of the test part.
     */
    public static int[][] rows(int[] labels, int classCount, double validation, double test, long seed) {
        int[] rest = new int[labels.length];
        for (int i = 0; i < rest.length; i++) rest[i] = i;
        int[] tested = null;
        if (test > 0) {
            int[][] outer = partition(labels, classCount, test, testSeed(seed));
            rest = outer[0];
            tested = outer[1];
            validation = validation / (1 - test);
        }
        if (!(validation > 0)) return new int[][] {rest, null, tested};
        int[] restLabels = new int[rest.length];
        for (int i = 0; i < rest.length; i++) restLabels[i] = labels[rest[i]];
        int[][] inner = partition(restLabels, classCount, validation, seed);
        return new int[][] {compose(rest, inner[0]), compose(rest, inner[1]), tested};
    }

    private static int[] compose(int[] base, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) out[i] = base[positions[i]];
        return out;
    }

    /** The three parts of a source as views (null for a part whose share is 0). */
    public record Parts(ExampleSource train, ExampleSource validation, ExampleSource test) {}

    /** {@link #rows(int[], int, double, double, long)} for a source, as views of it; nothing is copied. */
    public static Parts parts(ExampleSource source, double validation, double test, long seed) {
        int[] labels = new int[source.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = source.label(i);
        int[][] rows = rows(labels, source.classCount(), validation, test, seed);
        if (rows[1] == null && rows[2] == null) return new Parts(source, null, null);
        return new Parts(source.subset(rows[0]), rows[1] == null ? null : source.subset(rows[1]),
                rows[2] == null ? null : source.subset(rows[2]));
    }
}
