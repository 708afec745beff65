package org.modelstudio.core.events;

/** What a training run reports as it goes, engine-neutral. Delivered on the training thread. */
public sealed interface TrainingEvent {

    /** Training begins: how much work there is. */
    record Started(int epochs, int batchesPerEpoch, int trainingExamples, int validationExamples) implements TrainingEvent {}

    /** One batch was trained; {@code iteration} counts batches across epochs from 0. */
    record BatchScored(int epoch, int batch, long iteration, double loss) implements TrainingEvent {}

    /**
     * One epoch is done (epochs count from 1). Validation values are NaN when there is no validation set.
     * {@code samplesPerSecond} is training throughput in this epoch, evaluation excluded.
     */
    record EpochEvaluated(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double samplesPerSecond, long elapsedMillis) implements TrainingEvent {}

    record Finished(int epochsCompleted, long elapsedMillis) implements TrainingEvent {}

    /** Stopped by the user between batches; the model so far is kept. */
    record Cancelled(int epochsCompleted, long elapsedMillis) implements TrainingEvent {}

    /** Training could not go on; {@code message} says why and what to try. */
    record Failed(String message) implements TrainingEvent {}
}
