package org.modelstudio.ui.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.DataFileException;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.RawTable;
import org.modelstudio.core.data.TablePreparation;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.data.TextPreparation;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.io.TableLoader;
import org.modelstudio.engine.io.TextLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the Data tab shows of a table or texts: the first rows with each column's kind, what the label column asks
 * for (classes or a number), the classes with their counts, and a summary of the parts the next run uses.
 */
final class TablePreview {

    static final int PREVIEW_ROWS = 12;

    private TablePreview() {}

    /**
     * Fills the first rows of a table, each heading saying the column's kind and its missing values ("sepal_length ·
     * number · 0 missing"); for texts, a few examples of every class with their labels. Read on a background thread. Returns what the
     * table's label column asks for (null for texts).
     */
    static TaskKind.Decision read(DataSource source, List<String> columns, List<List<String>> rows) throws IOException {
        if (source instanceof DataSource.TableFile t) {
            RawTable table = TableLoader.read(Path.of(t.path()), t.label() == null ? List.of() : List.of(t.label()));
            for (int c = 0; c < table.names().size(); c++) {
                int missing = 0;
                int numbers = 0;
                for (String[] row : table.rows()) {
                    String v = c < row.length ? row[c].trim() : "";
                    if (v.isEmpty()) missing++;
                    else if (isNumber(v)) numbers++;
                }
                int filled = table.size() - missing;
                String kind = Texts.get(filled > 0 && numbers == filled ? "ui.data.column.number" : numbers == 0 ? "ui.data.column.text"
                        : "ui.data.column.mixed");
                columns.add(table.names().get(c) + "\n" + Texts.get("ui.data.column.header", kind, missing));
            }
            for (int r = 0; r < Math.min(PREVIEW_ROWS, table.size()); r++) rows.add(List.of(table.rows().get(r)));
            if (table.size() == 0 || table.names().size() < 2) return null;
            try {
                return TablePreparation.decideTask(table, t.label());
            } catch (DataFileException e) {
                return null;   // no such label column: preparing the table says so
            }
        }
        if (source instanceof DataSource.TextFile t) {
            var texts = TextLoader.read(Path.of(t.path()), t.textColumn(), t.labelColumn());
            columns.add(Texts.get("ui.data.column.text-column"));
            columns.add(Texts.get("ui.data.column.label-column"));
            for (var text : examplesPerClass(texts, TextPreparation.LabeledText::label, PREVIEW_ROWS)) {
                rows.add(List.of(text.text(), text.label()));
            }
        }
        return null;
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * "3 classes · 150 examples from the table iris.csv · … · the next run trains on 105, validates on 30 and tests on 15
     * (stratified, seeded; fitted on the training part only)".
     */
    static String summary(PreparedData pd, DataSource source) {
        int validation = pd.validation() == null ? 0 : pd.validation().size();
        int test = pd.test() == null ? 0 : pd.test().size();
        String what = pd.regression()
                ? Texts.get("ui.data.table.regression", pd.train().classes().get(0))
                : Texts.get("ui.data.table.classes", Texts.number(pd.train().classCount()));
        String parts = test > 0
                ? Texts.get("ui.data.table.parts-test", Texts.number(pd.train().size()), Texts.number(validation), Texts.number(test))
                : Texts.get("ui.data.table.parts", Texts.number(pd.train().size()), Texts.number(validation));
        return Texts.get("ui.data.table.summary", what, Texts.number(pd.size()), source.describe(), pd.preparation().describe(), parts,
                Texts.get(pd.regression() ? "ui.data.table.random" : "ui.data.table.stratified"),
                test > 0 ? Texts.get("ui.data.table.test-note") : "", unknownTokens(pd));
    }

    /** For texts: " · in the validation and test texts, 84 of the 1,020 tokens (8.2 %) are not in the vocabulary of 1,353". */
    static String unknownTokens(PreparedData pd) {
        if (!(pd.preparation() instanceof InputPreparation.Text text)) return "";
        List<String> held = new ArrayList<>();
        for (var part : Arrays.asList(pd.validation(), pd.test())) {
            if (part != null) for (int i = 0; i < part.size(); i++) held.add(part.describe(i));
        }
        if (held.isEmpty()) return "";
        String parts = Texts.get(pd.validation() != null && pd.test() != null ? "ui.data.texts.part.both"
                : pd.validation() != null ? "ui.data.texts.part.validation" : "ui.data.texts.part.test");
        return Texts.get("ui.data.texts.coverage", parts, text.coverage(held).describe());
    }

    /**
     * The first examples of each class, grouped by class in the order classes first appear: {@code rows} shared out
     * evenly (at least one per class, so no class is missing from a preview), each class's in file order.
     */
    static <T> List<T> examplesPerClass(List<T> items, Function<T, String> label, int rows) {
        Map<String, List<T>> byClass = new LinkedHashMap<>();
        for (T item : items) byClass.computeIfAbsent(label.apply(item), k -> new ArrayList<>()).add(item);
        int each = Math.max(1, (rows + byClass.size() - 1) / Math.max(1, byClass.size()));
        List<T> out = new ArrayList<>();
        for (List<T> members : byClass.values()) out.addAll(members.subList(0, Math.min(each, members.size())));
        return out;
    }
}
