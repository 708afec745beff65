package org.modelstudio.engine.train;

import org.modelstudio.core.events.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.TextPreparation;
import org.modelstudio.core.data.TextPreparation.LabeledText;
import org.modelstudio.core.data.Tokenization;
import org.modelstudio.core.eval.WordContribution;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.explain.Explainer;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.TrainedModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text models on Chinese written without spaces, and on Chinese mixed with English words: real networks trained on
 * sentences made here, whose topic is told by a keyword among filler every topic shares, tested on other sentences.
 */
class ChineseTextTest {
    static final List<String> TOPICS = List.of("天气", "烹饪", "足球");
    static final String[][] KEYWORDS = {{"下雨", "刮风", "晴朗", "打雷", "下雪", "降温"}, {"炒菜", "煮饭", "烤箱", "切肉", "炖汤", "酱油"},
            {"射门", "球队", "点球", "守门", "裁判", "比赛"}};
    static final String[][] ENGLISH = {{"rain", "storm", "snow"}, {"pasta", "oven", "sauce"}, {"goal", "striker", "penalty"}};
    static final String[] FILLER = {"我们", "今天", "昨天", "朋友", "一起", "说起", "觉得", "非常", "真的", "大家", "那时", "后来", "好像",
            "下午", "早上", "开心", "看到", "听说", "这个", "已经"};

