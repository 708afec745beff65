package org.modelstudio.core.graph;

import java.util.Locale;

/** How a layer's weights start out. */
public enum WeightInit {
    /** Glorot/Xavier: a good default for tanh, sigmoid and softmax layers. */
    XAVIER,
    /** He/Kaiming: a good default for ReLU layers. */
    HE,
    UNIFORM,
    ZERO;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static WeightInit fromId(String id) { return Enums.fromId(WeightInit.class, id); }
}
