package org.modelstudio.engine.keras;

/** A Keras file the studio cannot open; the message is a sentence that names the file and the layer or feature. */
public final class KerasImportException extends Exception {
    public KerasImportException(String message) { super(message); }

    public KerasImportException(String message, Throwable cause) { super(message, cause); }
}
