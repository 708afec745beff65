package org.modelstudio.core.graph;

/** What the network takes in: an image (h×w×channels) or a vector of features. */
public sealed interface InputSpec permits InputSpec.ImageInput, InputSpec.VectorInput {

    Shape shape();

    record ImageInput(int height, int width, int channels) implements InputSpec {
        @Override public Shape shape() { return new Shape.Image(height, width, channels); }
    }

    record VectorInput(int features) implements InputSpec {
        @Override public Shape shape() { return new Shape.Vector(features); }
    }
}
