package org.modelstudio.engine.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FasterUpdates}: the Java Adam step and the lean updater blocks against DL4J's own (libnd4j's {@code adam_updater} op) as the judge: two
 * copies of a network,
 * the same batches, one with each; after every epoch the parameters and the updater state must agree.
 */
class FasterUpdatesTest {
    private static final double TOLERANCE = 1e-5;

    @Test void theMlpLearnsTheSameAsWithDl4jsAdam() throws Exception {
        sideBySide(SampleData.spec("mlp.json"), 3, false);
    }

    @Test void severalUpdaterBlocksAnL2PenaltyAndARateChangedBetweenEpochs() throws Exception {
        // BatchNorm's running mean and variance take no Adam step, so its network's Adam state is split into blocks
        // that start part-way into the arrays; L2 is applied around the step; changing the rate rebuilds the updater.
        NetworkSpec spec = SpecJson.read("""
                { "format": "model-studio/network", "version": 2, "name": "bn",
                  "input": { "type": "image", "height": 28, "width": 28, "channels": 1 },
                  "layers": [ { "type": "conv2d", "filters": 4, "kernel": 3, "activation": "relu" },
                              { "type": "batchnorm" }, { "type": "maxpool", "pool": 2 }, { "type": "flatten" },
                              { "type": "dense", "units": 16, "activation": "relu" }, { "type": "batchnorm" },
                              { "type": "output", "units": 10, "activation": "softmax" } ],
                  "training": { "optimizer": "adam", "learningRate": 0.003, "batchSize": 32, "epochs": 3, "seed": 7,
                                "loss": "cross_entropy", "l2": 0.0005 } }""");
        sideBySide(spec, 3, true);
    }

    private static void sideBySide(NetworkSpec spec, int epochs, boolean changeRate) throws Exception {
        LabeledData data = SampleData.fashionMnistTrain().first(640);
        List<DataSet> batches = BatchIterator.slice(data, 0, data.size()).batchBy(32);
        MultiLayerNetwork dl4j = new MultiLayerNetwork(NetworkCompiler.compile(spec).configuration());
        dl4j.init();
        MultiLayerNetwork java = new MultiLayerNetwork(NetworkCompiler.compile(spec).configuration());
        java.init();
        assertEquals(dl4j.params(), java.params());
        double startLoss = loss(java, batches.get(0));
        for (int e = 0; e < epochs; e++) {
            if (changeRate && e == 1) {
                dl4j.setLearningRate(0.001);
                java.setLearningRate(0.001);
            }
            FasterUpdates.install(java);
            assertTrue(javaAdamIn(java), "the Java Adam is in every Adam block");
            assertFalse(javaAdamIn(dl4j));
            int fitted = 0;
            for (DataSet b : batches) {
                dl4j.fit(b);
                java.fit(b);
                fitted++;
            }
            for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) java.getUpdater()).getUpdaterBlocks()) {
                if (block.getGradientUpdater() instanceof AdamInJava adam) {
                    assertEquals(0, adam.stockSteps, "no step went to DL4J's op");
                    assertEquals(fitted, adam.javaSteps, "every step ran in Java");
                    adam.javaSteps = 0;
                }
            }
            assertClose(dl4j.params(), java.params(), "parameters after epoch " + (e + 1));
            assertClose(dl4j.getUpdater().getStateViewArray(), java.getUpdater().getStateViewArray(), "Adam's m and v after epoch " + (e + 1));
        }
        boolean l2 = spec.training().l2() > 0;
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) java.getUpdater()).getUpdaterBlocks()) {
            FasterUpdates.LeanBlock lean = (FasterUpdates.LeanBlock) block;
            if (block.getGradientUpdater() instanceof AdamInJava) {
                assertEquals(l2, lean.regularizes(Regularization.ApplyStep.BEFORE_UPDATER), "L2 is applied before the step exactly when the spec has it");
            }
            assertFalse(lean.regularizes(Regularization.ApplyStep.POST_UPDATER));
        }
        if (changeRate) {
            int blocks = ((BaseMultiLayerUpdater<?>) java.getUpdater()).getUpdaterBlocks().size();
            assertTrue(blocks > 1, "the BatchNorm network has several updater blocks, not " + blocks);
        }
        assertTrue(loss(java, batches.get(0)) < startLoss * 0.8, "it learned");

        // Nothing of the Java step is saved: the file names DL4J's Adam and restores with DL4J's own updater.
        assertFalse(java.getLayerWiseConfigurations().toJson().contains("AdamInJava"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(java, out, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(out.toByteArray()), true);
        assertTrue(restored.getLayer(0).conf().getLayer().getUpdaterByParam("W") instanceof Adam);
        assertEquals(java.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        restored.fit(batches.get(0));
        assertTrue(((BaseMultiLayerUpdater<?>) restored.getUpdater()).getUpdaterBlocks().get(0).getGradientUpdater() instanceof AdamUpdater);
    }

    /** Whether every block of the network's updater is a lean one, and every Adam block runs in Java. */
    private static boolean javaAdamIn(MultiLayerNetwork net) {
        boolean any = false;
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks()) {
            if (!(block instanceof FasterUpdates.LeanBlock) || block.getGradientUpdater() instanceof AdamUpdater) return false;
            any |= block.getGradientUpdater() instanceof AdamInJava;
        }
        return any;
    }

    private static double loss(MultiLayerNetwork net, DataSet batch) {
        return net.score(batch);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1, expected.norm2Number().doubleValue() / Math.sqrt(expected.length()));
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst <= TOLERANCE * scale, what + ": largest difference " + worst);
    }
}
