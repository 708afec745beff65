package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What a table's label column asks a network to learn: one of a few classes per row (classification) or a number
 * (regression). {@link #RULE} says how a column's values decide it; a column of whole numbers could be either, so
 * the person may choose ({@link Decision#choosable()}).
 */
public enum TaskKind {
    CLASSIFICATION, REGRESSION;

    /** More different whole numbers than this make a label column a quantity rather than class codes. */
    public static final int MAX_CLASS_CODES = 10;

    /** The rule in one sentence, as the Data tab says it. */
    public static String rule() {
        return Texts.get("core.task.rule", MAX_CLASS_CODES);
    }

    /** "classification", "regression". */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The kind named by {@code id} (case-insensitive), or null. */
    public static TaskKind fromId(String id) {
        if (id == null) return null;
        for (TaskKind k : values()) if (k.id().equalsIgnoreCase(id.trim())) return k;
        return null;
    }

    /**
     * The kind a label column's values suggest, whether the person may choose the other one, and why, as a
     * sentence naming the column.
     */
    public record Decision(TaskKind kind, boolean choosable, String why) {}

    /** Decides from the label column's cells (empty cells are left out). */
    public static Decision decide(String column, List<String> cells) {
        TreeSet<Double> distinct = new TreeSet<>();
        String fraction = null;
        for (String cell : cells) {
            String v = cell.trim();
            if (v.isEmpty()) continue;
            if (!TablePreparation.isNumber(v)) {
                return new Decision(CLASSIFICATION, false, "The label column \"" + column + "\" holds text (such as \"" + v
                        + "\"): each row belongs to a class (classification).");
            }
            double d = Double.parseDouble(v);
            if (fraction == null && d != Math.rint(d)) fraction = v;
            distinct.add(d);
        }
        if (fraction != null) {
            return new Decision(REGRESSION, false, "The label column \"" + column + "\" holds numbers with fractions (such as " + fraction
                    + "): a number to predict (regression).");
        }
        if (distinct.size() > MAX_CLASS_CODES) {
            return new Decision(REGRESSION, true, "The label column \"" + column + "\" holds " + distinct.size()
                    + " different whole numbers, taken for a number to predict (regression); choose classification if they are class codes.");
        }
        return new Decision(CLASSIFICATION, true, "The label column \"" + column + "\" holds " + distinct.size()
                + " different whole number" + (distinct.size() == 1 ? "" : "s") + ", taken for class codes (classification); "
                + "choose regression if they are amounts to predict.");
    }
}
