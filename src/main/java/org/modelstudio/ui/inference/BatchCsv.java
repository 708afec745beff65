package org.modelstudio.ui.inference;

import org.modelstudio.core.eval.ClassScore;

import java.util.List;
import java.util.Locale;

/**
 * A batch of results as CSV (RFC 4180 quoting, one row per input, in the order given): the input, the predicted class
 * and its probability (for a regression: the number estimated, in the label's units), the second class and its probability, the time in
 * milliseconds, and the reason it was refused
 * or what was odd about it. Plain Java.
 */
public final class BatchCsv {
    public static final String HEADER = "input,predicted,probability,second,second_probability,ms,note";

    private BatchCsv() {}

    public static String of(List<PredictionItem> items) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (PredictionItem item : items) {
            ClassScore best = item.best();
            ClassScore second = item.second();
            csv.append(quote(item.name())).append(',')
                    .append(item.estimate() != null ? String.format(Locale.ROOT, "%s", item.estimate().value())
                            : best == null ? "" : quote(best.label())).append(',')
                    .append(best == null ? "" : String.format(Locale.ROOT, "%.4f", best.probability())).append(',')
                    .append(second == null ? "" : quote(second.label())).append(',')
                    .append(second == null ? "" : String.format(Locale.ROOT, "%.4f", second.probability())).append(',')
                    .append(item.ok() ? String.format(Locale.ROOT, "%.2f", item.millis()) : "").append(',')
                    .append(quote(item.note())).append('\n');
        }
        return csv.toString();
    }

    static String quote(String s) {
        if (s == null || s.isEmpty()) return "";
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
