package org.modelstudio.core.data;

import java.util.ArrayList;
import java.util.List;

/** One CSV line's cells (RFC 4180 quotes: a cell in double quotes may hold commas, "" is a quote). */
public final class CsvLine {
    private CsvLine() {}

    /** "5.1, 3.5,\"a, b\"" → 5.1 | 3.5 | a, b (each cell trimmed). */
    public static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
