package org.modelstudio.engine.export;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.engine.keras.KerasImportException;
import onnx.Onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why an export is refused and why a Keras file does not open, in the studio's language: the refusals name the layer in
 * the sentence of the language the studio speaks, and the Keras child process answers in its parent's language.
 */
class ExportAndKerasSentencesInChineseTest {
    @TempDir static Path dir;

    @AfterEach void english() { Texts.use(Locale.ENGLISH); }

    private static String onnxRefusal() throws Exception {
        NetworkSpec said = new NetworkSpec("said", "", new InputSpec.VectorInput(6), List.of(new LayerSpec.Dense(8, Activation.RELU),
                new LayerSpec.Output(3)), TrainingConfig.defaults());
        NetworkSpec built = new NetworkSpec("built", "", new InputSpec.VectorInput(6), List.of(new LayerSpec.Dense(8, Activation.TANH),
                new LayerSpec.Output(3)), TrainingConfig.defaults());
        var network = new MultiLayerNetwork(NetworkCompiler.compile(built).configuration());
        network.init();
        TrainedModel model = TrainedModel.of(said, List.of("a", "b", "c"), null, network);
        return assertThrows(ExportRefusedException.class, () -> OnnxExport.export(model)).getMessage();
    }

    @Test void aLayerTheExportCannotWriteIsNamedInTheStudiosLanguage() throws Exception {
        assertEquals("The model cannot be exported to ONNX exactly: Dense #1 applies DL4J's tanh, not the relu its settings say.", onnxRefusal());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        String chinese = onnxRefusal();
        assertTrue(chinese.startsWith("这个模型无法精确导出为 ONNX："), chinese);
        assertTrue(chinese.endsWith("#1 应用的是 DL4J 的 tanh，而不是其设置所写的 relu。"), chinese);
    }

    /** What an export writes is read by programs: an ONNX file made while the studio speaks Chinese names its nodes in English. */
    @Test void anOnnxFileWrittenInChineseIsEnglishInside() throws Exception {
        NetworkSpec spec = new NetworkSpec("fine", "", new InputSpec.VectorInput(6), List.of(new LayerSpec.Dense(8, Activation.RELU),
                new LayerSpec.Output(3)), TrainingConfig.defaults());
        var network = new MultiLayerNetwork(NetworkCompiler.compile(spec).configuration());
        network.init();
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        Onnx.ModelProto onnx = OnnxExport.export(TrainedModel.of(spec, List.of("a", "b", "c"), null, network));
        List<String> nodes = onnx.getGraph().getNodeList().stream().map(Onnx.NodeProto::getName).toList();
        assertTrue(nodes.contains("Dense #1/Gemm"), "the nodes are named in English whatever the studio speaks: " + nodes);
        assertTrue(nodes.stream().noneMatch(n -> n.chars().anyMatch(c -> c > 0x2E80)), nodes.toString());
    }

    private static String codeRefusal(boolean java) {
        NetworkSpec spec = new NetworkSpec("Mixed", "", new InputSpec.ImageInput(28, 28, 1), List.of(
                new LayerSpec.Fixed("Cropping2D", "crop", "", new Shape.Image(27, 27, 1), 0), new LayerSpec.Flatten(),
                new LayerSpec.Output(10)), TrainingConfig.defaults());
        return assertThrows(InvalidNetworkException.class, () -> {
            if (java) JavaCodeExport.export(spec, "Mixed");
            else KerasCodeExport.export(spec);
        }).getMessage();
    }

    @Test void aFixedNetworkCannotBeWrittenAsCodeInEitherLanguage() {
        String english = "Mixed cannot be written as code: its Keras layer crop (Cropping2D) has no block of its own.";
        assertEquals(english, codeRefusal(true));
        assertEquals(english, codeRefusal(false));
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        String chinese = "Mixed 无法写成代码：它的 Keras 层 crop（Cropping2D）没有对应的模块。";
        assertEquals(chinese, codeRefusal(true));
        assertEquals(chinese, codeRefusal(false));
    }

    /** The reason comes from the child process that reads the file: it speaks the parent's language, and arrives whole (UTF-8). */
    @Test void theKerasChildProcessAnswersInTheStudiosLanguage() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.h5"), "These are not the weights you are looking for.\n".repeat(40));
        KerasImportException english = assertThrows(KerasImportException.class, () -> KerasImport.open(text, null, null));
        assertEquals("notes.h5 is not an HDF5 file, so not a Keras .h5 model.", english.getMessage());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        KerasImportException chinese = assertThrows(KerasImportException.class, () -> KerasImport.open(text, null, null));
        assertEquals("notes.h5 不是 HDF5 文件，因此也不是 Keras .h5 模型。", chinese.getMessage());
    }
}
