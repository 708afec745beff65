package org.modelstudio.engine.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.catalogue.CatalogueNetworks;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.NetworkSpec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KerasCodeExportTest {

    @Test void smallCnnAsKeras() throws Exception {
        String code = KerasCodeExport.export(SampleData.spec("small-cnn.json"));
        assertTrue(code.contains("keras.Input(shape=(28, 28, 1))"), code);
        assertTrue(code.contains("layers.Conv2D(32, (3, 3), strides=(1, 1), padding=\"same\", activation=\"relu\", kernel_initializer=\"he_normal\", "
                + "kernel_regularizer=keras.regularizers.l2(2.5E-4))"), code);
        assertTrue(code.contains("layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2))"), code);
        assertTrue(code.contains("layers.Dense(10, activation=\"softmax\", kernel_initializer=\"glorot_normal\", "
                + "kernel_regularizer=keras.regularizers.l2(2.5E-4))"), code);
        assertTrue(code.contains("keras.optimizers.Adam(learning_rate=0.001)"), code);
        assertTrue(code.contains("LearningRateScheduler(lambda epoch: 0.001 * 0.5 ** (epoch // 5))"), code);
        assertTrue(code.contains("name=\"small_cnn\""), code);
        assertTrue(code.contains("batch_size=32, epochs=15"), code);
    }

    @Test void theRegressionTemplateEndsInOneLinearUnitWithTheMeanSquaredErrorAndReportsMae() throws Exception {
        String code = KerasCodeExport.export(SampleData.spec("tabular-regression.json"));
        assertTrue(code.contains("layers.Dense(1, activation=\"linear\", kernel_initializer=\"glorot_normal\")"), code);
        assertTrue(code.contains("loss=\"mse\"") && code.contains("metrics=[\"mae\"]") && !code.contains("accuracy"), code);
        assertTrue(code.contains("(y - mean) / std"), code);
        assertTrue(KerasCodeExport.export(SampleData.spec("tabular-mlp.json")).contains("metrics=[\"accuracy\"]"));
    }

    @Test void everyLayerTypeHasACounterpart() throws Exception {
        for (NetworkSpec spec : CatalogueNetworks.oneOfEachType()) {
            String code = KerasCodeExport.export(spec);
            String model = code.substring(code.indexOf("keras.Sequential(["), code.indexOf("], name="));
            long kerasLayers = model.lines().filter(line -> line.startsWith("    layers.")).count();
            assertTrue(kerasLayers >= spec.layers().size(), spec.name() + ": a Keras layer for each of " + spec.layers() + "\n" + code);
        }
    }

    @Test void settingsOtherThanTheDefaultsHaveTheirCounterparts() throws Exception {
        String code = KerasCodeExport.export(CatalogueNetworks.imageLayers());
        for (String expected : new String[] {"layers.Conv2D(8, (5, 3), strides=(2, 1), padding=\"same\", kernel_initializer=\"he_normal\")",
                "layers.LeakyReLU(negative_slope=0.01)", "layers.BatchNormalization(momentum=0.9, epsilon=1e-5)",
                "layers.Activation(\"tanh\")", "layers.AveragePooling2D(pool_size=(3, 2), strides=(1, 2))", "layers.Flatten()",
                "layers.Dropout(0.25)", "keras.initializers.RandomUniform(", "momentum=0.9, nesterov=True"}) {
            assertTrue(code.contains(expected), expected + "\n" + code);
        }
    }

    @Test void sequencesBecomeIntegerInputsEmbeddingsAndLstms() throws Exception {
        String code = KerasCodeExport.export(CatalogueNetworks.sequence());
        for (String expected : new String[] {"keras.Input(shape=(12,), dtype=\"int32\")",
                "layers.Embedding(50, 8, embeddings_initializer=\"glorot_normal\")",
                "layers.LSTM(16, return_sequences=True, kernel_initializer=\"glorot_normal\", recurrent_initializer=\"glorot_normal\")",
                "layers.LSTM(10, return_sequences=False, kernel_initializer=\"glorot_normal\", recurrent_initializer=\"glorot_normal\")"}) {
            assertTrue(code.contains(expected), expected + "\n" + code);
        }
        String pooled = KerasCodeExport.export(CatalogueNetworks.sequencePooling());
        assertTrue(pooled.contains("layers.GlobalAveragePooling1D()"), pooled);
        assertTrue(KerasCodeExport.export(SampleData.spec("text-classifier.json")).contains("layers.GlobalAveragePooling1D()"));
        assertTrue(KerasCodeExport.export(CatalogueNetworks.globalPooling()).contains("layers.GlobalAveragePooling2D()"));
    }

    @Test void l2PlateauEarlyStoppingAndTheValidationSplit() throws Exception {
        String code = KerasCodeExport.export(CatalogueNetworks.regularized());
        // DL4J's l2(0.002) penalises ½·0.002·Σw²; Keras' l2(k) penalises k·Σw².
        for (String expected : new String[] {
                "layers.Conv2D(4, (3, 3), strides=(1, 1), padding=\"valid\", activation=\"relu\", kernel_initializer=\"he_normal\", "
                        + "kernel_regularizer=keras.regularizers.l2(0.001))",
                "layers.Dense(8, kernel_initializer=\"he_normal\", kernel_regularizer=keras.regularizers.l2(0.001))",
                "layers.Dense(3, activation=\"softmax\", kernel_initializer=\"glorot_normal\", kernel_regularizer=keras.regularizers.l2(0.001))",
                "layers.BatchNormalization(momentum=0.9, epsilon=1e-5)",
                "keras.callbacks.ReduceLROnPlateau(monitor=\"val_loss\", factor=0.5, patience=2, min_delta=1.0E-4)",
                "keras.callbacks.EarlyStopping(monitor=\"val_loss\", patience=3, min_delta=0.0)",
                "validation_split=0.1, callbacks=callbacks"}) {
            assertTrue(code.contains(expected), expected + "\n" + code);
        }
        var seq = CatalogueNetworks.sequence();
        String lstm = KerasCodeExport.export(seq.withTraining(seq.training().withL2(0.01).withValidationSplit(0)));
        assertTrue(lstm.contains("embeddings_regularizer=keras.regularizers.l2(0.005)"), lstm);
        assertTrue(lstm.contains("kernel_regularizer=keras.regularizers.l2(0.005), recurrent_regularizer=keras.regularizers.l2(0.005))"), lstm);
        assertTrue(lstm.contains("epochs=5, callbacks=callbacks"), "no validation split: " + lstm);
        assertTrue(!KerasCodeExport.export(SampleData.spec("mlp.json")).contains("regularizer"));
    }

    @Test void theOutputIsValidPython(@TempDir Path dir) throws Exception {
        assumeTrue(python() != null, "python3 is not installed");
        List<NetworkSpec> specs = new ArrayList<>(SampleData.specs());
        specs.addAll(CatalogueNetworks.oneOfEachType());
        specs.add(CatalogueNetworks.sequence());
        specs.add(CatalogueNetworks.sequencePooling());
        specs.add(CatalogueNetworks.regularized());
        // One Python for all the files: each file is parsed, and the first that does not parse is named.
        List<String> command = new ArrayList<>(List.of(python(), "-c", "import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f).read(), f)"));
        for (int i = 0; i < specs.size(); i++) {
            Path file = dir.resolve("model" + i + ".py");
            Files.writeString(file, KerasCodeExport.export(specs.get(i)));
            command.add(file.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    private static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "python3"))) return Path.of(dir, "python3").toString();
        }
        return null;
    }
}
