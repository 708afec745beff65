package org.modelstudio.core.graph;

import java.util.Locale;

/** What the Output layer minimises. */
public enum Loss {
    /** Categorical cross-entropy: the loss for softmax classification. */
    CROSS_ENTROPY,
    /** Mean squared error: the loss for regression. */
    MSE,
    /** Binary cross-entropy: independent yes/no outputs (sigmoid). */
    BINARY_CROSS_ENTROPY;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Loss fromId(String id) { return Enums.fromId(Loss.class, id); }
}
