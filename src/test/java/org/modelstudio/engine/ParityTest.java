package org.modelstudio.engine;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.engine.compile.NetworkCompiler;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Core's shape inference must say exactly what DL4J computes, for every shipped spec and every layer type. */
class ParityTest {

    @Test void everyShippedSpec() throws Exception {
        for (NetworkSpec spec : SampleData.specs()) check(spec);
    }

    @Test void everyLayerType() throws Exception {
        check(org.modelstudio.core.SpecJsonTest.everyLayer());
        check(org.modelstudio.core.SpecJsonTest.globalPooling());
    }

    private static void check(NetworkSpec spec) throws Exception {
        NetworkSummary summary = ShapeInference.analyse(spec);
        NetworkCompiler.Compiled compiled = NetworkCompiler.compile(spec);
        MultiLayerNetwork net = new MultiLayerNetwork(compiled.configuration());
        net.init();
        List<InputType> types = compiled.configuration().getLayerActivationTypes(compiled.inputType());
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (LayerSummary row : summary.layers()) {
            int d = compiled.dl4jLayerOf()[row.index()];
            if (d < 0) continue;
            ours.add(row.label() + " " + row.outputShape() + " " + row.parameters());
            theirs.add(row.label() + " " + shape(types.get(d)) + " " + net.getLayer(d).numParams());
        }
        assertEquals(ours, theirs, spec.name());
        assertEquals(summary.totalParameters(), net.numParams(), spec.name());
    }

    private static String shape(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return new Shape.Image((int) c.getHeight(), (int) c.getWidth(), (int) c.getChannels()).toString();
        }
        return new Shape.Vector((int) t.arrayElementsPerExample()).toString();
    }
}
