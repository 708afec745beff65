package org.modelstudio.core.eval;

import java.util.List;
import java.util.Locale;

/**
 * How well a classifier did on a labelled set: accuracy, per-class precision/recall/F1/support and the
 * confusion matrix ({@code confusion[actual][predicted]}).
 */
public record EvaluationReport(List<String> classes, double accuracy, double[] precision, double[] recall,
                               double[] f1, int[] support, int[][] confusion) {

    public EvaluationReport { classes = List.copyOf(classes); }

    public int total() {
        int n = 0;
        for (int s : support) n += s;
        return n;
    }

    public double macroF1() {
        double sum = 0;
        for (double v : f1) sum += v;
        return f1.length == 0 ? 0 : sum / f1.length;
    }

    /** A readable table for the CLI. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Accuracy: %.2f%% on %d examples%n%n", 100 * accuracy, total()));
        sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %8s%n", "Class", "Precision", "Recall", "F1", "Support"));
        for (int c = 0; c < classes.size(); c++) {
            sb.append(String.format(Locale.ROOT, "%-16s %9.3f %9.3f %9.3f %8d%n", classes.get(c), precision[c], recall[c], f1[c], support[c]));
        }
        sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %9.3f %8d%n", "macro F1", "", "", macroF1(), total()));
        sb.append("\nConfusion matrix (rows: actual, columns: predicted)\n");
        sb.append(String.format("%-16s", ""));
        for (int c = 0; c < classes.size(); c++) sb.append(String.format("%6d", c));
        sb.append('\n');
        for (int a = 0; a < classes.size(); a++) {
            sb.append(String.format("%-16s", a + " " + abbreviate(classes.get(a))));
            for (int p = 0; p < classes.size(); p++) sb.append(String.format("%6d", confusion[a][p]));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String abbreviate(String s) { return s.length() > 13 ? s.substring(0, 13) : s; }
}
