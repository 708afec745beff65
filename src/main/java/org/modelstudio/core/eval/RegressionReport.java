package org.modelstudio.core.eval;

import org.modelstudio.core.i18n.Texts;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.stream.IntStream;
import org.modelstudio.core.i18n.Words;

/**
 * How well a regression did on a set of examples, in the units of the quantity predicted: mean absolute error,
 * root mean squared error, R² (the share of the actual values' variance the predictions explain: 1 is perfect, 0 no
 * better than always predicting their mean, below 0 worse), and each example's actual and predicted value.
 */
public record RegressionReport(String quantity, int n, double mae, double rmse, double r2, double[] actual, double[] predicted) {

    public RegressionReport {
        if (actual.length != predicted.length || actual.length != n) {
            throw new IllegalArgumentException(n + " examples but " + actual.length + " actual and " + predicted.length + " predicted values");
        }
        actual = actual.clone();
        predicted = predicted.clone();
    }

    /** The figures for {@code actual} and {@code predicted} values (same order, label units). R² is NaN when every actual value is the same. */
    public static RegressionReport of(String quantity, double[] actual, double[] predicted) {
        int n = actual.length;
        if (predicted.length != n) throw new IllegalArgumentException(n + " actual but " + predicted.length + " predicted values");
        if (n == 0) throw new IllegalArgumentException("no examples to measure");
        double abs = 0;
        double sq = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - actual[i];
            abs += Math.abs(e);
            sq += e * e;
            mean += actual[i] / n;
        }
        double total = 0;
        for (double a : actual) total += (a - mean) * (a - mean);
        double r2 = total > 0 ? 1 - sq / total : Double.NaN;
        return new RegressionReport(quantity, n, abs / n, Math.sqrt(sq / n), r2, actual, predicted);
    }

    /** The examples' positions, the one predicted furthest from its actual value first. */
    public int[] largestErrorsFirst() {
        return IntStream.range(0, n).boxed()
                .sorted((a, b) -> Double.compare(Math.abs(predicted[b] - actual[b]), Math.abs(predicted[a] - actual[a])))
                .mapToInt(Integer::intValue).toArray();
    }

    /** "MAE 41.2, R² 0.47": the two figures the studio shows. */
    public String summary() {
        return Texts.get("core.report.regression-summary", number(mae), String.format(Locale.ROOT, "%.3f", r2));
    }

    /** A readable table for the command line: the figures, then the first {@code pairs} examples' actual and predicted values. */
    public String toTable(int pairs) {
        StringBuilder sb = new StringBuilder();
        sb.append(Texts.get("core.report.regression-of", quantity, Texts.number(n))).append("\n\n");
        sb.append(String.format(Locale.ROOT, "MAE   %12s %s   ", number(mae), quantity)).append(Texts.get("core.report.mae")).append('\n');
        sb.append(String.format(Locale.ROOT, "RMSE  %12s %s   ", number(rmse), quantity)).append(Texts.get("core.report.rmse")).append('\n');
        sb.append(String.format(Locale.ROOT, "R²    %12.4f   ", r2)).append(Texts.get("core.report.r2")).append('\n');
        int shown = Math.min(pairs, n);
        if (shown > 0) {
            sb.append('\n').append(Words.pad(Texts.get("core.report.example"), 14)).append(' ').append(Words.padLeft(Texts.get("core.report.actual"), 14))
                    .append(' ').append(Words.padLeft(Texts.get("core.report.predicted"), 14)).append('\n');
            for (int i = 0; i < shown; i++) {
                sb.append(String.format(Locale.ROOT, "%-14d %14s %14s%n", i + 1, number(actual[i]), number(predicted[i])));
            }
            if (n > shown) sb.append(Texts.get("core.report.more", n - shown)).append('\n');
        }
        return sb.toString();
    }

    /** Four significant digits, without exponent for everyday sizes: 41.23, 0.004512, 15230. */
    public static String number(double v) {
        if (Double.isNaN(v)) return "–";
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-4)) return String.format(Locale.ROOT, "%.4g", v);
        BigDecimal d = new BigDecimal(v).round(new MathContext(4));
        return d.stripTrailingZeros().toPlainString();
    }
}
