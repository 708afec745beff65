package org.modelstudio.engine.train;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.TextPreparation;
import org.modelstudio.core.data.TextPreparation.LabeledText;
import org.modelstudio.core.data.Tokenization;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.io.TextLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the measurement behind {@link Tokenization#STANDARD}'s characters and pairs of characters. Trains the
 * Chinese template on {@code sample-models/text-topics-zh/topics.csv} with each way of splitting Chinese text and prints
 * its accuracy on {@code test.csv}, for three seeds. Run from the project folder after {@code mvn -o test-compile}:
 * <pre>java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) org.modelstudio.engine.train.SegmenterComparison</pre>
 * ({@code mvn -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt} writes the class path).
 */
public final class SegmenterComparison {

    /** Lucene's SmartChineseAnalyzer (a hidden Markov model over a word dictionary), punctuation dropped; Latin words kept. */
    static final Tokenization SMARTCN_WORDS = new Tokenization() {
        private final SmartChineseAnalyzer analyzer = new SmartChineseAnalyzer(false);

        @Override public List<String> tokens(String text) {
            return pieces(text).stream().map(Piece::text).toList();
        }

        @Override public List<Piece> pieces(String text) {
            String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            List<Piece> out = new ArrayList<>();
            try (TokenStream ts = analyzer.tokenStream("text", normal)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute at = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    String w = term.toString();
                    if (w.codePoints().anyMatch(Character::isLetterOrDigit)) out.add(new Piece(w, at.startOffset(), at.endOffset(), List.of(w)));
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }

        @Override public String id() { return "lucene-smartcn-words"; }

        @Override public String describeKey() { return null; }

        @Override public String describe() { return "SmartChineseAnalyzer words"; }
    };

    /** Single characters only: the bigrams of {@link Tokenization#STANDARD} left out. */
    static final Tokenization CHARACTERS = new Tokenization() {
        @Override public List<String> tokens(String text) { return pieces(text).stream().map(Piece::text).toList(); }

        @Override public List<Piece> pieces(String text) { return Tokenization.STANDARD.pieces(text); }

        @Override public String id() { return "characters"; }

        @Override public String describeKey() { return null; }

        @Override public String describe() { return "single characters"; }
    };

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-models/text-topics-zh");
        NetworkSpec template = SpecJson.read(Files.readString(Path.of(args.length > 1 ? args[1] : "sample-models/text-classifier-zh.json")));
        List<LabeledText> train = TextLoader.read(dir.resolve("topics.csv"), null, null);
        List<LabeledText> test = TextLoader.read(dir.resolve("test.csv"), null, null);
        System.out.println("Sentence: " + test.get(0).text());
        for (Tokenization t : List.of(Tokenization.STANDARD, CHARACTERS, SMARTCN_WORDS)) {
            System.out.println("  " + t.describe() + ": " + String.join(" | ", t.tokens(test.get(0).text())));
        }
        for (Tokenization t : List.of(Tokenization.STANDARD, CHARACTERS, SMARTCN_WORDS)) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-70s", t.describe()));
            for (long seed : new long[] {42, 7, 1234}) {
                NetworkSpec spec = template.withTraining(template.training().withSeed(seed));
                PreparedData data = TextPreparation.prepare("topics.csv", train, spec.input(), spec.training().validationSplit(), 0, seed, t);
                InputPreparation.Text prep = (InputPreparation.Text) data.preparation();
                TrainingResult result = Trainer.train(spec, data.train(), data.validation(), prep, e -> { }, new CancelToken(), new PauseGate());
                PreparedData tested = TextPreparation.encode("test.csv", test, prep, data.train().classes(), spec.input());
                double accuracy = Evaluator.evaluate(result.last(), tested.train()).accuracy();
                int tokens = 0;
                int unknown = 0;
                for (LabeledText x : test) for (String w : prep.tokens(x.text())) { tokens++; if (!prep.knows(w)) unknown++; }
                line.append(String.format(Locale.ROOT, "  seed %d: %.1f %% (vocabulary %d, %.0f %% of test tokens unknown, %d epochs)", seed,
                        100 * accuracy, prep.vocabulary().size() - 2, 100.0 * unknown / tokens, result.epochs().size()));
            }
            System.out.println(line);
        }
    }
}
