package org.modelstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.i18n.Texts;

/**
 * The command line in a Chinese locale (as {@code LANG=zh_CN.UTF-8} starts it): its help, a training run and an evaluation
 * print Chinese, and no English sentence; technical names, file names, the network's name and the data's labels stay.
 */
class CliInChineseTest {

    /** Two English words in a row: the start of an English sentence. */
    private static final Pattern ENGLISH = Pattern.compile("\\b[A-Za-z][A-Za-z'’]+\\s+[A-Za-z][A-Za-z'’]+\\b");
    /** What may stay as it is: the network's name, the data's labels and columns, technical names, options and files. */
    private static final List<String> KEPT = List.of("Tabular MLP", "Model Studio", "java -jar model-studio.jar [command] [arguments]",
            "Open Inference Protocol", "ONNX Runtime", "DL4J Java", "Keras Python", "Keras 2 HDF5", "tf.keras.models.load_model", "(or --text", "Bearer");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

    @TempDir Path dir;

    @BeforeEach
    void chinese() { Texts.use(Locale.SIMPLIFIED_CHINESE); }

    @AfterEach
    void english() { Texts.use(Locale.ENGLISH); }

    /** The lines of {@code text} that hold an English phrase once what is kept as it is has been taken out. */
    private static List<String> english(String text) {
        List<String> found = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String rest = line;
            for (String kept : KEPT) rest = rest.replace(kept, " ");
            // options and their values (--data DIR|FILE.csv, <MODEL.zip>, [--top K]) and paths are typed, not read
            rest = rest.replaceAll("\\[[^\\]]*]|<[^>]*>|--[a-z-]+( [A-Z][A-Z0-9:._|-]*)?|\\S*[/\\\\.]\\S*", " ");
            if (ENGLISH.matcher(rest).find()) found.add(line);
        }
        return found;
    }

    @Test void helpIsInChinese() {
        CliTest.Run r = CliTest.cli("--help");
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().startsWith("Model Studio：离线搭建、训练、评估和使用神经网络。"), r.out());
        assertTrue(r.out().contains("用法：java -jar model-studio.jar"), r.out());
        assertTrue(r.out().contains("  train    <spec> --out MODEL.zip  训练一个网络并保存"), r.out());
        assertTrue(r.out().contains("退出码：0 完成"), r.out());
        // the commands as typed are not translated, what they do is: a command's line is read from its first Chinese character
        String described = r.out().lines().map(l -> {
            if (!l.startsWith("  ")) return l;
            var chinese = CJK.matcher(l);
            return chinese.find() ? l.substring(chinese.start()) : "";
        }).reduce("", (a, b) -> a + b + "\n");
        assertEquals(List.of(), english(described));
    }

    @Test void trainingAndEvaluatingATableSpeakChinese() {
        Path model = dir.resolve("iris.zip");
        CliTest.Run train = CliTest.cli("train", "tabular-mlp", "--data", "sample-models/iris/iris.csv", "--epochs", "2", "--out", model.toString());
        assertEquals(Cli.OK, train.code(), train.toString());
        assertTrue(train.out().contains("读取了 150 行，共 3 个类别（setosa、versicolor、virginica）"), train.out());
        assertTrue(train.out().contains("训练 Tabular MLP（"), train.out());
        assertTrue(train.out().contains("第 2 轮  损失 "), train.out());
        assertTrue(train.out().contains("已保存 " + model), train.out());
        assertEquals(List.of(), english(train.out()), train.toString());
        assertEquals(List.of(), english(train.err()), train.toString());

        CliTest.Run evaluate = CliTest.cli("evaluate", model.toString(), "--data", "sample-models/iris/iris.csv");
        assertEquals(Cli.OK, evaluate.code(), evaluate.toString());
        assertTrue(evaluate.out().contains("准确率：") && evaluate.out().contains("共 150 个样本"), evaluate.out());
        assertTrue(evaluate.out().contains("混淆矩阵（行：实际类别，列：预测类别）"), evaluate.out());
        assertEquals(List.of(), english(evaluate.out()), evaluate.toString());
    }

    @Test void refusalsAreInChinese() {
        CliTest.Run r = CliTest.cli("train", "tabular-mlp", "--epochs", "abc", "--out", dir.resolve("m.zip").toString());
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("错误：--epochs 需要一个整数，而不是“abc”"), r.err());
        assertTrue(r.err().contains("加 --help 运行可查看所有命令。"), r.err());
        CliTest.Run summary = CliTest.cli("summary", "small-cnn");
        assertTrue(summary.out().contains("参数总数：") && summary.out().contains("卷积层"), summary.out());
        assertTrue(CJK.matcher(CliTest.cli("frobnicate").err()).find());
    }
}
