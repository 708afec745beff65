package org.modelstudio.core.graph;

/** The shape of one example flowing between layers (the batch dimension is left out). */
public sealed interface Shape permits Shape.Image, Shape.Vector {

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
}
