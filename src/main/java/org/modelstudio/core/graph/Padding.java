package org.modelstudio.core.graph;

/** VALID: the window stays inside the input. SAME: the input is padded so that output = ceil(input / stride). */
public enum Padding {
    VALID, SAME;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Padding fromId(String id) { return Enums.fromId(Padding.class, id); }
}
