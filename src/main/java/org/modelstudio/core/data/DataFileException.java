package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import java.io.IOException;

/**
 * A data file (a table, a text file) that cannot be used, with the file, the line (counting from 1; 0 when the
 * problem is not on one line) and a sentence saying why: "iris.csv, line 7: has 4 fields but the header has 5".
 */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String reason;

    public DataFileException(String file, int line, String reason) {
        super(line > 0 ? Texts.get("core.data.at-line", file, line, reason) : Texts.get("core.data.in-file", file, reason));
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() { return file; }

    /** Counting from 1; 0 when the problem concerns the whole file. */
    public int line() { return line; }

    public String reason() { return reason; }
}
