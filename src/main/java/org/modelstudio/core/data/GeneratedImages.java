package org.modelstudio.core.data;

import org.modelstudio.core.graph.Shape;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Any number of synthetic 28×28 grey images, made from (seed, index) each time one is read, so that a data
 * set of any size costs no memory: for tests and benchmarks of training that streams its data. Each image is
 * a soft bright blob on faint noise; the class says where the blob sits, one of ten places on a grid of five
 * columns and two rows, and the blob's exact position (±3 pixels), size and brightness vary. Classes are
 * drawn from the index, so any range of indices has about as many of each.
 */
public final class GeneratedImages implements ExampleSource {
    public static final int SIDE = 28;
    public static final List<String> CLASSES = List.of("top 1", "top 2", "top 3", "top 4", "top 5",
            "bottom 1", "bottom 2", "bottom 3", "bottom 4", "bottom 5");
    private static final Shape.Image SHAPE = new Shape.Image(SIDE, SIDE, 1);

    private final int size;
    private final long seed;

    public GeneratedImages(int size, long seed) {
        if (size < 0) throw new IllegalArgumentException("size must not be negative: " + size);
        this.size = size;
        this.seed = seed;
    }

    @Override public Shape exampleShape() { return SHAPE; }

    @Override public List<String> classes() { return CLASSES; }

    @Override public int size() { return size; }

    @Override public int label(int i) {
        check(i);
        return (int) ((mix(seed, i) >>> 1) % CLASSES.size());
    }

    @Override public void read(int i, float[] into) {
        int label = label(i);
        SplittableRandom r = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, i));
        double cx = 3.5 + (label % 5) * 5.25 + (r.nextDouble() * 6 - 3);
        double cy = (label < 5 ? 7.5 : 20.5) + (r.nextDouble() * 6 - 3);
        double radius = 2.5 + r.nextDouble() * 2.5;
        double brightness = 0.5 + r.nextDouble() * 0.5;
        double r2 = radius * radius;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                double v = r.nextDouble() * 0.3 + brightness * Math.max(0, 1 - d2 / r2);
                into[y * SIDE + x] = (float) Math.min(1, v);
            }
        }
    }

    @Override public String describe(int i) { return "generated image " + i + " (seed " + seed + ")"; }

    private void check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("image " + i + " of " + size);
    }

    /** SplitMix64's finaliser over the seed and the index: a well-spread 64-bit value per image. */
    private static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + (i + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override public String toString() { return "GeneratedImages[" + size + ", seed " + seed + "]"; }
}
