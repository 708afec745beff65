package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.Shape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns labelled texts into token sequences (for a network whose input is a {@link InputSpec.SequenceInput}) or
 * bag-of-words vectors (for a {@link InputSpec.VectorInput}). Texts are split by {@link #tokenizationFor} (words with their
 * character n-grams for a sequence, whole words for a bag of words), and the
 * vocabulary is built from the training texts only: the most frequent words (and characters) first, then the most frequent
 * n-grams (ties in alphabetical order), as many as the input takes; rarer ones are read as unknown. (Keeping only tokens of at least two training
 * texts was measured
 * and dropped: on the shipped English topics it cost 9 points of test accuracy, since a word seen once in training
 * is still the best clue a new sentence with it has.) Texts without any word are skipped and counted in a warning.
 * Class names are the distinct labels, sorted.
 */
public final class TextPreparation {

    /** One text with its label, and where it came from for messages ("topics.csv, line 12" or "sport/a.txt"). */
    public record LabeledText(String text, String label, String where) {}

    private TextPreparation() {}

    /** @param source how warnings name the data ("topics.csv") */
    public static PreparedData prepare(String source, List<LabeledText> texts, InputSpec input, double validation, long seed)
            throws DataFileException {
        return prepare(source, texts, input, validation, 0, seed);
    }

    /**
     * As above, also holding back a test part ({@code test} of all texts, stratified and seeded as
     * {@link Splits#rows(int[], int, double, double, long)} does) that neither the vocabulary nor training sees.
     */
    public static PreparedData prepare(String source, List<LabeledText> texts, InputSpec input, double validation, double test, long seed)
            throws DataFileException {
        return prepare(source, texts, input, validation, test, seed, tokenizationFor(input));
    }

    /**
     * How new models split texts for {@code input}: a network that takes token sequences averages its tokens' vectors,
     * and reads each word with its character n-grams ({@link Tokenization#STANDARD}); a bag of words has one feature per
     * frequent token, which n-grams would crowd out, so it counts whole words ({@link Tokenization#SCRIPT_WORDS}).
     */
    public static Tokenization tokenizationFor(InputSpec input) {
        return input instanceof InputSpec.VectorInput ? Tokenization.SCRIPT_WORDS : Tokenization.STANDARD;
    }

