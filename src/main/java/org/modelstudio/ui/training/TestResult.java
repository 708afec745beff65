package org.modelstudio.ui.training;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.evaluate.RegressionEvaluator;
import org.modelstudio.engine.train.TrainingResult;

import java.util.Locale;

/**
 * The one measurement of a finished run's best model on the test part, held out from training and validation:
 * its accuracy for a classification, its mean absolute error (in the label's units) and R² for a regression.
 */
final class TestResult {

    private TestResult() {}

    /** The sentence for the log and the status line; null when there is no test part or no model to test. */
    static String of(TrainingResult result, ExampleSource test) throws InvalidNetworkException {
        if (test == null || test.size() == 0 || result.epochs().isEmpty() || result.outcome() == RunOutcome.FAILED) return null;
        String held = String.format(Locale.ROOT, "On the %,d test examples held out from training and validation, the best model (epoch %d) ",
                test.size(), result.bestEpoch());
        if (test.regression()) {
            RegressionReport r = RegressionEvaluator.evaluate(result.best(), test);
            return held + String.format(Locale.ROOT, "has a mean absolute error of %s (%s) and R² %.3f.",
                    RegressionReport.number(r.mae()), r.quantity(), r.r2());
        }
        return held + String.format(Locale.ROOT, "scores %.1f%%.", 100 * Evaluator.evaluate(result.best(), test).accuracy());
    }
}
