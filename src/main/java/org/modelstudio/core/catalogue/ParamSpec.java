package org.modelstudio.core.catalogue;

import java.util.List;
import java.util.Locale;
import org.modelstudio.core.i18n.Texts;

/**
 * One setting of a layer type, as the catalogue describes it: its key in spec files, a label, its kind,
 * default, allowed range or choices, and a one-line help text, in the studio's language. The property sheet and its
 * validation are driven by these.
 */
public record ParamSpec(String key, String label, Kind kind, Object defaultValue, Double min, Double max,
                        List<String> choices, String help) {

    public enum Kind {
        /** A whole number. */ INT,
        /** A decimal number. */ NUMBER,
        /** One of {@link #choices()}. */ CHOICE,
        /** Height × width, two whole numbers. */ PAIR
    }

    public ParamSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** The words shown for one of the {@link #choices()} ("last" is 最后一步 in Chinese); the value itself is what files keep. */
    public static String choiceLabel(String choice) {
        String key = "catalogue.choice." + choice;
        return Texts.has(key) ? Texts.get(key) : choice;
    }

    /** A sentence saying what is wrong with {@code value} for this setting, or null when it is allowed. */
    public String problem(String layerName, Object value) {
        switch (kind) {
            case INT -> {
                if (!(value instanceof Integer i)) return Texts.get("catalogue.problem.whole-number", layerName, label);
                return range(layerName, label, i);
            }
            case NUMBER -> {
                if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) return Texts.get("catalogue.problem.number", layerName, label);
                return range(layerName, label, n.doubleValue());
            }
            case CHOICE -> {
                if (!(value instanceof String c) || !choices.contains(c)) {
                    return Texts.get("catalogue.problem.choice", layerName, label, String.join(", ", choices));
                }
                return null;
            }
            case PAIR -> {
                if (!(value instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Integer h) || !(l.get(1) instanceof Integer w)) {
                    return Texts.get("catalogue.problem.pair", layerName, label);
                }
                String p = range(layerName, label, h);
                return p != null ? p : range(layerName, label, w);
            }
        }
        return null;
    }

    private String range(String layerName, String label, double v) {
        if ((min != null && v < min) || (max != null && v > max)) {
            return Texts.get("catalogue.problem.range", layerName, label, show(min), show(max), show(v));
        }
        return null;
    }

    private static String show(Double d) {
        if (d == null) return "?";
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%s", d);
    }
}