    /** As above, splitting the texts with {@code tokenization} (new models use {@link #tokenizationFor}). */
    public static PreparedData prepare(String source, List<LabeledText> texts, InputSpec input, double validation, double test, long seed,
                                       Tokenization tokenization) throws DataFileException {
        List<String> warnings = new ArrayList<>();
        List<LabeledText> kept = withWords(source, texts, warnings, tokenization);
        if (kept.isEmpty()) throw new DataFileException(source, 0, Texts.get("core.data.no-texts"));
        TreeSet<String> distinct = new TreeSet<>();
        for (LabeledText t : kept) distinct.add(t.label());
        if (distinct.size() < 2) {
            throw new DataFileException(source, 0, Texts.get("core.data.one-class", distinct.first()));
        }
        List<String> classes = List.copyOf(distinct);
        int[] labels = new int[kept.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = classes.indexOf(kept.get(i).label());
        int[][] parts = Splits.rows(labels, classes.size(), validation, test, seed);
        int[] trainRows = parts[0];
        if (trainRows.length == 0 || (parts[2] != null && parts[2].length == 0)) {
            throw new DataFileException(source, 0, Texts.get("core.data.too-few-texts", kept.size(), TablePreparation.held(validation, test)));
        }
        InputPreparation.Text prep = fit(kept, trainRows, input, tokenization);
        LabeledData train = encode(prep, kept, trainRows, classes, input.shape());
        LabeledData val = parts[1] == null ? null : encode(prep, kept, parts[1], classes, input.shape());
        LabeledData tested = parts[2] == null ? null : encode(prep, kept, parts[2], classes, input.shape());
        return new PreparedData(train, val, tested, prep, warnings);
    }

    /**
     * Encodes texts with a vocabulary fitted before (to evaluate a model whose input is {@code input}); a label the model
     * does not know is refused.
     */
    public static PreparedData encode(String source, List<LabeledText> texts, InputPreparation.Text prep, List<String> classes, InputSpec input)
            throws DataFileException {
        List<String> warnings = new ArrayList<>();
        List<LabeledText> kept = withWords(source, texts, warnings, prep.tokenization());
        if (kept.isEmpty()) throw new DataFileException(source, 0, Texts.get("core.data.no-texts"));
        int[] rows = new int[kept.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
            if (!classes.contains(kept.get(i).label())) {
                String where = kept.get(i).where();
                throw new DataFileException(where, 0, Texts.get("core.data.unknown-class", kept.get(i).label(), String.join(", ", classes)));
            }
        }
        return new PreparedData(encode(prep, kept, rows, classes, input.shape()), null, prep, warnings);
    }

    /** The vocabulary and settings for {@code input}, fitted on the given texts: their most frequent tokens. */
    public static InputPreparation.Text fit(List<LabeledText> texts, int[] rows, InputSpec input) {
        return fit(texts, rows, input, tokenizationFor(input));
    }

    /** As above, splitting the texts with {@code tokenization}. */
    public static InputPreparation.Text fit(List<LabeledText> texts, int[] rows, InputSpec input, Tokenization tokenization) {
        Map<String, Integer> counts = new HashMap<>();
        for (int r : rows) for (String w : tokenization.tokens(texts.get(r).text())) counts.merge(w, 1, Integer::sum);
        List<Map.Entry<String, Integer>> byFrequency = new ArrayList<>(counts.entrySet());
        // Words (and characters) before n-grams, as fastText keeps n-grams apart from its words: a small vocabulary holds
        // the words, and n-grams fill the room they leave.
        byFrequency.sort(Comparator.<Map.Entry<String, Integer>, Boolean>comparing(e -> ScriptTokenizer.isSubword(e.getKey()))
                .thenComparing(Map.Entry.<String, Integer>comparingByValue().reversed()).thenComparing(Map.Entry.comparingByKey()));
        if (input instanceof InputSpec.SequenceInput seq) {
            List<String> vocabulary = new ArrayList<>(List.of(InputPreparation.Text.PADDING, InputPreparation.Text.UNKNOWN));
            for (var e : byFrequency) {
                if (vocabulary.size() >= seq.vocabulary()) break;
                vocabulary.add(e.getKey());
            }
            return new InputPreparation.Text(InputPreparation.TextMode.SEQUENCE, seq.length(), vocabulary, tokenization);
        }
        if (input instanceof InputSpec.VectorInput vec) {
            List<String> vocabulary = new ArrayList<>();
            for (var e : byFrequency) {
                if (vocabulary.size() >= vec.features()) break;
                vocabulary.add(e.getKey());
            }
            return new InputPreparation.Text(InputPreparation.TextMode.BAG_OF_WORDS, vec.features(), vocabulary, tokenization);
        }
        throw new IllegalArgumentException(Texts.get("core.data.texts-not-images"));
    }

    private static List<LabeledText> withWords(String source, List<LabeledText> texts, List<String> warnings, Tokenization tokenization) {
        List<LabeledText> kept = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (LabeledText t : texts) {
            if (tokenization.tokens(t.text()).isEmpty()) empty.add(t.where()); else kept.add(t);
        }
        if (!empty.isEmpty()) {
            warnings.add(Texts.get(empty.size() == 1 ? "core.data.empty-text" : "core.data.empty-texts", source, empty.size(),
                    String.join("; ", empty.subList(0, Math.min(5, empty.size()))) + (empty.size() > 5 ? "; …" : "")));
        }
        return kept;
    }

    private static LabeledData encode(InputPreparation.Text prep, List<LabeledText> texts, int[] rows, List<String> classes, Shape shape) {
        float[][] x = new float[rows.length][];
        int[] y = new int[rows.length];
        String[] said = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = prep.encode(texts.get(rows[i]).text());
            y[i] = classes.indexOf(texts.get(rows[i]).label());
            said[i] = texts.get(rows[i]).text();
        }
        return new LabeledData(shape, classes, x, y).describedAs(said);
    }
}
