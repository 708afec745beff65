package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.DataFileException;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.RawTable;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.engine.io.TableLoader;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns dropped or opened files into the inputs to predict, in drop order, each with the name the user knows it by:
 * image files as they are, each .txt file as one text (UTF-8, else refused naming the file), each row of a CSV file as
 * one table row (the header matched to the model's columns by name; a row that cannot be read is refused with its
 * line). What cannot be used becomes a refusal in its place; the drop sorter's refusals come last. Runs off the FX
 * thread; plain Java.
 */
final class InputReader {

    /** An input to predict ({@code problem} null) or one refused before prediction. */
    record Pending(String name, PredictionInput input, String problem) {
        static Pending refused(String name, String problem) { return new Pending(name, null, problem); }
    }

    private InputReader() {}

    /** @param table the model's table preparation, for {@link InputKind#TABLE}; null otherwise */
    static List<Pending> read(List<File> files, InputKind kind, InputPreparation.Table table) {
        DropSorter.Sorted sorted = DropSorter.sort(files, kind);
        List<Pending> out = new ArrayList<>();
        for (Path p : sorted.accepted()) {
            String name = p.getFileName().toString();
            switch (kind) {
                case IMAGE -> out.add(new Pending(name, new PredictionInput.ImageFile(p), null));
                case TEXT -> out.add(readText(p));
                case TABLE -> out.addAll(readRows(p, table));
                default -> out.add(Pending.refused(name, Texts.get("ui.reader.no-files")));
            }
        }
        for (RejectedInput r : sorted.rejected()) out.add(Pending.refused(r.file(), r.reason()));
        return out;
    }

    /** One .txt file as one text. */
    static Pending readText(Path file) {
        String name = file.getFileName().toString();
        try {
            return new Pending(name, new PredictionInput.Text(String.join("\n", TableLoader.utf8Lines(file))), null);
        } catch (DataFileException e) {
            return Pending.refused(name, (e.line() > 0 ? Texts.get("ui.reader.line", e.line()) : "") + e.reason());
        } catch (IOException e) {
            return Pending.refused(name, Texts.get("ui.reader.unreadable", e.getMessage()));
        }
    }

    /**
     * The rows of a CSV file, named "file, line n", in line order. Its header must name every feature column of the model
     * (other columns, such as the label, are ignored); a file without a header is read by position when it has exactly
     * the model's number of columns.
     */
    static List<Pending> readRows(Path file, InputPreparation.Table table) {
        String name = file.getFileName().toString();
        List<String> columns = table.columnNames();
        List<DataFileException> bad = new ArrayList<>();
        RawTable raw;
        try {
            raw = TableLoader.read(file, columns, bad::add);
        } catch (DataFileException e) {
            return List.of(Pending.refused(name, (e.line() > 0 ? Texts.get("ui.reader.line", e.line()) : "") + e.reason()));
        } catch (IOException e) {
            return List.of(Pending.refused(name, Texts.get("ui.reader.unreadable", e.getMessage())));
        }
        int[] positions = new int[columns.size()];
        if (raw.hadHeader()) {
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                positions[c] = raw.column(columns.get(c));
                if (positions[c] < 0) missing.add("\"" + columns.get(c) + "\"");
            }
            if (!missing.isEmpty()) {
                return List.of(Pending.refused(name, Texts.get("ui.reader.no-column", String.join(", ", missing),
                        String.join(", ", raw.names()), String.join(", ", columns))));
            }
        } else if (raw.names().size() == columns.size()) {
            for (int c = 0; c < positions.length; c++) positions[c] = c;
        } else {
            return List.of(Pending.refused(name, Texts.get("ui.reader.no-header", raw.names().size(), columns.size(),
                    String.join(", ", columns))));
        }
        Map<Integer, Pending> byLine = new TreeMap<>();
        for (DataFileException e : bad) byLine.put(e.line(), Pending.refused(Texts.get("ui.reader.name-line", name, e.line()), e.reason()));
        for (int r = 0; r < raw.size(); r++) {
            String[] cells = raw.rows().get(r);
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < positions.length; c++) values.put(columns.get(c), cells[positions[c]].trim());
            byLine.put(raw.lines()[r], new Pending(Texts.get("ui.reader.name-line", name, raw.lines()[r]), new PredictionInput.Row(values), null));
        }
        if (byLine.isEmpty()) return List.of(Pending.refused(name, Texts.get("ui.reader.no-rows")));
        return new ArrayList<>(byLine.values());
    }
}
