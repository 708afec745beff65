package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Word offsets into the text as the user wrote it, for exactly the words the tokenizer gives. */
class TokenizerSpansTest {

    @Test void spansAreTheTokensWithTheirPlaceInTheOriginalText() {
        String text = "Don\u2019t over-whisk the SOUFFLE\u0301! Jalapeño, x2";
        List<Tokenizer.Span> spans = Tokenizer.spans(text);
        assertEquals(Tokenizer.tokens(text), spans.stream().map(Tokenizer.Span::word).toList());
        assertEquals(List.of("Don\u2019t", "over", "whisk", "the", "SOUFFLE\u0301", "Jalapeño", "x2"),
                spans.stream().map(s -> text.substring(s.start(), s.end())).toList(), "the combining accent belongs to its word");
    }

    @Test void lengthChangingCaseMappingAndFinalSigmaKeepTheTokensAndTheOffsets() {
        for (String text : List.of("İstanbul ΟΔΟΣ  odos", "'quoted' it's rock'n'roll ''", "", "  ?! ", "e\u0301te\u0301 \uD835\uDC00bc x",
                "ΣΑΣ, σας!")) {
            List<Tokenizer.Span> spans = Tokenizer.spans(text);
            assertEquals(Tokenizer.tokens(text), spans.stream().map(Tokenizer.Span::word).toList(), text);
            for (Tokenizer.Span s : spans) {
                String written = text.substring(s.start(), s.end());
                assertEquals(Tokenizer.tokens(written), List.of(s.word()), "\"" + written + "\" in \"" + text + "\"");
            }
        }
    }
}
