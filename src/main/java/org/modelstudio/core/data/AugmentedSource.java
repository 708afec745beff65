package org.modelstudio.core.data;

import org.modelstudio.core.graph.Shape;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training examples changed by an {@link Augmentation} each time they are read: every epoch sees new
 * variants (the reads are numbered, and each read's random changes come from the seed and that number, so a
 * run is repeatable). Labels are untouched. Not being in-memory data, it trains through the streaming path.
 */
public final class AugmentedSource implements ExampleSource {
    private final ExampleSource base;
    private final Augmentation augmentation;
    private final Shape.Image shape;
    private final long seed;
    private final AtomicLong reads = new AtomicLong();

    public AugmentedSource(ExampleSource base, Augmentation augmentation, long seed) {
        if (!(base.exampleShape() instanceof Shape.Image img)) {
            throw new IllegalArgumentException("augmentation changes images; this data has examples of " + base.exampleShape());
        }
        this.base = base;
        this.augmentation = augmentation;
        this.shape = img;
        this.seed = seed;
    }

    @Override public Shape exampleShape() { return shape; }

    @Override public List<String> classes() { return base.classes(); }

    @Override public int size() { return base.size(); }

    @Override public int label(int i) { return base.label(i); }

    @Override public void read(int i, float[] into) {
        float[] original = new float[(int) shape.size()];
        base.read(i, original);
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + reads.getAndIncrement());
        float[] changed = augmentation.apply(original, shape, random);
        System.arraycopy(changed, 0, into, 0, changed.length);
    }

    @Override public String describe(int i) { return base.describe(i); }

    @Override public boolean regression() { return base.regression(); }

    @Override public float target(int i) { return base.target(i); }
}
