package org.modelstudio.engine.export;

import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.Forward;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An exported Keras .h5 file read by DL4J's own Keras importer ({@code KerasModelImport}, code this project did not
 * write), the judge of the Keras export's tests: the file becomes a new DL4J network, which is asked the studio's
 * questions in Keras' layout (images channels last); and the judgement, {@link #assertAnswersAsTheStudio}.
 */
public final class KerasImportRun {
    public static final double TOLERANCE = 1e-5;

    private KerasImportRun() {}

    /** The network DL4J's importer makes of the file (a Keras Sequential model and its weights; no training settings). */
    public static MultiLayerNetwork open(Path h5) throws Exception {
        return KerasModelImport.importKerasSequentialModelAndWeights(h5.toString(), false);
    }

    /**
     * The imported network's outputs for examples prepared as the studio prepares them (an image's values channel by
     * channel, C×H×W), given to it as Keras takes them: images [N, H, W, C], vectors [N, features], token ids [N, length].
     */
    public static float[][] run(MultiLayerNetwork network, float[][] examples, Shape shape) {
        int size = Math.toIntExact(shape.size());
        float[] flat = new float[examples.length * size];
        long[] dims;
        if (shape instanceof Shape.Image img) {
            int h = img.height();
            int w = img.width();
            int c = img.channels();
            for (int n = 0; n < examples.length; n++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) flat[n * size + (y * w + x) * c + ch] = examples[n][(ch * h + y) * w + x];
                    }
                }
            }
            dims = new long[] {examples.length, h, w, c};
        } else {
            for (int n = 0; n < examples.length; n++) System.arraycopy(examples[n], 0, flat, n * size, size);
            dims = new long[] {examples.length, size};
        }
        return Forward.rows(network, flat, dims); // as the studio runs its own network

    }

    /**
     * Asserts that the imported file answers {@code inputs} as the studio does: a classifier's probabilities within
     * {@value #TOLERANCE}, a regression's number (in the label's units, as the file gives it) within {@value #TOLERANCE} of
     * the label's standard deviation, the network's own unit. Returns the largest difference (in those units).
     */
    public static double assertAnswersAsTheStudio(TrainedModel model, ModelRuntime runtime, float[][] inputs, Path h5) throws Exception {
        float[][] studio = runtime.outputs(inputs);
        float[][] keras = run(open(h5), inputs, runtime.model().spec().input().shape());
        assertEquals(inputs.length, keras.length);
        double scale = model.regression() ? model.target().std() : 1;
        double worst = 0;
        double spread = 0;
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(studio[i].length, keras[i].length, "outputs per example");
            for (int k = 0; k < studio[i].length; k++) {
                double expected = model.regression() ? model.target().toUnits(studio[i][k]) : studio[i][k];
                worst = Math.max(worst, Math.abs(keras[i][k] - expected) / scale);
                spread = Math.max(spread, Math.abs(studio[i][k] - studio[0][k]));
            }
        }
        assertTrue(worst <= TOLERANCE, model.spec().name() + ": the imported Keras file differs from the studio by up to " + worst);
        // The inputs must tell apart: a file that ignored its input could not pass on outputs that vary.
        assertTrue(spread > TOLERANCE, model.spec().name() + ": the studio gives nearly the same output for every input (" + spread + ")");
        return worst;
    }
}
