package org.modelstudio.ui.training;

import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.events.TrainingEvent;

import java.util.Locale;

/**
 * An epoch's figures in words, for the status line, the log and the run history. A classification is judged by
 * its accuracy; a regression by its mean absolute error (in the label's units) and R², never by an accuracy it does
 * not have.
 */
final class EpochFigures {

    private EpochFigures() {}

    /** The line under the status: "Epoch 3: loss 0.412, accuracy 86.0% · validation 0.451, 84.3%". */
    static String summary(TrainingEvent.EpochEvaluated e) {
        if (e.regression()) {
            String train = String.format(Locale.ROOT, "Epoch %d: loss %.3f, MAE %s", e.epoch(), e.trainLoss(), num(e.trainMae()));
            return Double.isNaN(e.validationLoss()) ? train
                    : train + String.format(Locale.ROOT, " · validation %.3f, MAE %s, R² %.3f", e.validationLoss(), num(e.validationMae()), e.validationR2());
        }
        return Double.isNaN(e.validationLoss())
                ? String.format(Locale.ROOT, "Epoch %d: loss %.3f, accuracy %.1f%%", e.epoch(), e.trainLoss(), 100 * e.trainAccuracy())
                : String.format(Locale.ROOT, "Epoch %d: loss %.3f, accuracy %.1f%% · validation %.3f, %.1f%%",
                        e.epoch(), e.trainLoss(), 100 * e.trainAccuracy(), e.validationLoss(), 100 * e.validationAccuracy());
    }

    /** The log's line for an epoch, with every figure. */
    static String logLine(TrainingEvent.EpochEvaluated e, int totalEpochs) {
        if (e.regression()) {
            return String.format(Locale.ROOT, "Epoch %d/%d: loss %.4f, mean absolute error %s; validation loss %.4f, mean absolute error %s, "
                            + "R² %.3f; learning rate %.3g; %,.0f samples/s.", e.epoch(), totalEpochs, e.trainLoss(), num(e.trainMae()),
                    e.validationLoss(), num(e.validationMae()), e.validationR2(), e.learningRate(), e.samplesPerSecond());
        }
        return String.format(Locale.ROOT, "Epoch %d/%d: loss %.4f, accuracy %.2f%%; validation loss %.4f, accuracy %.2f%%; "
                        + "learning rate %.3g; %,.0f samples/s.", e.epoch(), totalEpochs, e.trainLoss(), 100 * e.trainAccuracy(),
                e.validationLoss(), 100 * e.validationAccuracy(), e.learningRate(), e.samplesPerSecond());
    }

    /** ", validation accuracy 91.0%" or ", validation MAE 41.2, R² 0.47"; empty without validation. */
    static String validation(TrainingEvent.EpochEvaluated e) {
        if (e == null) return "";
        return validation(e.regression(), e.validationAccuracy(), e.validationMae(), e.validationR2());
    }

    private static String validation(boolean regression, double accuracy, double mae, double r2) {
        if (regression) return Double.isNaN(mae) ? "" : String.format(Locale.ROOT, ", validation MAE %s, R² %.3f", num(mae), r2);
        return Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, ", validation accuracy %.1f%%", 100 * accuracy);
    }

    /** The Runs table's cell for a run's best epoch: "91.0% (epoch 7)" or "MAE 41.2 · R² 0.47 (epoch 7)". */
    static String best(TrainingEvent.EpochEvaluated b) {
        if (b == null) return "–";
        if (b.regression()) {
            boolean validated = !Double.isNaN(b.validationMae());
            return validated ? String.format(Locale.ROOT, "MAE %s · R² %.2f (epoch %d)", num(b.validationMae()), b.validationR2(), b.epoch())
                    : String.format(Locale.ROOT, "MAE %s (training, epoch %d)", num(b.trainMae()), b.epoch());
        }
        double acc = Double.isNaN(b.validationAccuracy()) ? b.trainAccuracy() : b.validationAccuracy();
        return String.format(Locale.ROOT, "%.1f%% (epoch %d)", 100 * acc, b.epoch());
    }

    private static String num(double v) { return RegressionReport.number(v); }
}
