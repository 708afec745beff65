package org.modelstudio.engine.export;

import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

import java.util.ArrayList;
import java.util.List;

import static org.modelstudio.engine.export.OnnxGraph.integer;
import static org.modelstudio.engine.export.OnnxGraph.ints;
import static org.modelstudio.engine.export.OnnxGraph.real;

/**
 * One spec layer as ONNX nodes, its weights and settings read from the trained DL4J layer ({@link TrainedLayer}, which
 * the Keras export reads too). Between layers the tensors keep DL4J's own layouts (images NCHW, vectors [N, features],
 * sequences NCW [N, features, steps]), so every element-wise operator, softmax axis and flattening order is DL4J's; only
 * the LSTM, which ONNX defines over [steps, N, features], sits between two transposes. Whatever ONNX could only
 * approximate is refused with a sentence that names the layer ({@link TrainedLayer.Refusal}).
 *
 * @param x       the tensor that reaches the layer
 * @param trained the trained layer, the shape that reaches it and its name in the studio's language, which refusals say
 * @param node    the layer's name in English ("Conv2D #1"), which its nodes and weights are named after: a file never
 *                depends on the studio's language
 */
record OnnxLayer(OnnxGraph g, String x, TrainedLayer trained, String node) implements LayerSpec.Visitor<String> {

    @Override public String dense(LayerSpec.Dense d) { return fullyConnected(d.activation()); }

    @Override public String output(LayerSpec.Output o) { return fullyConnected(o.activation()); }

    /** DL4J's x·W + b, W being [nIn, nOut]: Gemm without transposes. */
    private String fullyConnected(Activation activation) {
        TrainedLayer.FullyConnected fc = trained.fullyConnected(activation);
        List<String> inputs = new ArrayList<>(List.of(x, g.weights(name() + "/W", fc.weights(), 1, fc.inputs(), fc.units())));
        if (fc.bias() != null) inputs.add(g.weight(name() + "/b", fc.bias(), fc.units()));
        return activation(g.node(name(), "Gemm", inputs), activation);
    }

    @Override public String conv2d(LayerSpec.Conv2D c) {
        TrainedLayer.Convolution conv = trained.convolution(c.activation()); // W [out, in, kH, kW], as ONNX's Conv takes it
        List<String> inputs = new ArrayList<>(List.of(x, g.weights(name() + "/W", conv.weights(), 0, conv.shape())));
        if (conv.bias() != null) inputs.add(g.weight(name() + "/b", conv.bias(), conv.shape()[0]));
        String node = g.node(name(), "Conv", inputs, ints("kernel_shape", conv.conf().getKernelSize()), ints("strides", conv.conf().getStride()),
                ints("pads", conv.pads()), ints("dilations", 1, 1));
        return activation(node, c.activation());
    }

    @Override public String maxPool(LayerSpec.MaxPool p) { return pooling(PoolingType.MAX, "MaxPool"); }

    @Override public String avgPool(LayerSpec.AvgPool p) { return pooling(PoolingType.AVG, "AveragePool"); }

    private String pooling(PoolingType type, String op) {
        SubsamplingLayer conf = trained.pooling(type);
        return g.node(name(), op, List.of(x), ints("kernel_shape", conf.getKernelSize()), ints("strides", conf.getStride()));
    }

    @Override public String globalPooling(LayerSpec.GlobalPooling p) {
        trained.globalPooling(p);
        boolean max = p.pooling() == LayerSpec.GlobalPooling.Pooling.MAX;
        if (trained.in() instanceof Shape.Image) {
            String pooled = g.node(name(), max ? "GlobalMaxPool" : "GlobalAveragePool", List.of(x));
            return g.node(name(), "Flatten", List.of(pooled), integer("axis", 1));
        }
        return g.node(name(), max ? "ReduceMax" : "ReduceMean", List.of(x), ints("axes", 2), integer("keepdims", 0));
    }

    /** ONNX's Pad with zeros, on the height and width of the NCHW image. */
    @Override public String zeroPadding(LayerSpec.ZeroPadding z) {
        trained.zeroPadding(z);
        String pads = g.int64s(name() + "/pads", 0, 0, z.vertical(), z.horizontal(), 0, 0, z.vertical(), z.horizontal());
        return g.node(name(), "Pad", List.of(x, pads));
    }

    /** Never asked: a network with a fixed layer does not compile, so {@link TrainedLayer#dl4jLayerOf} refuses it first. */
    @Override public String fixed(LayerSpec.Fixed f) {
        throw new IllegalArgumentException("no ONNX node for the Keras layer " + f.name());
    }

    /** DL4J's CnnToFeedForwardPreProcessor: NCHW flattened in row-major order, which is ONNX's Flatten. */
    @Override public String flatten(LayerSpec.Flatten f) {
        return trained.in() instanceof Shape.Image ? g.node(name(), "Flatten", List.of(x), integer("axis", 1)) : x;
    }

