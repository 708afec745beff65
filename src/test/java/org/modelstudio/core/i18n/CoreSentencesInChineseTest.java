package org.modelstudio.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.ClassMatching;
import org.modelstudio.core.data.DataFileException;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.core.data.RawTable;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.data.TablePreparation;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.core.project.ProjectFile;

/** A sample of what core says, in both languages: the same sentence in English and in 简体中文, filled alike. */
class CoreSentencesInChineseTest {

    @AfterEach
    void english() { Texts.use(Locale.ENGLISH); }

    /** An image straight into a Dense layer, and an Output of 10 units. */
    private static NetworkSpec denseOnAnImage() {
        return new NetworkSpec("t", "", new InputSpec.ImageInput(28, 28, 1),
                List.of(new LayerSpec.Dense(64, Activation.RELU), new LayerSpec.Output(10, Activation.SOFTMAX, WeightInit.XAVIER)),
                TrainingConfig.defaults());
    }

    private static String firstIssue(NetworkSpec spec) { return ShapeInference.analyse(spec).errors().get(0).message(); }

    @Test void theShippedTemplatesAreDescribedInBothLanguagesAndTheFilesEnglishIsTheBundles() throws Exception {
        for (String file : SampleData.SPEC_FILES) {
            String key = SampleData.descriptionKey(file);
            JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of("sample-models", file)));
            assertEquals(json.get("description").asText(), Texts.english(key), file + ": the file's description and the bundle's English differ");
            assertEquals(json.get("description").asText(), SampleData.spec(file).description());
            Texts.use(Locale.SIMPLIFIED_CHINESE);
            String chinese = SampleData.spec(file).description();
            Texts.use(Locale.ENGLISH);
            assertTrue(chinese.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), file + ": " + chinese);
        }
    }

    @Test void aValidationIssue() {
        assertEquals("Dense #1 needs a flat vector but gets an image of 28×28×1. Add a Flatten layer before it.", firstIssue(denseOnAnImage()));
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("全连接层 #1 需要一个扁平向量，却收到一幅 28×28×1 的图像。请在它前面加一个展平层。", firstIssue(denseOnAnImage()));
    }

    @Test void aDataFitChange() {
        NetworkSpec spec = new NetworkSpec("t", "", new InputSpec.VectorInput(4),
                List.of(new LayerSpec.Dense(8, Activation.RELU), new LayerSpec.Output(10, Activation.SOFTMAX, WeightInit.XAVIER)),
                TrainingConfig.defaults());
        List<String> classes = List.of("cooking", "football", "weather");
        assertEquals(List.of("Output #2: 10 → 3 units for the classes cooking, football, weather"),
                DataFit.fit(spec, new Shape.Vector(4), classes, false).changes());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals(List.of("输出层 #2：10 → 3 个单元，对应类别 cooking、football、weather"),
                DataFit.fit(spec, new Shape.Vector(4), classes, false).changes());
    }

    @Test void aClassMatchingSentence() {
        List<String> labels = List.of("T-shirt/top", "T-shirt top", "Trouser");
        assertEquals("The data's class \"t-shirt_top\" could be the model's \"T-shirt/top\" or \"T-shirt top\": rename it to one of them.",
                ClassMatching.match(labels, List.of("t-shirt_top", "trouser")).problem());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("数据的类别“t-shirt_top”可能是模型的“T-shirt/top”或“T-shirt top”：请把它改名为其中之一。",
                ClassMatching.match(labels, List.of("t-shirt_top", "trouser")).problem());
        assertEquals("数据中有一个模型不认识的类别“Dress”。模型的类别有：T-shirt/top、T-shirt top、Trouser。",
                ClassMatching.match(labels, List.of("Dress")).problem());
    }

    @Test void aDataError() {
        RawTable oneColumn = new RawTable("iris.csv", List.of("species"), true, List.<String[]>of(new String[] {"setosa"}), new int[] {2});
        var e = assertThrows(DataFileException.class, () -> TablePreparation.prepare(oneColumn, null, null, 0.1, 0, 1));
        assertEquals("iris.csv: has only one column; a table needs feature columns and a label column", e.getMessage());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        e = assertThrows(DataFileException.class, () -> TablePreparation.prepare(oneColumn, null, null, 0.1, 0, 1));
        assertEquals("iris.csv：只有一列；表格需要特征列和一个标签列", e.getMessage());
        assertEquals("iris.csv，第 7 行：有问题", new DataFileException("iris.csv", 7, "有问题").getMessage());
    }

    @Test void numbersAndListsFollowTheLanguage() {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("a、b和c", Words.and(List.of("a", "b", "c")));
        assertEquals(4 + 2 * 3, Words.width("abcd训练集"), "CJK characters take two columns");
        Texts.use(Locale.ENGLISH);
        assertEquals("a, b and c", Words.and(List.of("a", "b", "c")));
        assertTrue(Words.firstOf(List.of("1", "2", "3"), 2).endsWith("and 1 more"));
    }

    private static String projectRefusal(Path file) {
        return assertThrows(SpecFormatException.class, () -> ProjectFile.load(file)).getMessage();
    }

    @Test void whatIsWrongWithAProjectFile(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.msproj"), "  ");
        Path newer = Files.writeString(dir.resolve("newer.msproj"), "{\"format\": \"model-studio/project\", \"version\": 9}");
        assertEquals("empty.msproj: is empty; the save that wrote it may have been interrupted", projectRefusal(empty));
        assertEquals("newer.msproj: was saved by a newer Model Studio (project format 9); this version opens format 2. The file was not changed.",
                projectRefusal(newer));
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("empty.msproj：是空的；写入它的保存操作可能被中断了", projectRefusal(empty));
        assertEquals("newer.msproj：是由更新版本的 Model Studio 保存的（项目格式 9）；这个版本只能打开格式 2。文件没有被修改。", projectRefusal(newer));
    }
}
