package org.modelstudio.core.events;

import org.modelstudio.core.i18n.Texts;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a training run ended: the one record of it for the trainer's result, the run history, the project file (as its
 * {@link #id()}) and the Runs table (as its {@link #describe()}).
 */
public enum RunOutcome {
    /** Every planned epoch was trained. */
    FINISHED,
    /** Early stopping ended it: the validation metric stopped improving. */
    EARLY_STOPPED,
    /** The person stopped it. */
    CANCELLED,
    /** It could not go on (a diverging loss, data that does not fit). */
    FAILED;

    /** As project files write it: "finished", "early_stopped", "cancelled", "failed". */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** As the Runs table shows it, in the studio's language: "finished", "stopped early", "stopped", "failed". */
    public String describe() {
        String key = "core.outcome." + id();
        return Texts.get(key);
    }

    /** The outcome a project file names, or null for a name that is none. */
    public static RunOutcome fromId(String id) {
        return Arrays.stream(values()).filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }
}