    /** Dropout only acts while training. */
    @Override public String dropout(LayerSpec.Dropout d) { return g.node(name(), "Identity", List.of(x)); }

    /** Inference with the running mean and variance: γ·(x − mean)/√(var + ε) + β per channel (images) or feature (vectors). */
    @Override public String batchNorm(LayerSpec.BatchNorm b) {
        TrainedLayer.BatchNormStatistics s = trained.batchNorm();
        long n = s.gamma().length;
        return g.node(name(), "BatchNormalization", List.of(x, g.weight(name() + "/scale", s.gamma(), n), g.weight(name() + "/B", s.beta(), n),
                g.weight(name() + "/mean", s.mean(), n), g.weight(name() + "/var", s.variance(), n)), real("epsilon", s.epsilon()));
    }

    @Override public String activationLayer(LayerSpec.ActivationLayer a) {
        trained.activationLayer(a.activation());
        return activation(x, a.activation());
    }

    /** Token ids [N, length] pick rows of W [vocabulary, dimensions]: Gather gives [N, length, dimensions], DL4J's NCW is its transpose. */
    @Override public String embedding(LayerSpec.Embedding e) {
        TrainedLayer.Embedding table = trained.embedding();
        String rows = g.node(name(), "Gather", List.of(g.weights(name() + "/W", table.weights(), 0, table.vocabulary(), table.dimensions()), x),
                integer("axis", 0));
        if (table.bias() != null) rows = g.node(name(), "Add", List.of(rows, g.weight(name() + "/b", table.bias(), table.dimensions())));
        return g.node(name(), "Transpose", List.of(rows), ints("perm", 0, 2, 1));
    }

    /**
     * DL4J's LSTM is ONNX's: ONNX wants the gates' blocks in the order i, o, f, c, each transposed ([units, inputs]), and a
     * second (recurrent) bias, here zero.
     */
    @Override public String lstm(LayerSpec.Lstm l) {
        TrainedLayer.LstmWeights weights = trained.lstm();
        int units = weights.units();
        int inputs = weights.inputs();
        TrainedLayer.Gate[] onnxOrder = {TrainedLayer.Gate.INPUT, TrainedLayer.Gate.OUTPUT, TrainedLayer.Gate.FORGET, TrainedLayer.Gate.CELL};
        float[] onnxW = new float[4 * units * inputs];
        float[] onnxR = new float[4 * units * units];
        float[] onnxB = new float[8 * units];
        for (int block = 0; block < 4; block++) {
            int gate = onnxOrder[block].ordinal();
            for (int u = 0; u < units; u++) {
                int row = block * units + u;
                for (int k = 0; k < inputs; k++) onnxW[row * inputs + k] = weights.input()[gate][k * units + u];
                for (int k = 0; k < units; k++) onnxR[row * units + k] = weights.recurrent()[gate][k * units + u];
                onnxB[row] = weights.bias()[gate][u];
            }
        }
        String steps = g.node(name(), "Transpose", List.of(x), ints("perm", 2, 0, 1)); // [steps, N, features]
        // A row of W and R here is a column of DL4J's, one gate unit: axis 1 holds the channels a compact file scales.
        String[] out = g.node(name(), "LSTM", List.of(steps, g.weights(name() + "/W", onnxW, 1, 1, 4L * units, inputs),
                g.weights(name() + "/R", onnxR, 1, 1, 4L * units, units), g.weight(name() + "/B", onnxB, 1, 8L * units)), 2, integer("hidden_size", units));
        if (!l.returnSequences()) {
            // Y_h [1, N, units]: the state after the last step, which DL4J's LastTimeStep takes.
            return g.node(name(), "Squeeze", List.of(out[1], g.int64s(name() + "/axes", 0)));
        }
        String all = g.node(name(), "Squeeze", List.of(out[0], g.int64s(name() + "/axes", 1))); // Y [steps, 1, N, units] → [steps, N, units]
        return g.node(name(), "Transpose", List.of(all), ints("perm", 1, 2, 0));
    }

    /**
     * The layer's activation {@code a}, which {@link TrainedLayer} found the trained layer to apply, with DL4J's parameters
     * (leaky ReLU's slope, ELU's α). Softmax is over the last axis, as DL4J's.
     */
    private String activation(String t, Activation a) {
        IActivation fn = NetworkCompiler.activation(a).getActivationFunction();
        return switch (a) {
            case IDENTITY -> t;
            case RELU -> g.node(name(), "Relu", List.of(t));
            case LEAKY_RELU -> g.node(name(), "LeakyRelu", List.of(t), real("alpha", ((ActivationLReLU) fn).getAlpha()));
            case ELU -> g.node(name(), "Elu", List.of(t), real("alpha", ((ActivationELU) fn).getAlpha()));
            case SIGMOID -> g.node(name(), "Sigmoid", List.of(t));
            case TANH -> g.node(name(), "Tanh", List.of(t));
            case SOFTMAX -> g.node(name(), "Softmax", List.of(t), integer("axis", -1));
        };
    }

    private String name() { return node; }
}
