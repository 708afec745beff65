package org.modelstudio.engine.explain;

import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A falsifiable check of the occlusion map: 16×16 grey images whose class is told ONLY by the top-left quarter (all
 * bright or all dark), everything else random noise. A trained network's map must light up that quarter; a uniform
 * or random map fails.
 */
class OcclusionTest {
    static final int SIDE = 16;
    static final int QUARTER = SIDE / 2;
    static final List<String> CLASSES = List.of("dark corner", "bright corner");
    static TrainedModel model;

    /** Noise everywhere; the top-left quarter 0.75–1 for class 1, 0–0.25 for class 0. */
    static float[] image(int label, Random r) {
        float[] x = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int xx = 0; xx < SIDE; xx++) {
                boolean corner = y < QUARTER && xx < QUARTER;
                x[y * SIDE + xx] = corner ? (label == 1 ? 0.75f : 0f) + 0.25f * r.nextFloat() : r.nextFloat();
            }
        }
        return x;
    }

    static LabeledData images(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i] = image(y[i], r);
        }
        return new LabeledData(new Shape.Image(SIDE, SIDE, 1), CLASSES, x, y);
    }

    @BeforeAll static void train() throws Exception {
        NetworkSpec spec = new NetworkSpec("corner CNN", "", new InputSpec.ImageInput(SIDE, SIDE, 1), List.of(
                new LayerSpec.Conv2D(6, 3, Activation.RELU),
                new LayerSpec.MaxPool(2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(16, Activation.RELU),
                new LayerSpec.Output(2)),
                TrainingConfig.defaults().withEpochs(4).withBatchSize(16).withLearningRate(0.01).withSeed(5));
        TrainingResult r = Trainer.train(spec, images(300, 1), null, e -> { }, new CancelToken());
        model = r.last();
        assertTrue(Evaluator.evaluate(model, images(100, 2)).accuracy() > 0.95, "the corner is easy to learn");
    }

    @Test void theMapLightsUpTheOnlyRegionThatTellsTheClassesApart() throws Exception {
        LabeledData examples = images(40, 3);
        int clear = 0;
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            float[] x = examples.features()[i];
            int predicted = new ModelRuntime(model).classify(new ModelInput.Tensor(x)).prediction().best().classIndex();
            Heatmap map = Explainer.occlusion(model, x, predicted, new CancelToken(), done -> { });
            assertEquals(SIDE, map.width());
            assertEquals(SIDE, map.height());
            double inside = map.mean(0, 0, QUARTER, QUARTER);
            double outside = (map.mean(0, 0, SIDE, SIDE) * SIDE * SIDE - inside * QUARTER * QUARTER) / (SIDE * SIDE - QUARTER * QUARTER);
            ratios.add(String.format(Locale.ROOT, "%.1f", inside / Math.max(outside, 1e-9)));
            if (inside > 2 * outside) clear++;
        }
        assertTrue(clear >= 0.9 * examples.size(), clear + " of " + examples.size() + " maps are at least twice as strong in the corner: " + ratios);
    }

    @Test void patchesGoThroughInBatchesWithProgressAndCanBeCancelled() {
        float[] x = images(1, 4).features()[0];
        assertEquals(3, Explainer.patchSize(SIDE, SIDE), "a fifth of 16, rounded");
        assertArrayEquals(new int[] {0, 4, 8, 12, 13}, Explainer.positions(16, 3, 4), "the last patch flush with the edge");
        List<Double> progress = new ArrayList<>();
        Explainer.occlusion(model, x, 0, new CancelToken(), progress::add);
        // 14 × 14 positions (stride 1) = 196 occluded images, 64 at a time.
        assertEquals(List.of(64 / 196.0, 128 / 196.0, 192 / 196.0, 1.0), progress);
        CancelToken cancel = new CancelToken();
        List<Double> cancelled = new ArrayList<>();
        assertThrows(CancellationException.class, () -> Explainer.occlusion(model, x, 0, cancel, done -> {
            cancelled.add(done);
            cancel.cancel();
        }));
        assertEquals(1, cancelled.size());
        var wrongSize = assertThrows(IllegalArgumentException.class, () -> Explainer.occlusion(model, new float[10], 0, new CancelToken(), d -> { }));
        assertTrue(wrongSize.getMessage().contains("takes 16×16×1 images (256 values), not 10 values"), wrongSize.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Explainer.occlusion(model, x, 2, new CancelToken(), d -> { }));
    }
}