    /** Sentences of a filler phrase, a keyword (Chinese, or English when {@code english}) and more filler, without spaces. */
    static List<LabeledText> sentences(int n, long seed, boolean english) {
        Random r = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int topic = i % 3;
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < 2; k++) s.append(FILLER[r.nextInt(FILLER.length)]);
            if (english && r.nextBoolean()) {
                s.append(' ').append(ENGLISH[topic][r.nextInt(ENGLISH[topic].length)]).append(' ');
            } else {
                s.append(KEYWORDS[topic][r.nextInt(KEYWORDS[topic].length)]);
            }
            s.append(FILLER[r.nextInt(FILLER.length)]).append(r.nextBoolean() ? "。" : "！");
            out.add(new LabeledText(s.toString(), TOPICS.get(topic), "line " + (i + 1)));
        }
        return out;
    }

    static NetworkSpec network() {
        InputSpec input = new InputSpec.SequenceInput(32, 400);
        return new NetworkSpec("中文", "", input, List.of(new LayerSpec.Embedding(16), new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.AVG),
                new LayerSpec.Dense(16, Activation.RELU), new LayerSpec.Output(3)),
                TrainingConfig.defaults().withEpochs(25).withBatchSize(16).withLearningRate(0.02).withSeed(3));
    }

    record Trained(TrainedModel model, double testAccuracy) {}

    static Trained trainAndTest(List<LabeledText> train, List<LabeledText> test, Tokenization tokenization) throws Exception {
        NetworkSpec spec = network();
        PreparedData data = TextPreparation.prepare("sentences", train, spec.input(), 0, 0, 1, tokenization);
        TrainingResult r = Trainer.train(spec, data.train(), null, data.preparation(), e -> { }, new CancelToken(), new PauseGate());
        assertEquals(RunOutcome.FINISHED, r.outcome(), r.failure());
        PreparedData tested = TextPreparation.encode("test", test, (InputPreparation.Text) data.preparation(), data.train().classes(), spec.input());
        return new Trained(r.last(), Evaluator.evaluate(r.last(), tested.train()).accuracy());
    }

    @Test void chineseWithoutSpacesIsLearnedWhereSplittingAtSpacesSeesOneWordPerSentence() throws Exception {
        List<LabeledText> train = sentences(240, 1, false);
        List<LabeledText> test = sentences(90, 2, false);
        Trained segmented = trainAndTest(train, test, Tokenization.STANDARD);
        assertTrue(segmented.testAccuracy() >= 0.9, "3 topics, chance 33 %: " + segmented.testAccuracy());
        Trained spaces = trainAndTest(train, test, Tokenization.WORDS);
        assertTrue(spaces.testAccuracy() <= 0.5, "each test sentence is one unknown word: " + spaces.testAccuracy());
    }

    @Test void chineseMixedWithEnglishWordsIsLearnedAndTheEnglishWordsStayWhole() throws Exception {
        Trained t = trainAndTest(sentences(240, 3, true), sentences(90, 4, true), Tokenization.STANDARD);
        assertTrue(t.testAccuracy() >= 0.85, "3 topics, chance 33 %: " + t.testAccuracy());
        InputPreparation.Text prep = (InputPreparation.Text) t.model().preparation();
        assertTrue(prep.knows("striker") && prep.knows("下雨") && prep.knows("雨"), "whole English words, Chinese pairs and characters");
        assertEquals("足球", new ModelRuntime(t.model()).classify(new ModelInput.Text("昨天大家看到STRIKER了")).prediction().best().label());

        String text = "我们一起做 Pasta 吧";
        List<WordContribution> words = Explainer.words(t.model(), text, TOPICS.indexOf("烹饪"));
        WordContribution top = words.stream().max(Comparator.comparingDouble(WordContribution::contribution)).orElseThrow();
        assertEquals("pasta", top.word());
        assertEquals("Pasta", text.substring(top.start(), top.end()));
    }

    @Test void theExplanationOfAChinesePredictionNamesTheCharactersItRestsOn() throws Exception {
        Trained t = trainAndTest(sentences(240, 1, false), sentences(30, 2, false), Tokenization.STANDARD);
        String text = "昨天朋友说起射门，非常开心！";
        ModelRuntime runtime = new ModelRuntime(t.model());
        assertEquals("足球", runtime.classify(new ModelInput.Text(text)).prediction().best().label());
        List<WordContribution> words = Explainer.words(t.model(), text, TOPICS.indexOf("足球"));
        assertEquals(List.of("昨", "天", "朋", "友", "说", "起", "射", "门", "非", "常", "开", "心"), words.stream().map(WordContribution::word).toList(),
                "one entry per character, in order, punctuation left out");
        for (WordContribution w : words) assertEquals(w.word(), text.substring(w.start(), w.end()));
        List<String> strongest = words.stream().sorted(Comparator.comparingDouble(WordContribution::contribution).reversed())
                .limit(2).map(WordContribution::word).sorted().toList();
        assertEquals(List.of("射", "门"), strongest, "the keyword's characters carry the topic: " + words);
        assertTrue(words.stream().filter(w -> w.word().equals("射")).findFirst().orElseThrow().contribution() > 0.05, words.toString());
    }

    @Test void theModelFileKeepsTheTokenizationAndAnOldFileWithoutItSplitsAtSpacesAsBefore(@TempDir Path dir) throws Exception {
        Trained t = trainAndTest(sentences(120, 5, false), sentences(30, 6, false), Tokenization.STANDARD);
        Path file = dir.resolve("zh.zip");
        ModelFile.save(t.model(), file);
        assertTrue(manifest(file).contains("\"tokenizer\" : \"" + Tokenization.STANDARD.id() + "\""), manifest(file));
        TrainedModel loaded = ModelFile.load(file);
        assertSame(Tokenization.STANDARD, ((InputPreparation.Text) loaded.preparation()).tokenization());
        String text = "今天下午下雨了。";
        assertEquals(new ModelRuntime(t.model()).classify(new ModelInput.Text(text)).prediction().ranked(),
                new ModelRuntime(loaded).classify(new ModelInput.Text(text)).prediction().ranked());

        Path old = rewriteManifest(file, dir.resolve("old.zip"), m -> m.replaceAll("\"tokenizer\" : \"[^\"]*\",", ""));
        InputPreparation.Text oldPrep = (InputPreparation.Text) ModelFile.load(old).preparation();
        assertSame(Tokenization.WORDS, oldPrep.tokenization(), "a file without a tokenizer is read with the rules of its time");
        assertEquals(List.of("今天下午下雨了"), oldPrep.tokens(text));

        Path unknown = rewriteManifest(file, dir.resolve("newer.zip"), m -> m.replace(Tokenization.STANDARD.id(), "sentencepiece-v9"));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(unknown));
        assertTrue(e.getMessage().startsWith("newer.zip: ")
                && e.getMessage().contains("\"tokenizer\" names rules this version does not know: sentencepiece-v9"),
                e.getMessage());
    }

    private static String manifest(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(ModelFile.ENTRY))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path rewriteManifest(Path from, Path to, UnaryOperator<String> change) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    if (entry.getName().equals(ModelFile.ENTRY)) bytes = change.apply(new String(bytes,
                            StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                }
                out.closeEntry();
            }
        }
        return to;
    }
}
