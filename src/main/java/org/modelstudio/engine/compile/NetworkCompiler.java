package org.modelstudio.engine.compile;

import org.modelstudio.core.i18n.Texts;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.OneDnn;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;


/**
 * Spec → DL4J configuration. Flatten has no DL4J layer of its own: it becomes an explicit
 * CnnToFeedForward preprocessor on the next layer, so that (for instance) a BatchNorm after a Flatten
 * normalises per feature exactly as core's shape inference says.
 *
 * <p>Token sequences enter as a feed-forward input of {@code length} values per example ([n, length], the
 * token ids as numbers), which DL4J's EmbeddingSequenceLayer turns into an NCW sequence [n, dimensions, length].
 * Its nIn is the vocabulary, set on the layer; {@code setInputType} would overwrite it with the sequence
 * length, so networks with an Embedding are built with {@code overrideNinUponBuild(false)}. An LSTM that returns
 * only its last step is DL4J's LSTM wrapped in {@code LastTimeStep}.
 */
public final class NetworkCompiler {

    private NetworkCompiler() {}

    /** A compiled configuration and, for each spec layer, the index of its DL4J layer (-1 for Flatten). */
    public record Compiled(MultiLayerConfiguration configuration, int[] dl4jLayerOf, InputType inputType) {}

    public static Compiled compile(NetworkSpec spec) throws InvalidNetworkException {
        LayerSpec.Fixed fixed = spec.firstFixed();
        if (fixed != null) throw new InvalidNetworkException(fixedSentence(spec, fixed));
        NetworkSummary summary = ShapeInference.analyse(spec);
        if (summary.hasErrors()) throw new InvalidNetworkException(summary.errors());
        OneDnn.routeLayers(); // the network built from this gets oneDNN for its convolutions, pooling and batch norm

        TrainingConfig t = spec.training();
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(t.seed())
                .updater(updater(t));
        // L2 as DL4J's l2(), not weightDecay(): l2 adds λ·w to each weight's gradient before the updater (Adam, …)
        // sees it, as Keras' kernel_regularizer=l2(…) does by adding its penalty to the loss; weightDecay is the
        // decoupled kind (AdamW), applied after the updater. It covers weights only, not biases or BatchNorm's
        // scale and shift, again as in Keras. DL4J's penalty is ½·λ·Σw², so Keras' l2(λ/2) is the same.
        if (t.l2() > 0) builder.l2(t.l2());
        if (keepsConvolutionOutputs(spec)) builder.cacheMode(CacheMode.DEVICE);
        NeuralNetConfiguration.ListBuilder list = builder.list();
        int[] dl4jIndex = new int[spec.layers().size()];
        int next = 0;
        Shape pendingFlatten = null;
        boolean pooledSequence = false;
        Shape current = summary.inputShape();
        for (LayerSummary row : summary.layers()) {
            LayerSpec layer = row.layer();
            if (layer instanceof LayerSpec.Flatten) {
                dl4jIndex[row.index()] = -1;
                // The first Flatten of an image decides the preprocessor; a later one sees a vector already.
                if (current instanceof Shape.Image img && pendingFlatten == null) pendingFlatten = img;
                current = row.outputShape();
                continue;
            }
            if (pendingFlatten instanceof Shape.Image img) {
                list.inputPreProcessor(next, new CnnToFeedForwardPreProcessor(img.height(), img.width(), img.channels()));
                pendingFlatten = null;
            }
            if (pooledSequence) {
                // DL4J types a sequence's global pooling as a sequence of one step and adds this preprocessor only before a
                // Dense or Output layer; a Dropout between them then gets the wrong shapes in backprop (a crash).
                list.inputPreProcessor(next, new RnnToFeedForwardPreProcessor());
                pooledSequence = false;
            }
            if (layer instanceof LayerSpec.GlobalPooling && current instanceof Shape.Sequence) pooledSequence = true;
            list.layer(next, toDl4j(layer, t.loss(), current));
            dl4jIndex[row.index()] = next++;
            current = row.outputShape();
        }
        InputType inputType = inputType(spec.input());
        list.setInputType(inputType);
        if (keepsPresetNIn(spec)) list.overrideNinUponBuild(false);
        return new Compiled(list.build(), dl4jIndex, inputType);
    }

