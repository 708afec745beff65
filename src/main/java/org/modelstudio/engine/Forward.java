package org.modelstudio.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one way a network is run forward for an answer (not for training). A DL4J network keeps each layer's input in
 * fields during a pass, so two threads must never run the same network at once: the Predict area, the evaluation
 * window, an explanation and the server may all hold the same model. Each pass holds the network's monitor.
 */
public final class Forward {
    private Forward() {}

    /** The network's outputs for a batch, in inference mode (no dropout), detached from any workspace. */
    public static INDArray output(MultiLayerNetwork network, INDArray features) {
        synchronized (network) {
            return network.output(features, false);
        }
    }
}
