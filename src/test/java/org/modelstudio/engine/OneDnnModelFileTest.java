package org.modelstudio.engine;

import org.modelstudio.core.events.RunOutcome;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model trained on oneDNN is saved as a plain DL4J model: its configuration names only DL4J's own classes, and
 * DL4J alone ({@code ModelSerializer}, with its layer helpers off as they are by default) restores it and computes
 * the same outputs.
 */
class OneDnnModelFileTest {

    @Test void aModelTrainedOnOneDnnLoadsInPlainDl4jWithTheSameOutputs(@TempDir Path dir) throws Exception {
        NetworkSpec spec = new NetworkSpec("conv, batch norm and both poolings", "", new InputSpec.ImageInput(8, 8, 1), List.of(
                new LayerSpec.Conv2D(8, 3, Activation.RELU), new LayerSpec.BatchNorm(), new LayerSpec.MaxPool(2),
                new LayerSpec.Conv2D(6, 3, 3, 1, 1, Padding.SAME, Activation.ELU, WeightInit.HE), new LayerSpec.AvgPool(2),
                new LayerSpec.Flatten(), new LayerSpec.Output(3)),
                TrainingConfig.defaults().withEpochs(2).withBatchSize(16).withLearningRate(0.01));
        TrainingResult result = Trainer.train(spec, TestData.bars(120, 1), null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome());
        MultiLayerNetwork trained = result.model().network();
        if (OneDnn.inNatives()) {
            assertNotNull(trained.getLayer(0).getHelper(), "trained on oneDNN");
            assertNotNull(trained.getLayer(2).getHelper(), "pooled on oneDNN");
        }

        Path file = dir.resolve("model.zip");
        ModelFile.save(result.model(), file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String configuration = new String(zip.getInputStream(zip.getEntry("configuration.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(configuration.contains("org.modelstudio"), "no class of the studio in the file");
            Matcher m = Pattern.compile("\"@class\"\\s*:\\s*\"([^\"]+)\"").matcher(configuration);
            int classes = 0;
            while (m.find()) {
                classes++;
                assertTrue(m.group(1).startsWith("org.deeplearning4j.") || m.group(1).startsWith("org.nd4j."), m.group(1));
            }
            assertTrue(classes > 5, "the configuration names its layers' classes");
        }

        MultiLayerNetwork plain = restoreWithHelpersOff(file);
        for (Layer l : plain.getLayers()) assertNull(l.getHelper(), "plain DL4J: " + l.getClass().getSimpleName() + " has no helper");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 8, 8);
        INDArray expected = trained.output(x, false);
        boolean allowed = Nd4j.getEnvironment().helpersAllowed();
        Nd4j.getEnvironment().allowHelpers(false); // no oneDNN in libnd4j either
        INDArray actual;
        try {
            actual = plain.output(x, false);
        } finally {
            Nd4j.getEnvironment().allowHelpers(allowed);
        }
        OneDnnParityTest.assertClose(expected, actual, OneDnnParityTest.OUTPUT_TOLERANCE, "plain DL4J's outputs");
        assertTrue(expected.argMax(1).toIntVector().length == 16 && expected.getColumn(0).stdNumber().doubleValue() > 1e-3,
                "not a model that says the same thing for every input");

        TrainedModel loaded = ModelFile.load(file);
        if (OneDnn.inNatives()) assertNotNull(loaded.network().getLayer(0).getHelper(), "the studio loads it onto oneDNN again");
        OneDnnParityTest.assertClose(expected, loaded.network().output(x, false), OneDnnParityTest.OUTPUT_TOLERANCE, "reloaded outputs");
    }

    /** What a program with DL4J and nothing else does: its helpers are off unless asked for. */
    private static MultiLayerNetwork restoreWithHelpersOff(Path file) throws Exception {
        String before = System.getProperty(OneDnn.DL4J_HELPERS_DISABLED);
        System.setProperty(OneDnn.DL4J_HELPERS_DISABLED, "true");
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } finally {
            if (before == null) System.clearProperty(OneDnn.DL4J_HELPERS_DISABLED); else System.setProperty(OneDnn.DL4J_HELPERS_DISABLED, before);
        }
    }
}
