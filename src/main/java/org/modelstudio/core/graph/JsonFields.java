package org.modelstudio.core.graph;

import org.modelstudio.core.i18n.Texts;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON object with its path in the file, so that every check of a field names the field and what is wrong with it
 * ("layers[2].filters: expected a whole number, found \"abc\""). Spec files and project files both read through it, in
 * the same sentences (the {@code core.spec.*} texts). It lives beside {@link SpecFormatException}, which it throws.
 *
 * @param json  the node
 * @param where its path, such as {@code runs[1].epochs[0]}; empty for the file's root
 */
public record JsonFields(JsonNode json, String where) {

    /** The root object of a file. */
    public static JsonFields root(JsonNode json) { return new JsonFields(json, ""); }

    public String path(String field) { return where.isEmpty() ? field : where + "." + field; }

    /** Whether the field is there and not null. */
    public boolean has(String field) { return json.has(field) && !json.get(field).isNull(); }

    public JsonNode get(String field) throws SpecFormatException {
        if (!has(field)) throw new SpecFormatException(Texts.get("core.spec.missing", path(field)));
        return json.get(field);
    }

    public void allowOnly(String... fields) throws SpecFormatException {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new SpecFormatException(Texts.get("core.spec.unknown-field", path(f), String.join(", ", fields)));
            }
        }
    }

    public JsonFields object(String field) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isObject()) throw wrong("core.spec.expected-object", field, v);
        return new JsonFields(v, path(field));
    }

    public JsonFields array(String field) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isArray()) throw wrong("core.spec.expected-list", field, v);
        return new JsonFields(v, path(field));
    }

    /**
     * Element {@code i} of this list, which must be an object; {@code expectedKey} is the sentence that says what it
     * should be ({@code core.spec.expected-layer}: "layers[3]: expected a layer object, found 7").
     */
    public JsonFields element(int i, String expectedKey) throws SpecFormatException {
        JsonNode v = json.get(i);
        String p = where + "[" + i + "]";
        if (!v.isObject()) throw new SpecFormatException(Texts.get(expectedKey, p, show(v)));
        return new JsonFields(v, p);
    }

    public String text(String field) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isTextual()) throw wrong("core.spec.expected-text", field, v);
        return v.asText();
    }

    public String optText(String field, String fallback) throws SpecFormatException {
        return has(field) ? text(field) : fallback;
    }

    public int integer(String field) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw wrong("core.spec.expected-whole-number", field, v);
        return v.intValue();
    }

    public long longValue(String field) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrong("core.spec.expected-whole-number", field, v);
        return v.longValue();
    }

    /** A whole number from 0 to {@code max}. */
    public long whole(String field, long max) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > max) {
            throw wrong("core.spec.expected-whole-number-from-0", field, v);
        }
        return v.longValue();
    }

    public int optInt(String field, int fallback) throws SpecFormatException {
        return has(field) ? integer(field) : fallback;
    }

    public boolean bool(String field) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isBoolean()) throw wrong("core.spec.expected-boolean", field, v);
        return v.booleanValue();
    }

    public double number(String field) throws SpecFormatException {
        JsonNode v = get(field);
        if (!v.isNumber()) throw wrong("core.spec.expected-number", field, v);
        return v.doubleValue();
    }

    /** A number that may be left out: null (or missing) is NaN; "Infinity" and "-Infinity" are the infinities. */
    public double numberOrNaN(String field) throws SpecFormatException {
        JsonNode v = json.path(field);
        if (v.isMissingNode() || v.isNull()) return Double.NaN;
        if (v.isNumber()) return v.doubleValue();
        if (v.isTextual() && v.asText().equals("Infinity")) return Double.POSITIVE_INFINITY;
        if (v.isTextual() && v.asText().equals("-Infinity")) return Double.NEGATIVE_INFINITY;
        throw wrong("core.spec.expected-number", field, v);
    }

    public int[] pair(String field, int[] fallback) throws SpecFormatException {
        if (!has(field)) {
            if (fallback == null) throw new SpecFormatException(Texts.get("core.spec.missing", path(field)));
            return fallback;
        }
        JsonNode v = json.get(field);
        if (v.isIntegralNumber() && v.canConvertToInt()) return new int[] {v.intValue(), v.intValue()};
        if (v.isArray() && v.size() == 2 && v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber()) {
            return new int[] {v.get(0).intValue(), v.get(1).intValue()};
        }
        throw wrong("core.spec.expected-pair", field, v);
    }

    public <E> E enumValue(String field, Function<String, E> parse) throws SpecFormatException {
        String t = text(field);
        try {
            return parse.apply(t);
        } catch (IllegalArgumentException e) {
            throw new SpecFormatException(path(field) + ": " + e.getMessage());
        }
    }

    public <E> E optEnum(String field, Function<String, E> parse, E fallback) throws SpecFormatException {
        return has(field) ? enumValue(field, parse) : fallback;
    }

    /**
     * The refusal of a field's value {@code found}, in the sentence {@code key} ("{0}: expected a number, found {1}"),
     * for a reader that checks a field itself.
     */
    public SpecFormatException wrong(String key, String field, JsonNode found) {
        return new SpecFormatException(Texts.get(key, path(field), show(found)));
    }

    /** A value as it is written in the file, shortened to 40 characters. */
    public static String show(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
