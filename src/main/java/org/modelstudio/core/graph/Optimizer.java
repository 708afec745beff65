package org.modelstudio.core.graph;

/** The update rule used while training. */
public enum Optimizer {
    ADAM, SGD, NESTEROV, RMSPROP;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optimizer fromId(String id) { return Enums.fromId(Optimizer.class, id); }
}
