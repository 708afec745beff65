package org.modelstudio.core.events;

/**
 * What a training run reports as it goes, engine-neutral. Delivered on the training thread. Times
 * ({@code elapsedMillis}) count training only: time spent paused is left out, so rates and estimates stay right.
 */
public sealed interface TrainingEvent {

    /** Training begins: how much work there is. */
    record Started(int epochs, int batchesPerEpoch, int trainingExamples, int validationExamples) implements TrainingEvent {}

    /** One batch was trained; {@code iteration} counts batches across epochs from 0. */
    record BatchScored(int epoch, int batch, long iteration, double loss) implements TrainingEvent {}

    /**
     * One epoch is done (epochs count from 1). Validation values are NaN when there is no validation set.
     * {@code learningRate} is the rate this epoch was trained with; {@code samplesPerSecond} is training
     * throughput in this epoch, evaluation and pauses excluded. A classification reports accuracies (shares of
     * examples right) and NaN for the regression figures; a regression reports NaN accuracies and instead the mean
     * absolute error in the label's units ({@code trainMae} over the epoch's batches as they were trained,
     * {@code validationMae} after the epoch) and the validation R².
     */
    record EpochEvaluated(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double learningRate, double samplesPerSecond, long elapsedMillis,
                          double trainMae, double validationMae, double validationR2)
            implements TrainingEvent {

        /** A classification's epoch. */
        public EpochEvaluated(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                              double learningRate, double samplesPerSecond, long elapsedMillis) {
            this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, learningRate, samplesPerSecond, elapsedMillis,
                    Double.NaN, Double.NaN, Double.NaN);
        }

        /** Whether this is a regression's epoch (it reports errors, not accuracies). */
        public boolean regression() { return !Double.isNaN(trainMae) || !Double.isNaN(validationMae); }
    }

    /** Training is paused after {@code batch} batches of {@code epoch}; no batch runs until it is resumed. */
    record Paused(int epoch, int batch) implements TrainingEvent {}

    /**
     * Training goes on after a pause of {@code pausedMillis}. Every {@link Paused} is followed by one, also
     * when the run was cancelled while paused (then {@link Cancelled} comes next).
     */
    record Resumed(int epoch, int batch, long pausedMillis) implements TrainingEvent {}

    /**
     * Early stopping ended the run after {@code epoch}: the watched metric stopped improving. {@code bestEpoch}
     * is the epoch of the best model kept; {@code reason} says so in a sentence. {@link Finished} follows.
     */
    record EarlyStopped(int epoch, int bestEpoch, String reason) implements TrainingEvent {}

    record Finished(int epochsCompleted, long elapsedMillis) implements TrainingEvent {}

    /** Stopped by the user between batches; the model so far is kept. */
    record Cancelled(int epochsCompleted, long elapsedMillis) implements TrainingEvent {}

    /** Training could not go on; {@code message} says why and what to try. */
    record Failed(String message) implements TrainingEvent {}
}
