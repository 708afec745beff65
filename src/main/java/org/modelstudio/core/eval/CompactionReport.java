package org.modelstudio.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What compacting a model saves and costs: the size of its file before (the full model file, the optimizer's state
 * included) and after (the compact file), the bytes its parameters take in each before the zip's compression, and,
 * when it was measured, how well the model does before and after on the same examples.
 *
 * @param precision what the compact file stores its weights as: "fp16" or "int8"
 * @param quality   the model's figure before and after; null when it was not measured
 */
public record CompactionReport(String precision, long fileBytesBefore, long fileBytesAfter, long parameterBytesBefore,
                               long parameterBytesAfter, Quality quality) {

    /**
     * The model's figure on {@code examples} examples of {@code data}, before and after: its accuracy (0 to 1) for a
     * classifier, or for a regression its mean absolute error in the units of {@code quantity}.
     */
    public record Quality(String data, int examples, boolean regression, String quantity, double before, double after) {
        public static Quality accuracy(String data, int examples, double before, double after) {
            return new Quality(data, examples, false, null, before, after);
        }

        public static Quality meanAbsoluteError(String data, int examples, String quantity, double before, double after) {
            return new Quality(data, examples, true, quantity, before, after);
        }

        /** After minus before: in accuracy points (percentage points) for a classifier, in the label's units for a regression. */
        public double change() { return regression ? after - before : 100 * (after - before); }

        /** "Accuracy" or "MAE (progression)". */
        public String measure() { return regression ? "MAE (" + quantity + ")" : "Accuracy"; }

        String format(double v) { return regression ? RegressionReport.number(v) : String.format(Locale.ROOT, "%.2f %%", 100 * v); }

        String formatChange() {
            double c = change();
            String sign = c > 0 ? "+" : c < 0 ? "−" : "±";
            return regression ? sign + RegressionReport.number(Math.abs(c))
                    : sign + String.format(Locale.ROOT, "%.2f points", Math.abs(c));
        }
    }

    /** One line of the before-and-after table, each cell as shown. */
    public record Row(String what, String before, String after, String change) {}

    public CompactionReport withQuality(Quality q) {
        return new CompactionReport(precision, fileBytesBefore, fileBytesAfter, parameterBytesBefore, parameterBytesAfter, q);
    }

    /** The table the studio and the command line show: file size, parameters, and the accuracy or MAE when measured. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("File size", size(fileBytesBefore), size(fileBytesAfter), percent(fileBytesBefore, fileBytesAfter)));
        rows.add(new Row("Parameters", size(parameterBytesBefore), size(parameterBytesAfter), percent(parameterBytesBefore, parameterBytesAfter)));
        if (quality != null) rows.add(new Row(quality.measure(), quality.format(quality.before()), quality.format(quality.after()), quality.formatChange()));
        return rows;
    }

    /** Where the figure was measured, or that it was not: one sentence. */
    public String measuredOn() {
        return quality == null ? "Accuracy was not measured: no labelled examples were given."
                : String.format(Locale.ROOT, "Measured on %s (%,d examples).", quality.data(), quality.examples());
    }

    /** Why the file shrinks more than its parameters do. */
    public static final String OPTIMIZER_NOTE = "Besides its weights, the full file holds the optimizer's state for training further, "
            + "which a compact file leaves out.";

    /** The table as text, for the command line. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String format = "%-22s %14s %14s %16s%n";
        sb.append(String.format(Locale.ROOT, format, "", "before", "after (" + precision + ")", "change"));
        for (Row r : rows()) sb.append(String.format(Locale.ROOT, format, r.what(), r.before(), r.after(), r.change()));
        return sb.append(measuredOn()).append(' ').append(OPTIMIZER_NOTE).append('\n').toString();
    }

    /** A file size in the units a file manager shows: "940 bytes", "54.2 KB", "1.62 MB" (1 KB = 1,000 bytes). */
    public static String size(long bytes) {
        if (bytes < 1000) return bytes + " bytes";
        if (bytes < 1_000_000) return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    private static String percent(long before, long after) {
        if (before == 0) return "";
        double p = 100.0 * (after - before) / before;
        return String.format(Locale.ROOT, "%s%.1f %%", p < 0 ? "−" : "+", Math.abs(p));
    }
}
