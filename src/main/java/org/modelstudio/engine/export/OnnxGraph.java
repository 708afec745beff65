package org.modelstudio.engine.export;

import onnx.Onnx;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.io.HalfFloats;
import org.modelstudio.engine.io.Int8Weights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX graph being written, one node at a time: each node gets a unique output name, each weight becomes an
 * initializer (little-endian raw data, as ONNX stores it). Names say which layer a node belongs to ("Conv2D #1/Conv"),
 * so a viewer such as Netron shows the studio's layers. A layer's weights ({@link #weights}) are stored at the graph's
 * precision, as a compact model file stores them.
 */
final class OnnxGraph {
    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Set<String> nodeNames = new HashSet<>();
    private final Precision precision;

    OnnxGraph() { this(Precision.FLOAT32); }

    /** A graph whose layers' weights are stored at {@code precision}. */
    OnnxGraph(Precision precision) { this.precision = precision; }

    /** The graph so far. */
    Onnx.GraphProto.Builder proto() { return graph; }

    /** Adds a node of {@code op} in the layer {@code owner}; returns the name of its (first) output. */
    String node(String owner, String op, List<String> inputs, Onnx.AttributeProto... attributes) {
        return node(owner, op, inputs, 1, attributes)[0];
    }

    /**
     * Adds a node with {@code outputs} outputs, named uniquely after the layer and the op; returns their names. An ONNX
     * node may leave an optional output unnamed (""): callers that need only a later output ask for all of them.
     */
    String[] node(String owner, String op, List<String> inputs, int outputs, Onnx.AttributeProto... attributes) {
        String base = owner + "/" + op;
        for (int k = 2; !nodeNames.add(base); k++) base = owner + "/" + op + "_" + k;
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder().setName(base).setOpType(op).addAllInput(inputs);
        String[] names = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            names[i] = outputs == 1 ? base : base + ":" + i;
            node.addOutput(names[i]);
        }
        for (Onnx.AttributeProto a : attributes) node.addAttribute(a);
        graph.addNode(node);
        return names;
    }

    /** Gives {@code tensor}, the last node's output, its public name as the graph's output. */
    void nameOutput(String tensor, String name) {
        Onnx.NodeProto.Builder last = graph.getNodeBuilder(graph.getNodeCount() - 1);
        if (!last.getOutput(0).equals(tensor)) throw new IllegalStateException(tensor + " is not the last node's output");
        last.setOutput(0, name);
    }

    /** A float32 weight of the given shape, its values in row-major order. */
    String weight(String name, float[] values, long... dims) {
        long size = 1;
        for (long d : dims) size *= d;
        if (size != values.length) throw new IllegalArgumentException(name + ": " + values.length + " values for a shape of " + size);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(name, Onnx.TensorProto.DataType.FLOAT_VALUE, bytes, dims);
    }

    /**
     * A layer's weights (the parameters a compact model file compacts), stored at the graph's precision; returns the name
     * of the float32 tensor they give. float32: an initializer, as {@link #weight}. fp16: a float16 initializer and a Cast
     * to float. int8: an int8 initializer with one float32 scale (and a zero point of 0) per index of {@code channelAxis},
     * and a DequantizeLinear over that axis (opset 13), the integers and scales being exactly a compact file's.
     */
    String weights(String name, float[] values, int channelAxis, long... dims) {
        switch (precision) {
            case FP16 -> {
                ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) bytes.putShort(HalfFloats.fromFloat(v));
                String halves = initializer(name + "/fp16", Onnx.TensorProto.DataType.FLOAT16_VALUE, bytes, dims);
                return node(name, "Cast", List.of(halves), integer("to", Onnx.TensorProto.DataType.FLOAT_VALUE));
            }
            case INT8 -> {
                long[] shape = dims.clone();
                Int8Weights q = Int8Weights.quantize(values, shape, channelAxis);
                String ints = initializer(name + "/int8", Onnx.TensorProto.DataType.INT8_VALUE, ByteBuffer.wrap(q.values()), dims);
                String scales = weight(name + "/scale", q.scales(), q.scales().length);
                String zeros = initializer(name + "/zero_point", Onnx.TensorProto.DataType.INT8_VALUE, ByteBuffer.allocate(q.scales().length),
                        q.scales().length);
                return node(name, "DequantizeLinear", List.of(ints, scales, zeros), integer("axis", channelAxis));
            }
            default -> {
                return weight(name, values, dims);
            }
        }
    }

    /** As {@link #weights(String, float[], int, long...)}, for a DL4J array read in row-major order. */
    String weights(String name, INDArray array, int channelAxis, long... dims) {
        return weights(name, TrainedLayer.values(array), channelAxis, dims);
    }

    /** A DL4J array as a float32 weight, reshaped to {@code dims} (its values read in row-major order). */
    String weight(String name, INDArray array, long... dims) {
        return weight(name, TrainedLayer.values(array), dims);
    }

    /** An int64 constant, such as the axes of a Squeeze. */
    String int64s(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(name, Onnx.TensorProto.DataType.INT64_VALUE, bytes, values.length);
    }

    private String initializer(String name, int type, ByteBuffer bytes, long... dims) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) t.addDims(d);
        graph.addInitializer(t);
        return name;
    }

    /** The type and shape of a graph input or output; a dimension is a number, or a name ("N") for one that varies. */
    static Onnx.ValueInfoProto valueInfo(String name, int elementType, String doc, Object... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String param) dim.setDimParam(param);
            else dim.setDimValue(((Number) d).longValue());
            shape.addDim(dim);
        }
        Onnx.TypeProto.Tensor.Builder tensor = Onnx.TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape);
        return Onnx.ValueInfoProto.newBuilder().setName(name).setDocString(doc)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    static Onnx.AttributeProto ints(String name, int[] values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) l[i] = values[i];
        return ints(name, l);
    }

    static Onnx.AttributeProto integer(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value).build();
    }

    static Onnx.AttributeProto real(String name, double value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT).setF((float) value).build();
    }
}
