package org.modelstudio.engine.export;

import org.modelstudio.core.i18n.Texts;
import onnx.Onnx;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.CompactWeights;
import org.modelstudio.engine.io.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained model as an ONNX file (opset {@value #OPSET}) that ONNX Runtime, or anything else that runs ONNX, answers
 * with the studio's own numbers ({@code OnnxExportTest} holds it to 1e-4 of the studio's probabilities for every
 * shipped template and every layer type). The graph takes {@value #INPUT}, the network's own tensor as the server
 * takes it: float32 [N, C, H, W] images with values 0 to 1, float32 [N, features] prepared table rows or bags of words,
 * or int64 [N, length] token ids, N being any batch size. It gives {@value #PROBABILITIES} (float32 [N, classes]) or,
 * for a regression, {@value #VALUE} (float32 [N, 1], in the label's units). Its metadata holds the model file's own
 * description ({@link ModelFile#manifestFields}): the labels, how raw input is prepared, the network's spec.
 * <p>
 * Each spec layer becomes nodes through one {@link OnnxLayer} (a {@code LayerSpec.Visitor}), with the weights of the
 * trained DL4J layer it was compiled to, read by {@link TrainedLayer}. What ONNX could only approximate is refused
 * ({@link ExportRefusedException}).
 * <p>
 * Compact ({@link #write(TrainedModel, Path, Precision)} with fp16 or int8), the layers' weights are stored as a compact
 * model file stores them: float16 initializers cast to float, or int8 with one scale per output channel dequantized
 * (DequantizeLinear over the channel axis); the rest of the graph computes in float32, so the file answers as the
 * compact model file does. Its metadata then also says {@code compact}.
 */
public final class OnnxExport {
    public static final int OPSET = 13;
    /** The IR version that goes with opset 13. */
    static final long IR_VERSION = 7;
    public static final String INPUT = "input";
    public static final String PROBABILITIES = "probabilities";
    public static final String VALUE = "value";
    public static final String PRODUCER = "Model Studio";
    /** The version of the file's interface (input and output names and layouts, metadata keys); raised when one changes. */
    public static final long MODEL_VERSION = 1;

    private OnnxExport() {}

    /** Writes {@code model} to {@code target}: to a temporary file, then moved into place, so never half-written. */
    public static void write(TrainedModel model, Path target) throws IOException, ExportRefusedException {
        write(model, target, Precision.FLOAT32);
    }

    /** Writes {@code model} with its weights at {@code precision} (see the class comment), atomically. */
    public static void write(TrainedModel model, Path target, Precision precision) throws IOException, ExportRefusedException {
        AtomicFiles.write(target, export(model, precision).toByteArray());
    }

    /** The model as an ONNX model; refused, with the layer named, when a layer cannot be written exactly. */
    public static Onnx.ModelProto export(TrainedModel model) throws IOException, ExportRefusedException {
        return export(model, Precision.FLOAT32);
    }

    /** As {@link #export(TrainedModel)}, the weights at {@code precision}; refused when a weight does not fit it (fp16 beyond 65,504). */
    public static Onnx.ModelProto export(TrainedModel model, Precision precision) throws IOException, ExportRefusedException {
        if (precision != Precision.FLOAT32) {
            String problem = CompactWeights.problem(model, precision);
            if (problem != null) throw new ExportRefusedException(problem);
        }
        NetworkSpec spec = model.spec();
        NetworkSummary summary = ShapeInference.analyse(spec);
        int[] dl4jLayerOf = TrainedLayer.dl4jLayerOf(spec);
        MultiLayerNetwork network = model.network();
        OnnxGraph g = new OnnxGraph(precision);
        String x = INPUT;
        Shape in = summary.inputShape();
        Layer feeding = null;
        try {
            for (LayerSummary row : summary.layers()) {
                int d = dl4jLayerOf[row.index()];
                Layer layer = d < 0 ? null : network.getLayer(d);
                x = row.layer().accept(new OnnxLayer(g, x, new TrainedLayer(layer, feeding, in, row.label()), Texts.inEnglish(row::label)));
                in = row.outputShape();
                // At inference DL4J's dropout and activation layers hand on the array they were given (changed in place).
                if (layer != null && !(layer instanceof DropoutLayer)
                        && !(layer instanceof ActivationLayer)) {
                    feeding = layer;
                }
            }
        } catch (TrainedLayer.Refusal r) {
            throw new ExportRefusedException(Texts.get("engine.export.not-exactly", "ONNX", r.getMessage()));
        }
        String output = PROBABILITIES;
        if (model.regression()) {
            // The network learnt the label standardised; the file answers in the label's units, as the studio does.
            InputPreparation.Target target = model.target();
            x = g.node("label", "Mul", List.of(x, g.weight("label/std", new float[] {(float) target.std()})));
            x = g.node("label", "Add", List.of(x, g.weight("label/mean", new float[] {(float) target.mean()})));
            output = VALUE;
        }
        g.nameOutput(x, output);
        g.proto().setName(spec.name()).addInput(input(summary.inputShape())).addOutput(OnnxGraph.valueInfo(output,
                Onnx.TensorProto.DataType.FLOAT_VALUE, model.regression()
                        ? "the predicted \"" + model.labels().get(0) + "\", in its own units"
                        : "each class's probability, in the order of the metadata's \"labels\"",
                "N", in.size()));

        Onnx.ModelProto.Builder file = Onnx.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER).setProducerVersion(version()).setModelVersion(MODEL_VERSION)
                .setDocString(spec.name() + (spec.description().isEmpty() ? "" : ": " + spec.description()))
                .setGraph(g.proto());
        for (Map.Entry<String, String> field : ModelFile.manifestFields(model).entrySet()) {
            file.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(field.getKey()).setValue(field.getValue()));
        }
        if (precision != Precision.FLOAT32) file.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("compact").setValue(precision.id()));
        return file.build();
    }

    /** The graph's input: the network's own tensor, the batch first. */
    private static Onnx.ValueInfoProto input(Shape shape) {
        int floats = Onnx.TensorProto.DataType.FLOAT_VALUE;
        if (shape instanceof Shape.Image img) {
            return OnnxGraph.valueInfo(INPUT, floats, "images, values 0 (black) to 1 (white); raw images are prepared as the metadata's "
                    + "\"preprocessing\" says", "N", img.channels(), img.height(), img.width());
        }
        if (shape instanceof Shape.Tokens tokens) {
            return OnnxGraph.valueInfo(INPUT, Onnx.TensorProto.DataType.INT64_VALUE, "token ids from 0 to " + (tokens.vocabulary() - 1)
                    + " (0 pads); texts become ids as the metadata's \"preparation\" says", "N", tokens.length());
        }
        return OnnxGraph.valueInfo(INPUT, floats, "prepared features; raw rows or texts become them as the metadata's \"preparation\" says",
                "N", shape.size());
    }

    private static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
