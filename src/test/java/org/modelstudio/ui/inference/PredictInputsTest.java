package org.modelstudio.ui.inference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.core.eval.Prediction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the Predict area reads what it is given, and what it writes, without the FX toolkit. */
class PredictInputsTest {

    static final InputPreparation.Table IRIS = new InputPreparation.Table(List.of(
            InputPreparation.Column.numeric("sepal_length", 5.8, 0.8), InputPreparation.Column.numeric("sepal_width", 3.0, 0.4),
            InputPreparation.Column.categorical("soil", List.of("clay", "sand"))), "species");

    @Nested @DisplayName("dropped files are sorted by what the model reads")
    class Sorting {
        @Test void aTextModelTakesTxtFilesAndRefusesImagesWithASentence(@TempDir Path dir) throws Exception {
            Path txt = Files.writeString(dir.resolve("a.txt"), "x");
            Path png = Files.writeString(dir.resolve("photo.png"), "x");
            Path csv = Files.writeString(dir.resolve("rows.csv"), "x");
            DropSorter.Sorted s = DropSorter.sort(List.of(txt.toFile(), png.toFile(), csv.toFile()), InputKind.TEXT);
            assertEquals(List.of(txt), s.accepted());
            List<String> reasons = s.rejected().stream().map(RejectedInput::toString).toList();
            assertEquals(List.of("photo.png: is an image, but this model reads texts: drop .txt files (one text each) or type the text",
                    "rows.csv: is a .csv file, but this model reads texts: drop .txt files (one text each) or type the text"), reasons);
        }

        @Test void aTableModelTakesCsvFiles(@TempDir Path dir) throws Exception {
            Path csv = Files.writeString(dir.resolve("rows.CSV"), "x");
            Path txt = Files.writeString(dir.resolve("a.txt"), "x");
            DropSorter.Sorted s = DropSorter.sort(List.of(csv.toFile(), txt.toFile()), InputKind.TABLE);
            assertEquals(List.of(csv), s.accepted());
            assertEquals("a.txt: is a .txt file, but this model reads table rows: drop a .csv file of rows or fill in the form",
                    s.rejected().get(0).toString());
        }
    }

    @Nested @DisplayName("texts and rows are read from files")
    class Reading {
        @Test void aTextFileIsOneTextAndOneThatIsNotUtf8IsRefusedNamingIt(@TempDir Path dir) throws Exception {
            Path good = Files.writeString(dir.resolve("good.txt"), "Line one\nline two é");
            Path latin = Files.write(dir.resolve("latin.txt"), new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9});
            InputReader.Pending ok = InputReader.readText(good);
            assertEquals(new PredictionInput.Text("Line one\nline two é"), ok.input());
            assertNull(ok.problem());
            InputReader.Pending bad = InputReader.readText(latin);
            assertEquals("latin.txt", bad.name());
            assertTrue(bad.problem().startsWith("line 2 is not UTF-8 text"), bad.problem());
        }

        @Test void csvRowsAreMatchedByHeaderNameAndBadRowsAreRefusedWithTheirLine(@TempDir Path dir) throws Exception {
            Path csv = Files.writeString(dir.resolve("new.csv"), "species,soil,sepal_width,sepal_length\n"
                    + "x,clay,3.1,5.0\n"
                    + "x,sand,2.9\n"
                    + "\n"
                    + "y,sand,2.5,\"6,1\"\n");
            List<InputReader.Pending> rows = InputReader.readRows(csv, IRIS);
            assertEquals(3, rows.size());
            assertEquals("new.csv, line 2", rows.get(0).name());
            assertEquals(Map.of("sepal_length", "5.0", "sepal_width", "3.1", "soil", "clay"), ((PredictionInput.Row) rows.get(0).input()).values());
            assertEquals(List.of("sepal_length", "sepal_width", "soil"), List.copyOf(((PredictionInput.Row) rows.get(0).input()).values().keySet()),
                    "in the model's column order");
            assertEquals("new.csv, line 3", rows.get(1).name());
            assertTrue(rows.get(1).problem().startsWith("has 3 fields but line 1 has 4"), rows.get(1).problem());
            assertEquals("new.csv, line 5", rows.get(2).name());
            assertEquals("6,1", ((PredictionInput.Row) rows.get(2).input()).values().get("sepal_length"), "a quoted value keeps its comma");
        }

