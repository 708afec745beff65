package org.modelstudio.core.project;

/**
 * One epoch of a recorded run. Validation values are NaN when the run had no validation data;
 * {@code elapsedMillis} is training time from the run's start to the end of this epoch, pauses left out. A
 * regression's run has NaN accuracies and records the mean absolute errors (label units) and the validation R²
 * instead; a classification's has NaN for those.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                           double learningRate, double samplesPerSecond, long elapsedMillis,
                           double trainMae, double validationMae, double validationR2) {

    /** A classification's epoch. */
    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                        double learningRate, double samplesPerSecond, long elapsedMillis) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, learningRate, samplesPerSecond, elapsedMillis,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether the run was a regression (it recorded errors, not accuracies). */
    public boolean regression() { return !Double.isNaN(trainMae) || !Double.isNaN(validationMae); }
}
