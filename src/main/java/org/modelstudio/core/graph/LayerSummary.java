package org.modelstudio.core.graph;

/**
 * One row of a network summary: the layer, its output shape ({@code null} if it cannot be worked out
 * because this or an earlier layer has an error) and its number of parameters.
 */
public record LayerSummary(int index, LayerSpec layer, Shape outputShape, long parameters) {

    /** "Conv2D #3": the name used in messages; positions count from 1 like a student would. */
    public String label() { return ShapeInference.label(layer, index); }
}
