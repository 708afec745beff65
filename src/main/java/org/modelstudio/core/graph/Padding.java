package org.modelstudio.core.graph;

import java.util.Locale;

/** VALID: the window stays inside the input. SAME: the input is padded so that output = ceil(input / stride). */
public enum Padding {
    VALID, SAME;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Padding fromId(String id) { return Enums.fromId(Padding.class, id); }
}
