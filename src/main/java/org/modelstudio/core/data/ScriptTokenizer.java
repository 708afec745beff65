package org.modelstudio.core.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokens for text in any script ({@link Tokenization#SCRIPT_WORDS}; with subwords {@link Tokenization#STANDARD}). The text is normalised with NFKC,
 * so full-width
 * letters, digits and punctuation (ＣＰＵ，２８) are their half-width selves and half-width katakana full-width, then
 * lower-cased (locale-independent). Words of scripts written with spaces (Latin, Cyrillic, Greek, Korean, …) are kept
 * whole, as {@link Tokenizer} keeps them: letters, digits and combining marks, an apostrophe inside a word kept.
 * A run of Chinese or Japanese characters, written without spaces, becomes its characters and each pair of neighbours,
 * in reading order: 今天下雨 → 今, 今天, 天, 天下, 下, 下雨, 雨. A mixed text keeps its Latin words whole:
 * "我的 iPhone 没电了" → 我, 我的, 的, iphone, 没, 没电, 电, 电了, 了. New models ({@link Tokenization#STANDARD}) also
 * see each whole word's character n-grams ({@link #subwords}), as fastText does (Bojanowski et al., "Enriching Word Vectors
 * with Subword Information", 2017): on the shipped English topics, 400 training sentences, a quarter of the words of new
 * sentences were never seen in training ("runners", "forecasters"); with their n-grams and the template in fastText's
 * shape its test accuracy rose from 71 % to 81 % (mean of 3 seeds), and with 300 more sentences to 90-92.5 %
 * (docs/measurements.md).
 * <p>
 * Why characters and pairs rather than a word segmenter: on the project's Chinese sample a model on them generalised
 * better than on the words of Lucene's SmartChineseAnalyzer (docs/measurements.md gives the figures). A pair carries most
 * two-character words, and a word never seen in training still shares its characters with words that were.
 */
public final class ScriptTokenizer {

    /** The name a model file records for these rules. */
    public static final String ID = "nfkc-lowercase-words-cjk-unigrams-bigrams";

    /** The name a model file records for these rules with {@link #subwords}. */
    public static final String SUBWORDS_ID = "nfkc-lowercase-words-subwords3-5-cjk-unigrams-bigrams";

    private ScriptTokenizer() {}

    public static List<String> tokens(String text) {
        return split(text, false).tokens();
    }

    public static List<Tokenization.Piece> pieces(String text) {
        return split(text, false).pieces();
    }

    /**
     * The tokens of {@link #tokens} in reading order, then the {@link #subwords} of each word of a spaced script:
     * {@code "cats"} → cats, #<ca, #cat, #ats, #ts>, #<cat, #cats, #ats>, #<cats, #cats>. A network averaging its tokens
     * does not care about the order; a text longer than the network's input keeps all its words and loses n-grams.
     */
    public static List<String> tokensWithSubwords(String text) {
        List<String> all = split(text, true).tokens();
        List<String> out = new ArrayList<>(all.size());
        for (String t : all) if (!isSubword(t)) out.add(t);
        for (String t : all) if (isSubword(t)) out.add(t);
        return out;
    }

    /** Whether a token is one of a word's {@link #subwords} rather than a word or a character. */
    public static boolean isSubword(String token) {
        return token.startsWith("#");
    }

    /** As {@link #pieces}, a word's tokens being the word and its {@link #subwords}. */
    public static List<Tokenization.Piece> piecesWithSubwords(String text) {
        return split(text, true).pieces();
    }

    /** The shortest and longest character n-grams {@link #subwords} gives, fastText's defaults but for 6. */
    public static final int SHORTEST_SUBWORD = 3;
    public static final int LONGEST_SUBWORD = 5;

    /**
     * A word's character n-grams as fastText forms them (Bojanowski et al. 2017): the word between the boundary marks
     * {@code <} and {@code >}, and every run of 3 to 5 of its characters, shortest first, the whole marked word left
     * out; each written with a leading {@code #} so it is never taken for a word. "runs" → #<ru, #run, #uns, #ns>,
     * #<run, #runs, #uns>, #<runs, #runs>. A word the training texts never had ("runners") still shares most of its
     * n-grams with words they had ("run", "runner's", "corners").
     */
    public static List<String> subwords(String word) {
        int[] cps = ("<" + word + ">").codePoints().toArray();
        List<String> out = new ArrayList<>();
        for (int n = SHORTEST_SUBWORD; n <= LONGEST_SUBWORD; n++) {
            for (int i = 0; i + n <= cps.length; i++) {
                if (n == cps.length) continue;
                out.add("#" + new String(cps, i, n));
            }
        }
        return out;
    }

    /** Whether a (normalised) character belongs to a script written without spaces between words. */
    public static boolean isUnspaced(int c) {
        if (c == 0x30FC || c == 0x3005 || c == 0x3006) return true;   // ー (prolonged sound), 々 (repeat), 〆
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA;
    }

    private record Split(List<String> tokens, List<Tokenization.Piece> pieces) {}

    /** One normalised code point and the characters of the original text it came from. */
    private record Point(int c, int start, int end) {}

    private static Split split(String text, boolean subwords) {
        List<Point> points = normalised(text);
        List<String> tokens = new ArrayList<>();
        List<Tokenization.Piece> pieces = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int[] wordAt = {-1, -1};
        List<Point> run = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            int c = points.get(k).c();
            if (isUnspaced(c)) {
                endWord(word, wordAt, tokens, pieces, subwords);
                run.add(points.get(k));
            } else if (Tokenizer.isWordChar(c)) {
                endRun(run, tokens, pieces);
                if (word.length() == 0) wordAt[0] = points.get(k).start();
                word.appendCodePoint(c);
                wordAt[1] = points.get(k).end();
            } else if ((c == '\'' || c == '\u2019') && word.length() > 0 && k + 1 < points.size()
                    && Tokenizer.isWordChar(points.get(k + 1).c()) && !isUnspaced(points.get(k + 1).c())) {
                word.append('\'');
            } else {
                endWord(word, wordAt, tokens, pieces, subwords);
                endRun(run, tokens, pieces);
            }
        }
        endWord(word, wordAt, tokens, pieces, subwords);
        endRun(run, tokens, pieces);
        return new Split(tokens, pieces);
    }

    private static void endWord(StringBuilder word, int[] at, List<String> tokens, List<Tokenization.Piece> pieces, boolean subwords) {
        if (word.length() == 0) return;
        String w = word.toString();
        List<String> mine = new ArrayList<>();
        mine.add(w);
        if (subwords) mine.addAll(subwords(w));
        tokens.addAll(mine);
        pieces.add(new Tokenization.Piece(w, at[0], at[1], mine));
        word.setLength(0);
    }

    private static void endRun(List<Point> run, List<String> tokens, List<Tokenization.Piece> pieces) {
        for (int i = 0; i < run.size(); i++) {
            String here = Character.toString(run.get(i).c());
            List<String> mine = new ArrayList<>(3);
            mine.add(here);
            if (i > 0) mine.add(Character.toString(run.get(i - 1).c()) + here);
            tokens.add(here);
            if (i + 1 < run.size()) {
                String pair = here + Character.toString(run.get(i + 1).c());
                tokens.add(pair);
                mine.add(pair);
            }
            pieces.add(new Tokenization.Piece(here, run.get(i).start(), run.get(i).end(), mine));
        }
        run.clear();
    }

    /**
     * The text normalised (NFKC, lower case) one base character with its combining marks at a time, so that every
     * normalised code point knows which characters of the original it came from.
     */
    private static List<Point> normalised(String text) {
        List<Point> points = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int j = i + Character.charCount(text.codePointAt(i));
            while (j < text.length() && Tokenizer.isMark(text.codePointAt(j))) j += Character.charCount(text.codePointAt(j));
            int start = i;
            int end = j;
            Normalizer.normalize(text.substring(i, j), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).codePoints()
                    .forEach(cp -> points.add(new Point(cp, start, end)));
            i = j;
        }
        return points;
    }

}
