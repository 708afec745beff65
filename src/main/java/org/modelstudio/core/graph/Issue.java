package org.modelstudio.core.graph;

import org.modelstudio.core.i18n.Texts;
/**
 * A problem found in a network spec: which layer (0-based; {@link #NETWORK} for the network as a whole),
 * how bad, and a sentence a student understands.
 */
public record Issue(int layerIndex, Severity severity, String message) {

    public static final int NETWORK = -1;

    public enum Severity { ERROR, WARNING }

    public boolean isError() { return severity == Severity.ERROR; }

    static Issue error(int layer, String message) { return new Issue(layer, Severity.ERROR, message); }

    static Issue warning(int layer, String message) { return new Issue(layer, Severity.WARNING, message); }

    @Override public String toString() { return Texts.get(isError() ? "core.issue.error" : "core.issue.warning", message); }
}
