package org.modelstudio.core.edit;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One edit to a network, as a value: applying it to a spec gives the edited spec. Because specs are
 * immutable, undo needs no inverse operation; {@link EditHistory} keeps the spec from before.
 */
public sealed interface Edit {

    /** The spec after this edit; refuses (IllegalArgumentException) an edit that does not fit the spec. */
    NetworkSpec applyTo(NetworkSpec spec);

    /** What the Edit menu says: "Undo Add Dense". */
    String description(NetworkSpec before);

    /**
     * Consecutive edits with the same non-null key merge into one undo step (typing a number into a field
     * changes it several times but is one edit). Null: never merges.
     */
    default String mergeKey() { return null; }

    record InsertLayer(int index, LayerSpec layer) implements Edit {
        @Override public NetworkSpec applyTo(NetworkSpec spec) {
            checkPosition(index, spec.layers().size() + 1);
            List<LayerSpec> layers = new ArrayList<>(spec.layers());
            layers.add(index, layer);
            return spec.withLayers(layers);
        }

        @Override public String description(NetworkSpec before) { return Texts.get("core.edit.add", ShapeInference.name(layer)); }
    }

    record RemoveLayers(List<Integer> indices) implements Edit {
        public RemoveLayers { indices = List.copyOf(new TreeSet<>(indices)); }

        @Override public NetworkSpec applyTo(NetworkSpec spec) {
            if (indices.isEmpty()) throw new IllegalArgumentException("nothing to delete");
            List<LayerSpec> layers = new ArrayList<>(spec.layers());
            for (int i = indices.size() - 1; i >= 0; i--) {
                int index = indices.get(i);
                checkPosition(index, layers.size());
                layers.remove(index);
            }
            return spec.withLayers(layers);
        }

        @Override public String description(NetworkSpec before) {
            return indices.size() == 1 ? Texts.get("core.edit.delete", ShapeInference.label(before.layers().get(indices.get(0)), indices.get(0)))
                    : Texts.get("core.edit.delete-layers", indices.size());
        }
    }

    record MoveLayer(int from, int to) implements Edit {
        @Override public NetworkSpec applyTo(NetworkSpec spec) {
            checkPosition(from, spec.layers().size());
            checkPosition(to, spec.layers().size());
            List<LayerSpec> layers = new ArrayList<>(spec.layers());
            layers.add(to, layers.remove(from));
            return spec.withLayers(layers);
        }

        @Override public String description(NetworkSpec before) {
            return Texts.get("core.edit.move", ShapeInference.label(before.layers().get(from), from));
        }
    }

    /** Changes one layer's settings. */
    record ReplaceLayer(int index, LayerSpec layer) implements Edit {
        @Override public NetworkSpec applyTo(NetworkSpec spec) {
            checkPosition(index, spec.layers().size());
            return spec.withLayer(index, layer);
        }

        @Override public String description(NetworkSpec before) {
            return Texts.get("core.edit.change", ShapeInference.label(before.layers().get(index), index));
        }

        @Override public String mergeKey() { return "layer " + index; }
    }

    record SetInput(InputSpec input) implements Edit {
        @Override public NetworkSpec applyTo(NetworkSpec spec) {
            return new NetworkSpec(spec.name(), spec.description(), input, spec.layers(), spec.training());
        }

        @Override public String description(NetworkSpec before) { return Texts.get("core.edit.change-input"); }

        @Override public String mergeKey() { return "input"; }
    }

    record SetTraining(TrainingConfig training) implements Edit {
        @Override public NetworkSpec applyTo(NetworkSpec spec) { return spec.withTraining(training); }

        @Override public String description(NetworkSpec before) { return Texts.get("core.edit.change-training"); }

        @Override public String mergeKey() { return "training"; }
    }

    record Rename(String name) implements Edit {
        @Override public NetworkSpec applyTo(NetworkSpec spec) {
            return new NetworkSpec(name, spec.description(), spec.input(), spec.layers(), spec.training());
        }

        @Override public String description(NetworkSpec before) { return Texts.get("core.edit.rename"); }

        @Override public String mergeKey() { return "name"; }
    }

    /** Replaces the whole network (choosing a template), undoably. */
    record ReplaceNetwork(NetworkSpec network, String why) implements Edit {
        @Override public NetworkSpec applyTo(NetworkSpec spec) { return network; }

        @Override public String description(NetworkSpec before) { return why; }
    }

    private static void checkPosition(int index, int size) {
        if (index < 0 || index >= size) throw new IllegalArgumentException("position " + index + " is outside 0.." + (size - 1));
    }
}
