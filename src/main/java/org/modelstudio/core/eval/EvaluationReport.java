package org.modelstudio.core.eval;

import org.modelstudio.core.i18n.Texts;
import java.util.List;
import org.modelstudio.core.i18n.Words;
import java.util.Locale;

/**
 * How well a classifier did on a labelled set: accuracy, per-class precision/recall/F1/support and the
 * confusion matrix ({@code confusion[actual][predicted]}).
 *
 * <p>Edge cases are 0, never NaN: the precision of a class the model never predicted, the recall of a class absent
 * from the data, and the F1 of a class whose precision and recall are both 0. Macro averages weigh every class
 * alike (absent classes included, with their 0s); weighted averages weigh each class by its support.
 */
public record EvaluationReport(List<String> classes, double accuracy, double[] precision, double[] recall,
                               double[] f1, int[] support, int[][] confusion) {

    public EvaluationReport { classes = List.copyOf(classes); }

    /**
     * The report for predictions against true classes, both indices into {@code classes}: the one definition of the
     * metrics, used by the engine as well.
     */
    public static EvaluationReport fromPredictions(List<String> classes, int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true classes but " + predicted.length + " predictions");
        }
        int n = classes.size();
        int[][] confusion = new int[n][n];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= n || predicted[i] < 0 || predicted[i] >= n) {
                throw new IllegalArgumentException("example " + i + " has class " + actual[i] + " predicted as " + predicted[i]
                        + "; there are " + n + " classes");
            }
            confusion[actual[i]][predicted[i]]++;
        }
        return fromConfusion(classes, confusion);
    }

    /** The report for a confusion matrix ({@code confusion[actual][predicted]}). */
    public static EvaluationReport fromConfusion(List<String> classes, int[][] confusion) {
        int n = classes.size();
        double[] precision = new double[n];
        double[] recall = new double[n];
        double[] f1 = new double[n];
        int[] support = new int[n];
        long correct = 0;
        long total = 0;
        for (int c = 0; c < n; c++) {
            int predictedAsC = 0;
            for (int a = 0; a < n; a++) predictedAsC += confusion[a][c];
            for (int p = 0; p < n; p++) support[c] += confusion[c][p];
            int tp = confusion[c][c];
            correct += tp;
            total += support[c];
            precision[c] = predictedAsC == 0 ? 0 : (double) tp / predictedAsC;
            recall[c] = support[c] == 0 ? 0 : (double) tp / support[c];
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        int[][] copy = new int[n][];
        for (int a = 0; a < n; a++) copy[a] = confusion[a].clone();
        return new EvaluationReport(classes, total == 0 ? 0 : (double) correct / total, precision, recall, f1, support, copy);
    }

    public int total() {
        int n = 0;
        for (int s : support) n += s;
        return n;
    }

    public double macroPrecision() { return mean(precision); }

    public double macroRecall() { return mean(recall); }

    public double macroF1() { return mean(f1); }

    public double weightedPrecision() { return weighted(precision); }

    public double weightedRecall() { return weighted(recall); }

    public double weightedF1() { return weighted(f1); }

    /** The share (0 to 100) of the examples of class {@code actual} that were predicted as {@code predicted}; 0 for an absent class. */
    public double rowPercent(int actual, int predicted) {
        return support[actual] == 0 ? 0 : 100.0 * confusion[actual][predicted] / support[actual];
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return values.length == 0 ? 0 : sum / values.length;
    }

    private double weighted(double[] values) {
        int total = total();
        if (total == 0) return 0;
        double sum = 0;
        for (int c = 0; c < values.length; c++) sum += values[c] * support[c];
        return sum / total;
    }

    /** A readable table for the CLI. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(Texts.get("core.report.accuracy-on", Texts.percent(accuracy, 2), Texts.number(total()))).append("\n\n");
        sb.append(Words.pad(Texts.get("core.report.class"), 16)).append(' ').append(Words.padLeft(Texts.get("core.report.precision"), 9)).append(' ')
                .append(Words.padLeft(Texts.get("core.report.recall"), 9)).append(' ').append(Words.padLeft("F1", 9)).append(' ')
                .append(Words.padLeft(Texts.get("core.report.support"), 8)).append('\n');
        for (int c = 0; c < classes.size(); c++) {
            sb.append(Words.pad(classes.get(c), 16)).append(String.format(Locale.ROOT, " %9.3f %9.3f %9.3f %8d%n", precision[c], recall[c], f1[c], support[c]));
        }
        sb.append(Words.pad(Texts.get("core.report.macro-avg"), 16))
                .append(String.format(Locale.ROOT, " %9.3f %9.3f %9.3f %8d%n", macroPrecision(), macroRecall(), macroF1(), total()));
        sb.append(Words.pad(Texts.get("core.report.weighted-avg"), 16))
                .append(String.format(Locale.ROOT, " %9.3f %9.3f %9.3f %8d%n", weightedPrecision(), weightedRecall(), weightedF1(), total()));
        sb.append('\n').append(Texts.get("core.report.confusion-rows")).append('\n');
        sb.append(String.format("%-16s", ""));
        for (int c = 0; c < classes.size(); c++) sb.append(String.format("%6d", c));
        sb.append('\n');
        for (int a = 0; a < classes.size(); a++) {
            sb.append(Words.pad(a + " " + abbreviate(classes.get(a)), 16));
            for (int p = 0; p < classes.size(); p++) sb.append(String.format("%6d", confusion[a][p]));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String abbreviate(String s) { return s.length() > 13 ? s.substring(0, 13) : s; }
}
