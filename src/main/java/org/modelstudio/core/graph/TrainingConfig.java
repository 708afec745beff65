package org.modelstudio.core.graph;

import java.util.Objects;

/** How a network is trained. Immutable; use the withers to change one setting. */
public record TrainingConfig(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed, Loss loss,
                             LearningRateSchedule schedule) {

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        schedule = schedule == null ? LearningRateSchedule.CONSTANT : schedule;
    }

    /** A constant learning rate. */
    public TrainingConfig(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed, Loss loss) {
        this(optimizer, learningRate, batchSize, epochs, seed, loss, LearningRateSchedule.CONSTANT);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(Optimizer.ADAM, 0.001, 64, 5, 42, Loss.CROSS_ENTROPY);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(optimizer, learningRate, batchSize, newEpochs, seed, loss, schedule);
    }

    public TrainingConfig withLearningRate(double rate) {
        return new TrainingConfig(optimizer, rate, batchSize, epochs, seed, loss, schedule);
    }

    public TrainingConfig withBatchSize(int size) {
        return new TrainingConfig(optimizer, learningRate, size, epochs, seed, loss, schedule);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, newSeed, loss, schedule);
    }

    public TrainingConfig withSchedule(LearningRateSchedule newSchedule) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, seed, loss, newSchedule);
    }
}
