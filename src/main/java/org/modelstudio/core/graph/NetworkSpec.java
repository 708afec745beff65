package org.modelstudio.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A whole network: what it takes in, its layers in order, and how it is trained. Immutable. */
public record NetworkSpec(String name, String description, InputSpec input, List<LayerSpec> layers,
                          TrainingConfig training) {

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(input, "input");
        layers = List.copyOf(layers);
        Objects.requireNonNull(training, "training");
    }

    public NetworkSpec withTraining(TrainingConfig newTraining) {
        return new NetworkSpec(name, description, input, layers, newTraining);
    }

    public NetworkSpec withLayers(List<LayerSpec> newLayers) {
        return new NetworkSpec(name, description, input, newLayers, training);
    }

    public NetworkSpec withLayer(int index, LayerSpec layer) {
        List<LayerSpec> copy = new ArrayList<>(layers);
        copy.set(index, layer);
        return withLayers(copy);
    }

    /**
     * Whether a layer of this network has no block of its own ({@link LayerSpec.Fixed}, from a Keras file): such a network
     * is shown read-only and keeps the weights it was opened with.
     */
    public boolean fixed() { return layers.stream().anyMatch(l -> l instanceof LayerSpec.Fixed); }

    /** The first layer without a block of its own, or null. */
    public LayerSpec.Fixed firstFixed() {
        return layers.stream().filter(l -> l instanceof LayerSpec.Fixed).map(l -> (LayerSpec.Fixed) l).findFirst().orElse(null);
    }

    /** The number of classes the Output layer predicts, or -1 if there is no Output layer at the end. */
    public int outputUnits() {
        if (!layers.isEmpty() && layers.get(layers.size() - 1) instanceof LayerSpec.Output out) {
            return out.units();
        }
        return -1;
    }
}
