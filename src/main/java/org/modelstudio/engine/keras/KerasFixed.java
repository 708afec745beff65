package org.modelstudio.engine.keras;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Keras file with layers that have no block opens as a <em>fixed network</em>: the blocks show every Keras layer (those
 * without a block as {@link LayerSpec.Fixed}, with their output shape and parameter count from DL4J's import), and the
 * network that predicts is DL4J's own import of the file, so nothing has to be rebuilt from blocks. Three things are
 * added to it:
 * <ul>
 *   <li>a first step that turns the studio's prepared images into what the Keras network takes ({@link KerasInputAdaptor}),
 *     and between the layers a step that keeps DL4J's arrays contiguous, without which some layers train wrongly
 *     ({@link ContiguousArrays});</li>
 *   <li>a loss layer after the last one, if DL4J's import has none (a file saved without its training configuration), so
 *     that the network can train further; it computes nothing at prediction time;</li>
 *   <li>the studio's optimizer (its default recipe) on every layer, for that training.</li>
 * </ul>
 * The result must give DL4J's import's outputs on random inputs, as an ordinary opened file must.
 */
final class KerasFixed {
    private KerasFixed() {}

    static KerasConversion.Converted open(KerasMapping.Mapped m, KerasConversion.Imported imported, ModelReading reading, KerasConfig k,
                                          List<String> labels, String shown, String version, String backend) throws KerasImportException {
        MultiLayerNetwork theirs = imported.network();
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSpec l : m.spec().layers()) {
            if (!(l instanceof LayerSpec.Fixed f)) {
                layers.add(l);
                continue;
            }
            Shape shape = shapeOf(imported.outputTypes().get(f.name()));
            if (shape == null) {
                throw new KerasImportException(Texts.get("engine.keras.fixed-no-shape", shown, f.name(), f.kind(), version));
            }
            layers.add(new LayerSpec.Fixed(f.kind(), f.name(), f.reason(), shape, parametersOf(theirs, f.name())));
        }
        NetworkSpec spec = m.spec().withLayers(layers);
        NetworkSummary summary = ShapeInference.analyse(spec);
        if (summary.hasErrors()) {
            throw new KerasImportException(Texts.get("engine.keras.fixed-do-not-fit", shown, summary.errors().get(0).message()));
        }
        MultiLayerNetwork net;
        try {
            net = network(theirs, spec, reading, k);
        } catch (RuntimeException e) {
            throw new KerasImportException(Texts.get("engine.keras.fixed-not-ready", shown, e.getMessage()), e);
        }
        double difference = KerasConversion.agreement(spec, reading, k, theirs, net);
        if (!(difference <= KerasConversion.AGREEMENT)) {
            throw new KerasImportException(Texts.get("engine.keras.fixed-disagrees", shown, difference));
        }
        List<String> names = KerasConversion.classNames(labels, spec.outputUnits(), shown);
        TrainedModel model = TrainedModel.of(spec, names, KerasConversion.preparation(spec, reading, names), net);
        return new KerasConversion.Converted(model, reading, KerasMapping.readings(k), version, backend, k.layers.size(), difference);
    }

    /** Refuses, before DL4J's importer runs, a file with layers without a block that cannot open as a fixed network. */
    static void checkOpenable(KerasMapping.Mapped m, ModelReading reading, KerasConfig k, String shown, String version)
            throws KerasImportException {
        if (reading.kind() == ModelReading.Kind.IMAGE && k.inputShape.length == 2) {
            throw new KerasImportException(Texts.get("engine.keras.numeric-sequences", shown, version, Arrays.toString(k.inputShape),
                    String.join(Texts.get("engine.keras.list-separator"), m.unknown())));
        }
    }

    /** DL4J's import with the studio's input adaptor first, a loss layer last if it has none, and the studio's optimizer. */
    static MultiLayerNetwork network(MultiLayerNetwork theirs, NetworkSpec spec, ModelReading reading, KerasConfig k) {
        MultiLayerConfiguration conf = theirs.getLayerWiseConfigurations().clone();
        if (reading.kind() == ModelReading.Kind.IMAGE) {
            boolean flatten = k.inputShape.length == 1;
            // A flat Keras input takes an image's pixels in Keras' order, a pixel's channels together.
            boolean channelsLast = flatten || !k.channelsFirst;
            double scale = reading.pixels255() ? 255 : 1;
            if (channelsLast || scale != 1) {
                InputPreProcessor adaptor = new KerasInputAdaptor(reading.height(), reading.width(), reading.channels(), channelsLast,
                        flatten, scale);
                InputPreProcessor existing = conf.getInputPreProcess(0);
                conf.getInputPreProcessors().put(0, existing == null ? adaptor : new ComposableInputPreProcessor(adaptor, existing));
            }
        }
        for (int i = 1; i < conf.getConfs().size(); i++) {
            if (conf.getInputPreProcess(i) == null) conf.getInputPreProcessors().put(i, new ContiguousArrays());
        }
        if (!(theirs.getOutputLayer() instanceof IOutputLayer)) {
            NeuralNetConfiguration last = conf.getConf(conf.getConfs().size() - 1).clone();
            last.setLayer(new LossLayer.Builder(NetworkCompiler.lossFunction(spec.training().loss()))
                    .activation(Activation.IDENTITY).name("studio_loss").build());
            conf.getConfs().add(last);
        }
        IUpdater updater = NetworkCompiler.updater(spec.training());
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(updater.clone());
                layer.setBiasUpdater(null);
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(theirs.params().dup(), false);
        return net;
    }

    /** How the studio shows a layer's output, from DL4J's type for it; null for a type the studio has no shape for. */
    static Shape shapeOf(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return new Shape.Image((int) c.getHeight(), (int) c.getWidth(), (int) c.getChannels());
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat f) return new Shape.Vector((int) f.getFlattenedSize());
        if (type instanceof InputType.InputTypeFeedForward f) return new Shape.Vector((int) f.getSize());
        if (type instanceof InputType.InputTypeRecurrent r && r.getTimeSeriesLength() > 0) {
            return new Shape.Sequence((int) r.getTimeSeriesLength(), (int) r.getSize());
        }
        return null;
    }

    private static long parametersOf(MultiLayerNetwork net, String kerasName) {
        for (Layer l : net.getLayers()) {
            if (kerasName.equals(l.conf().getLayer().getLayerName())) return l.numParams();
        }
        return 0;
    }
}
