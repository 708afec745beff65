package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.writable.Writable;
import org.modelstudio.core.data.DataFileException;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.RawTable;
import org.modelstudio.core.data.TablePreparation;
import org.modelstudio.core.data.TaskKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads CSV tables (comma-separated, RFC 4180 quotes, UTF-8) with DataVec's CSV parser, and prepares them with
 * {@link TablePreparation}: header detection, column kinds, standardisation fitted on the training rows. Every
 * refusal names the file and, where there is one, the line.
 */
public final class TableLoader {

    private TableLoader() {}

    /** Reads and prepares a table for training; see {@link TablePreparation#prepare}. */
    public static PreparedData prepare(Path file, String labelColumn, double validation, long seed) throws IOException {
        return prepare(file, labelColumn, null, validation, 0, seed);
    }

    /**
     * Reads and prepares a table for training as {@code task} says (null: as the label's values decide, see
     * {@link org.modelstudio.core.data.TaskKind#decide}), holding back validation and test parts (shares of all rows).
     */
    public static PreparedData prepare(Path file, String labelColumn, TaskKind task, double validation, double test, long seed)
            throws IOException {
        return TablePreparation.prepare(read(file, labelColumn == null ? List.of() : List.of(labelColumn)), labelColumn, task, validation, test, seed);
    }

    /** Reads a table and encodes it as a model prepared it (to evaluate the model on it). */
    public static PreparedData encode(Path file, InputPreparation.Table prep, List<String> classes) throws IOException {
        List<String> names = new ArrayList<>(prep.columnNames());
        names.add(prep.labelColumn());
        return TablePreparation.encode(read(file, names), prep, classes);
    }

    /**
     * The cells of a CSV file. The first row is a header when it holds one of {@code expectedNames} or when some column is
     * numeric below it but not in it ({@link RawTable#looksLikeHeader}); otherwise the columns are named column1..n.
     * Blank lines are skipped; a row with another number of fields than the first is refused.
     */
    public static RawTable read(Path file, List<String> expectedNames) throws IOException {
        return read(file, expectedNames, null);
    }

    /**
     * As {@link #read(Path, List)}, but a row that cannot be parsed or has another number of fields than the first is
     * handed to {@code badRow} (naming its line) and left out, instead of refusing the whole file; with a null
     * {@code badRow} such a row refuses the file.
     */
    public static RawTable read(Path file, List<String> expectedNames, Consumer<DataFileException> badRow)
            throws IOException {
        String name = file.getFileName().toString();
        List<String> lines = utf8Lines(file);
        Parser parser = new Parser();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] cells;
            DataFileException bad = null;
            try {
                cells = parser.cells(line);
                if (!rows.isEmpty() && cells.length != rows.get(0).length) {
                    bad = new DataFileException(name, i + 1, Texts.get(cells.length == 1 ? "engine.table.fields-one" : "engine.table.fields",
                            cells.length, lineNumbers.get(0), rows.get(0).length));
                }
            } catch (RuntimeException e) {
                cells = null;
                bad = new DataFileException(name, i + 1, Texts.get("engine.table.not-csv", e.getMessage()));
            }
            if (bad != null) {
                if (badRow == null) throw bad;
                badRow.accept(bad);
                continue;
            }
            rows.add(cells);
            lineNumbers.add(i + 1);
        }
        if (rows.isEmpty()) throw new DataFileException(name, 0, Texts.get("engine.table.empty"));
        boolean header = RawTable.looksLikeHeader(rows, expectedNames);
        List<String> names = new ArrayList<>();
        if (header) {
            for (String c : rows.get(0)) names.add(c.trim());
            rows.remove(0);
            lineNumbers.remove(0);
        } else {
            for (int c = 0; c < rows.get(0).length; c++) names.add("column" + (c + 1));
        }
        return new RawTable(name, names, header, rows, lineNumbers.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The lines of a UTF-8 text file (a byte-order mark is dropped); bytes that are not UTF-8 are refused naming the
     * file and the line.
     */
    public static List<String> utf8Lines(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) throw new DataFileException(name, 0, Texts.get(Files.exists(file) ? "engine.file.not-a-file" : "engine.file.missing"));
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && start == i) break;
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                try {
                    String line = decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
                    if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                    lines.add(line);
                } catch (CharacterCodingException e) {
                    throw new DataFileException(name, lineNo, Texts.get("engine.file.not-utf8-here"));
                }
                start = i + 1;
                lineNo++;
            }
        }
        return lines;
    }

    /** DataVec's CSV parsing of one line (comma-separated, double quotes, quotes inside quotes doubled). */
    private static final class Parser extends CSVRecordReader {
        Parser() { super(0, ',', '"'); }

        String[] cells(String line) {
            List<Writable> fields = parseLine(line);
            String[] out = new String[fields.size()];
            for (int i = 0; i < out.length; i++) out[i] = fields.get(i).toString();
            return out;
        }
    }
}
