package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import java.util.List;

/**
 * The cells of a table file as text, before any meaning is given to them: the column names (from the header row,
 * or column1..n when the file has none), the rows, and each row's line in the file (counting from 1) so that
 * messages can point at it. Every row has exactly {@code names.size()} cells.
 */
public record RawTable(String file, List<String> names, boolean hadHeader, List<String[]> rows, int[] lines) {

    public RawTable {
        names = List.copyOf(names);
        rows = List.copyOf(rows);
        if (rows.size() != lines.length) throw new IllegalArgumentException(rows.size() + " rows but " + lines.length + " line numbers");
    }

    public int size() { return rows.size(); }

    /** The position of a column by name (case-insensitive), or -1. */
    public int column(String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(name.trim())) return i;
        return -1;
    }

    /** "species" → its index, or a refusal listing the columns there are. */
    public int requireColumn(String name, String role) throws DataFileException {
        int c = column(name);
        if (c < 0) {
            String as = "core.data.column-role." + role;
            throw new DataFileException(file, 0, Texts.get(hadHeader ? "core.data.no-column" : "core.data.no-column-numbered", name,
                    Texts.get(as), String.join(", ", names)));
        }
        return c;
    }

    /**
     * Whether the first row is a header: some column holds numbers in every later row but not in the first, or
     * one of {@code expectedNames} is in the first row.
     */
    public static boolean looksLikeHeader(List<String[]> rows, List<String> expectedNames) {
        if (rows.isEmpty()) return false;
        String[] first = rows.get(0);
        for (String name : expectedNames) {
            for (String cell : first) if (name != null && cell.trim().equalsIgnoreCase(name.trim())) return true;
        }
        if (rows.size() < 2) return false;
        for (int c = 0; c < first.length; c++) {
            if (TablePreparation.isNumber(first[c]) || first[c].isBlank()) continue;
            boolean laterNumeric = true;
            int seen = 0;
            for (int r = 1; r < rows.size() && laterNumeric; r++) {
                String v = c < rows.get(r).length ? rows.get(r)[c] : "";
                if (v.isBlank()) continue;
                seen++;
                laterNumeric = TablePreparation.isNumber(v);
            }
            if (laterNumeric && seen > 0) return true;
        }
        return false;
    }
}