        @Test void aCsvWithoutAColumnTheModelNeedsIsRefusedSayingWhich(@TempDir Path dir) throws Exception {
            Path csv = Files.writeString(dir.resolve("short.csv"), "sepal_length,soil\n5.0,clay\n");
            List<InputReader.Pending> rows = InputReader.readRows(csv, IRIS);
            assertEquals(1, rows.size());
            assertEquals("short.csv", rows.get(0).name());
            assertEquals("has no column \"sepal_width\" (its columns are sepal_length, soil); the model needs sepal_length, sepal_width, soil",
                    rows.get(0).problem());
        }

        @Test void aCsvWithoutHeaderIsReadByPositionWhenItHasTheModelsColumns(@TempDir Path dir) throws Exception {
            Path csv = Files.writeString(dir.resolve("bare.csv"), "5.0,3.1,clay\n6.0,2.2,sand\n");
            List<InputReader.Pending> rows = InputReader.readRows(csv, IRIS);
            assertEquals(2, rows.size());
            assertEquals("sand", ((PredictionInput.Row) rows.get(1).input()).values().get("soil"));
            Path wide = Files.writeString(dir.resolve("wide.csv"), "5.0,3.1,clay,1\n6.0,2.2,sand,2\n");
            assertTrue(InputReader.readRows(wide, IRIS).get(0).problem().startsWith("has no header row, and its 4 columns are not the model's 3"));
        }
    }

    @Test void theBatchCsvHasOneQuotedRowPerInput() {
        Prediction p = Prediction.of(List.of("cat", "dog, big"), new double[] {0.25, 0.75});
        List<PredictionItem> items = List.of(
                new PredictionItem("a \"b\".png", null, null, p, List.of(), 3.456, null),
                PredictionItem.refused("c.png", "is damaged, cut short"));
        assertEquals(BatchCsv.HEADER + "\n"
                + "\"a \"\"b\"\".png\",\"dog, big\",0.7500,cat,0.2500,3.46,\n"
                + "c.png,,,,,,\"is damaged, cut short\"\n", BatchCsv.of(items));
    }

    @Test void resultsReachTheFxThreadInChunksNotOneByOne() throws Exception {
        List<Runnable> posted = new ArrayList<>();
        Executor fx = posted::add;
        List<List<Integer>> chunks = new ArrayList<>();
        ChunkedDelivery<Integer> delivery = new ChunkedDelivery<>(fx, 20_000_000L, chunks::add);
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            delivery.add(i);
            // Nothing runs the hand-overs yet (a busy FX thread): at most one is asked for at a time.
            if (i % 100 == 99) Thread.sleep(5);
        }
        assertTrue(posted.size() <= 1, "one hand-over pending at most, not " + posted.size());
        posted.forEach(Runnable::run);
        posted.clear();
        for (int i = 1000; i < 1500; i++) {
            delivery.add(i);
            if (i % 100 == 99) Thread.sleep(5);
            posted.forEach(Runnable::run);
            posted.clear();
        }
        delivery.flush();
        posted.forEach(Runnable::run);
        List<Integer> all = chunks.stream().flatMap(List::stream).toList();
        assertEquals(1500, all.size());
        for (int i = 0; i < all.size(); i++) assertEquals(i, all.get(i), "in order");
        long maxChunks = 2 + (System.nanoTime() - t0) / 20_000_000L;
        assertTrue(chunks.size() <= maxChunks, chunks.size() + " chunks for 1 500 results over " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Test void namesWithNumbersSortAsPeopleExpect() {
        List<String> names = new ArrayList<>(List.of("rows.csv, line 10", "rows.csv, line 9", "img-2.png", "Img-10.png", "rows.csv, line 100"));
        names.sort(BatchTable::natural);
        assertEquals(List.of("img-2.png", "Img-10.png", "rows.csv, line 9", "rows.csv, line 10", "rows.csv, line 100"), names);
    }
}
