package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import java.util.List;

/**
 * How a text model splits a text into the tokens its vocabulary counts. A model file names its tokenization by
 * {@link #id()}, so training, evaluation, prediction, the server and explanations all split a text as the model was
 * trained to see it.
 * <ul>
 *   <li>{@link #STANDARD}, what new models that read token sequences use: {@link ScriptTokenizer} with subwords (NFKC,
 *       so full-width forms are their half-width selves; words of spaced scripts whole, Chinese and Japanese characters
 *       as uni- and bigrams, in reading order; then each word's character n-grams of 3 to 5, as fastText forms them).
 *       A new bag of words uses {@link #SCRIPT_WORDS} ({@link TextPreparation#tokenizationFor}).</li>
 *   <li>{@link #SCRIPT_WORDS}, what models saved before subwords used: the same without the n-grams. On the shipped English
 *       topics a model saw a quarter of the test words as unknown under it (docs/measurements.md).</li>
 *   <li>{@link #WORDS}, what models saved before either used: {@link Tokenizer} (words between separators, so a Chinese
 *       sentence is one word).</li>
 * </ul>
 * The older rules are kept so that models saved with them read texts as they were trained to.
 */
public interface Tokenization {

    /** The tokens of a text, in order: what a vocabulary counts and a sequence model reads. */
    List<String> tokens(String text);

    /**
     * The pieces of a text an explanation colours, in order, with their offsets in the text as written. A piece is a
     * word, or one character of a text written without spaces; its {@link Piece#tokens} are the tokens that go when it
     * is taken out.
     */
    List<Piece> pieces(String text);

    /** The name the model file records. */
    String id();

    /** A phrase for the user: "words; Chinese and Japanese as single characters and pairs". */
    /** Where the bundles say how texts are split ("words between spaces and punctuation"). */
    String describeKey();

    /** How texts are split, in the studio's language. */
    default String describe() { return Texts.get(describeKey()); }

    /**
     * One piece of a text: {@code text} as the tokenizer normalised it, {@code start}–{@code end} where it is written in
     * the original, and the tokens it is part of.
     */
    record Piece(String text, int start, int end, List<String> tokens) {
        public Piece {
            tokens = List.copyOf(tokens);
        }
    }

    Tokenization WORDS = new Tokenization() {
        @Override public List<String> tokens(String text) { return Tokenizer.tokens(text); }

        @Override public List<Piece> pieces(String text) {
            return Tokenizer.spans(text).stream().map(s -> new Piece(s.word(), s.start(), s.end(), List.of(s.word()))).toList();
        }

        @Override public String id() { return "nfc-lowercase-letters-digits-apostrophes"; }

        @Override public String describeKey() { return "core.tokens.words"; }

        @Override public String toString() { return id(); }
    };

    Tokenization SCRIPT_WORDS = new Tokenization() {
        @Override public List<String> tokens(String text) { return ScriptTokenizer.tokens(text); }

        @Override public List<Piece> pieces(String text) { return ScriptTokenizer.pieces(text); }

        @Override public String id() { return ScriptTokenizer.ID; }

        @Override public String describeKey() { return "core.tokens.script-words"; }

        @Override public String toString() { return id(); }
    };

    Tokenization STANDARD = new Tokenization() {
        @Override public List<String> tokens(String text) { return ScriptTokenizer.tokensWithSubwords(text); }

        @Override public List<Piece> pieces(String text) { return ScriptTokenizer.piecesWithSubwords(text); }

        @Override public String id() { return ScriptTokenizer.SUBWORDS_ID; }

        @Override public String describeKey() { return "core.tokens.subwords"; }

        @Override public String toString() { return id(); }
    };

    /** Every tokenization this version knows, newest first; model files name one by its {@link #id()}. */
    static List<Tokenization> known() {
        return List.of(STANDARD, SCRIPT_WORDS, WORDS);
    }

    /** The tokenization a model file names, or null when this version does not know it. */
    static Tokenization fromId(String id) {
        return known().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }
}
