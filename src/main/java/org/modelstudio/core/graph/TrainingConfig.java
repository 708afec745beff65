package org.modelstudio.core.graph;

/** How a network is trained. Immutable; use the withers to change one setting. */
public record TrainingConfig(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed, Loss loss) {

    public static TrainingConfig defaults() {
        return new TrainingConfig(Optimizer.ADAM, 0.001, 64, 5, 42, Loss.CROSS_ENTROPY);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(optimizer, learningRate, batchSize, newEpochs, seed, loss);
    }

    public TrainingConfig withLearningRate(double rate) {
        return new TrainingConfig(optimizer, rate, batchSize, epochs, seed, loss);
    }

    public TrainingConfig withBatchSize(int size) {
        return new TrainingConfig(optimizer, learningRate, size, epochs, seed, loss);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(optimizer, learningRate, batchSize, epochs, newSeed, loss);
    }
}
