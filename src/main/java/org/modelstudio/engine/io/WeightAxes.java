package org.modelstudio.engine.io;

import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.modelstudio.core.graph.LayerSpec;

import java.util.Map;

/**
 * The one rule of what a compact model file compacts: for each layer type, which of its DL4J parameters are weights,
 * and the axis of their output channels in DL4J's layout (int8 keeps one scale per index of that axis). Everything
 * else (biases, batch-norm scale, shift and statistics) is small and stays float32.
 */
final class WeightAxes implements LayerSpec.Visitor<Map<String, Integer>> {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;

    /** W [inputs, units]: one scale per unit, a column. */
    @Override public Map<String, Integer> dense(LayerSpec.Dense d) { return Map.of(W, 1); }

    @Override public Map<String, Integer> output(LayerSpec.Output o) { return Map.of(W, 1); }

    /** W [filters, channels, kH, kW]: one scale per filter. */
    @Override public Map<String, Integer> conv2d(LayerSpec.Conv2D c) { return Map.of(W, 0); }

    /**
     * W [vocabulary, dimensions]: one scale per token, a row. Each token's vector is used on its own (looked up, not
     * summed with the others), so per row keeps a rare token's small vector as exact as a frequent one's large vector.
     */
    @Override public Map<String, Integer> embedding(LayerSpec.Embedding e) { return Map.of(W, 0); }

    /** W [inputs, 4·units] and RW [units, 4·units]: one scale per unit of each gate, a column of each. */
    @Override public Map<String, Integer> lstm(LayerSpec.Lstm l) {
        return Map.of(LSTMParamInitializer.INPUT_WEIGHT_KEY, 1, LSTMParamInitializer.RECURRENT_WEIGHT_KEY, 1);
    }

    @Override public Map<String, Integer> batchNorm(LayerSpec.BatchNorm b) { return Map.of(); }

    @Override public Map<String, Integer> maxPool(LayerSpec.MaxPool p) { return Map.of(); }

    @Override public Map<String, Integer> avgPool(LayerSpec.AvgPool p) { return Map.of(); }

    @Override public Map<String, Integer> globalPooling(LayerSpec.GlobalPooling g) { return Map.of(); }

    @Override public Map<String, Integer> flatten(LayerSpec.Flatten f) { return Map.of(); }

    @Override public Map<String, Integer> zeroPadding(LayerSpec.ZeroPadding z) { return Map.of(); }

    /** Never asked: {@link CompactWeights#problem} refuses a fixed network before any weight is planned. */
    @Override public Map<String, Integer> fixed(LayerSpec.Fixed f) {
        throw new IllegalArgumentException("no compact weights for the Keras layer " + f.name());
    }

    @Override public Map<String, Integer> dropout(LayerSpec.Dropout d) { return Map.of(); }

    @Override public Map<String, Integer> activationLayer(LayerSpec.ActivationLayer a) { return Map.of(); }
}
