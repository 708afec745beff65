package org.modelstudio.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a model file stores its weights: in full (float32, what training gives), or compact as half floats (fp16) or as
 * 8-bit integers with one scale per output channel (int8). Only the weights are compacted (see {@link org.modelstudio.engine.io.CompactWeights});
 * biases, batch-norm statistics and other small parameters stay float32.
 */
public enum Precision {
    FLOAT32("float32", "full precision (float32)"),
    FP16("fp16", "half floats (fp16)"),
    INT8("int8", "8-bit integers, a scale per output channel (int8)");

    private final String id;
    private final String description;

    Precision(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** As written on the command line and in a model file: "fp16", "int8". */
    public String id() { return id; }

    /** In the user's words: "half floats (fp16)". */
    public String describe() { return description; }

    /** The compact precisions, as the command line and the studio offer them. */
    public static final List<Precision> COMPACT = List.of(FP16, INT8);

    /** The precision with this id ("fp16", "int8", "float32"); null for any other text. */
    public static Precision fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst().orElse(null);
    }

    @Override public String toString() { return describe(); }
}
