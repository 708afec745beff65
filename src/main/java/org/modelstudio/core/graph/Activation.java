package org.modelstudio.core.graph;

/** Activation functions a layer can apply. */
public enum Activation {
    RELU, LEAKY_RELU, ELU, SIGMOID, TANH, SOFTMAX, IDENTITY;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Activation fromId(String id) {
        return Enums.fromId(Activation.class, id);
    }
}
