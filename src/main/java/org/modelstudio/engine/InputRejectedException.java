package org.modelstudio.engine;

/** An input (usually a file) the model cannot take; the message names the file and the reason. */
public class InputRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String reason;

    public InputRejectedException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public String file() { return file; }

    public String reason() { return reason; }
}
