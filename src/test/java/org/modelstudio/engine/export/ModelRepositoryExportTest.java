package org.modelstudio.engine.export;

import org.modelstudio.core.events.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trained model as a Triton/KServe model folder; ONNX Runtime runs its model.onnx with the shapes its config states. */
class ModelRepositoryExportTest {

    private static TrainedModel trained(String template, int examples) throws Exception {
        NetworkSpec spec = SampleData.spec(template);
        LabeledData all = SampleData.fashionMnistTrain();
        LabeledData some = new LabeledData(all.exampleShape(), all.classes(), Arrays.copyOf(all.features(), examples),
                Arrays.copyOf(all.labels(), examples));
        TrainingResult result = Trainer.train(spec.withTraining(spec.training().withEpochs(1)), some, null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        return result.model();
    }

    @Test void aFolderTritonCanServeAndTheNextExportIsTheNextVersion(@TempDir Path repo) throws Exception {
        TrainedModel model = trained("small-cnn.json", 128);
        assertEquals(1, ModelRepositoryExport.write(model, repo, "fashion"));
        Path folder = repo.resolve("fashion");
        String config = Files.readString(folder.resolve("config.pbtxt"));
        for (String line : List.of("name: \"fashion\"", "platform: \"onnxruntime_onnx\"", "max_batch_size: 64", "name: \"input\"",
                "data_type: TYPE_FP32", "dims: [ 1, 28, 28 ]", "name: \"probabilities\"", "dims: [ 10 ]",
                "label_filename: \"labels.txt\"", "dynamic_batching {", "max_queue_delay_microseconds: 1000")) {
            assertTrue(config.contains(line), line + " in\n" + config);
        }
        assertEquals(SampleData.FASHION_CLASSES, Files.readAllLines(folder.resolve("labels.txt")));

        // ONNX Runtime takes a batch shaped as the config says (the batch first, then dims) and answers as the studio.
        assertArrayEquals(new long[] {1, 28, 28}, ModelRepositoryExport.inputDims(config));
        Path onnx = folder.resolve("1").resolve("model.onnx");
        float[][] images = Arrays.copyOf(SampleData.fashionMnistTest().features(), 16);
        double worst = OnnxRuntimeRun.assertAnswersAsTheStudio(model, new ModelRuntime(model), images, onnx);
        assertTrue(worst < OnnxRuntimeRun.TOLERANCE, "largest difference " + worst);

        // Retrained, the same network goes in as version 2 beside version 1; the config stays.
        TrainedModel retrained = trained("small-cnn.json", 256);
        assertEquals(2, ModelRepositoryExport.write(retrained, repo, "fashion"));
        assertTrue(Files.isRegularFile(folder.resolve("1").resolve("model.onnx")));
        assertTrue(Files.isRegularFile(folder.resolve("2").resolve("model.onnx")));
        assertEquals(config, Files.readString(folder.resolve("config.pbtxt")));
    }

    private static TrainedModel fiveClasses() throws Exception {
        LabeledData all = SampleData.fashionMnistTrain();
        int[] keep = IntStream.range(0, 400).filter(i -> all.labels()[i] < 5).toArray();
        float[][] x = new float[keep.length][];
        int[] y = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            x[i] = all.features()[keep[i]];
            y[i] = all.labels()[keep[i]];
        }
        LabeledData five = new LabeledData(all.exampleShape(), all.classes().subList(0, 5), x, y);
        NetworkSpec mlp = SampleData.spec("mlp.json");
        List<LayerSpec> layers = new ArrayList<>(mlp.layers());
        layers.set(layers.size() - 1, new LayerSpec.Output(5));
        NetworkSpec spec = mlp.withLayers(layers).withTraining(mlp.training().withEpochs(1));
        TrainingResult result = Trainer.train(spec, five, null, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        return result.model();
    }

    @Test void anotherModelUnderTheSameNameOrANameThatIsAPathIsRefused(@TempDir Path repo) throws Exception {
        ModelRepositoryExport.write(trained("small-cnn.json", 64), repo, "fashion");
        // The MLP takes the same images and answers the same classes, so it could be a later version; an MLP for five of
        // the classes could not.
        TrainedModel fiveClasses = fiveClasses();
        ExportRefusedException other = assertThrows(ExportRefusedException.class,
                () -> ModelRepositoryExport.write(fiveClasses, repo, "fashion"));
        assertTrue(other.getMessage().contains("describes another model"), other.getMessage());
        assertFalse(Files.exists(repo.resolve("fashion").resolve("2")), "nothing written for the refused model");
        ExportRefusedException path = assertThrows(ExportRefusedException.class,
                () -> ModelRepositoryExport.write(trained("mlp.json", 64), repo, "../elsewhere"));
        assertTrue(path.getMessage().contains("cannot name a model"), path.getMessage());
        assertFalse(Files.exists(repo.resolveSibling("elsewhere")));
    }
}
