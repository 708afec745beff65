package org.modelstudio.core.graph;

import org.modelstudio.core.i18n.Texts;
import java.util.Locale;

/**
 * How the learning rate changes from epoch to epoch: kept constant, multiplied by {@code factor} every
 * {@code every} epochs (step), multiplied by {@code factor} after each epoch (exponential), or multiplied by
 * {@code factor} once the validation loss has not improved for {@code every} epochs (plateau, Keras'
 * {@code ReduceLROnPlateau}; there {@code every} is the patience). Lowering the rate late in training lets the
 * weights settle instead of wobbling around a minimum.
 */
public record LearningRateSchedule(Kind kind, double factor, int every) {

    public enum Kind {
        CONSTANT, STEP, EXPONENTIAL, PLATEAU;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        public static Kind fromId(String id) { return Enums.fromId(Kind.class, id); }
    }

    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 1, 1);

    /**
     * The smallest fall in validation loss that counts as an improvement for the plateau schedule: Keras'
     * default {@code min_delta}, so that an exported model reduces its rate on the same epochs.
     */
    public static final double PLATEAU_MIN_DELTA = 1e-4;

    public static LearningRateSchedule step(double factor, int every) { return new LearningRateSchedule(Kind.STEP, factor, every); }

    public static LearningRateSchedule exponential(double factor) { return new LearningRateSchedule(Kind.EXPONENTIAL, factor, 1); }

    /** Multiply the rate by {@code factor} after {@code patience} epochs without a lower validation loss. */
    public static LearningRateSchedule plateau(double factor, int patience) {
        return new LearningRateSchedule(Kind.PLATEAU, factor, patience);
    }

    /** Whether the rate follows the validation loss (and so needs validation data). */
    public boolean watchesValidation() { return kind == Kind.PLATEAU; }

    /**
     * The rate in epoch {@code epoch} (counting from 1), starting from {@code base}. A plateau schedule's rate
     * depends on how training goes, so this is its starting rate; the trainer reports the rate it used.
     */
    public double rateAt(int epoch, double base) {
        int done = Math.max(0, epoch - 1);
        return switch (kind) {
            case CONSTANT, PLATEAU -> base;
            case STEP -> base * Math.pow(factor, done / Math.max(1, every));
            case EXPONENTIAL -> base * Math.pow(factor, done);
        };
    }

    /** Problems with the settings, as sentences; empty when it is fine. */
    String problem() {
        if (kind == Kind.CONSTANT) return null;
        if (kind == Kind.PLATEAU) {
            if (!(factor > 0 && factor < 1)) {
                return Texts.get("core.schedule.plateau-factor", factor);
            }
            if (every < 1) {
                return Texts.get("core.schedule.plateau-every", every);
            }
            return null;
        }
        if (!(factor > 0 && factor <= 1)) {
            return Texts.get("core.schedule.factor", factor);
        }
        if (every < 1) return Texts.get("core.schedule.every", every);
        return null;
    }

    public String describe() {
        return switch (kind) {
            case CONSTANT -> Texts.get("core.schedule.constant");
            case STEP -> Texts.get(every == 1 ? "core.schedule.step-one" : "core.schedule.step", factor, every);
            case EXPONENTIAL -> Texts.get("core.schedule.exponential", factor);
            case PLATEAU -> Texts.get(every == 1 ? "core.schedule.plateau-one" : "core.schedule.plateau", factor, every);
        };
    }
}
