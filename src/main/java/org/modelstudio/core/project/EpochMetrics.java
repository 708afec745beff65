package org.modelstudio.core.project;

/**
 * One epoch of a recorded run. Validation values are NaN when the run had no validation data;
 * {@code elapsedMillis} is training time from the run's start to the end of this epoch, pauses left out.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                           double learningRate, double samplesPerSecond, long elapsedMillis) {

    public boolean hasValidation() { return !Double.isNaN(validationLoss); }
}
