package org.modelstudio.core.events;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a training run ended: the one record of it for the trainer's result, the run history, the project file (as its
 * {@link #id()}) and the Runs table (as its {@link #describe()}).
 */
public enum RunOutcome {
    /** Every planned epoch was trained. */
    FINISHED("finished"),
    /** Early stopping ended it: the validation metric stopped improving. */
    EARLY_STOPPED("stopped early"),
    /** The person stopped it. */
    CANCELLED("stopped"),
    /** It could not go on (a diverging loss, data that does not fit). */
    FAILED("failed");

    private final String shown;

    RunOutcome(String shown) { this.shown = shown; }

    /** As project files write it: "finished", "early_stopped", "cancelled", "failed". */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** As the Runs table shows it: "finished", "stopped early", "stopped", "failed". */
    public String describe() { return shown; }

    /** The outcome a project file names, or null for a name that is none. */
    public static RunOutcome fromId(String id) {
        return Arrays.stream(values()).filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }
}
