package org.modelstudio.core.data;

import org.modelstudio.core.graph.Shape;

import java.util.List;

/**
 * Some examples of another source, by position, without copying them: example {@code i} of the subset is
 * example {@code indices[i]} of {@code base}. A subset of a subset refers straight to the first base.
 */
public record Subset(ExampleSource base, int[] indices) implements ExampleSource {

    public Subset {
        if (base instanceof Subset) throw new IllegalArgumentException("use Subset.of, which flattens subsets of subsets");
        indices = indices.clone();
        int n = base.size();
        for (int i : indices) {
            if (i < 0 || i >= n) throw new IndexOutOfBoundsException("index " + i + " is outside the source's " + n + " examples");
        }
    }

    /** The examples of {@code source} at {@code indices}; a subset of a subset refers to the first base. */
    public static Subset of(ExampleSource source, int[] indices) {
        if (source instanceof Subset s) {
            int[] composed = new int[indices.length];
            for (int i = 0; i < indices.length; i++) composed[i] = s.indices[indices[i]];
            return new Subset(s.base, composed);
        }
        return new Subset(source, indices);
    }

    /** Position {@code i} of this subset in {@link #base()}. */
    public int baseIndex(int i) { return indices[i]; }

    @Override public Shape exampleShape() { return base.exampleShape(); }

    @Override public List<String> classes() { return base.classes(); }

    @Override public int size() { return indices.length; }

    @Override public int label(int i) { return base.label(indices[i]); }

    @Override public void read(int i, float[] into) { base.read(indices[i], into); }

    @Override public boolean regression() { return base.regression(); }

    @Override public float target(int i) { return base.target(indices[i]); }

    @Override public String describe(int i) { return base.describe(indices[i]); }

    @Override public ExampleSource subset(int[] positions) { return of(this, positions); }

    @Override public String toString() { return "Subset[" + indices.length + " of " + base.size() + "]"; }
}