    /** Why a fixed network (one with a layer that has no block, from a Keras file) cannot be built from its blocks. */
    public static String fixedSentence(NetworkSpec spec, LayerSpec.Fixed fixed) {
        return Texts.get("engine.compile.fixed", spec.name(), fixed.name(), fixed.kind());
    }

    public static InputType inputType(InputSpec input) {
        if (input instanceof InputSpec.ImageInput img) return InputType.convolutional(img.height(), img.width(), img.channels());
        if (input instanceof InputSpec.SequenceInput seq) return InputType.feedForward(seq.length());
        return InputType.feedForward(((InputSpec.VectorInput) input).features());
    }

    /**
     * Whether each convolution keeps its pre-activation output from the forward pass for its backward pass
     * (DL4J's {@code CacheMode.DEVICE}). Without it DL4J's ConvolutionLayer computes its forward pass a second time
     * in backprop: on oneDNN keeping it made the small CNN's training step about a tenth shorter (1 625 → 1 835
     * samples/s, one thread); DL4J's own im2col path (no oneDNN) keeps its im2col matrix as well. A network with a Conv2D has an image input, so it
     * has no LSTM (which has a cache of its
     * own that the mode would switch on too): among the catalogue's layers only the convolution uses the mode.
     */
    public static boolean keepsConvolutionOutputs(NetworkSpec spec) {
        return spec.layers().stream().anyMatch(l -> l instanceof LayerSpec.Conv2D);
    }

    /**
     * Whether a layer's nIn is set by the compiler rather than inferred (an Embedding's is the vocabulary), so
     * the build must not override it. Every other layer's nIn is unset and is inferred either way.
     */
    public static boolean keepsPresetNIn(NetworkSpec spec) {
        return spec.layers().stream().anyMatch(l -> l instanceof LayerSpec.Embedding);
    }

    public static IUpdater updater(TrainingConfig t) {
        ISchedule lr = schedule(t);
        return switch (t.optimizer()) {
            case ADAM -> new Adam(lr);
            case SGD -> new Sgd(lr);
            case NESTEROV -> new Nesterovs(lr, 0.9);
            case RMSPROP -> new RmsProp(lr);
        };
    }

