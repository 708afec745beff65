package org.modelstudio.engine.compile;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.catalogue.CatalogueNetworks;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Core's shape inference must say exactly what DL4J computes, for every shipped spec and every layer type of the catalogue:
 * each layer's output shape and parameter count, both as DL4J's configuration declares them and as the
 * arrays that a forward pass of a small batch really has.
 */
class ParityTest {

    @Test void everyShippedSpec() throws Exception {
        for (NetworkSpec spec : SampleData.specs()) check(spec);
    }

    @Test void everyLayerType() throws Exception {
        for (NetworkSpec spec : CatalogueNetworks.oneOfEachType()) check(spec);
    }

    @Test void settingsOtherThanTheDefaults() throws Exception {
        check(CatalogueNetworks.imageLayers());
        check(CatalogueNetworks.globalPooling());
    }

    @Test void sequenceNetworks() throws Exception {
        check(CatalogueNetworks.sequence());
        check(CatalogueNetworks.sequencePooling());
        check(new NetworkSpec("LSTM then pooling", "", new InputSpec.SequenceInput(7, 20), List.of(
                new LayerSpec.Embedding(4), new LayerSpec.Dropout(0.5), new LayerSpec.Lstm(3, true),
                new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX), new LayerSpec.Dropout(0.1), new LayerSpec.Output(2)),
                TrainingConfig.defaults()));
    }

    private static void check(NetworkSpec spec) throws Exception {
        NetworkSummary summary = ShapeInference.analyse(spec);
        NetworkCompiler.Compiled compiled = NetworkCompiler.compile(spec);
        MultiLayerNetwork net = new MultiLayerNetwork(compiled.configuration());
        net.init();
        List<InputType> types = compiled.configuration().getLayerActivationTypes(compiled.inputType());
        // activations.get(0) is the input, activations.get(d + 1) the output of DL4J layer d.
        List<INDArray> activations = net.feedForward(exampleBatch(spec.input(), 2), false);
        List<String> ours = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        Shape in = summary.inputShape();
        for (LayerSummary row : summary.layers()) {
            int d = compiled.dl4jLayerOf()[row.index()];
            Shape out = row.outputShape();
            boolean pooledSequence = row.layer() instanceof LayerSpec.GlobalPooling && in instanceof Shape.Sequence;
            in = out;
            if (d < 0) continue;
            long params = net.getLayer(d).numParams();
            ours.add(row.label() + " " + out + " " + row.parameters());
            InputType type = types.get(d);
            String declaredShape = shape(type).toString();
            if (pooledSequence) {
                // DL4J M2.1's GlobalPoolingLayer declares a recurrent input's type unchanged as its output type
                // although it outputs [n, features]; the compiler gives the next layer, whatever it is, an
                // RnnToFeedForward preprocessor that passes the 2-D array through and declares it a vector. The
                // declared size must still be core's number of features; the forward pass below checks the rest.
                InputType.InputTypeRecurrent r = assertInstanceOf(InputType.InputTypeRecurrent.class, type, row.label());
                assertEquals(((Shape.Vector) out).length(), r.getSize(), row.label());
                declaredShape = out.toString();
            }
            declared.add(row.label() + " " + declaredShape + " " + params);
            computed.add(row.label() + " " + shape(activations.get(d + 1)) + " " + params);
        }
        assertEquals(ours, declared, spec.name() + ": as DL4J's configuration declares them");
        assertEquals(ours, computed, spec.name() + ": as DL4J's forward pass computes them");
        assertEquals(summary.totalParameters(), net.numParams(), spec.name());
    }

    /** A batch of {@code n} random examples the network can take: token ids below the vocabulary for sequences. */
    private static INDArray exampleBatch(InputSpec input, int n) {
        Random random = new Random(1);
        if (input instanceof InputSpec.SequenceInput seq) {
            float[] ids = new float[n * seq.length()];
            for (int i = 0; i < ids.length; i++) ids[i] = random.nextInt(seq.vocabulary());
            return Nd4j.create(ids, new long[] {n, seq.length()}, DataType.FLOAT);
        }
        if (input instanceof InputSpec.ImageInput img) return Nd4j.rand(DataType.FLOAT, n, img.channels(), img.height(), img.width());
        return Nd4j.rand(DataType.FLOAT, n, ((InputSpec.VectorInput) input).features());
    }

    private static Shape shape(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return new Shape.Image((int) c.getHeight(), (int) c.getWidth(), (int) c.getChannels());
        }
        if (t instanceof InputType.InputTypeRecurrent r) return new Shape.Sequence((int) r.getTimeSeriesLength(), (int) r.getSize());
        return new Shape.Vector((int) t.arrayElementsPerExample());
    }

    /** The shape of one example of a batch: NCHW images, NCW sequences, [n, k] vectors. */
    private static Shape shape(INDArray a) {
        long[] s = a.shape();
        if (s.length == 4) return new Shape.Image((int) s[2], (int) s[3], (int) s[1]);
        if (s.length == 3) return new Shape.Sequence((int) s[2], (int) s[1]);
        assertEquals(2, s.length, "an activation is a batch of images, sequences or vectors");
        return new Shape.Vector((int) s[1]);
    }
}
