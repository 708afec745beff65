package org.modelstudio.core.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a text into words the same way when training and when predicting: Unicode-normalised (NFC, so an "é"
 * typed as e + accent is the same word as "é"), lower-cased (locale-independent), split at every character that
 * is not a letter, digit or combining mark; an apostrophe (' or ’) between two such characters stays inside the
 * word and is written '. "Don’t over-whisk the soufflé!" → [don't, over, whisk, the, soufflé].
 */
public final class Tokenizer {

    private Tokenizer() {}

    public static List<String> tokens(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (isWordChar(c)) {
                word.appendCodePoint(c);
            } else if ((c == '\'' || c == '\u2019') && word.length() > 0 && i + 1 < cps.length && isWordChar(cps[i + 1])) {
                word.append('\'');
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) out.add(word.toString());
        return out;
    }

    /** One word of a text and where it is: {@code text.substring(start, end)} is the word as written there. */
    public record Span(String word, int start, int end) {}

    /**
     * The words {@link #tokens} gives, each with its character offsets in {@code text} as given (before normalising
     * and lower-casing), so a word can be found and marked in the original.
     */
    public static List<Span> spans(String text) {
        // Boundaries: normalise one base character with its combining marks at a time, so each normalised code
        // point knows which original characters it came from. Case mapping never turns a word character into a
        // separator or back, so the boundaries are those of tokens(); the words themselves come from tokens().
        List<int[]> points = new ArrayList<>();   // {code point, original start, original end}
        int i = 0;
        while (i < text.length()) {
            int j = i + Character.charCount(text.codePointAt(i));
            while (j < text.length() && isMark(text.codePointAt(j))) j += Character.charCount(text.codePointAt(j));
            int start = i;
            int end = j;
            Normalizer.normalize(text.substring(i, j), Normalizer.Form.NFC).toLowerCase(Locale.ROOT).codePoints()
                    .forEach(cp -> points.add(new int[] {cp, start, end}));
            i = j;
        }
        List<Span> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int wordStart = -1;
        int wordEnd = -1;
        for (int k = 0; k < points.size(); k++) {
            int c = points.get(k)[0];
            boolean apostrophe = (c == '\'' || c == '\u2019') && word.length() > 0 && k + 1 < points.size() && isWordChar(points.get(k + 1)[0]);
            if (isWordChar(c) || apostrophe) {
                if (word.length() == 0) wordStart = points.get(k)[1];
                if (apostrophe) word.append('\''); else word.appendCodePoint(c);
                wordEnd = points.get(k)[2];
            } else if (word.length() > 0) {
                out.add(new Span(word.toString(), wordStart, wordEnd));
                word.setLength(0);
            }
        }
        if (word.length() > 0) out.add(new Span(word.toString(), wordStart, wordEnd));
        List<String> words = tokens(text);
        if (words.size() != out.size()) return out;   // not met in practice; the offsets still hold
        List<Span> exact = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) exact.add(new Span(words.get(k), out.get(k).start(), out.get(k).end()));
        return exact;
    }

    /** A combining mark, which belongs to the character before it. */
    static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** A letter, a digit, or a mark that belongs to one. */
    static boolean isWordChar(int c) {
        if (Character.isLetterOrDigit(c)) return true;
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