    /**
     * DL4J counts epochs from 0 and the trainer calls fit() once per epoch, so the epoch count drives it. A DL4J
     * schedule cannot watch a metric, so reduce-on-plateau starts as a fixed rate that the trainer lowers
     * between epochs ({@code MultiLayerNetwork.setLearningRate}).
     */
    static ISchedule schedule(TrainingConfig t) {
        LearningRateSchedule s = t.schedule();
        return switch (s.kind()) {
            case CONSTANT, PLATEAU -> new FixedSchedule(t.learningRate());
            case STEP -> new StepSchedule(ScheduleType.EPOCH, t.learningRate(), s.factor(), s.every());
            case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.EPOCH, t.learningRate(), s.factor());
        };
    }

    /** The DL4J layer for one spec layer, given the shape that reaches it. */
    private static Layer toDl4j(LayerSpec layer, Loss loss, Shape in) {
        return layer.accept(new Dl4jLayer(loss, in));
    }

    private record Dl4jLayer(Loss loss, Shape in) implements LayerSpec.Visitor<Layer> {
        @Override public Layer embedding(LayerSpec.Embedding e) {
            Shape.Tokens tokens = (Shape.Tokens) in;
            // Identity activation and no bias are the layer's defaults: a plain look-up, as in Keras.
            return new EmbeddingSequenceLayer.Builder().nIn(tokens.vocabulary()).nOut(e.dimensions())
                    .inputLength(tokens.length()).build();
        }

        @Override public Layer lstm(LayerSpec.Lstm l) {
            LSTM lstm = new LSTM.Builder().nOut(l.units()).activation(activation(Activation.TANH)).build();
            return l.returnSequences() ? lstm : new LastTimeStep(lstm);
        }

        @Override public Layer dense(LayerSpec.Dense d) {
            return new DenseLayer.Builder().nOut(d.units()).activation(activation(d.activation()))
                    .weightInit(init(d.init())).build();
        }

        @Override public Layer output(LayerSpec.Output o) {
            return new OutputLayer.Builder(lossFunction(loss)).nOut(o.units()).activation(activation(o.activation()))
                    .weightInit(init(o.init())).build();
        }

        @Override public Layer conv2d(LayerSpec.Conv2D c) {
            return new ConvolutionLayer.Builder(c.kernelHeight(), c.kernelWidth())
                    .stride(c.strideHeight(), c.strideWidth())
                    .convolutionMode(c.padding() == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                    .nOut(c.filters()).activation(activation(c.activation())).weightInit(init(c.init())).build();
        }

        @Override public Layer maxPool(LayerSpec.MaxPool p) {
            return pooling(PoolingType.MAX, p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth());
        }

        @Override public Layer avgPool(LayerSpec.AvgPool p) {
            return pooling(PoolingType.AVG, p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth());
        }

        @Override public Layer globalPooling(LayerSpec.GlobalPooling g) {
            return new GlobalPoolingLayer.Builder(g.pooling() == LayerSpec.GlobalPooling.Pooling.MAX ? PoolingType.MAX : PoolingType.AVG).build();
        }

        /** Never asked: {@link NetworkCompiler#compile} turns a Flatten into a preprocessor on the next layer. */
        @Override public Layer flatten(LayerSpec.Flatten f) {
            throw new IllegalArgumentException("no DL4J layer for " + f.typeName());
        }

        @Override public Layer zeroPadding(LayerSpec.ZeroPadding z) {
            return new ZeroPaddingLayer.Builder(z.vertical(), z.vertical(), z.horizontal(), z.horizontal()).build();
        }

        /** Never asked: {@link NetworkCompiler#compile} refuses a network with a fixed layer first. */
        @Override public Layer fixed(LayerSpec.Fixed f) {
            throw new IllegalArgumentException("no block to build for the Keras layer " + f.name());
        }

        @Override public Layer dropout(LayerSpec.Dropout d) {
            // DL4J's argument is the probability of *keeping* an input; ours is the fraction dropped.
            return new DropoutLayer.Builder(1.0 - d.rate()).build();
        }

        @Override public Layer batchNorm(LayerSpec.BatchNorm b) {
            return new BatchNormalization.Builder().build();
        }

        @Override public Layer activationLayer(LayerSpec.ActivationLayer a) {
            return new ActivationLayer.Builder().activation(activation(a.activation())).build();
        }

        private static Layer pooling(PoolingType type, int ph, int pw, int sh, int sw) {
            return new SubsamplingLayer.Builder(type).kernelSize(ph, pw).stride(sh, sw).convolutionMode(ConvolutionMode.Truncate).build();
        }
    }

    public static org.nd4j.linalg.activations.Activation activation(Activation a) {
        return switch (a) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case LEAKY_RELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
            case ELU -> org.nd4j.linalg.activations.Activation.ELU;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX;
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
        };
    }

    public static org.deeplearning4j.nn.weights.WeightInit init(WeightInit w) {
        return switch (w) {
            case XAVIER -> org.deeplearning4j.nn.weights.WeightInit.XAVIER;
            case HE -> org.deeplearning4j.nn.weights.WeightInit.RELU;
            case UNIFORM -> org.deeplearning4j.nn.weights.WeightInit.UNIFORM;
            case ZERO -> org.deeplearning4j.nn.weights.WeightInit.ZERO;
        };
    }

    public static LossFunctions.LossFunction lossFunction(Loss loss) {
        return switch (loss) {
            case CROSS_ENTROPY -> LossFunctions.LossFunction.MCXENT;
            case MSE -> LossFunctions.LossFunction.MSE;
            case BINARY_CROSS_ENTROPY -> LossFunctions.LossFunction.XENT;
        };
    }
}
