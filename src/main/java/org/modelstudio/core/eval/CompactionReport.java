package org.modelstudio.core.eval;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.i18n.Words;
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
        public String measure() { return regression ? "MAE (" + quantity + ")" : Texts.get("core.compact.accuracy"); }

        String format(double v) {
            return regression ? RegressionReport.number(v) : Texts.get("core.compact.percent", String.format(Locale.ROOT, "%.2f", 100 * v));
        }

        String formatChange() {
            double c = change();
            String sign = c > 0 ? "+" : c < 0 ? "−" : "±";
            return regression ? sign + RegressionReport.number(Math.abs(c))
                    : sign + Texts.get("core.compact.points", String.format(Locale.ROOT, "%.2f", Math.abs(c)));
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
        rows.add(new Row(Texts.get("core.compact.file-size"), size(fileBytesBefore), size(fileBytesAfter), percent(fileBytesBefore, fileBytesAfter)));
        rows.add(new Row(Texts.get("core.summary.parameters"), size(parameterBytesBefore), size(parameterBytesAfter),
                percent(parameterBytesBefore, parameterBytesAfter)));
        if (quality != null) rows.add(new Row(quality.measure(), quality.format(quality.before()), quality.format(quality.after()), quality.formatChange()));
        return rows;
    }

    /** Where the figure was measured, or that it was not: one sentence. */
    public String measuredOn() {
        return quality == null ? Texts.get("core.compact.not-measured")
                : Texts.get("core.compact.measured-on", quality.data(), Texts.number(quality.examples()));
    }

    /** Why the file shrinks more than its parameters do, in English (see {@link #optimizerNote()} for the studio's language). */
    public static final String OPTIMIZER_NOTE = Texts.english("core.compact.optimizer-note");

    /** Why the file shrinks more than its parameters do, in the studio's language. */
    public static String optimizerNote() { return Texts.get("core.compact.optimizer-note"); }

    /** The table as text, for the command line. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(row("", Texts.get("core.compact.before"), Texts.get("core.compact.after", precision), Texts.get("core.compact.change")));
        for (Row r : rows()) sb.append(row(r.what(), r.before(), r.after(), r.change()));
        return sb.append(measuredOn()).append(' ').append(optimizerNote()).append('\n').toString();
    }

    private static String row(String what, String before, String after, String change) {
        return Words.pad(what, 22) + " " + Words.padLeft(before, 14) + " "
                + Words.padLeft(after, 14) + " " + Words.padLeft(change, 16) + "\n";
    }

    /** A file size in the units a file manager shows: "940 bytes", "54.2 KB", "1.62 MB" (1 KB = 1,000 bytes). */
    public static String size(long bytes) {
        if (bytes < 1000) return Texts.get("core.compact.bytes", bytes);
        if (bytes < 1_000_000) return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    private static String percent(long before, long after) {
        if (before == 0) return "";
        double p = 100.0 * (after - before) / before;
        return (p < 0 ? "−" : "+") + Texts.get("core.compact.percent", String.format(Locale.ROOT, "%.1f", Math.abs(p)));
    }
}
