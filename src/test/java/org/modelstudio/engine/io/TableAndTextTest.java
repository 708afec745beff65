package org.modelstudio.engine.io;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.infer.ModelRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.DataFileException;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.data.Tokenizer;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV tables and texts become training data, train real networks, and predict from raw rows and texts after a reload. */
class TableAndTextTest {

    static final Path IRIS = Path.of("sample-models/iris/iris.csv");
    static final Path TOPICS = Path.of("sample-models/text-topics/topics.csv");
    static final Path TOPICS_TEST = Path.of("sample-models/text-topics/test.csv");

    static TrainedModel train(NetworkSpec spec, PreparedData data) throws Exception {
        TrainingResult r = Trainer.train(spec, data.train(), data.validation(), data.preparation(), e -> { }, new CancelToken(), new PauseGate());
        assertEquals(RunOutcome.FINISHED, r.outcome(), r.failure());
        return r.last();
    }

    // ------------------------------------------------------------------ tables

    @Test void irisTrainsFromTheCsvAndPredictsARawRowTheSameAfterReload(@TempDir Path dir) throws Exception {
        PreparedData data = TableLoader.prepare(IRIS, "species", 0.3, 42);
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.train().classes());
        assertEquals(105, data.train().size());
        assertEquals(45, data.validation().size());
        InputPreparation.Table prep = (InputPreparation.Table) data.preparation();
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), prep.columnNames());
        TrainedModel model = train(SampleData.spec("tabular-mlp.json"), data);
        double heldOut = Evaluator.evaluate(model, data.validation()).accuracy();
        assertTrue(heldOut >= 0.85, "3 species, chance 33 %: " + heldOut);

        ModelAnswer.Classified setosa = new ModelRuntime(model).classify(new ModelInput.Row(List.of("5.0", "3.4", "1.5", "0.2")));
        assertEquals("setosa", setosa.prediction().best().label());
        ModelAnswer.Classified virginica = new ModelRuntime(model).classify(new ModelInput.NamedRow(Map.of("petal_width", "2.3", "sepal_length", "6.9",
                "sepal_width", "3.1", "petal_length", "5.6")));
        assertEquals("virginica", virginica.prediction().best().label());

        Path file = dir.resolve("iris.zip");
        ModelFile.save(model, file);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(prep, loaded.preparation());
        assertNull(loaded.preprocessing());
        assertArrayEquals(probabilities(setosa), probabilities(new ModelRuntime(loaded).classify(new ModelInput.Row(List.of("5.0", "3.4", "1.5", "0.2")))));
    }

    static double[] probabilities(ModelAnswer.Classified p) {
        return p.prediction().ranked().stream().sorted(Comparator.comparing(s -> s.label())).mapToDouble(s -> s.probability()).toArray();
    }

    @Test void standardisationIsFittedOnTheTrainingRowsOnly(@TempDir Path dir) throws Exception {
        // x grows with the square of the row number, so every subset of rows has its own mean.
        StringBuilder csv = new StringBuilder("id,x,label\n");
        for (int i = 0; i < 40; i++) csv.append(i).append(',').append(i * i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        Path file = Files.writeString(dir.resolve("squares.csv"), csv);
        PreparedData data = TableLoader.prepare(file, "label", 0.25, 7);
        InputPreparation.Table prep = (InputPreparation.Table) data.preparation();
        InputPreparation.Column id = prep.columns().get(0);
        InputPreparation.Column x = prep.columns().get(1);
        // Recover the training rows from their standardised ids.
        double sum = 0;
        for (float[] row : data.train().features()) {
            long i = Math.round(row[0] * id.std() + id.mean());
            sum += i * i;
        }
        double trainMean = sum / data.train().size();
        assertEquals(trainMean, x.mean(), 1e-6, "the mean of x over the training rows");
        double allMean = 0;
        for (int i = 0; i < 40; i++) allMean += i * i / 40.0;
        assertNotEquals(allMean, x.mean(), 1.0, "not the mean over all rows");
        double trainColumnMean = 0;
        for (float[] row : data.train().features()) trainColumnMean += row[1] / data.train().size();
        assertEquals(0, trainColumnMean, 1e-4, "the training rows are centred");
    }

    @Test void categoricalColumnsAreOneHotWithTheTrainingCategoriesAndAnUnseenOneIsAWarning(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("colour,size,kind\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 60; i++) csv.append(colours[i % 3]).append(',').append(i % 3 == 0 ? 10 + i % 5 : 1 + i % 4).append(',').append(i % 3 == 0
                ? "big" : "small").append('\n');
        Path file = Files.writeString(dir.resolve("things.csv"), csv);
        PreparedData data = TableLoader.prepare(file, null, 0.2, 1);
        InputPreparation.Table prep = (InputPreparation.Table) data.preparation();
        assertEquals("kind", prep.labelColumn(), "the last column by default");
        assertEquals(InputPreparation.Kind.CATEGORICAL, prep.columns().get(0).kind());
        assertEquals(List.of("blue", "green", "red"), prep.columns().get(0).categories());
        assertEquals(4, prep.features());
        NetworkSpec spec = SpecJson.read("""
                {"format":"model-studio/network","version":1,"name":"t","input":{"type":"vector","features":4},
                 "layers":[{"type":"dense","units":8,"activation":"relu"},{"type":"output","units":2,"activation":"softmax"}],
                 "training":{"optimizer":"adam","learningRate":0.02,"batchSize":8,"epochs":40,"seed":3,"loss":"cross_entropy"}}""");
        TrainedModel model = train(spec, data);
        assertEquals("big", new ModelRuntime(model).classify(new ModelInput.Row(List.of("red", "12"))).prediction().best().label());
        assertEquals("small", new ModelRuntime(model).classify(new ModelInput.Row(List.of("green", "2"))).prediction().best().label());
        ModelAnswer.Classified purple = new ModelRuntime(model).classify(new ModelInput.Row(List.of("purple", "2")));
        assertTrue(purple.warnings().get(0).contains("\"purple\", a category not seen in training"), purple.warnings().toString());
        InputRejectedException e = assertThrows(InputRejectedException.class, () ->
                new ModelRuntime(model).classify(new ModelInput.Row(List.of("red", "big"))));
        assertTrue(e.reason().contains("\"size\" must be a number, not \"big\""), e.reason());
        e = assertThrows(InputRejectedException.class, () -> new ModelRuntime(model).classify(new ModelInput.Row(List.of("red"))));
        assertTrue(e.reason().contains("a row needs 2 values (colour, size) but 1 was given"), e.reason());
        assertThrows(InputRejectedException.class, () -> new ModelRuntime(model).classify(new ModelInput.Text("a text")));
    }

    @Test void aFileWithoutHeaderHasNumberedColumnsAndEmptyCellsAreFilledWithTheTrainingMean(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain.csv"), "1,2,a\n3,,b\n5,6,a\n7,8,b\n,10,a\n");
        PreparedData data = TableLoader.prepare(file, null, 0, 1);
        InputPreparation.Table prep = (InputPreparation.Table) data.preparation();
        assertEquals(List.of("column1", "column2"), prep.columnNames());
        assertEquals(5, data.train().size(), "no row taken for a header");
        assertEquals(4.0, prep.columns().get(0).mean(), 1e-9, "mean of 1, 3, 5, 7");
        assertEquals(0f, data.train().features()[1][1], "the empty cell is the mean, 0 once standardised");
        assertEquals(2, data.warnings().size(), data.warnings().toString());
        assertTrue(data.warnings().get(1).contains("1 empty cell in the column \"column2\" (line 2) filled with the training mean 6.5"),
                data.warnings().toString());
    }

    static DataFileException refusal(Path file, String label) {
        return assertThrows(DataFileException.class, () -> TableLoader.prepare(file, label, 0, 1));
    }

    @Test void badTablesAreRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        DataFileException e = refusal(Files.writeString(dir.resolve("ragged.csv"), "a,b,c\n1,2,x\n3,4\n5,6,y\n"), null);
        assertEquals("ragged.csv", e.file());
        assertEquals(3, e.line());
        assertTrue(e.reason().startsWith("has 2 fields but line 1 has 3"), e.getMessage());

        StringBuilder typo = new StringBuilder("h,w,label\n");
        for (int i = 0; i < 20; i++) typo.append(i).append(',').append(i == 12 ? "1,5" .replace(",", ".") + "x" : ""
                + i).append(',').append(i % 2).append('\n');
        e = refusal(Files.writeString(dir.resolve("typo.csv"), typo), "label");
        assertEquals(14, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("typo.csv, line 14: the column \"w\" holds numbers (19 of 20 values) but here \"1.5x\""), e.getMessage());

        e = refusal(Files.writeString(dir.resolve("empty.csv"), "\n\n"), null);
        assertEquals("empty.csv: is empty; a table needs a row per example", e.getMessage());
        e = refusal(Files.writeString(dir.resolve("header-only.csv"), "a,b\n"), "b");
        assertTrue(e.getMessage().contains("has no rows of data below its header"), e.getMessage());

        e = refusal(Files.writeString(dir.resolve("one.csv"), "x,label\n1,cat\n2,cat\n3,cat\n"), null);
        assertTrue(e.getMessage().contains("the label column \"label\" has only one class (cat)"), e.getMessage());

        // Numbers with fractions are a quantity to predict; asked to take them as classes, the table is refused.
        Path price = Files.writeString(dir.resolve("price.csv"), "x,price\n1,3\n2,3.75\n3,4\n");
        assertTrue(TableLoader.prepare(price, null, 0, 1).regression(), "left to its values, such a label is a regression");
        e = assertThrows(DataFileException.class, () -> TableLoader.prepare(price, null, TaskKind.CLASSIFICATION, 0, 0, 1));
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("numbers with fractions") && e.reason().contains("regression"), e.getMessage());

        byte[] latin1 = "x,label\n1,caf\u00e9\n2,tea\n".getBytes(StandardCharsets.ISO_8859_1);
        e = refusal(Files.write(dir.resolve("latin1.csv"), latin1), null);
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("latin1.csv, line 2: is not UTF-8"), e.getMessage());

        e = refusal(Files.writeString(dir.resolve("iris.csv"), "a,b\n1,x\n2,y\n"), "species");
        assertTrue(e.getMessage().contains("has no column \"species\" to use as the label; its columns are a, b"), e.getMessage());
    }

    // ------------------------------------------------------------------ texts

    @Test void tokensAreLowerCaseUnicodeWordsWithApostrophes() {
        assertEquals(List.of("don't", "over", "whisk", "the", "soufflé", "jalapeño", "x2"),
                Tokenizer.tokens("Don\u2019t over-whisk the SOUFFLE\u0301! Jalapeño, x2 'quoted'".replace("'quoted'", "")));
        assertEquals(List.of(), Tokenizer.tokens(" ,.!? "));
    }

    @Test void theTextTemplateLearnsTheTopicsAndPredictsIdenticallyAfterReload(@TempDir Path dir) throws Exception {
        NetworkSpec spec = SampleData.spec("text-classifier.json");
        PreparedData data = TextLoader.prepare(TOPICS, null, null, spec.input(), 0, spec.training().seed());
        assertEquals(List.of("computers", "cooking", "sport", "weather"), data.train().classes());
        assertEquals(700, data.train().size());
        InputPreparation.Text prep = (InputPreparation.Text) data.preparation();
        assertEquals(InputPreparation.TextMode.SEQUENCE, prep.mode());
        assertEquals(256, prep.length());
        assertEquals(List.of("<pad>", "<unk>", "the"), prep.vocabulary().subList(0, 3), "most frequent first");
        List<String> words = prep.vocabulary().stream().filter(t -> !t.startsWith("#")).toList();
        assertEquals(words, prep.vocabulary().subList(0, words.size()), "the words first, then the n-grams in the room left");
        assertEquals("#<th", prep.vocabulary().get(words.size()), "the n-gram that the, this, they, … share");
        assertTrue(prep.vocabulary().size() <= 16000);
        TrainedModel model = train(spec, data);

        List<String> classes = model.labels();
        PreparedData test = TextLoader.encode(TOPICS_TEST, null, null, prep, classes, spec.input());
        double accuracy = Evaluator.evaluate(model, test.train()).accuracy();
        assertTrue(accuracy >= 0.6, "4 topics, chance 25 %: " + accuracy);

        Path file = dir.resolve("topics.zip");
        ModelFile.save(model, file);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(prep.vocabulary(), ((InputPreparation.Text) loaded.preparation()).vocabulary());
        for (String s : List.of("My laptop keeps freezing when I open the browser.", "Simmer the sauce with garlic and basil.",
                "Heavy rain and thunder are expected tonight.", "The striker scored twice in the final.")) {
            assertArrayEquals(probabilities(new ModelRuntime(model).classify(new ModelInput.Text(s))),
                    probabilities(new ModelRuntime(loaded).classify(new ModelInput.Text(s))), s);
        }
        assertEquals("cooking",
                new ModelRuntime(loaded).classify(new ModelInput.Text("Simmer the sauce with garlic and basil, then bake it in the oven."))
                        .prediction().best().label());
        ModelAnswer.Classified unknown = new ModelRuntime(loaded).classify(new ModelInput.Text("zzz qqq"));
        assertTrue(unknown.warnings().get(0).contains("none of the words"), unknown.warnings().toString());
        assertThrows(InputRejectedException.class, () -> new ModelRuntime(loaded).classify(new ModelInput.Text("?!")));
        assertThrows(InputRejectedException.class, () -> new ModelRuntime(loaded).classify(new ModelInput.Row(List.of("1"))));
    }

    @Test void aFolderOfTextFilesPerClassTrainsAsBagOfWordsForAVectorNetwork(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("notes");
        String[][] words = {{"goal", "match", "team", "score"}, {"rain", "cloud", "wind", "storm"}};
        String[] classes = {"sport", "weather"};
        for (int c = 0; c < 2; c++) {
            Files.createDirectories(root.resolve(classes[c]));
            for (int i = 0; i < 30; i++) {
                Files.writeString(root.resolve(classes[c]).resolve(i + ".txt"), "Today " + words[c][i % 4] + " and " + words[c][(i + 1) % 4] + " again.");
            }
        }
        Files.writeString(root.resolve("sport").resolve("empty.txt"), "  \n");
        NetworkSpec spec = SpecJson.read("""
                {"format":"model-studio/network","version":1,"name":"bow","input":{"type":"vector","features":50},
                 "layers":[{"type":"dense","units":8,"activation":"relu"},{"type":"output","units":2,"activation":"softmax"}],
                 "training":{"optimizer":"adam","learningRate":0.02,"batchSize":8,"epochs":20,"seed":3,"loss":"cross_entropy"}}""");
        PreparedData data = TextLoader.prepare(root, null, null, spec.input(), 0.2, 1);
        assertTrue(data.warnings().get(0).contains("skipped 1 empty text (sport/empty.txt)"), data.warnings().toString());
        InputPreparation.Text prep = (InputPreparation.Text) data.preparation();
        assertEquals(InputPreparation.TextMode.BAG_OF_WORDS, prep.mode());
        TrainedModel model = train(spec, data);
        assertTrue(Evaluator.evaluate(model, data.validation()).accuracy() >= 0.9);
        assertEquals("weather", new ModelRuntime(model).classify(new ModelInput.Text("A storm with wind")).prediction().best().label());
        Path saved = dir.resolve("bow.zip");
        ModelFile.save(model, saved);
        assertEquals(prep, ModelFile.load(saved).preparation());

        Files.write(root.resolve("weather").resolve("bad.txt"), new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        DataFileException e = assertThrows(DataFileException.class, () -> TextLoader.prepare(root, null, null, spec.input(), 0.2, 1));
        assertEquals("weather/bad.txt", e.file());
        assertEquals(2, e.line());
    }

    @Test void oneExamplePerLineWithATabIsReadAndALineWithoutOneIsRefused(@TempDir Path dir) throws Exception {
        var csv = TextLoader.read(Path.of("sample-models/text-topics/topics.csv"), null, null);
        StringBuilder lines = new StringBuilder("\uFEFF");
        for (var t : csv) lines.append(t.label()).append('\t').append(t.text()).append("\n\n");
        Path tsv = dir.resolve("topics.tsv");
        Files.writeString(tsv, lines, StandardCharsets.UTF_8);
        var read = TextLoader.read(tsv, null, null);
        assertEquals(csv.stream().map(t -> t.label() + "|" + t.text()).toList(), read.stream().map(t -> t.label() + "|" + t.text()).toList(),
                "the same texts and labels as the CSV, blank lines and the byte-order mark ignored");

        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "sport\tWe won.\nno tab on this line\n");
        DataFileException e = assertThrows(DataFileException.class, () -> TextLoader.read(bad, null, null));
        assertTrue(e.getMessage().contains("bad.txt") && e.getMessage().contains("2") && e.getMessage().contains("a tab"), e.getMessage());
    }

    @Test void aTextCsvWithOneClassOrNotUtf8IsRefused(@TempDir Path dir) throws Exception {
        NetworkSpec spec = SampleData.spec("text-classifier.json");
        Path one = Files.writeString(dir.resolve("one.csv"), "text,label\nhello there,a\nhi,a\n");
        DataFileException e = assertThrows(DataFileException.class, () -> TextLoader.prepare(one, null, null, spec.input(), 0, 1));
        assertTrue(e.getMessage().contains("one.csv: has only one class (a)"), e.getMessage());
        Path latin = Files.write(dir.resolve("latin.csv"), "text,label\nhello,a\nbonjour caf\u00e9,b\n".getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(DataFileException.class, () -> TextLoader.prepare(latin, null, null, spec.input(), 0, 1));
        assertEquals("latin.csv, line 3: is not UTF-8 text (it has bytes that are not UTF-8 here); save it as UTF-8", e.getMessage());
        Path named = Files.writeString(dir.resolve("named.csv"), "id,body,kind\n1,the sun,w\n2,the goal,s\n");
        List<String> texts = new ArrayList<>();
        TextLoader.read(named, "body", "kind").forEach(t -> texts.add(t.text() + "/" + t.label()));
        assertEquals(List.of("the sun/w", "the goal/s"), texts);
    }

    // ------------------------------------------------------------------ model file

    @Test void aDamagedPreparationIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        PreparedData data = TableLoader.prepare(IRIS, null, 0, 1);
        NetworkSpec spec = SampleData.spec("tabular-mlp.json");
        spec = spec.withTraining(spec.training().withEpochs(1));
        Path file = dir.resolve("m.zip");
        ModelFile.save(train(spec, data), file);
        String manifest = readEntry(file);
        assertTrue(manifest.contains("\"version\" : 2"), manifest);
        Path damaged = rewrite(file, dir.resolve("damaged.zip"), manifest.replaceFirst("\"mean\"", "\"average\""));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(damaged));
        assertEquals("damaged.zip: the input preparation inside is damaged: columns[0].the field \"mean\" is missing or not a number", e.getMessage());
    }

    @Test void aVersionOneImageModelStillLoads(@TempDir Path dir) throws Exception {
        var images = TestData.bars(60, 1);
        TrainingResult r = Trainer.train(TestData.barCnn(1), images, null, e -> { }, new CancelToken());
        Path file = dir.resolve("new.zip");
        ModelFile.save(r.last(), file);
        String manifest = readEntry(file);
        assertFalse(manifest.contains("preparation"), "an image model needs only the version-1 fields");
        Path old = rewrite(file, dir.resolve("old.zip"), manifest.replace("\"version\" : 2", "\"version\" : 1"));
        TrainedModel loaded = ModelFile.load(old);
        assertEquals(r.last().preprocessing(), loaded.preprocessing());
        assertEquals(new InputPreparation.Image(r.last().preprocessing()), loaded.preparation());
    }

    static String readEntry(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(ModelFile.ENTRY))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path rewrite(Path from, Path to, String manifest) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(ModelFile.ENTRY)) {
                    out.write(manifest.getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream s = in.getInputStream(entry)) { s.transferTo(out); }
                }
                out.closeEntry();
            }
        }
        return to;
    }

}
