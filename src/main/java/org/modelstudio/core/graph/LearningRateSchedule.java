package org.modelstudio.core.graph;

import java.util.Locale;

/**
 * How the learning rate changes from epoch to epoch: kept constant, multiplied by {@code factor} every
 * {@code every} epochs (step), or multiplied by {@code factor} after each epoch (exponential). Lowering the
 * rate late in training lets the weights settle instead of wobbling around a minimum.
 */
public record LearningRateSchedule(Kind kind, double factor, int every) {

    public enum Kind {
        CONSTANT, STEP, EXPONENTIAL;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        public static Kind fromId(String id) { return Enums.fromId(Kind.class, id); }
    }

    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 1, 1);

    public static LearningRateSchedule step(double factor, int every) { return new LearningRateSchedule(Kind.STEP, factor, every); }

    public static LearningRateSchedule exponential(double factor) { return new LearningRateSchedule(Kind.EXPONENTIAL, factor, 1); }

    /** The rate in epoch {@code epoch} (counting from 1), starting from {@code base}. */
    public double rateAt(int epoch, double base) {
        int done = Math.max(0, epoch - 1);
        return switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(factor, done / Math.max(1, every));
            case EXPONENTIAL -> base * Math.pow(factor, done);
        };
    }

    /** Problems with the settings, as sentences; empty when it is fine. */
    String problem() {
        if (kind == Kind.CONSTANT) return null;
        if (!(factor > 0 && factor <= 1)) {
            return "The learning-rate schedule's factor must be above 0 and at most 1, not " + factor + ".";
        }
        if (every < 1) return "The learning-rate schedule must step every 1 or more epochs, not " + every + ".";
        return null;
    }

    public String describe() {
        return switch (kind) {
            case CONSTANT -> "constant";
            case STEP -> String.format(Locale.ROOT, "×%s every %d epoch%s", factor, every, every == 1 ? "" : "s");
            case EXPONENTIAL -> String.format(Locale.ROOT, "×%s each epoch", factor);
        };
    }
}
