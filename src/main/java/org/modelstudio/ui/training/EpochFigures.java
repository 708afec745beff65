package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
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
            String train = Texts.get("ui.epoch.summary.regression", e.epoch(), Texts.number(e.trainLoss(), 3), num(e.trainMae()));
            return Double.isNaN(e.validationLoss()) ? train
                    : train + Texts.get("ui.epoch.summary.regression-validation", Texts.number(e.validationLoss(), 3), num(e.validationMae()),
                            Texts.number(e.validationR2(), 3));
        }
        return Double.isNaN(e.validationLoss())
                ? Texts.get("ui.epoch.summary", e.epoch(), Texts.number(e.trainLoss(), 3), Texts.percent(e.trainAccuracy(), 1))
                : Texts.get("ui.epoch.summary.validation", e.epoch(), Texts.number(e.trainLoss(), 3), Texts.percent(e.trainAccuracy(), 1),
                        Texts.number(e.validationLoss(), 3), Texts.percent(e.validationAccuracy(), 1));
    }

    /** The log's line for an epoch, with every figure. */
    static String logLine(TrainingEvent.EpochEvaluated e, int totalEpochs) {
        if (e.regression()) {
            return Texts.get("ui.epoch.log.regression", e.epoch(), totalEpochs, Texts.number(e.trainLoss(), 4), num(e.trainMae()),
                    Texts.number(e.validationLoss(), 4), num(e.validationMae()), Texts.number(e.validationR2(), 3),
                    String.format(Locale.ROOT, "%.3g", e.learningRate()), Texts.number(Math.round(e.samplesPerSecond())));
        }
        return Texts.get("ui.epoch.log", e.epoch(), totalEpochs, Texts.number(e.trainLoss(), 4), Texts.percent(e.trainAccuracy(), 2),
                Texts.number(e.validationLoss(), 4), Texts.percent(e.validationAccuracy(), 2),
                String.format(Locale.ROOT, "%.3g", e.learningRate()), Texts.number(Math.round(e.samplesPerSecond())));
    }

    /** ", validation accuracy 91.0%" or ", validation MAE 41.2, R² 0.47"; empty without validation. */
    static String validation(TrainingEvent.EpochEvaluated e) {
        if (e == null) return "";
        return validation(e.regression(), e.validationAccuracy(), e.validationMae(), e.validationR2());
    }

    private static String validation(boolean regression, double accuracy, double mae, double r2) {
        if (regression) return Double.isNaN(mae) ? "" : Texts.get("ui.epoch.validation.regression", num(mae), Texts.number(r2, 3));
        return Double.isNaN(accuracy) ? "" : Texts.get("ui.epoch.validation", Texts.percent(accuracy, 1));
    }

    /** The Runs table's cell for a run's best epoch: "91.0% (epoch 7)" or "MAE 41.2 · R² 0.47 (epoch 7)". */
    static String best(TrainingEvent.EpochEvaluated b) {
        if (b == null) return "–";
        if (b.regression()) {
            boolean validated = !Double.isNaN(b.validationMae());
            return validated ? Texts.get("ui.epoch.best.regression", num(b.validationMae()), Texts.number(b.validationR2(), 2), b.epoch())
                    : Texts.get("ui.epoch.best.regression-training", num(b.trainMae()), b.epoch());
        }
        double acc = Double.isNaN(b.validationAccuracy()) ? b.trainAccuracy() : b.validationAccuracy();
        return Texts.get("ui.epoch.best", Texts.percent(acc, 1), b.epoch());
    }

    private static String num(double v) { return RegressionReport.number(v); }
}
