package org.modelstudio.engine.train;

/**
 * An example could not be read from its source (a file that became unreadable, a damaged record, …). The
 * message names the example, as its source describes it, and says why.
 */
public final class ExampleReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int index;

    public ExampleReadException(int index, String message, Throwable cause) {
        super(message, cause);
        this.index = index;
    }

    /** The example's index in the source it was read from. */
    public int index() { return index; }
}
