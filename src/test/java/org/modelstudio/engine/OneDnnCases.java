package org.modelstudio.engine;

import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.catalogue.LayerType;
import org.modelstudio.core.catalogue.ParamSpec;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every configuration of the layers that run on oneDNN, generated from the catalogue's settings (not listed by
 * hand): each setting takes its representative values, and the geometry (kernel or pool, stride, padding) is
 * crossed exhaustively while the other settings (filters, activation, initial weights) rotate through theirs, so
 * each value of each of them meets both paddings. Representative values: every choice of a choice; min, default
 * and max of a number; for a height × width pair also [min, max] and [max, min], the most lopsided shapes.
 *
 * <p>Each case is a small network: an image of {@link #SIDE}×{@link #SIDE}×{@link #CHANNELS} (large enough for
 * the largest kernel and stride), the layer under test, Flatten and a softmax Output.
 */
final class OneDnnCases {
    static final int SIDE = 32;
    static final int CHANNELS = 2;
    static final List<String> TYPES = List.of("conv2d", "maxpool", "avgpool");
    private static final Set<String> GEOMETRY = Set.of("kernel", "pool", "stride", "padding");

    private OneDnnCases() {}

    /**
     * One network around one configuration of one layer type; {@code refusal} is the shape checker's error when the
     * studio refuses the network before training (null when it trains).
     */
    record Case(String type, LayerSpec layer, NetworkSpec network, String refusal) {
        @Override public String toString() { return network.name() + " " + layer; }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (String type : TYPES) cases.addAll(of(type));
        return cases;
    }

    /** The configurations that train, and the BatchNorm networks. */
    static List<Case> accepted() {
        List<Case> cases = new ArrayList<>(all().stream().filter(c -> c.refusal() == null).toList());
        cases.addAll(batchNorm());
        return cases;
    }

    static List<Case> refused() { return all().stream().filter(c -> c.refusal() != null).toList(); }

    /** Every configuration of one layer type, as networks. */
    static List<Case> of(String typeId) {
        LayerCatalogue catalogue = LayerCatalogue.standard();
        LayerType type = catalogue.type(typeId);
        List<ParamSpec> geometry = type.params().stream().filter(p -> GEOMETRY.contains(p.key())).toList();
        List<ParamSpec> rotated = type.params().stream().filter(p -> !GEOMETRY.contains(p.key())).toList();
        // The padding (when there is one) outermost, so that a rotation runs through all its values under each padding.
        List<ParamSpec> order = new ArrayList<>(geometry);
        order.sort((a, b) -> Boolean.compare(!a.key().equals("padding"), !b.key().equals("padding")));
        List<List<Object>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (ParamSpec p : order) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> c : combinations) {
                for (Object v : representative(p)) {
                    List<Object> more = new ArrayList<>(c);
                    more.add(v);
                    next.add(more);
                }
            }
            combinations = next;
        }
        List<Case> cases = new ArrayList<>();
        int i = 0;
        for (List<Object> values : combinations) {
            LayerSpec layer = catalogue.create(typeId);
            for (int k = 0; k < order.size(); k++) layer = catalogue.with(layer, order.get(k).key(), values.get(k));
            for (ParamSpec p : rotated) {
                List<Object> choices = representative(p);
                layer = catalogue.with(layer, p.key(), choices.get(i % choices.size()));
            }
            i++;
            NetworkSpec network = network(layer);
            var errors = ShapeInference.analyse(network).errors();
            cases.add(new Case(typeId, layer, network, errors.isEmpty() ? null : errors.get(0).message()));
        }
        return cases;
    }

    /**
     * BatchNorm, which has no settings: on images (straight after the input, and after a convolution) and on
     * vectors (after a Dense layer), in networks with images of {@link #CHANNELS} channels.
     */
    static List<Case> batchNorm() {
        LayerCatalogue catalogue = LayerCatalogue.standard();
        LayerSpec bn = catalogue.create("batchnorm");
        InputSpec image = new InputSpec.ImageInput(12, 12, CHANNELS);
        return List.of(
                new Case("batchnorm", bn, new NetworkSpec("batch norm on images", "", image,
                        List.of(bn, new LayerSpec.Flatten(), new LayerSpec.Output(3)), TrainingConfig.defaults()), null),
                new Case("batchnorm", bn, new NetworkSpec("conv, batch norm, dense, batch norm", "", image,
                        List.of(new LayerSpec.Conv2D(4, 3, Activation.RELU), bn, new LayerSpec.Flatten(),
                                new LayerSpec.Dense(6, Activation.TANH), bn, new LayerSpec.Output(3)), TrainingConfig.defaults()), null));
    }

    static NetworkSpec network(LayerSpec layer) {
        return new NetworkSpec(layer.typeName() + " " + layer.describe(), "", new InputSpec.ImageInput(SIDE, SIDE, CHANNELS),
                List.of(layer, new LayerSpec.Flatten(), new LayerSpec.Output(3)), TrainingConfig.defaults());
    }

    static List<Object> representative(ParamSpec p) {
        Set<Object> values = new LinkedHashSet<>();
        switch (p.kind()) {
            case CHOICE -> values.addAll(p.choices());
            case INT -> {
                values.add(p.min().intValue());
                values.add(p.defaultValue());
                values.add(p.max().intValue());
            }
            case NUMBER -> {
                values.add(p.min());
                values.add(p.defaultValue());
                values.add(p.max());
            }
            case PAIR -> {
                int min = p.min().intValue(), max = p.max().intValue();
                values.add(List.of(min, min));
                values.add(p.defaultValue());
                values.add(List.of(max, max));
                values.add(List.of(min, max));
                values.add(List.of(max, min));
            }
        }
        return List.copyOf(values);
    }
}
