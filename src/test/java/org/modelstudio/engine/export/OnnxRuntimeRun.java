package org.modelstudio.engine.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.modelstudio.core.infer.ModelSignature;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An exported ONNX file run by ONNX Runtime, the judge of the export's tests: prepared examples in, the graph's only
 * output out, one row per example; and the judgement itself, {@link #assertAnswersAsTheStudio}.
 */
public final class OnnxRuntimeRun implements AutoCloseable {
    public static final double TOLERANCE = 1e-4;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    private OnnxRuntimeRun(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            session = env.createSession(model, options);
        }
    }

    public static OnnxRuntimeRun open(Path file) throws Exception {
        return new OnnxRuntimeRun(Files.readAllBytes(file));
    }

    public static OnnxRuntimeRun open(byte[] model) throws OrtException {
        return new OnnxRuntimeRun(model);
    }

    public OrtSession session() { return session; }

    /** The output for prepared examples laid out as {@code signature} says (token ids given as int64, the rest float32). */
    public float[][] run(float[][] examples, ModelSignature signature) throws OrtException {
        int size = signature.tensorSize();
        long[] shape = new long[signature.tensorShape().size() + 1];
        shape[0] = examples.length;
        for (int i = 1; i < shape.length; i++) shape[i] = signature.tensorShape().get(i - 1);
        try (OnnxTensor input = signature.tokenIds() ? OnnxTensor.createTensor(env, LongBuffer.wrap(ids(examples, size)), shape)
                : OnnxTensor.createTensor(env, FloatBuffer.wrap(flat(examples, size)), shape);
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static float[] flat(float[][] examples, int size) {
        float[] flat = new float[examples.length * size];
        for (int i = 0; i < examples.length; i++) System.arraycopy(examples[i], 0, flat, i * size, size);
        return flat;
    }

    private static long[] ids(float[][] examples, int size) {
        long[] ids = new long[examples.length * size];
        for (int i = 0; i < examples.length; i++) for (int k = 0; k < size; k++) ids[i * size + k] = (long) examples[i][k];
        return ids;
    }

    /**
     * Asserts that ONNX Runtime's answers for {@code inputs} are the studio's: a classifier's probabilities within
     * {@value #TOLERANCE}, a regression's number (in the label's units) within {@value #TOLERANCE} of the label's standard
     * deviation, the network's own unit. Returns the largest difference (in those units).
     */
    public static double assertAnswersAsTheStudio(TrainedModel model, ModelRuntime runtime, float[][] inputs, Path onnx) throws Exception {
        float[][] studio = runtime.outputs(inputs);
        float[][] ort;
        try (OnnxRuntimeRun run = open(onnx)) {
            ort = run.run(inputs, runtime.signature());
        }
        assertEquals(inputs.length, ort.length);
        double scale = model.regression() ? model.target().std() : 1;
        double worst = 0;
        double spread = 0;
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(studio[i].length, ort[i].length, "outputs per example");
            for (int k = 0; k < studio[i].length; k++) {
                double expected = model.regression() ? model.target().toUnits(studio[i][k]) : studio[i][k];
                worst = Math.max(worst, Math.abs(ort[i][k] - expected) / scale);
                spread = Math.max(spread, Math.abs(studio[i][k] - studio[0][k]));
            }
        }
        assertTrue(worst <= TOLERANCE, model.spec().name() + ": ONNX Runtime differs from the studio by up to " + worst);
        // The inputs must tell apart: a graph that ignored its input could not pass on outputs that vary.
        assertTrue(spread > TOLERANCE, model.spec().name() + ": the studio gives nearly the same output for every input (" + spread + ")");
        return worst;
    }

    @Override public void close() throws OrtException { session.close(); }
}
