package org.modelstudio.engine.train;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The baseline the engine is measured against: plain DL4J, as its examples train — the same configuration,
 * the data prepared up front as mini-batch DataSets (shuffled as whole batches between epochs),
 * {@code net.fit(iterator)} per epoch, no listener, no events, no per-epoch evaluation.
 */
public final class BareFit {
    private BareFit() {}

    /** Training samples per second, including building the network, as {@link Trainer} is timed. */
    public static double samplesPerSecond(NetworkSpec spec, LabeledData train, int epochs) throws InvalidNetworkException {
        long t0 = System.nanoTime();
        NativeThreads.onThisThread();
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkCompiler.compile(spec).configuration());
        net.init();
        DataSet all = BatchIterator.slice(train, 0, train.size());
        List<DataSet> batches = new ArrayList<>(all.batchBy(spec.training().batchSize()));
        Random random = new Random(spec.training().seed());
        for (int e = 0; e < epochs; e++) {
            Collections.shuffle(batches, random);
            // Not ListDataSetIterator(batches, batchSize): that would merge batchSize *batches* into one.
            net.fit(new ExistingDataSetIterator(batches));
        }
        return (double) train.size() * epochs / ((System.nanoTime() - t0) / 1e9);
    }
}
