package org.modelstudio.core.eval;

import org.modelstudio.core.i18n.Texts;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * An evaluation written out for people who do not have the studio: a CSV file for spreadsheets and a self-contained
 * HTML page (inline style, pictures as {@code data:} URIs, no links or scripts) that opens anywhere, offline.
 */
public final class ReportExport {
    /** How many of the most confident mistakes the HTML page shows. */
    public static final int MISTAKES_SHOWN = 24;

    private ReportExport() {}

    /**
     * Blocks separated by an empty line: the title, example count and accuracy; one row per class (precision, recall,
     * F1, support) then the macro and weighted averages; the confusion matrix with actual classes down and predicted
     * classes across. Numbers use a dot and 6 decimals; a value with a comma, quote or line break is quoted (RFC 4180).
     */
    public static String csv(DetailedEvaluation evaluation, String title) {
        EvaluationReport r = evaluation.report();
        List<String> classes = r.classes();
        StringBuilder sb = new StringBuilder();
        row(sb, "Report", title);
        row(sb, "Examples", Integer.toString(r.total()));
        row(sb, "Accuracy", number(r.accuracy()));
        sb.append("\r\n");
        row(sb, "Class", "Precision", "Recall", "F1", "Support");
        for (int c = 0; c < classes.size(); c++) {
            row(sb, classes.get(c), number(r.precision()[c]), number(r.recall()[c]), number(r.f1()[c]), Integer.toString(r.support()[c]));
        }
        row(sb, "Macro average", number(r.macroPrecision()), number(r.macroRecall()), number(r.macroF1()), Integer.toString(r.total()));
        row(sb, "Weighted average", number(r.weightedPrecision()), number(r.weightedRecall()), number(r.weightedF1()), Integer.toString(r.total()));
        sb.append("\r\n");
        row(sb, "Confusion matrix (rows: actual class; columns: predicted class)");
        String[] header = new String[classes.size() + 1];
        header[0] = "Actual \\ Predicted";
        for (int c = 0; c < classes.size(); c++) header[c + 1] = classes.get(c);
        row(sb, header);
        for (int a = 0; a < classes.size(); a++) {
            String[] cells = new String[classes.size() + 1];
            cells[0] = classes.get(a);
            for (int p = 0; p < classes.size(); p++) cells[p + 1] = Integer.toString(r.confusion()[a][p]);
            row(sb, cells);
        }
        return sb.toString();
    }

    /** A regression as CSV: the figures, then every example with its actual and predicted value and the error. */
    public static String csv(RegressionReport r, String title, IntFunction<String> describe) {
        StringBuilder sb = new StringBuilder();
        row(sb, "Report", title);
        row(sb, "Quantity", r.quantity());
        row(sb, "Examples", Integer.toString(r.n()));
        row(sb, "MAE", number(r.mae()));
        row(sb, "RMSE", number(r.rmse()));
        row(sb, "R2", number(r.r2()));
        sb.append("\r\n");
        row(sb, "Example", "Actual", "Predicted", "Error");
        for (int i = 0; i < r.n(); i++) {
            row(sb, describe.apply(i), number(r.actual()[i]), number(r.predicted()[i]), number(r.predicted()[i] - r.actual()[i]));
        }
        return sb.toString();
    }

