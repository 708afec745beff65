package org.modelstudio.engine.keras;

import java.util.Objects;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The first step of a fixed network (a Keras file with layers that have no block, kept as DL4J's importer built it):
 * turns the studio's prepared images, [N, channels, height, width] with pixels 0..1, into what the Keras network was
 * written for: channels last ([N, height, width, channels]) for a channels-last Keras image input, and one flat row per
 * image (in that order) for a Keras input of one dimension, with pixels multiplied by {@code scale} (255 for a network
 * that wants 0..255). Other inputs (rows of numbers, token ids) need no adaptor.
 * <p>
 * It is stored in the model file's DL4J configuration by its class name, like DL4J's own preprocessors, so a fixed model
 * file needs the studio (or this class) to be read back.
 */
public final class KerasInputAdaptor implements InputPreProcessor {
    private static final long serialVersionUID = 1L;
    private final int height;
    private final int width;
    private final int channels;
    private final boolean channelsLast;
    private final boolean flatten;
    private final double scale;

    /**
     * @param channelsLast whether the Keras network takes a pixel's channels together (Keras' default), not channel by channel
     * @param flatten      whether it takes each image as one row of numbers (a Keras input of one dimension)
     */
    @JsonCreator
    public KerasInputAdaptor(@JsonProperty("height") int height, @JsonProperty("width") int width,
                             @JsonProperty("channels") int channels, @JsonProperty("channelsLast") boolean channelsLast,
                             @JsonProperty("flatten") boolean flatten, @JsonProperty("scale") double scale) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.channelsLast = channelsLast;
        this.flatten = flatten;
        this.scale = scale;
    }

    public int getHeight() { return height; }

    public int getWidth() { return width; }

    public int getChannels() { return channels; }

    public boolean isChannelsLast() { return channelsLast; }

    public boolean isFlatten() { return flatten; }

    public double getScale() { return scale; }

    @Override public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("expected images of shape [N, " + channels + ", " + height + ", " + width + "], got rank "
                    + input.rank());
        }
        INDArray out = workspaceMgr.dup(ArrayType.ACTIVATIONS, channelsLast ? input.permute(0, 2, 3, 1) : input, 'c');
        if (scale != 1) out.muli(scale);
        return flatten ? out.reshape('c', out.size(0), (long) height * width * channels) : out;
    }

    @Override public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray g = channelsLast ? output.reshape('c', output.size(0), height, width, channels).permute(0, 3, 1, 2)
                : output.reshape('c', output.size(0), channels, height, width);
        INDArray back = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, g, 'c');
        if (scale != 1) back.muli(scale);
        return back;
    }

    @Override public KerasInputAdaptor clone() { return new KerasInputAdaptor(height, width, channels, channelsLast, flatten, scale); }

    @Override public InputType getOutputType(InputType inputType) {
        return flatten ? InputType.feedForward((long) height * width * channels)
                : InputType.convolutional(height, width, channels, channelsLast ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
    }

    @Override public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override public boolean equals(Object o) {
        return o instanceof KerasInputAdaptor a && a.height == height && a.width == width && a.channels == channels
                && a.channelsLast == channelsLast && a.flatten == flatten && Double.compare(a.scale, scale) == 0;
    }

    @Override public int hashCode() { return Objects.hash(height, width, channels, channelsLast, flatten, scale); }
}
