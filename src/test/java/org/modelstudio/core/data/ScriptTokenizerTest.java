package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.Tokenization.Piece;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens for text in any script: Chinese and Japanese without spaces, mixed text, full-width forms. */
class ScriptTokenizerTest {

    /** The script rules without subwords, which the tests of splitting look at. */
    private static List<String> tokens(String text) { return Tokenization.SCRIPT_WORDS.tokens(text); }

    @Test void chineseWithoutSpacesBecomesItsCharactersAndEachPairOfNeighbours() {
        assertEquals(List.of("今", "今天", "天", "天下", "下", "下雨", "雨", "了"), tokens("今天下雨，了"),
                "punctuation ends a run: no pair across the comma");
        assertEquals(List.of("雨"), tokens("雨"));
        // The old rules saw the whole sentence as one word, which no other sentence shares.
        assertEquals(List.of("今天下雨"), Tokenization.WORDS.tokens("今天下雨。"));
    }

    @Test void latinWordsInMixedTextStayWholeAndFullWidthFormsAreTheirHalfWidthSelves() {
        assertEquals(List.of("我", "我的", "的", "iphone", "没", "没电", "电", "电了", "了"), tokens("我的iPhone没电了"));
        assertEquals(tokens("服务器的 CPU 占用率是 28%"), tokens("服务器的ＣＰＵ占用率是２８％"), "full-width letters and digits");
        assertEquals(List.of("c", "罗", "don't", "stop"), tokens("C罗 Don\u2019t stop!"));
        assertEquals(List.of("pm2", "5", "很", "很低", "低"), tokens("PM2.5 很低"));
    }

    @Test void japaneseKanaAndKanjiAreSplitTheSameWayAndHalfWidthKanaIsWidened() {
        assertEquals(List.of("コ", "コー", "ー", "ーヒ", "ヒ", "ヒー", "ー"), tokens("ｺｰﾋｰ"));
        assertEquals(List.of("雨", "雨が", "が", "が降", "降", "降る"), tokens("雨が降る").subList(0, 6));
    }

    @Test void piecesAreWordsOrSingleCharactersWithTheirPlaceInTheTextAsWrittenAndTheTokensTheyTakeAway() {
        String text = "用Ｐｙｔｈｏｎ写代码。";
        List<Piece> pieces = Tokenization.SCRIPT_WORDS.pieces(text);
        assertEquals(List.of("用", "python", "写", "代", "码"), pieces.stream().map(Piece::text).toList());
        assertEquals(List.of("用", "Ｐｙｔｈｏｎ", "写", "代", "码"), pieces.stream().map(p -> text.substring(p.start(), p.end())).toList());
        assertEquals(List.of("代", "写代", "代码"), pieces.get(3).tokens(), "a character and the pairs it is in");
        assertEquals(List.of("python"), pieces.get(1).tokens());
        for (String t : List.of("", " ，。！ ", "e\u0301te\u0301 天气", "ＡＢＣ１２３ 中文", "\uD840\uDC0B\uD840\uDC0C")) {
            for (Tokenization rules : List.of(Tokenization.SCRIPT_WORDS, Tokenization.STANDARD)) {
                List<String> fromPieces = new ArrayList<>();
                for (Piece p : rules.pieces(t)) {
                    for (String token : p.tokens()) if (!fromPieces.contains(token)) fromPieces.add(token);
                }
                assertEquals(new TreeSet<>(rules.tokens(t)), new TreeSet<>(fromPieces), "every token belongs to a piece: " + t);
            }
        }
    }

    @Test void newModelsAlsoSeeEachWordsCharacterNGramsSoAFormNeverTrainedOnSharesMostOfThemWithOnesThatWere() {
        assertEquals(List.of("runs", "#<ru", "#run", "#uns", "#ns>", "#<run", "#runs", "#uns>", "#<runs", "#runs>"),
                Tokenization.STANDARD.tokens("Runs!"), "the word, then its n-grams of 3, 4 and 5 between the marks < and >");
        assertEquals(List.of("a", "it's", "#<it", "#it'", "#t's", "#'s>", "#<it'", "#it's", "#t's>", "#<it's", "#it's>"),
                Tokenization.STANDARD.tokens("A it’s"), "a word of one letter is itself alone: <a> is the whole marked word");
        assertEquals(List.of("今", "今天", "天", "iphone"), Tokenization.STANDARD.tokens("今天 iPhone").subList(0, 4),
                "Chinese and Japanese as before: characters and pairs, no n-grams");
        Set<String> runner = new HashSet<>(Tokenization.STANDARD.tokens("runners"));
        runner.retainAll(Tokenization.STANDARD.tokens("runner"));
        assertTrue(runner.containsAll(List.of("#<ru", "#run", "#unn", "#nne", "#ner", "#<run", "#runn")), runner.toString());
        assertEquals(List.of("go", "runners", "#<go", "#go>", "#<ru"), Tokenization.STANDARD.tokens("Go runners").subList(0, 5),
                "the words first, so a text cut at the network's length keeps them all");
        Piece word = Tokenization.STANDARD.pieces("Go Runners").get(1);
        assertEquals("Runners", "Go Runners".substring(word.start(), word.end()));
        assertEquals(Tokenization.STANDARD.tokens("runners"), word.tokens(), "explanations take a word out with its n-grams");
    }

    @Test void aModelFileNamesItsRulesById() {
        assertSame(Tokenization.STANDARD, Tokenization.fromId(Tokenization.STANDARD.id()));
        assertSame(Tokenization.SCRIPT_WORDS, Tokenization.fromId("nfkc-lowercase-words-cjk-unigrams-bigrams"));
        assertSame(Tokenization.WORDS, Tokenization.fromId("nfc-lowercase-letters-digits-apostrophes"));
        assertNull(Tokenization.fromId("whitespace"));
    }
}
