package org.modelstudio.core.catalogue;

import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.catalogue.LayerType;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Test networks for "every layer type", made from the layer catalogue rather than listed by hand, so that a type added
 * to the catalogue is tested everywhere these are used (spec JSON, parity with DL4J, the exports) without touching a
 * test. Each holds one layer of the type with its catalogue defaults, in the first of a few small settings where the
 * shape checker finds no error: an image, a vector, token ids, or token ids through an Embedding; followed by what
 * leads its output to a softmax Output layer. The scaffolding layers come from the catalogue too.
 */
public final class CatalogueNetworks {

    private CatalogueNetworks() {}

    /** One network per catalogue type, in the catalogue's order. */
    public static List<NetworkSpec> oneOfEachType() {
        LayerCatalogue catalogue = LayerCatalogue.standard();
        return catalogue.types().stream().map(t -> around(catalogue, t)).toList();
    }

    private static NetworkSpec around(LayerCatalogue catalogue, LayerType type) {
        LayerSpec layer = catalogue.create(type.type());
        List<LayerSpec> output = List.of(catalogue.create("output"));
        List<Setting> settings = List.of(
                new Setting(new InputSpec.ImageInput(8, 8, 3), List.of()),
                new Setting(new InputSpec.VectorInput(6), List.of()),
                new Setting(new InputSpec.SequenceInput(7, 20), List.of()),
                new Setting(new InputSpec.SequenceInput(7, 20), List.of(catalogue.create("embedding"))));
        List<List<LayerSpec>> endings = List.of(List.of(), output,
                concat(List.of(catalogue.create("flatten")), output), concat(List.of(catalogue.create("globalpooling")), output));
        for (Setting s : settings) {
            for (List<LayerSpec> ending : endings) {
                List<LayerSpec> layers = concat(concat(s.before(), List.of(layer)), ending);
                NetworkSpec spec = new NetworkSpec("Catalogue " + type.name(), "a " + type.name() + " with the catalogue's defaults",
                        s.input(), layers, TrainingConfig.defaults());
                if (!ShapeInference.analyse(spec).hasErrors()) return spec;
            }
        }
        throw new IllegalStateException("A " + type.name() + " with the catalogue's defaults fits none of the small networks in "
                + CatalogueNetworks.class.getSimpleName() + ": add an input or the layers it needs before it there.");
    }

    /** An input and the layers that come before the layer under test. */
    private record Setting(InputSpec input, List<LayerSpec> before) {}

    private static List<LayerSpec> concat(List<LayerSpec> a, List<LayerSpec> b) {
        List<LayerSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
