package org.modelstudio.core.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * One setting of a layer type, as the catalogue describes it: its key in spec files, a label, its kind,
 * default, allowed range or choices, and a one-line help text. The property sheet and its validation
 * are driven by these.
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

    /** A sentence saying what is wrong with {@code value} for this setting, or null when it is allowed. */
    public String problem(String layerName, Object value) {
        String what = layerName + ": " + label;
        switch (kind) {
            case INT -> {
                if (!(value instanceof Integer i)) return what + " must be a whole number.";
                return range(what, i);
            }
            case NUMBER -> {
                if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) return what + " must be a number.";
                return range(what, n.doubleValue());
            }
            case CHOICE -> {
                if (!(value instanceof String c) || !choices.contains(c)) return what + " must be one of " + String.join(", ", choices) + ".";
                return null;
            }
            case PAIR -> {
                if (!(value instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Integer h) || !(l.get(1) instanceof Integer w)) {
                    return what + " must be two whole numbers (height × width).";
                }
                String p = range(what, h);
                return p != null ? p : range(what, w);
            }
        }
        return null;
    }

    private String range(String what, double v) {
        if ((min != null && v < min) || (max != null && v > max)) {
            return what + " must be between " + show(min) + " and " + show(max) + ", not " + show(v) + ".";
        }
        return null;
    }

    private static String show(Double d) {
        if (d == null) return "?";
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%s", d);
    }
}
