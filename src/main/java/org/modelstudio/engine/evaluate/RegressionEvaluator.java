package org.modelstudio.engine.evaluate;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.BatchIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A regression model measured on examples with known numbers: MAE, RMSE and R², and every (actual, predicted) pair,
 * all in the label's units (the model's standardised outputs and the examples' standardised targets are turned back
 * with the scaling saved in the model). The data is read batch by batch.
 */
public final class RegressionEvaluator {
    private static final int BATCH = 256;

    private RegressionEvaluator() {}

    public static RegressionReport evaluate(TrainedModel model, ExampleSource data) throws InvalidNetworkException {
        InputPreparation.Target target = model.target();
        if (target == null) throw new InvalidNetworkException("The model tells classes apart; it does not predict a number to measure errors of.");
        if (!data.regression()) {
            throw new InvalidNetworkException("The data has classes (" + String.join(", ", data.classes()) + "), not numbers to compare the model's predictions with.");
        }
        if (!model.spec().input().shape().equals(data.exampleShape())) {
            throw new InvalidNetworkException("The model takes inputs of " + InputFit.describe(model.spec().input().shape())
                    + " but the data has examples of " + InputFit.describe(data.exampleShape()) + ".");
        }
        if (data.size() == 0) throw new InvalidNetworkException("The data has no examples.");
        int n = data.size();
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            DataSet ds = BatchIterator.slice(data, from, to);
            INDArray out = model.network().output(ds.getFeatures(), false);
            for (int i = 0; i < to - from; i++) {
                actual[from + i] = target.toUnits(data.target(from + i));
                predicted[from + i] = target.toUnits(out.getDouble(i, 0));
            }
        }
        return RegressionReport.of(model.labels().get(0), actual, predicted);
    }
}
