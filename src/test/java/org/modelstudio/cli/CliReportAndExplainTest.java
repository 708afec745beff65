package org.modelstudio.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.graph.SpecJson;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelstudio.cli.CliTest.cli;

/** {@code evaluate --report} writes the report file; {@code predict --explain} says which words or which parts of an image count. */
class CliReportAndExplainTest {
    @TempDir static Path work;
    static Path bars;
    static Path barModel;
    static Path texts;
    static Path textModel;

    @BeforeAll static void train() throws Exception {
        bars = TestData.barFolder(work.resolve("bars"), 30, 5);
        Path spec = work.resolve("bars.json");
        SpecJson.write(TestData.barCnn(3), spec);
        barModel = work.resolve("bars.zip");
        CliTest.Run r = cli("train", spec.toString(), "--data", bars.toString(), "--out", barModel.toString(), "--validation", "0");
        assertEquals(Cli.OK, r.code(), r.toString());

        // Sentences whose topic is told by one keyword among shared filler words.
        String[][] keywords = {{"goal", "match", "team"}, {"rain", "wind", "cloud"}};
        String[] filler = {"today", "we", "talked", "about", "the", "with", "friends", "and", "it", "was", "nice", "again"};
        StringBuilder csv = new StringBuilder("text,topic\n");
        Random rnd = new Random(2);
        for (int i = 0; i < 160; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < 5; k++) s.append(filler[rnd.nextInt(filler.length)]).append(' ');
            s.append(keywords[i % 2][rnd.nextInt(3)]).append(' ').append(filler[rnd.nextInt(filler.length)]);
            csv.append('"').append(s).append("\",").append(i % 2 == 0 ? "sport" : "weather").append('\n');
        }
        texts = Files.writeString(work.resolve("texts.csv"), csv);
        Path bow = Files.writeString(work.resolve("bow.json"), """
                {"format":"model-studio/network","version":1,"name":"bow","input":{"type":"vector","features":30},
                 "layers":[{"type":"dense","units":8,"activation":"relu"},{"type":"output","units":2,"activation":"softmax"}],
                 "training":{"optimizer":"adam","learningRate":0.02,"batchSize":8,"epochs":15,"seed":3,"loss":"cross_entropy"}}""");
        textModel = work.resolve("bow.zip");
        r = cli("train", bow.toString(), "--data", texts.toString(), "--text", "text", "--label", "topic", "--validation", "0",
                "--out", textModel.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
    }

    @Test void evaluateWritesAnHtmlReportThatStandsAlone(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("reports").resolve("bars.html");
        CliTest.Run r = cli("evaluate", barModel.toString(), "--data", bars.toString(), "--report", html.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("macro avg") && r.out().contains("weighted avg"), r.toString());
        assertTrue(r.out().contains("Wrote the report to " + html + " (HTML"), r.toString());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<title>Evaluation of bars.zip on bars</title>"), page);
        assertFalse(page.contains("http"), "no links");
        for (String c : TestData.BAR_CLASSES) assertTrue(page.contains("<th>" + c + "</th>"), c);
        if (!page.contains("None: every example was predicted right.")) {
            assertTrue(page.contains("<img src=\"data:image/png;base64,"), "mistakes shown as embedded pictures");
        }
        try (var files = Files.list(html.getParent())) {
            assertEquals(List.of(html), files.toList(), "no temporary file left beside it");
        }
    }

    @Test void evaluateWritesACsvReportWithThePrintedAccuracy(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bars.csv");
        CliTest.Run r = cli("evaluate", barModel.toString(), "--data", bars.toString(), "--report", csv.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        List<List<String>> rows = TestData.parseCsv(Files.readString(csv));
        assertEquals(List.of("Examples", "90"), rows.get(1));
        double accuracy = Double.parseDouble(rows.get(2).get(1));
        assertTrue(r.out().contains(String.format(Locale.ROOT, "Accuracy: %.2f%% on 90 examples", 100 * accuracy)), r.toString());

        CliTest.Run wrong = cli("evaluate", barModel.toString(), "--data", bars.toString(), "--report", dir.resolve("r.txt").toString());
        assertEquals(Cli.USAGE, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("--report writes an HTML page (.html) or a CSV table (.csv)"), wrong.toString());
        assertFalse(Files.exists(dir.resolve("r.txt")));
    }

    @Test void aTextReportShowsTheMistakenTextsThemselves(@TempDir Path dir) throws Exception {
        // A test set that labels the keywords the wrong way round: every example is a mistake.
        Path swapped = Files.writeString(dir.resolve("swapped.csv"), "text,topic\n\"the goal was nice\",weather\n\"rain again today\",sport\n");
        Path html = dir.resolve("t.html");
        CliTest.Run r = cli("evaluate", textModel.toString(), "--data", swapped.toString(), "--report", html.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("<blockquote>swapped.csv, line 2: the goal was nice</blockquote>"), page);
        assertTrue(page.contains("<blockquote>swapped.csv, line 3: rain again today</blockquote>"), page);
    }

    @Test void explainATextPrintsTheKeywordFirst() {
        CliTest.Run r = cli("predict", textModel.toString(), "--text", "We talked about the match with friends", "--explain");
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.outLines().get(0).startsWith("We talked about the match with friends: sport "), r.toString());
        assertEquals("Words behind \"sport\" (how much its probability falls without the word, in points):", r.outLines().get(1));
        assertTrue(r.outLines().get(2).matches("\\s+match\\s+\\+\\d+\\.\\d"), r.toString());
        assertTrue(r.outLines().size() <= 2 + Explanations.WORDS_SHOWN);
    }

    @Test void explainAnImageWritesTheMapAsAPicture(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("vertical.png");
        TestData.writeGreyPng(TestData.bar(1, new Random(8)), 8, 8, image);
        Path map = dir.resolve("maps").resolve("heat.png");
        CliTest.Run r = cli("predict", barModel.toString(), image.toString(), "--explain-out", map.toString());
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("Wrote " + map + ": where hiding part of the image lowers the probability of"), r.toString());
        assertTrue(r.out().contains("8×8 drawn ×32"), r.toString());
        BufferedImage picture = ImageIO.read(map.toFile());
        assertEquals(256, picture.getWidth());
        assertEquals(256, picture.getHeight());

        CliTest.Run noOut = cli("predict", barModel.toString(), image.toString(), "--explain");
        assertEquals(Cli.USAGE, noOut.code(), noOut.toString());
        assertTrue(noOut.err().contains("give the file to write with --explain-out MAP.png"), noOut.toString());
        CliTest.Run two = cli("predict", barModel.toString(), image.toString(), image.toString(), "--explain-out", map.toString());
        assertEquals(Cli.USAGE, two.code(), two.toString());
        CliTest.Run row = cli("predict", barModel.toString(), "--row", "1,2", "--explain");
        assertEquals(Cli.USAGE, row.code(), row.toString());
        assertTrue(row.err().contains("not a table row"), row.toString());
    }
}
