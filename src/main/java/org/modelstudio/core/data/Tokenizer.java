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

    private static boolean isWordChar(int c) {
        if (Character.isLetterOrDigit(c)) return true;
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
