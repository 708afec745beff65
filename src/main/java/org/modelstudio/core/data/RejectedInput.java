package org.modelstudio.core.data;

/** An input file that cannot be used, with a sentence saying why ("is empty (0 bytes)"). */
public record RejectedInput(String file, String reason) {
    @Override public String toString() { return file + ": " + reason; }
}
