package org.modelstudio.core.graph;

import java.util.Objects;

/**
 * How a network is trained. Immutable; use the withers to change one setting.
 *
 * <p>{@code l2} is the weight penalty (0 = off) added to the loss for every weight, not for biases;
 * {@code validationSplit} the fraction of the training data held out to validate on (0 to 0.5; 0 = none);
 * {@code earlyStopping} when to stop before the planned number of epochs; {@code testSplit} the fraction held out
 * from training and validation alike, to measure the finished model once on examples it never saw (0 = none).
 */
public record TrainingConfig(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed, Loss loss,
                             LearningRateSchedule schedule, double l2, double validationSplit, EarlyStopping earlyStopping,
                             double testSplit) {

    public static final double DEFAULT_VALIDATION_SPLIT = 0.1;
    public static final double MAX_VALIDATION_SPLIT = 0.5;
    public static final double MAX_TEST_SPLIT = 0.5;

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        schedule = schedule == null ? LearningRateSchedule.CONSTANT : schedule;
        earlyStopping = earlyStopping == null ? EarlyStopping.OFF : earlyStopping;
    }

    /** No L2 penalty, the default validation split, no early stopping. */
    public TrainingConfig(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed, Loss loss,
                          LearningRateSchedule schedule) {
        this(optimizer, learningRate, batchSize, epochs, seed, loss, schedule, 0, DEFAULT_VALIDATION_SPLIT, EarlyStopping.OFF, 0);
    }

    /** A constant learning rate. */
    public TrainingConfig(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed, Loss loss) {
        this(optimizer, learningRate, batchSize, epochs, seed, loss, LearningRateSchedule.CONSTANT);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(Optimizer.ADAM, 0.001, 64, 5, 42, Loss.CROSS_ENTROPY);
    }

    public TrainingConfig withOptimizer(Optimizer newOptimizer) {
        return new TrainingConfig(newOptimizer, learningRate, batchSize, epochs, seed, loss, schedule, l2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(optimizer, learningRate, batchSize, newEpochs, seed, loss, schedule, l2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withLearningRate(double rate) {
        return new TrainingConfig(optimizer, rate, batchSize, epochs, seed, loss, schedule, l2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withBatchSize(int size) {
        return new TrainingConfig(optimizer, learningRate, size, epochs, seed, loss, schedule, l2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, newSeed, loss, schedule, l2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withLoss(Loss newLoss) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, seed, newLoss, schedule, l2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withSchedule(LearningRateSchedule newSchedule) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, seed, loss, newSchedule, l2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withL2(double newL2) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, seed, loss, schedule, newL2, validationSplit, earlyStopping, testSplit);
    }

    public TrainingConfig withValidationSplit(double split) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, seed, loss, schedule, l2, split, earlyStopping, testSplit);
    }

    public TrainingConfig withTestSplit(double split) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, seed, loss, schedule, l2, validationSplit, earlyStopping, split);
    }

    public TrainingConfig withEarlyStopping(EarlyStopping stopping) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, seed, loss, schedule, l2, validationSplit, stopping, testSplit);
    }
}
