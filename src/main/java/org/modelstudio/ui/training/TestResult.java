package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.evaluate.RegressionEvaluator;
import org.modelstudio.engine.train.TrainingResult;


/**
 * The one measurement of a finished run's best model on the test part, held out from training and validation:
 * its accuracy for a classification, its mean absolute error (in the label's units) and R² for a regression.
 */
final class TestResult {

    private TestResult() {}

    /** The sentence for the log and the status line; null when there is no test part or no model to test. */
    static String of(TrainingResult result, ExampleSource test) throws InvalidNetworkException {
        if (test == null || test.size() == 0 || result.epochs().isEmpty() || result.outcome() == RunOutcome.FAILED) return null;
        if (test.regression()) {
            RegressionReport r = RegressionEvaluator.evaluate(result.best(), test);
            return Texts.get("ui.test-result.regression", Texts.number(test.size()), result.bestEpoch(),
                    RegressionReport.number(r.mae()), r.quantity(), Texts.number(r.r2(), 3));
        }
        return Texts.get("ui.test-result", Texts.number(test.size()), result.bestEpoch(),
                Texts.percent(Evaluator.evaluate(result.best(), test).accuracy(), 1));
    }
}
