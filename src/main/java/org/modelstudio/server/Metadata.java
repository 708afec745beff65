package org.modelstudio.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.modelstudio.core.infer.ModelSignature;

import java.util.ArrayList;
import java.util.List;

/** The Open Inference Protocol's metadata replies: the server's, and each model's inputs and outputs. */
final class Metadata {
    static final String SERVER_NAME = "model-studio";
    static final String PLATFORM = "deeplearning4j_modelstudio";

    private Metadata() {}

    static byte[] server(String version) {
        ObjectNode n = Json.object().put("name", SERVER_NAME).put("version", version);
        n.putArray("extensions").add("classify").add("metrics").add("model_versions");
        return Json.bytes(n);
    }

    /** A model's name, loaded versions, inputs and outputs (-1 for the batch), labels and how raw input is prepared. */
    static byte[] model(ServedModel served, ModelVersion version) {
        ModelSignature sig = version.runtime().signature();
        ObjectNode n = Json.object().put("name", served.name());
        ArrayNode versions = n.putArray("versions");
        served.versions().forEach(versions::add);
        n.put("platform", PLATFORM);
        ArrayNode inputs = n.putArray("inputs");
        tensor(inputs, TensorBinding.TENSOR, TensorBinding.tensorType(sig), batched(sig.tensorShape()));
        String raw = TensorBinding.rawName(sig);
        if (raw != null) tensor(inputs, raw, "BYTES", TensorBinding.rawShape(sig));
        ArrayNode outputs = n.putArray("outputs");
        if (sig.regression()) {
            tensor(outputs, "value", "FP32", List.of(-1L, 1L));
        } else {
            tensor(outputs, "probabilities", "FP32", List.of(-1L, (long) sig.labels().size()));
            tensor(outputs, "label", "BYTES", List.of(-1L));
        }
        ArrayNode labels = n.putArray("labels");
        sig.labels().forEach(labels::add);
        ObjectNode p = n.putObject("parameters");
        p.put("version", version.version());
        p.put("task", sig.regression() ? "regression" : "classification");
        p.put("reads", sig.kind().reads());
        p.put("preparation", sig.preparation());
        if (!sig.columns().isEmpty()) p.put("columns", String.join(",", sig.columns()));
        return Json.bytes(n);
    }

    private static List<Long> batched(List<Integer> dims) {
        List<Long> shape = new ArrayList<>();
        shape.add(-1L);
        dims.forEach(d -> shape.add((long) d));
        return shape;
    }

    private static void tensor(ArrayNode into, String name, String datatype, List<Long> shape) {
        ObjectNode t = into.addObject().put("name", name).put("datatype", datatype);
        ArrayNode s = t.putArray("shape");
        shape.forEach(s::add);
    }
}
