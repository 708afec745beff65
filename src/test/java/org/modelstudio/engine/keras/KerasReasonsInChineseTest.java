package org.modelstudio.engine.keras;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.io.ModelReading;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Why a Keras file or layer is refused, and what an opened network says of itself, in the studio's language. */
class KerasReasonsInChineseTest {
    private static final String WITHOUT_BLOCKS = """
            {"class_name": "Sequential", "config": [
              {"class_name": "Dense", "config": {"name": "dense_1", "units": 8, "activation": "swish", "batch_input_shape": [null, 4]}},
              {"class_name": "LeakyReLU", "config": {"name": "leaky", "alpha": 0.3}},
              {"class_name": "GaussianNoise", "config": {"name": "noise", "stddev": 0.1}},
              {"class_name": "Dense", "config": {"name": "dense_2", "units": 3, "activation": "softmax"}}]}
            """;

    @AfterEach void english() { Texts.use(Locale.ENGLISH); }

    private static KerasMapping.Mapped mapped() throws KerasImportException {
        KerasConfig k = KerasConfig.parse("mixed.h5", WITHOUT_BLOCKS, "2.3.1", "");
        return KerasMapping.map(k, ModelReading.features(4), "mixed.h5", "mixed");
    }

    private static String refusal(String config) {
        return assertThrows(KerasImportException.class, () -> KerasConfig.parse("bad.h5", config, "2.3.1", "tensorflow")).getMessage();
    }

    @Test void layersWithoutABlockAreNamedWithTheirReason() throws Exception {
        KerasMapping.Mapped english = mapped();
        assertEquals(List.of("dense_1 (Dense: activation swish)", "leaky (LeakyReLU: slope 0.3 below zero, where the studio's leaky ReLU has 0.01)",
                "noise (GaussianNoise)"), english.unknown());
        assertEquals("Opened from mixed.h5 (Keras 2.3.1, unknown backend). Input read as " + ModelReading.features(4).describe() + ".",
                english.spec().description());

        Texts.use(Locale.SIMPLIFIED_CHINESE);
        KerasMapping.Mapped chinese = mapped();
        assertEquals(List.of("dense_1（Dense：激活函数 swish）", "leaky（LeakyReLU：负半轴斜率为 0.3，而本工作室的 Leaky ReLU 为 0.01）",
                "noise（GaussianNoise）"), chinese.unknown());
        assertEquals("从 mixed.h5 打开（Keras 2.3.1，未知 后端）。输入读作：" + ModelReading.features(4).describe() + "。", chinese.spec().description());
        // the fixed layer keeps its reason for the block: empty where there is simply no block of that kind
        LayerSpec.Fixed noise = (LayerSpec.Fixed) chinese.spec().layers().get(2);
        assertEquals("", noise.reason());
        assertEquals("激活函数 swish", ((LayerSpec.Fixed) chinese.spec().layers().get(0)).reason());
    }

    @Test void aFileThatIsNoModelSaysWhyInTheStudiosLanguage() {
        String empty = """
                {"class_name": "Sequential", "config": []}""";
        String branched = """
                {"class_name": "Functional", "config": {"layers": [
                  {"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_input_shape": [null, 4]}, "inbound_nodes": []},
                  {"class_name": "Dense", "name": "a", "config": {"name": "a", "units": 3}, "inbound_nodes": [[["in", 0, 0, {}]]]},
                  {"class_name": "Add", "name": "sum", "config": {"name": "sum"}, "inbound_nodes": [[["in", 0, 0, {}], ["a", 0, 0, {}]]]}]}}""";
        assertTrue(refusal("{not json").startsWith("bad.h5 is not a Keras model file: its model_config is not JSON ("), refusal("{not json"));
        assertEquals("bad.h5 declares a model without layers (Keras 2.3.1).", refusal(empty));
        assertEquals("Layer sum of bad.h5 takes its input from in and a: the studio opens models whose layers form one chain.", refusal(branched));

        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertTrue(refusal("{not json").startsWith("bad.h5 不是 Keras 模型文件：它的 model_config 不是 JSON（"), refusal("{not json"));
        assertEquals("bad.h5 声明的模型没有任何层（Keras 2.3.1）。", refusal(empty));
        assertEquals("bad.h5 的层 sum 的输入来自 in、a：本工作室只能打开各层连成一条链的模型。", refusal(branched));
    }
}
