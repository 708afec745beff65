package org.modelstudio.core.graph;

/** What the network takes in: an image (h×w×channels), a vector of features, or a sequence of token ids. */
public sealed interface InputSpec permits InputSpec.ImageInput, InputSpec.VectorInput, InputSpec.SequenceInput {

    Shape shape();

    record ImageInput(int height, int width, int channels) implements InputSpec {
        @Override public Shape shape() { return new Shape.Image(height, width, channels); }
    }

    record VectorInput(int features) implements InputSpec {
        @Override public Shape shape() { return new Shape.Vector(features); }
    }

    /** Token sequences (text): each example is {@code length} token ids from 0 to {@code vocabulary} − 1. */
    record SequenceInput(int length, int vocabulary) implements InputSpec {
        @Override public Shape shape() { return new Shape.Tokens(length, vocabulary); }
    }
}
