package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How raw input (an image file, a table row, a text) becomes the numbers a network takes. What is fitted on the
 * training data (a table's categories, means and standard deviations; a text vocabulary) is kept here and saved
 * with the trained model, so prediction prepares inputs exactly as training did.
 */
public sealed interface InputPreparation permits InputPreparation.Image, InputPreparation.Table, InputPreparation.Text {

    /** A sentence for the user, in the studio's language: "resize to 28×28, greyscale, …", "4 numeric columns, standardised". */
    default String describe() { return describe(Texts::get); }

    /** The same sentence in English, for programs (the model server's metadata speaks English whatever the studio's language). */
    default String describeInEnglish() { return describe(Texts::english); }

    /** The sentence, its words looked up with {@code say} (a key and its arguments → the text). */
    String describe(Say say);

    /** Looks a text up: {@code Texts::get} in the studio's language, {@code Texts::english} in English. */
    @FunctionalInterface
    interface Say {
        String text(String key, Object... args);
    }

    /** Images: see {@link ImagePreprocessing}. */
    record Image(ImagePreprocessing preprocessing) implements InputPreparation {
        public Image {
            if (preprocessing == null) throw new IllegalArgumentException("image preparation needs its preprocessing");
        }

        @Override public String describe(Say say) { return preprocessing.describe(say); }
    }

    /** A numeric column is standardised with the training rows' mean and standard deviation; a categorical one is one-hot. */
    enum Kind { NUMERIC, CATEGORICAL }

    /**
     * One feature column. NUMERIC: the value becomes (x − mean) / std, an empty cell the mean (0). CATEGORICAL: one
     * value per category seen in the training rows, 1 for the row's category; an unseen or empty value is all zeros.
     */
    record Column(String name, Kind kind, double mean, double std, List<String> categories) {
        public Column {
            if (name == null) throw new IllegalArgumentException("a column needs a name");
            if (kind == null) throw new IllegalArgumentException("column " + name + " needs a kind");
            categories = categories == null ? List.of() : List.copyOf(categories);
            if (kind == Kind.NUMERIC && !(std > 0 && Double.isFinite(std) && Double.isFinite(mean))) {
                throw new IllegalArgumentException("column " + name + " needs a finite mean and a positive standard deviation");
            }
            if (kind == Kind.CATEGORICAL && categories.isEmpty()) throw new IllegalArgumentException("column " + name + " has no categories");
        }

        public static Column numeric(String name, double mean, double std) { return new Column(name, Kind.NUMERIC, mean, std, List.of()); }

        public static Column categorical(String name, List<String> categories) { return new Column(name, Kind.CATEGORICAL, 0, 1, categories); }

        /** How many network inputs the column becomes. */
        public int width() { return kind == Kind.NUMERIC ? 1 : categories.size(); }
    }

    /**
     * The number a regression predicts: the network learns it standardised, (y − mean) / std, with the training
     * rows' mean and standard deviation, and its outputs are turned back into the label's units.
     */
    record Target(double mean, double std) {
        public Target {
            if (!(std > 0 && Double.isFinite(std) && Double.isFinite(mean))) {
                throw new IllegalArgumentException("the label needs a finite mean and a positive standard deviation");
            }
        }

        /** A value in the label's units as the network learns it. */
        public float standardise(double value) { return (float) ((value - mean) / std); }

        /** A network output back in the label's units. */
        public double toUnits(double output) { return output * std + mean; }
    }

    /**
     * A table: the feature columns in the order a row gives them (the label column left out), the label column's
     * name, and for a regression its {@link Target} (null when the label holds classes). Rows are encoded into
     * {@link #features()} values.
     */
    record Table(List<Column> columns, String labelColumn, Target target) implements InputPreparation {
        public Table {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) throw new IllegalArgumentException("a table needs at least one feature column");
        }

        /** A table whose label holds classes. */
        public Table(List<Column> columns, String labelColumn) { this(columns, labelColumn, null); }

        /** Whether the label is a number to predict. */
        public boolean regression() { return target != null; }

        public int features() { return columns.stream().mapToInt(Column::width).sum(); }

        public List<String> columnNames() { return columns.stream().map(Column::name).toList(); }

        /**
         * One row's feature values, in the order of {@link #columns()}, as network input. An unknown category or an
         * empty cell adds a sentence to {@code warnings}; a wrong number of values or text in a numeric column is
         * refused (IllegalArgumentException with a sentence).
         */
        public float[] encode(List<String> values, List<String> warnings) {
            // In English: the model runtime answers the model server's programs with these, as well as the window.
            return encode(values, warnings, new ArrayList<>(), Texts::english);
        }

        /**
         * As {@link #encode(List, List)}, in the studio's language (for a table being read to train or evaluate on), also
         * adding to {@code unseen} the name of each column whose category was not seen in training.
         */
        public float[] encode(List<String> values, List<String> warnings, List<String> unseen) {
            return encode(values, warnings, unseen, Texts::get);
        }

        private float[] encode(List<String> values, List<String> warnings, List<String> unseen, Say say) {
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException(say.text(values.size() == 1 ? "core.data.row-values-one" : "core.data.row-values",
                        columns.size(), String.join(", ", columnNames()), values.size()));
            }
            float[] x = new float[features()];
            int at = 0;
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                String v = values.get(c) == null ? "" : values.get(c).trim();
                if (col.kind() == Kind.NUMERIC) {
                    if (v.isEmpty()) {
                        warnings.add(say.text("core.data.cell-empty-mean", col.name(), round(col.mean())));
                        x[at] = 0;
                    } else if (!TablePreparation.isNumber(v)) {
                        throw new IllegalArgumentException(say.text("core.data.cell-not-number", col.name(), v));
                    } else {
                        x[at] = (float) ((Double.parseDouble(v) - col.mean()) / col.std());
                    }
                    at++;
                } else {
                    int k = col.categories().indexOf(v);
                    if (k >= 0) {
                        x[at + k] = 1;
                    } else {
                        warnings.add(v.isEmpty() ? say.text("core.data.cell-empty-category", col.name())
                                : say.text("core.data.cell-unseen-category", col.name(), v, String.join(", ", col.categories())));
                        if (!v.isEmpty()) unseen.add(col.name());
                    }
                    at += col.width();
                }
            }
            return x;
        }

        /** As {@link #encode(List, List)} with the values named by column (case-insensitive); missing names are empty. */
        public float[] encode(Map<String, String> byName, List<String> warnings) {
            Map<String, String> lower = new HashMap<>();
            byName.forEach((k, v) -> lower.put(k.trim().toLowerCase(Locale.ROOT), v));
            List<String> values = new ArrayList<>();
            for (Column c : columns) values.add(lower.getOrDefault(c.name().toLowerCase(Locale.ROOT), ""));
            return encode(values, warnings);
        }

        @Override public String describe(Say say) {
            long numeric = columns.stream().filter(c -> c.kind() == Kind.NUMERIC).count();
            long categorical = columns.size() - numeric;
            return say.text("core.prep.table", columns.size(), numeric, categorical, features(), labelColumn)
                    + (target == null ? "" : say.text("core.prep.table-regression", round(target.mean()), round(target.std())));
        }

        private static String round(double v) { return String.format(Locale.ROOT, "%.4g", v); }
    }

    /** Of {@code tokens} tokens in some texts, {@code unknown} are not among the {@code vocabulary} tokens a model knows. */
    record Coverage(int tokens, int unknown, int vocabulary) {
        public double unknownShare() { return tokens == 0 ? 0 : (double) unknown / tokens; }

        /** "84 of the 1,020 tokens (8.2 %) are not in the vocabulary of 1,353". */
        public String describe() {
            return Texts.get("core.prep.coverage", Texts.number(unknown), Texts.number(tokens), Texts.percent(unknownShare(), 1), Texts.number(vocabulary));
        }
    }

    /** SEQUENCE: token ids, padded or cut to a length (for an Embedding); BAG_OF_WORDS: one value per vocabulary word. */
    enum TextMode { SEQUENCE, BAG_OF_WORDS }

    /**
     * A text: split into tokens by its {@link Tokenization} (recorded in the model file), then looked up in a vocabulary
     * built from the training texts, most frequent first. SEQUENCE: {@code vocabulary.get(id)} is the token with that id;
     * id 0 is padding and id 1 any unknown token (their entries are placeholders), the first {@code length} tokens are
     * kept and the rest padded with 0. BAG_OF_WORDS: {@code vocabulary.get(i)} is the token counted in feature i (1 if it
     * occurs, 0 if not); {@code length} is the number of features, at least the vocabulary's size (features past the
     * vocabulary stay 0).
     */
    record Text(TextMode mode, int length, List<String> vocabulary, Map<String, Integer> index, Tokenization tokenization)
            implements InputPreparation {
        public static final String PADDING = "<pad>";
        public static final String UNKNOWN = "<unk>";

        public Text(TextMode mode, int length, List<String> vocabulary, Tokenization tokenization) {
            this(mode, length, vocabulary, indexOf(vocabulary), tokenization);
        }

        public Text {
            if (mode == null) throw new IllegalArgumentException("a text preparation needs a mode");
            if (tokenization == null) throw new IllegalArgumentException("a text preparation needs its tokenization");
            vocabulary = List.copyOf(vocabulary);
            index = Map.copyOf(index);
            if (length < 1) throw new IllegalArgumentException("the length must be at least 1, not " + length);
            if (mode == TextMode.SEQUENCE && (vocabulary.size() < 2 || !vocabulary.get(0).equals(PADDING) || !vocabulary.get(1).equals(UNKNOWN))) {
                throw new IllegalArgumentException("a sequence vocabulary starts with " + PADDING + " and " + UNKNOWN);
            }
            if (mode == TextMode.BAG_OF_WORDS && length < vocabulary.size()) {
                throw new IllegalArgumentException("a bag of words has one feature per word: length " + length + " is less than " + vocabulary.size()
                        + " words");
            }
        }

        private static Map<String, Integer> indexOf(List<String> vocabulary) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < vocabulary.size(); i++) m.putIfAbsent(vocabulary.get(i), i);
            return m;
        }

        /** The network input for a text. */
        public float[] encode(String text) {
            List<String> words = tokenization.tokens(text);
            float[] x = new float[length];
            if (mode == TextMode.SEQUENCE) {
                for (int p = 0; p < Math.min(length, words.size()); p++) {
                    Integer id = index.get(words.get(p));
                    x[p] = id == null || id < 2 ? 1 : id;
                }
            } else {
                for (String w : words) {
                    Integer i = index.get(w);
                    if (i != null) x[i] = 1;
                }
            }
            return x;
        }

        /** How many of the text's tokens are in the vocabulary. */
        public int knownWords(String text) {
            int n = 0;
            for (String w : tokenization.tokens(text)) if (knows(w)) n++;
            return n;
        }

        /** Whether the model sees this token as itself (it is in the vocabulary, and not a placeholder). */
        public boolean knows(String token) {
            Integer id = index.get(token);
            return id != null && (mode == TextMode.BAG_OF_WORDS || id >= 2);
        }

        /** How many tokens the given texts have, and how many of them the vocabulary does not know. */
        public Coverage coverage(Iterable<String> texts) {
            int tokens = 0;
            int unknown = 0;
            for (String text : texts) {
                for (String w : tokenization.tokens(text)) {
                    tokens++;
                    if (!knows(w)) unknown++;
                }
            }
            return new Coverage(tokens, unknown, mode == TextMode.SEQUENCE ? vocabulary.size() - 2 : vocabulary.size());
        }

        /** The tokens of a text, as this model splits it. */
        public List<String> tokens(String text) {
            return tokenization.tokens(text);
        }

        @Override public String describe(Say say) {
            int words = mode == TextMode.SEQUENCE ? vocabulary.size() - 2 : vocabulary.size();
            String split = tokenization == Tokenization.WORDS ? say.text("core.prep.words")
                    : say.text("core.prep.lower-cased", say.text(tokenization.describeKey()));
            return mode == TextMode.SEQUENCE ? say.text("core.prep.sequence", split, words, length) : say.text("core.prep.bag", split, words);
        }
    }
}
