package org.modelstudio.core.graph;

import java.util.Locale;

/** Activation functions a layer can apply. */
public enum Activation {
    RELU, LEAKY_RELU, ELU, SIGMOID, TANH, SOFTMAX, IDENTITY;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Activation fromId(String id) {
        return Enums.fromId(Activation.class, id);
    }
}