    /** A regression as a self-contained page: the figures and the {@code worst} examples furthest from their actual value. */
    public static String html(RegressionReport r, String title, IntFunction<String> describe, int worst) {
        StringBuilder sb = new StringBuilder(8192);
        head(sb, title);
        sb.append("<p class=\"summary\">").append(Texts.get("core.html.regression-summary", escape(r.quantity()), Texts.number(r.n()),
                RegressionReport.number(r.mae()), RegressionReport.number(r.rmse()), String.format(Locale.ROOT, "%.3f", r.r2()))).append("</p>\n");
        sb.append("<p class=\"note\">").append(Texts.get("core.html.r2-note")).append("</p>\n");
        int[] order = r.largestErrorsFirst();
        int shown = Math.min(worst, order.length);
        sb.append("<h2>").append(Texts.get("core.html.largest-errors")).append("</h2>\n<table class=\"scores\">\n<tr><th>")
                .append(Texts.get("core.report.example")).append("</th><th>").append(Texts.get("core.report.actual")).append("</th><th>")
                .append(Texts.get("core.report.predicted")).append("</th><th>").append(Texts.get("core.html.error")).append("</th></tr>\n");
        for (int k = 0; k < shown; k++) {
            int i = order[k];
            sb.append("<tr><td>").append(escape(describe.apply(i))).append("</td><td>").append(RegressionReport.number(r.actual()[i]))
                    .append("</td><td>").append(RegressionReport.number(r.predicted()[i])).append("</td><td>")
                    .append(RegressionReport.number(r.predicted()[i] - r.actual()[i])).append("</td></tr>\n");
        }
        sb.append("</table>\n<p class=\"note\">").append(Texts.get("core.html.made-by")).append("</p>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append(',');
            String c = cells[i] == null ? "" : cells[i];
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            sb.append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        sb.append("\r\n");
    }

    private static String number(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    /** As {@link #html(DetailedEvaluation, String, IntFunction, IntFunction)}, examples named by their index. */
    public static String html(DetailedEvaluation evaluation, String title, IntFunction<String> exampleImageDataUri) {
        return html(evaluation, title, exampleImageDataUri, i -> Texts.get("core.html.example", i));
    }

    /**
     * A self-contained HTML page: the summary, the per-class table with the averages, the confusion matrix as a
     * coloured table (each cell its count and its share of the actual class's examples) and the
     * {@value #MISTAKES_SHOWN} most confident mistakes.
     *
     * @param exampleImageDataUri a {@code data:image/…} URI picturing example {@code i}, or null (for data that are
     *                            not images), in which case the example is shown by its description
     * @param describe            how example {@code i} is named: a file name, a text, a table row
     */
    public static String html(DetailedEvaluation evaluation, String title, IntFunction<String> exampleImageDataUri, IntFunction<String> describe) {
        EvaluationReport r = evaluation.report();
        List<String> classes = r.classes();
        StringBuilder sb = new StringBuilder(8192);
        head(sb, title);
        sb.append("<p class=\"summary\">").append(Texts.get("core.html.summary", Texts.percent(r.accuracy(), 2), Texts.number(r.total()),
                classes.size(), Texts.number(evaluation.mistakes()), String.format(Locale.ROOT, "%.3f", r.macroF1()),
                String.format(Locale.ROOT, "%.3f", r.weightedF1()))).append("</p>\n");

        sb.append("<h2>").append(Texts.get("core.html.per-class")).append("</h2>\n<table class=\"scores\">\n<tr><th>")
                .append(Texts.get("core.report.class")).append("</th><th>").append(Texts.get("core.report.precision")).append("</th><th>")
                .append(Texts.get("core.report.recall")).append("</th><th>F1</th><th>").append(Texts.get("core.report.support")).append("</th></tr>\n");
        for (int c = 0; c < classes.size(); c++) {
            scoreRow(sb, escape(classes.get(c)), r.precision()[c], r.recall()[c], r.f1()[c], r.support()[c], "");
        }
        scoreRow(sb, Texts.get("core.html.macro-average"), r.macroPrecision(), r.macroRecall(), r.macroF1(), r.total(), " class=\"avg\"");
        scoreRow(sb, Texts.get("core.html.weighted-average"), r.weightedPrecision(), r.weightedRecall(), r.weightedF1(), r.total(), " class=\"avg\"");
        sb.append("</table>\n<p class=\"note\">").append(Texts.get("core.html.scores-note")).append("</p>\n");

        confusion(sb, r);
        mistakes(sb, evaluation, exampleImageDataUri, describe);
        sb.append("<p class=\"note\">").append(Texts.get("core.html.made-by")).append("</p>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void scoreRow(StringBuilder sb, String label, double p, double rc, double f1, int support, String cls) {
        sb.append(String.format(Locale.ROOT, "<tr%s><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%,d</td></tr>\n", cls, label, p, rc, f1, support));
    }

    private static void confusion(StringBuilder sb, EvaluationReport r) {
        List<String> classes = r.classes();
        sb.append("<h2>").append(Texts.get("core.html.confusion")).append("</h2>\n<p class=\"note\">").append(Texts.get("core.html.confusion-note"))
                .append("</p>\n");
        sb.append("<table class=\"confusion\">\n<tr><th class=\"corner\">").append(escape(Texts.get("core.html.corner"))).append("</th>");
        for (String c : classes) sb.append("<th>").append(escape(c)).append("</th>");
        sb.append("</tr>\n");
        for (int a = 0; a < classes.size(); a++) {
            sb.append("<tr><th>").append(escape(classes.get(a))).append("</th>");
            for (int p = 0; p < classes.size(); p++) {
                double share = r.rowPercent(a, p) / 100;
                // The square root lets a 10–20 % confusion stand out instead of staying near white.
                double lightness = 97 - 55 * Math.sqrt(share);
                String colour = r.confusion()[a][p] == 0 ? "#fff"
                        : String.format(Locale.ROOT, "hsl(%d,%d%%,%.0f%%)", a == p ? 130 : 5, a == p ? 50 : 70, lightness);
                sb.append(String.format(Locale.ROOT, "<td style=\"background:%s;color:%s\" title=\"%s\">%s<br><small>%s</small></td>",
                        colour, lightness < 60 ? "#fff" : "#222", escape(Texts.get("core.html.cell", classes.get(a), classes.get(p))),
                        Texts.number(r.confusion()[a][p]), Texts.percent(share, 1)));
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void mistakes(StringBuilder sb, DetailedEvaluation evaluation, IntFunction<String> dataUri, IntFunction<String> describe) {
        List<ExampleOutcome> worst = evaluation.mostConfidentMistakes(MISTAKES_SHOWN);
        List<String> classes = evaluation.report().classes();
        sb.append("<h2>").append(Texts.get("core.html.mistakes")).append("</h2>\n");
        if (worst.isEmpty()) {
            sb.append("<p>").append(Texts.get("core.html.no-mistakes")).append("</p>\n");
            return;
        }
        sb.append("<p class=\"note\">").append(evaluation.mistakes() > worst.size()
                ? Texts.get("core.html.mistakes-note-some", worst.size(), evaluation.mistakes()) : Texts.get("core.html.mistakes-note")).append("</p>\n");
        sb.append("<div class=\"mistakes\">\n");
        for (ExampleOutcome o : worst) {
            String uri = dataUri.apply(o.index());
            String name = describe.apply(o.index());
            sb.append("<figure>");
            if (uri != null && uri.startsWith("data:image/")) {
                sb.append("<img src=\"").append(escape(uri)).append("\" alt=\"").append(escape(name)).append("\">");
            } else {
                sb.append("<blockquote>").append(escape(name)).append("</blockquote>");
            }
            sb.append("<figcaption><b>").append(escape(classes.get(o.predicted()))).append("</b> ").append(Texts.percent(o.confidence(), 1))
                    .append("<br>").append(Texts.get("core.html.actually", escape(classes.get(o.actual())), Texts.percent(o.actualProbability(), 1)))
                    .append(uri != null ? "<br><small>" + escape(name) + "</small>" : "").append("</figcaption></figure>\n");
        }
        sb.append("</div>\n");
    }

    /** The page's head, in the studio's language ({@code lang}), and its title. */
    private static void head(StringBuilder sb, String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"").append(Texts.locale().toLanguageTag()).append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n").append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(escape(title)).append("</h1>\n");
    }

    /** Text made safe to put in HTML content or a quoted attribute. */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 70em; color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; margin-bottom: .2em; }
            h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            .summary { font-size: 1.1em; }
            .note { color: #666; font-size: .9em; max-width: 50em; }
            table { border-collapse: collapse; }
            th, td { padding: .3em .6em; border: 1px solid #ddd; }
            .scores td { text-align: right; font-variant-numeric: tabular-nums; }
            .scores td:first-child { text-align: left; }
            .scores tr.avg td { font-style: italic; background: #f6f6f6; }
            .confusion td { text-align: center; min-width: 3.5em; font-variant-numeric: tabular-nums; }
            .confusion th { background: #f6f6f6; }
            .confusion .corner { font-weight: normal; color: #666; font-size: .85em; }
            .mistakes { display: flex; flex-wrap: wrap; gap: 1em; }
            figure { margin: 0; width: 10em; }
            figure img { width: 96px; height: 96px; image-rendering: pixelated; border: 1px solid #ccc; display: block; object-fit: contain; }
            figure blockquote { margin: 0; padding: .4em; border-left: 3px solid #c33; background: #fafafa; font-size: .85em;
                                max-height: 8em; overflow: hidden; }
            figcaption { font-size: .85em; margin-top: .3em; overflow-wrap: anywhere; }
            """;
}
