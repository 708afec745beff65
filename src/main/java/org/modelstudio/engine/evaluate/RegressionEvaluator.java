package org.modelstudio.engine.evaluate;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.i18n.Words;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.Metrics;

/**
 * A regression model measured on examples with known numbers: MAE, RMSE and R², and every (actual, predicted) pair,
 * all in the label's units (the model's standardised outputs and the examples' standardised targets are turned back
 * with the scaling saved in the model). The data is read batch by batch.
 */
public final class RegressionEvaluator {

    private RegressionEvaluator() {}

    public static RegressionReport evaluate(TrainedModel model, ExampleSource data) throws InvalidNetworkException {
        InputPreparation.Target target = model.target();
        if (target == null) throw new InvalidNetworkException(Texts.get("engine.evaluate.not-regression"));
        if (!data.regression()) {
            throw new InvalidNetworkException(Texts.get("engine.evaluate.data-has-classes", Words.list(data.classes())));
        }
        if (!model.spec().input().shape().equals(data.exampleShape())) {
            throw new InvalidNetworkException(Texts.get("engine.evaluate.input-mismatch", InputFit.describe(model.spec().input().shape()),
                    InputFit.describe(data.exampleShape())));
        }
        if (data.size() == 0) throw new InvalidNetworkException(Texts.get("engine.train.no-examples"));
        double[][] pairs = Metrics.regressionPairs(model.network(), data);
        double[] actual = pairs[0];
        double[] predicted = pairs[1];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = target.toUnits(actual[i]);
            predicted[i] = target.toUnits(predicted[i]);
        }
        return RegressionReport.of(model.labels().get(0), actual, predicted);
    }
}
