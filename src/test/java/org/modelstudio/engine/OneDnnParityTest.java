package org.modelstudio.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The oneDNN path computes what DL4J's stock layers compute, for every catalogue configuration of Conv2D, MaxPool
 * and AvgPool and for BatchNorm on images and on vectors ({@link OneDnnCases}): the layer's output in training and
 * in inference, every parameter's gradient and the gradient reaching the input. The stock side runs with ND4J's
 * platform helpers disallowed, so neither DL4J's helpers nor libnd4j's oneDNN kernels take part in it; the oneDNN
 * side must really have its helper installed (and, on x86-64, natives with oneDNN), or the test fails.
 * {@link OneDnnInUseTest} shows that oneDNN then runs the ops.
 */
class OneDnnParityTest {
    static final double OUTPUT_TOLERANCE = 1e-5;
    static final double GRADIENT_TOLERANCE = 1e-4;
    private static final int BATCH = 3;

    @BeforeAll static void nativesHaveOneDnn() {
        assertTrue(!OneDnn.shouldBeInNatives() || OneDnn.inNatives(),
                "this is " + System.getProperty("os.name") + " on " + System.getProperty("os.arch")
                        + ", which has ND4J natives with oneDNN, but the ones loaded lack it: " + OneDnn.describe());
    }

    static List<OneDnnCases.Case> cases() { return OneDnnCases.accepted(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneDnnComputesWhatTheStockLayerComputes(OneDnnCases.Case c) throws Exception {
        compare(c.network(), c.type().equals("batchnorm") ? 8 : BATCH);
    }

    @Test void theCasesCoverEveryChoiceOfTheCatalogue() {
        LayerCatalogue catalogue = LayerCatalogue.standard();
        for (String type : OneDnnCases.TYPES) {
            List<OneDnnCases.Case> cases = OneDnnCases.of(type);
            for (var p : catalogue.type(type).params()) {
                for (Object v : OneDnnCases.representative(p)) {
                    assertTrue(cases.stream().anyMatch(c -> v.equals(catalogue.value(c.layer(), p.key()))),
                            type + " " + p.key() + "=" + v + " is never tested");
                }
            }
        }
        assertEquals(40, OneDnnCases.of("conv2d").size(), "5 kernels × 4 strides × 2 paddings");
    }

    /**
     * The configurations the studio refuses before training are only those DL4J's stock layer cannot run: 'same'
     * padding with a stride that leaves gaps between the windows (ShapeInference.gapsBetweenWindows).
     */
    @Test void theStudioRefusesOnlyWhatDl4jCannotRun() {
        List<OneDnnCases.Case> refused = OneDnnCases.refused();
        assertEquals(10, refused.size(), refused.toString());
        for (OneDnnCases.Case c : refused) {
            LayerSpec.Conv2D conv = assertInstanceOf(LayerSpec.Conv2D.class, c.layer(), c.refusal());
            assertTrue(c.refusal().contains("'same' padding") && c.refusal().contains("negative padding"), c.refusal());
            MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                    .layer(new ConvolutionLayer.Builder(conv.kernelHeight(), conv.kernelWidth())
                            .stride(conv.strideHeight(), conv.strideWidth()).nOut(conv.filters())
                            .convolutionMode(ConvolutionMode.Same).build())
                    .layer(new OutputLayer.Builder().nOut(3).build())
                    .setInputType(InputType.convolutional(OneDnnCases.SIDE, OneDnnCases.SIDE, OneDnnCases.CHANNELS))
                    .build());
            plain.init();
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, OneDnnCases.CHANNELS, OneDnnCases.SIDE, OneDnnCases.SIDE);
            IllegalStateException e = Assertions.assertThrows(IllegalStateException.class, () -> plain.output(x),
                    c + " is refused by the studio but DL4J runs it");
            assertTrue(e.getMessage().contains("Invalid padding values"), e.getMessage());
        }
    }

