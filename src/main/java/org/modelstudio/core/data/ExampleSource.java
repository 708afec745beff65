package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Shape;

import java.util.List;

/**
 * Labelled examples that are read one at a time, so that a data set does not have to fit in memory: held in
 * memory ({@link LabeledData}), read from a file ({@link IdxImageFile}) or made on demand
 * ({@link GeneratedImages}). Each example is {@code exampleShape().size()} values in the layout
 * {@link LabeledData} documents (images channel-major, token sequences as their ids).
 */
public interface ExampleSource {

    Shape exampleShape();

    List<String> classes();

    int size();

    /** The class of example {@code i}, an index into {@link #classes()}. */
    int label(int i);

    /**
     * Writes example {@code i} into {@code into[0 .. exampleShape().size())}. Must be safe to call from a thread
     * other than the one that made the source, and from several at once. A source that cannot read an example
     * throws {@link java.io.UncheckedIOException}.
     */
    void read(int i, float[] into);

    /**
     * Whether the examples carry a number to predict (a regression) instead of a class. Such a source has one
     * "class", named after the quantity, every label is 0, and {@link #target} gives each example's number.
     */
    default boolean regression() {
        return false;
    }

    /** The number example {@code i} is to predict, as the network learns it (standardised); for a regression only. */
    default float target(int i) {
        throw new UnsupportedOperationException("these examples have classes, not numbers to predict");
    }

    /** How messages name example {@code i}: "example 12 (counting from 0)", or a file name. */
    default String describe(int i) {
        return Texts.get("core.example.numbered", i);
    }

    default int classCount() {
        return classes().size();
    }

    /** Counts per class, in the order of {@link #classes()}. */
    default int[] classCounts() {
        int[] counts = new int[classCount()];
        for (int i = 0; i < size(); i++) counts[label(i)]++;
        return counts;
    }

    /** The bytes the examples' values take as floats: what holding them all in memory costs. */
    default long featureBytes() {
        return (long) size() * exampleShape().size() * Float.BYTES;
    }

    /** The examples at the given positions, in that order, without copying them (see {@link Subset}). */
    default ExampleSource subset(int[] indices) {
        return Subset.of(this, indices);
    }
}
