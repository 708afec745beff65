package org.modelstudio.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.graph.NetworkSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A network with its weights, the spec it was built from, its class labels (for a regression, the name of the
 * number it predicts) and how its inputs are prepared.
 * The UI and CLI hold it as an opaque handle; only the engine looks inside ({@link #network()}).
 */
public final class TrainedModel {
    private final NetworkSpec spec;
    private final List<String> labels;
    private final InputPreparation preparation;
    private final MultiLayerNetwork network;
    private final Precision precision;

    public TrainedModel(NetworkSpec spec, List<String> labels, ImagePreprocessing preprocessing, MultiLayerNetwork network) {
        this(network, spec, labels, preprocessing == null ? null : new InputPreparation.Image(preprocessing), Precision.FLOAT32);
    }

    /** @param preparation how raw inputs become network inputs (image, table or text); null for prepared inputs only */
    public static TrainedModel of(NetworkSpec spec, List<String> labels, InputPreparation preparation, MultiLayerNetwork network) {
        return new TrainedModel(network, spec, labels, preparation, Precision.FLOAT32);
    }

    /** A model read from a compact file: {@code network} holds its stored weights, dequantized, as {@code precision} gave them. */
    public static TrainedModel of(NetworkSpec spec, List<String> labels, InputPreparation preparation, MultiLayerNetwork network,
                                  Precision precision) {
        return new TrainedModel(network, spec, labels, preparation, precision);
    }

    private TrainedModel(MultiLayerNetwork network, NetworkSpec spec, List<String> labels, InputPreparation preparation, Precision precision) {
        this.spec = spec;
        this.labels = List.copyOf(labels);
        this.preparation = preparation;
        this.network = network;
        this.precision = precision;
    }

    public NetworkSpec spec() { return spec; }

    public List<String> labels() { return labels; }

    /** How raw images are turned into inputs; null for models that take feature vectors. */
    public ImagePreprocessing preprocessing() {
        return preparation instanceof InputPreparation.Image image ? image.preprocessing() : null;
    }

    /** How raw inputs (image files, table rows, texts) are turned into inputs; null when none was saved. */
    public InputPreparation preparation() { return preparation; }

    /**
     * A regression's label scaling (its outputs are standardised values of the label column, turned back into the
     * label's units with it); null for a classifier.
     */
    public InputPreparation.Target target() {
        return preparation instanceof InputPreparation.Table table ? table.target() : null;
    }

    /** Whether the model predicts a number (its {@link #labels()} hold the quantity's name) rather than classes. */
    public boolean regression() { return target() != null; }

    /** The same network (shared, not copied) with another input preparation. */
    public TrainedModel withPreparation(InputPreparation preparation) { return new TrainedModel(network, spec, labels, preparation, precision); }

    /**
     * How the file this model was opened from stored its weights: {@link Precision#FP16} or {@link Precision#INT8} for a
     * compact model file (the network holds those values as floats), {@link Precision#FLOAT32} for any other model.
     */
    public Precision precision() { return precision; }

    public long parameterCount() { return network.numParams(); }

    /** The network's outputs for a batch of prepared inputs; one pass at a time per network (see {@link Forward}). */
    public INDArray output(INDArray features) {
        return Forward.output(network, features);
    }

    /** For the engine only: the DL4J network. */
    public MultiLayerNetwork network() { return network; }

    /** Sets the learning rate its optimizer goes on with when it is trained further. */
    public void setLearningRate(double rate) { network.setLearningRate(rate); }

    /**
     * An independent copy (weights and updater state) to train further while this one keeps predicting. It is a
     * full-precision model, whatever this one was opened from: training moves its weights off the compact values.
     */
    public TrainedModel copy() { return new TrainedModel(network.clone(), spec, labels, preparation, Precision.FLOAT32); }
}
