package org.modelstudio.core.graph;

import java.util.Locale;

/** The update rule used while training. */
public enum Optimizer {
    ADAM, SGD, NESTEROV, RMSPROP;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Optimizer fromId(String id) { return Enums.fromId(Optimizer.class, id); }
}
