package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Shape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a {@link RawTable} into labelled feature vectors. Column kinds are read from all rows: a column whose
 * non-empty cells are all numbers is numeric; one where at least {@value #MOSTLY_NUMBERS} of them are numbers but
 * some are not is refused, naming the first line and value that is not a number (a typo, not a category); any other is
 * categorical. Means, standard deviations and categories are fitted on the training rows only. Empty cells of a
 * numeric column are filled with the training mean and counted in a warning. The label column holds class names
 * (classification) or a number to predict (regression), as {@link TaskKind#decide} rules unless the caller says; a
 * regression's label is standardised with the training rows' mean and standard deviation too.
 */
public final class TablePreparation {

    /** The share of numbers above which a column with some non-numbers is taken for a numeric column with mistakes. */
    public static final double MOSTLY_NUMBERS = 0.8;

    private TablePreparation() {}

    public static boolean isNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) return false;
        char c = t.charAt(t.length() - 1);
        if (!(Character.isDigit(c) || c == '.')) return false; // refuses "NaN", "Infinity", "1f", "2d"
        try {
            return Double.isFinite(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Prepares a table for training: {@code labelColumn} names the label (null: the last column); a stratified, seeded
     * {@code validation} fraction (0 for none) is held back before anything is fitted; the task is decided by the label.
     */
    public static PreparedData prepare(RawTable table, String labelColumn, double validation, long seed) throws DataFileException {
        return prepare(table, labelColumn, null, validation, 0, seed);
    }

    /** The label column's position: {@code labelColumn} by name, or the last column when it is null. */
    public static int labelPosition(RawTable table, String labelColumn) throws DataFileException {
        return labelColumn == null ? table.names().size() - 1 : table.requireColumn(labelColumn, "label");
    }

    /** What the label column's values ask for ({@link TaskKind#decide}). */
    public static TaskKind.Decision decideTask(RawTable table, String labelColumn) throws DataFileException {
        int label = labelPosition(table, labelColumn);
        List<String> cells = new ArrayList<>(table.size());
        for (String[] row : table.rows()) cells.add(row[label]);
        return TaskKind.decide(table.names().get(label), cells);
    }

    /**
     * Prepares a table for training as {@code task} says (null: as the label's values decide). The test part
     * ({@code test} of all rows) and the validation part ({@code validation} of all rows) are held back, stratified by
     * class for a classification and seeded ({@link Splits#rows(int[], int, double, double, long)}), before anything is
     * fitted.
     */
    public static PreparedData prepare(RawTable table, String labelColumn, TaskKind task, double validation, double test, long seed)
            throws DataFileException {
        String file = table.file();
        if (table.size() == 0) throw new DataFileException(file, 0, Texts.get(table.hadHeader() ? "core.data.no-rows-below-header" : "core.data.no-rows"));
        if (table.names().size() < 2) throw new DataFileException(file, 0, Texts.get("core.data.one-column"));
        int label = labelPosition(table, labelColumn);
        String labelName = table.names().get(label);
        TaskKind kind = task != null ? task : decideTask(table, labelColumn).kind();
        boolean regression = kind == TaskKind.REGRESSION;

        List<String> classes = regression ? List.of(labelName) : classes(table, label);
        double[] values = regression ? numbers(table, label) : null;
        int[] labels = new int[table.size()];
        if (!regression) for (int r = 0; r < labels.length; r++) labels[r] = classes.indexOf(table.rows().get(r)[label].trim());
        int[][] parts = Splits.rows(labels, classes.size(), validation, test, seed);
        int[] trainRows = parts[0];
        if (trainRows.length == 0 || (parts[1] != null && parts[1].length == 0) || (parts[2] != null && parts[2].length == 0)) {
            throw new DataFileException(file, 0, Texts.get("core.data.too-few-rows", table.size(), held(validation, test)));
        }

        List<String> warnings = new ArrayList<>();
        List<InputPreparation.Column> columns = new ArrayList<>();
        for (int c = 0; c < table.names().size(); c++) {
            if (c == label) continue;
            columns.add(fitColumn(table, c, trainRows, warnings));
        }
        InputPreparation.Target target = regression ? fitTarget(table, labelName, values, trainRows) : null;
        InputPreparation.Table prep = new InputPreparation.Table(columns, labelName, target);
        LabeledData train = encodeRows(table, prep, label, classes, trainRows, warnings, null);
        LabeledData val = parts[1] == null ? null : encodeRows(table, prep, label, classes, parts[1], warnings, "validation");
        LabeledData tested = parts[2] == null ? null : encodeRows(table, prep, label, classes, parts[2], warnings, "test");
        return new PreparedData(train, val, tested, prep, warnings);
    }

    /**
     * Encodes a table with a preparation fitted before (to evaluate a model): the feature columns are found by name, the
     * labels are renumbered into {@code classes} (for a regression, standardised with the saved target); a label the
     * model does not know is refused with its line.
     */
    public static PreparedData encode(RawTable table, InputPreparation.Table prep, List<String> classes) throws DataFileException {
        if (table.size() == 0) throw new DataFileException(table.file(), 0, Texts.get("core.data.no-rows"));
        int label = table.requireColumn(prep.labelColumn(), "label");
        if (prep.regression()) numbers(table, label);
        int[] rows = new int[table.size()];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        List<String> warnings = new ArrayList<>();
        LabeledData data = encodeRows(table, prep, label, prep.regression() ? List.of(prep.labelColumn()) : classes, rows, warnings, null);
        return new PreparedData(data, null, prep, warnings);
    }

    /** A regression's label values; an empty cell or one that is not a number is refused with its line. */
    private static double[] numbers(RawTable table, int label) throws DataFileException {
        String name = table.names().get(label);
        double[] values = new double[table.size()];
        for (int r = 0; r < values.length; r++) {
            String v = table.rows().get(r)[label].trim();
            if (v.isEmpty()) {
                throw new DataFileException(table.file(), table.lines()[r], Texts.get("core.data.no-label-number", name));
            }
            if (!isNumber(v)) {
                throw new DataFileException(table.file(), table.lines()[r], Texts.get("core.data.label-not-number", name, v));
            }
            values[r] = Double.parseDouble(v);
        }
        return values;
    }

    private static InputPreparation.Target fitTarget(RawTable table, String name, double[] values, int[] trainRows) throws DataFileException {
        double sum = 0;
        for (int r : trainRows) sum += values[r];
        double mean = sum / trainRows.length;
        double sq = 0;
        for (int r : trainRows) sq += (values[r] - mean) * (values[r] - mean);
        double std = Math.sqrt(sq / trainRows.length);
        if (!(std > 1e-12 * Math.max(1, Math.abs(mean)))) {
            throw new DataFileException(table.file(), 0, Texts.get("core.data.label-constant", name, values[trainRows[0]]));
        }
        return new InputPreparation.Target(mean, std);
    }

    private static List<String> classes(RawTable table, int label) throws DataFileException {
        String name = table.names().get(label);
        boolean allNumbers = true;
        for (int r = 0; r < table.size(); r++) {
            String v = table.rows().get(r)[label].trim();
            if (v.isEmpty()) {
                throw new DataFileException(table.file(), table.lines()[r], Texts.get("core.data.no-label-class", name));
            }
            allNumbers &= isNumber(v);
        }
        if (allNumbers) {
            for (int r = 0; r < table.size(); r++) {
                String v = table.rows().get(r)[label].trim();
                double d = Double.parseDouble(v);
                if (d != Math.rint(d)) {
                    throw new DataFileException(table.file(), table.lines()[r], Texts.get("core.data.label-fractions", name, v));
                }
            }
        }
        TreeSet<String> distinct = new TreeSet<>(allNumbers ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        for (String[] row : table.rows()) distinct.add(row[label].trim());
        if (distinct.size() < 2) {
            throw new DataFileException(table.file(), 0, Texts.get("core.data.label-one-class", name, distinct.first()));
        }
        return List.copyOf(distinct);
    }

    private static InputPreparation.Column fitColumn(RawTable table, int c, int[] trainRows, List<String> warnings) throws DataFileException {
        String name = table.names().get(c);
        int numbers = 0;
        int others = 0;
        int firstOther = -1;
        for (int r = 0; r < table.size(); r++) {
            String v = table.rows().get(r)[c].trim();
            if (v.isEmpty()) continue;
            if (isNumber(v)) {
                numbers++;
            } else {
                others++;
                if (firstOther < 0) firstOther = r;
            }
        }
        if (numbers + others == 0) throw new DataFileException(table.file(), 0, Texts.get("core.data.column-empty", name));
        if (others > 0 && numbers >= MOSTLY_NUMBERS * (numbers + others)) {
            throw new DataFileException(table.file(), table.lines()[firstOther], Texts.get("core.data.column-not-number", name, numbers,
                    numbers + others, table.rows().get(firstOther)[c].trim()));
        }
        if (others == 0) {
            double sum = 0;
            int n = 0;
            for (int r : trainRows) {
                String v = table.rows().get(r)[c].trim();
                if (v.isEmpty()) continue;
                sum += Double.parseDouble(v);
                n++;
            }
            if (n == 0) throw new DataFileException(table.file(), 0, Texts.get("core.data.column-empty-training", name));
            double mean = sum / n;
            double sq = 0;
            for (int r : trainRows) {
                String v = table.rows().get(r)[c].trim();
                if (!v.isEmpty()) sq += (Double.parseDouble(v) - mean) * (Double.parseDouble(v) - mean);
            }
            double std = Math.sqrt(sq / n);
            if (!(std > 1e-12)) std = 1;
            List<Integer> empty = new ArrayList<>();
            for (int r = 0; r < table.size(); r++) if (table.rows().get(r)[c].isBlank()) empty.add(table.lines()[r]);
            if (!empty.isEmpty()) {
                warnings.add(Texts.get(empty.size() == 1 ? "core.data.empty-cell" : "core.data.empty-cells", table.file(), empty.size(), name,
                        lines(empty), String.format(Locale.ROOT, "%.4g", mean)));
            }
            return InputPreparation.Column.numeric(name, mean, std);
        }
        TreeSet<String> categories = new TreeSet<>();
        for (int r : trainRows) {
            String v = table.rows().get(r)[c].trim();
            if (!v.isEmpty()) categories.add(v);
        }
        if (categories.isEmpty()) throw new DataFileException(table.file(), 0, Texts.get("core.data.column-empty-training", name));
        return InputPreparation.Column.categorical(name, List.copyOf(categories));
    }

    /** "10 % for validation and 20 % for testing". */
    static String held(double validation, double test) {
        String v = Texts.get("core.data.held-validation", Math.round(validation * 100));
        String t = Texts.get("core.data.held-test", Math.round(test * 100));
        return validation > 0 && test > 0 ? Texts.get("core.list.and", v, t) : validation > 0 ? v : t;
    }

    private static String lines(List<Integer> lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(5, lines.size()); i++) s.append(i == 0 ? "" : ", ").append(lines.get(i));
        if (lines.size() > 5) s.append(", …");
        return s.toString();
    }

    private static LabeledData encodeRows(RawTable table, InputPreparation.Table prep, int label, List<String> classes, int[] rows,
                                          List<String> warnings, String which) throws DataFileException {
        int[] positions = new int[prep.columns().size()];
        for (int i = 0; i < positions.length; i++) positions[i] = table.requireColumn(prep.columns().get(i).name(), "feature");
        float[][] x = new float[rows.length][];
        int[] y = new int[rows.length];
        InputPreparation.Target target = prep.target();
        float[] targets = target == null ? null : new float[rows.length];
        Map<String, Integer> unseen = new LinkedHashMap<>();
        String[] said = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String[] row = table.rows().get(rows[i]);
            int line = table.lines()[rows[i]];
            said[i] = Texts.get("core.data.at-line", table.file(), line, String.join(", ", row));
            String l = row[label].trim();
            if (target != null) targets[i] = target.standardise(Double.parseDouble(l));
            y[i] = target != null ? 0 : classes.indexOf(l);
            if (y[i] < 0) {
                throw new DataFileException(table.file(), line, Texts.get("core.data.unknown-class", l, String.join(", ", classes)));
            }
            List<String> values = new ArrayList<>(positions.length);
            for (int p : positions) values.add(row[p]);
            List<String> unseenColumns = new ArrayList<>();
            try {
                x[i] = prep.encode(values, new ArrayList<>(), unseenColumns);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(table.file(), line, e.getMessage());
            }
            for (String column : unseenColumns) unseen.merge(column, 1, Integer::sum);
        }
        String rowsKey = "core.data.unseen-category." + (which == null ? "training" : which);
        unseen.forEach((column, n) -> warnings.add(Texts.get(n == 1 ? rowsKey + "-one" : rowsKey, table.file(), n, column)));
        return new LabeledData(new Shape.Vector(prep.features()), classes, x, y, targets, said);
    }
}
