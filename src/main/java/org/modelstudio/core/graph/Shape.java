package org.modelstudio.core.graph;

/** The shape of one example flowing between layers (the batch dimension is left out). */
public sealed interface Shape permits Shape.Image, Shape.Vector, Shape.Tokens, Shape.Sequence {

    /** Number of values in one example. */
    long size();

    /** An image-like tensor: height × width × channels. */
    record Image(int height, int width, int channels) implements Shape {
        @Override public long size() { return (long) height * width * channels; }
        @Override public String toString() { return height + "×" + width + "×" + channels; }
    }

    /** A flat vector of features. */
    record Vector(int length) implements Shape {
        @Override public long size() { return length; }
        @Override public String toString() { return Integer.toString(length); }
    }

    /**
     * A sequence of {@code length} token ids, each a whole number from 0 to {@code vocabulary} − 1 (a word's
     * number in a vocabulary, for instance). Only an Embedding layer can take it.
     */
    record Tokens(int length, int vocabulary) implements Shape {
        @Override public long size() { return length; }
        @Override public String toString() { return length + " tokens"; }
    }

    /** A sequence of vectors: {@code steps} time steps of {@code features} values each, written steps×features. */
    record Sequence(int steps, int features) implements Shape {
        @Override public long size() { return (long) steps * features; }
        @Override public String toString() { return steps + "×" + features; }
    }
}
