package org.modelstudio.core.i18n;

import java.util.List;

/** Lists of names as a sentence writes them in the studio's language: "a, b and c" in English, "a、b和c" in Chinese. */
public final class Words {
    private Words() {}

    /** The names one after another: "cooking, football, weather" (cooking、football、weather). */
    public static String list(List<String> names) { return String.join(Texts.get("core.list.separator"), names); }

    /** The names with the last joined by "and": "a, b and c" (a、b和c). */
    public static String and(List<String> parts) {
        if (parts.isEmpty()) return "";
        if (parts.size() == 1) return parts.get(0);
        return Texts.get("core.list.and", list(parts.subList(0, parts.size() - 1)), parts.get(parts.size() - 1));
    }

    /** At most {@code shown} names, then how many more: "a, b, c and 5 more" (a、b、c，以及另外 5 个). */
    public static String firstOf(List<String> names, int shown) {
        if (names.size() <= shown) return list(names);
        return Texts.get("core.list.more", list(names.subList(0, shown)), names.size() - shown);
    }

    /** Columns a text takes in a terminal: CJK characters and full-width forms take two. */
    public static int width(String s) {
        return s.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60) ? 2 : 1).sum();
    }

    /** {@code s} followed by spaces up to {@code columns} terminal columns (as {@code %-Ns} for Latin text). */
    public static String pad(String s, int columns) { return s + " ".repeat(Math.max(0, columns - width(s))); }

    /** Spaces, then {@code s}, up to {@code columns} terminal columns (as {@code %Ns}). */
    public static String padLeft(String s, int columns) { return " ".repeat(Math.max(0, columns - width(s))) + s; }
}
