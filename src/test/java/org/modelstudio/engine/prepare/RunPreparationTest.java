package org.modelstudio.engine.prepare;

import org.modelstudio.core.events.RunOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.AugmentedSource;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run's data, prepared from real files made here, as the studio and the command line both get it. */
class RunPreparationTest {

    static final List<String> COLOURS = List.of("red", "green", "blue");

    /** 120 rows, 40 per colour; "size" is the row number, so its mean over any set of rows is easy to know. */
    static Path table(Path file, double sizeOffset) throws IOException {
        StringBuilder csv = new StringBuilder("size,weight,hue,depth,colour\n");
        for (int i = 0; i < 120; i++) {
            int c = i % 3;
            csv.append(String.format(Locale.ROOT, "%.1f,%d,%.2f,%.3f,%s%n", i + sizeOffset, i * 7 % 13, c * 2 + (i % 5) * 0.1,
                    Math.sin(i), COLOURS.get(c)));
        }
        return Files.writeString(file, csv);
    }

    /** 40 texts, 20 per topic; each has one word of its own ("only7"), so the vocabulary shows which texts it saw. */
    static Path texts(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 2 == 0 ? "the team scored a goal in the match only" + i + ",sport\n"
                    : "stir the soup and bake the bread only" + i + ",cooking\n");
        }
        return Files.writeString(file, csv);
    }

    static NetworkSpec tabular(double validation, double test) {
        NetworkSpec spec = SampleData.spec("tabular-mlp.json");
        return spec.withTraining(spec.training().withValidationSplit(validation).withTestSplit(test).withEpochs(2));
    }

    static NetworkSpec textNetwork(double validation, double test) {
        NetworkSpec spec = SampleData.spec("text-classifier.json");
        return spec.withTraining(spec.training().withValidationSplit(validation).withTestSplit(test));
    }

    static RunRequest fresh(DataSource source, NetworkSpec spec) {
        return new RunRequest(source, spec, null, Augmentation.NONE, null, true);
    }

    static DataSource.TableFile tableFile(Path file) { return new DataSource.TableFile(file.toString(), "colour"); }

    /** Feature {@code f} of every example, in order. */
    static double[] column(ExampleSource data, int f) {
        double[] out = new double[data.size()];
        float[] x = new float[(int) data.exampleShape().size()];
        for (int i = 0; i < out.length; i++) {
            data.read(i, x);
            out[i] = x[f];
        }
        return out;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    static TrainedModel trainedOn(Path table) throws Exception {
        NetworkSpec spec = tabular(0.2, 0);
        RunData data = RunPreparation.prepare(fresh(tableFile(table), spec));
        TrainingResult r = Trainer.train(spec, data.train(), data.validation(), data.preparation(), e -> { }, new CancelToken(), new PauseGate());
        assertEquals(RunOutcome.FINISHED, r.outcome(), r.failure());
        return r.last();
    }

    @Nested @DisplayName("A new run on a table")
    class Tables {
        @Test void isSplitIntoStratifiedTrainingValidationAndTestParts(@TempDir Path dir) throws Exception {
            RunData data = RunPreparation.prepare(fresh(tableFile(table(dir.resolve("colours.csv"), 0)), tabular(0.25, 0.25)));
            assertEquals(60, data.train().size());
            assertEquals(30, data.validation().size());
            assertEquals(30, data.test().size());
            assertEquals(120, data.size());
            for (ExampleSource part : List.of(data.train(), data.validation(), data.test())) {
                int[] counts = part.classCounts();
                assertEquals(counts[0], counts[1], "every class has the same share of each part");
                assertEquals(counts[1], counts[2]);
            }
            InputPreparation.Table prep = assertInstanceOf(InputPreparation.Table.class, data.preparation());
            assertEquals(List.of("size", "weight", "hue", "depth"), prep.columnNames());
            assertEquals("colour", prep.labelColumn());
            assertTrue(data.warnings().isEmpty(), data.warnings().toString());
        }

        @Test void isStandardisedWithTheTrainingRowsMeanAndDeviationOnly(@TempDir Path dir) throws Exception {
            RunData data = RunPreparation.prepare(fresh(tableFile(table(dir.resolve("colours.csv"), 0)), tabular(0.25, 0.25)));
            double[] train = column(data.train(), 0);
            assertEquals(0, mean(train), 1e-5, "the training rows' sizes are centred on their own mean");
            double sq = 0;
            for (double v : train) sq += v * v;
            assertEquals(1, Math.sqrt(sq / train.length), 1e-4, "and scaled by their own standard deviation");
            InputPreparation.Column size = ((InputPreparation.Table) data.preparation()).columns().get(0);
            assertTrue(Math.abs(size.mean() - 59.5) > 0.05, "not the mean of all 120 rows (59.5) but of the training ones: " + size.mean());
            double heldOut = (mean(column(data.validation(), 0)) * 30 + mean(column(data.test(), 0)) * 30) / 60;
            assertTrue(Math.abs(heldOut) > 1e-3, "the held-out rows, encoded alike, are not centred: " + heldOut);
        }

        @Test void withoutATestPartKeepsEveryRowForTrainingAndValidation(@TempDir Path dir) throws Exception {
            RunRequest commandLine = new RunRequest(tableFile(table(dir.resolve("colours.csv"), 0)), tabular(0.25, 0.25), null,
                    Augmentation.NONE, null, false);
            RunData data = RunPreparation.prepare(commandLine);
            assertNull(data.test());
            assertEquals(90, data.train().size());
            assertEquals(30, data.validation().size());
        }

        @Test void forANetworkThatDoesNotTakeAVectorIsRefusedSayingWhatToDo(@TempDir Path dir) throws Exception {
            NetworkSpec text = textNetwork(0.2, 0);
            IOException e = assertThrows(IOException.class,
                    () -> RunPreparation.prepare(fresh(tableFile(table(dir.resolve("colours.csv"), 0)), text)));
            assertEquals("The network takes " + text.input().shape() + " but the data is a table of numbers. "
                    + "Start from the Tabular MLP template, or give the network a vector input.", e.getMessage());
        }
    }

    @Test void textsGetAVocabularyFromTheTrainingTextsOnly(@TempDir Path dir) throws Exception {
        Path file = texts(dir.resolve("topics.csv"));
        RunData data = RunPreparation.prepare(fresh(new DataSource.TextFile(file.toString(), null, null), textNetwork(0.25, 0.25)));
        assertEquals(20, data.train().size());
        assertEquals(10, data.validation().size());
        assertEquals(10, data.test().size());
        assertEquals(List.of("cooking", "sport"), data.train().classes());
        InputPreparation.Text prep = assertInstanceOf(InputPreparation.Text.class, data.preparation());
        Set<String> own = new HashSet<>();
        for (String word : prep.vocabulary()) if (word.startsWith("only")) own.add(word);
        assertEquals(20, own.size(), "the words of the 20 training texts, none of the held-out ones': " + own);
    }

    @Nested @DisplayName("Continuing a table model")
    class Continuing {
        @Test void encodesTheDataWithTheModelsOwnStandardisation(@TempDir Path dir) throws Exception {
            TrainedModel model = trainedOn(table(dir.resolve("colours.csv"), 0));
            InputPreparation.Column size = ((InputPreparation.Table) model.preparation()).columns().get(0);
            Path larger = table(dir.resolve("larger.csv"), 1000);
            RunData data = RunPreparation.prepare(new RunRequest(tableFile(larger), model.spec(), model, Augmentation.NONE, null, true));
            assertNull(data.preparation(), "the model keeps its preparation; none is fitted again");
            assertNull(data.test(), "a continued run holds out no test part");
            assertEquals(96, data.train().size());
            assertEquals(24, data.validation().size());
            double all = (mean(column(data.train(), 0)) * 96 + mean(column(data.validation(), 0)) * 24) / 120;
            assertEquals((1059.5 - size.mean()) / size.std(), all, 1e-3, "sizes 1000 larger, standardised as the model's were");
        }

        @Test void refusesDataOfAnotherKindWithTheSameSentence(@TempDir Path dir) throws Exception {
            TrainedModel model = trainedOn(table(dir.resolve("colours.csv"), 0));
            DataSource texts = new DataSource.TextFile(texts(dir.resolve("topics.csv")).toString(), null, null);
            IOException e = assertThrows(IOException.class,
                    () -> RunPreparation.prepare(new RunRequest(texts, model.spec(), model, Augmentation.NONE, null, true)));
            assertEquals("The model in use was trained on " + model.preparation().describe() + "; the chosen data is "
                    + texts.describe() + ". Choose the data it was trained on to continue.", e.getMessage());
        }

        @Test void evaluationDataIsEncodedTheSameWay(@TempDir Path dir) throws Exception {
            TrainedModel model = trainedOn(table(dir.resolve("colours.csv"), 0));
            InputPreparation.Column size = ((InputPreparation.Table) model.preparation()).columns().get(0);
            EvaluationData read = EvaluationPreparation.tableOrText(model, table(dir.resolve("larger.csv"), 1000), null, null);
            assertEquals(120, read.data().size());
            assertEquals((1059.5 - size.mean()) / size.std(), mean(column(read.data(), 0)), 1e-3);
            assertTrue(read.skipped().isEmpty());
        }
    }

    @Nested @DisplayName("A run on images")
    class Images {
        final NetworkSpec cnn = TestData.barCnn(1);
        final LabeledData bars = TestData.bars(90, 3);

        NetworkSpec shares(double validation, double test) {
            return cnn.withTraining(cnn.training().withValidationSplit(validation).withTestSplit(test));
        }

        @Test void isSplitByIndexWithOnlyTheTrainingPartAugmented() throws Exception {
            RunData data = RunPreparation.prepare(new RunRequest(DataSource.FASHION_MNIST, shares(0.2, 0.2), null, Augmentation.TYPICAL,
                    () -> bars, true));
            assertEquals(54, data.train().size());
            assertEquals(18, data.validation().size());
            assertEquals(18, data.test().size());
            assertInstanceOf(AugmentedSource.class, data.train());
            assertFalse(data.validation() instanceof AugmentedSource, "validation images are never changed");
            assertFalse(data.test() instanceof AugmentedSource, "nor test images");
            assertNull(data.preparation(), "the trainer derives it from the network's input");
        }

        @Test void continuingHoldsOutNoTestPart() throws Exception {
            TrainingResult r = Trainer.train(cnn, bars, null, e -> { }, new CancelToken());
            TrainedModel model = r.last();
            RunData data = RunPreparation.prepare(new RunRequest(DataSource.FASHION_MNIST, shares(0.2, 0.2), model, Augmentation.NONE,
                    () -> bars, true));
            assertNull(data.test());
            assertEquals(72, data.train().size());
            assertEquals(18, data.validation().size());
            assertFalse(data.train() instanceof AugmentedSource);
        }

        @Test void anImageFolderToEvaluateOnIsReadWithTheModelsPreprocessing(@TempDir Path dir) throws Exception {
            TrainedModel model = Trainer.train(cnn, bars, null, e -> { }, new CancelToken()).last();
            Path folder = TestData.barFolder(dir.resolve("bars"), 4, 5);
            Files.writeString(folder.resolve("vertical").resolve("notes.png"), "not an image");
            EvaluationData inMemory = EvaluationPreparation.imageFolder(model, folder);
            EvaluationData scanned = EvaluationPreparation.scanImageFolder(model, folder, p -> { }, new CancelToken());
            for (EvaluationData read : List.of(inMemory, scanned)) {
                assertEquals(12, read.data().size());
                assertEquals(TestData.BAR_CLASSES.stream().sorted().toList(), read.data().classes());
                assertEquals(model.spec().input().shape(), read.data().exampleShape());
                assertEquals(1, read.skipped().size(), "the file that is not an image is left out and said");
            }
            assertNull(EvaluationPreparation.tableOrText(model, folder, null, null), "an image model takes no table or texts");
        }
    }

    @Test void aRequestNeedsItsSourceSnapshotAndAugmentation() {
        assertThrows(NullPointerException.class, () -> new RunRequest(null, tabular(0.1, 0), null, Augmentation.NONE, null, true));
        assertNotNull(fresh(DataSource.FASHION_MNIST, tabular(0.1, 0)));
    }
}
