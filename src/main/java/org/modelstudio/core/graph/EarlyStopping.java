package org.modelstudio.core.graph;

import org.modelstudio.core.i18n.Texts;
import java.util.Locale;
import java.util.Objects;

/**
 * Stop training once a validation metric has not improved by more than {@code minDelta} for {@code patience}
 * epochs in a row, as Keras' {@code EarlyStopping} callback does. Improvement means a validation loss lower
 * than the best so far by more than {@code minDelta}, or a validation accuracy higher by more than it.
 */
public record EarlyStopping(boolean enabled, Metric metric, int patience, double minDelta) {

    /** What early stopping watches. */
    public enum Metric {
        VALIDATION_LOSS, VALIDATION_ACCURACY;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        public static Metric fromId(String id) { return Enums.fromId(Metric.class, id); }

        /** "validation loss". */
        public String describe() {
            String key = "core.stopping.metric." + id();
            return Texts.get(key);
        }

        /** Loss improves downwards, accuracy upwards. */
        public boolean higherIsBetter() { return this == VALIDATION_ACCURACY; }
    }

    /** Off; the settings are what switching it on starts from. */
    public static final EarlyStopping OFF = new EarlyStopping(false, Metric.VALIDATION_LOSS, 3, 0.0);

    public EarlyStopping {
        Objects.requireNonNull(metric, "metric");
    }

    /** On, watching {@code metric}. */
    public static EarlyStopping on(Metric metric, int patience, double minDelta) {
        return new EarlyStopping(true, metric, patience, minDelta);
    }

    public EarlyStopping withEnabled(boolean on) { return new EarlyStopping(on, metric, patience, minDelta); }

    /** Problems with the settings, as a sentence; null when fine or off. */
    String problem() {
        if (!enabled) return null;
        if (patience < 1) {
            return Texts.get("core.stopping.patience", patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            return Texts.get("core.stopping.min-delta", minDelta);
        }
        return null;
    }

    /** "validation loss, patience 3" or "off". */
    public String describe() {
        if (!enabled) return Texts.get("core.stopping.off");
        return minDelta > 0 ? Texts.get("core.stopping.describe-delta", metric.describe(), patience, minDelta)
                : Texts.get("core.stopping.describe", metric.describe(), patience);
    }
}