    /** Builds {@code spec} both ways with the same weights and compares every activation and gradient. */
    static void compare(NetworkSpec spec, int batch) throws Exception {
        MultiLayerNetwork stock = build(spec, false);
        MultiLayerNetwork fast = build(spec, true);
        fast.setParams(stock.params().dup());
        for (Layer l : stock.getLayers()) assertNull(l.getHelper(), spec.name() + ": the stock network has no helper");
        if (OneDnn.inNatives()) {
            for (Layer l : fast.getLayers()) {
                String name = spec.name() + ": " + l.getClass().getSimpleName();
                if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) {
                    assertInstanceOf(MKLDNNConvHelper.class, l.getHelper(), name + " runs on oneDNN");
                } else if (l instanceof SubsamplingLayer) {
                    assertInstanceOf(MKLDNNSubsamplingHelper.class, l.getHelper(), name + " runs on oneDNN");
                } else if (l instanceof BatchNormalization) {
                    assertInstanceOf(MKLDNNBatchNormHelper.class, l.getHelper(), name + " runs on oneDNN");
                }
            }
        }
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, ((InputSpec.ImageInput) spec.input()).channels(),
                ((InputSpec.ImageInput) spec.input()).height(), ((InputSpec.ImageInput) spec.input()).width()).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 3);
        for (int i = 0; i < batch; i++) y.putScalar(i, i % 3, 1);
        Run expected = run(stock, x, y, false);
        Run actual = run(fast, x, y, true);
        for (int l = 0; l < expected.training.size(); l++) {
            assertClose(expected.training.get(l), actual.training.get(l), OUTPUT_TOLERANCE, spec.name() + ": activations of layer " + l + " (training)");
            assertClose(expected.inference.get(l), actual.inference.get(l), OUTPUT_TOLERANCE, spec.name() + ": activations of layer " + l + " (inference)");
        }
        for (String key : expected.gradient.gradientForVariable().keySet()) {
            assertClose(expected.gradient.getGradientFor(key), actual.gradient.getGradientFor(key), GRADIENT_TOLERANCE,
                    spec.name() + ": gradient of " + key);
        }
        assertEquals(expected.gradient.gradientForVariable().keySet(), actual.gradient.gradientForVariable().keySet());
        assertClose(expected.inputGradient, actual.inputGradient, GRADIENT_TOLERANCE, spec.name() + ": gradient at the input");
    }

    /** The network of {@code spec}, built with or without oneDNN as the engine builds it. */
    static MultiLayerNetwork build(NetworkSpec spec, boolean oneDnn) throws InvalidNetworkException {
        String before = System.getProperty(OneDnn.SWITCH);
        try {
            System.setProperty(OneDnn.SWITCH, Boolean.toString(oneDnn));
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkCompiler.compile(spec).configuration());
            net.init();
            return net;
        } finally {
            if (before == null) System.clearProperty(OneDnn.SWITCH); else System.setProperty(OneDnn.SWITCH, before);
            OneDnn.routeLayers();
        }
    }

    private record Run(List<INDArray> training, List<INDArray> inference, Gradient gradient, INDArray inputGradient) {}

    /** Activations, parameter gradients and the input's gradient, with ND4J's platform helpers allowed or not. */
    private static Run run(MultiLayerNetwork net, INDArray x, INDArray y, boolean helpers) {
        boolean before = Nd4j.getEnvironment().helpersAllowed();
        Nd4j.getEnvironment().allowHelpers(helpers);
        try {
            List<INDArray> training = net.feedForward(x, true).stream().map(INDArray::dup).toList();
            List<INDArray> inference = net.feedForward(x, false).stream().map(INDArray::dup).toList();
            Pair<Gradient, INDArray> g = net.calculateGradients(x, y, null, null);
            Gradient gradient = new DefaultGradient();
            g.getFirst().gradientForVariable().forEach((k, v) -> gradient.setGradientFor(k, v.dup()));
            return new Run(training, inference, gradient, g.getSecond().dup());
        } finally {
            Nd4j.getEnvironment().allowHelpers(before);
        }
    }

    /** Every element within {@code tolerance} of the expected one, on the scale of the expected values (at least 1). */
    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        if (!(diff <= tolerance * scale)) {
            fail(String.format(Locale.ROOT, "%s: differs by %.3g (tolerance %.1g × %.3g)", what, diff, tolerance, scale));
        }
    }
}
