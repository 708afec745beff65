package org.modelstudio.core.graph;

/** A spec file that cannot be read; the message names the file or field and what is wrong with it. */
public class SpecFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpecFormatException(String message) { super(message); }

    public SpecFormatException(String message, Throwable cause) { super(message, cause); }
}
