package org.modelstudio.engine.export;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Padding;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.core.graph.WeightInit;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.compile.NetworkCompiler;

import java.util.Locale;

/**
 * A network as Java source using DL4J's builder API: a class with {@code configuration()} that builds the
 * same {@code MultiLayerConfiguration} the studio trains (a test compiles the output and compares the two)
 * and a {@code main} that prints its summary. The mapping mirrors {@code NetworkCompiler} rule for rule.
 */
public final class JavaCodeExport {

    private JavaCodeExport() {}

    public static String export(NetworkSpec spec, String className) throws InvalidNetworkException {
        LayerSpec.Fixed fixed = spec.firstFixed();
        if (fixed != null) {
            throw new InvalidNetworkException(Texts.get("engine.export.fixed-as-code", spec.name(), fixed.name(), fixed.kind()));
        }
        NetworkSummary summary = ShapeInference.analyse(spec);
        if (summary.hasErrors()) throw new InvalidNetworkException(summary.errors());
        TrainingConfig t = spec.training();
        StringBuilder b = new StringBuilder();
        b.append("""
                import org.deeplearning4j.nn.conf.CacheMode;
                import org.deeplearning4j.nn.conf.ConvolutionMode;
                import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
                import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
                import org.deeplearning4j.nn.conf.inputs.InputType;
                import org.deeplearning4j.nn.conf.layers.*;
                """);
        if (spec.layers().stream().anyMatch(l -> l instanceof LayerSpec.Lstm lstm && !lstm.returnSequences())) {
            b.append("import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;\n");
        }
        b.append("""
                import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
                import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.deeplearning4j.nn.weights.WeightInit;
                import org.nd4j.linalg.activations.Activation;
                import org.nd4j.linalg.learning.config.*;
                import org.nd4j.linalg.lossfunctions.LossFunctions;
                import org.nd4j.linalg.schedule.*;

                """);
        b.append("/** ").append(spec.name()).append(", exported from Model Studio. */\n");
        b.append("public class ").append(className).append(" {\n\n");
        b.append("    public static MultiLayerConfiguration configuration() {\n");
        b.append("        return new NeuralNetConfiguration.Builder()\n");
        b.append("                .seed(").append(t.seed()).append("L)\n");
        LearningRateSchedule s = t.schedule();
        if (s.kind() == LearningRateSchedule.Kind.PLATEAU) {
            b.append(String.format(Locale.ROOT, "                // Reduce on plateau (%s): a DL4J schedule cannot watch the validation loss,%n"
                    + "                // so Model Studio starts from this fixed rate and lowers it between epochs with net.setLearningRate(…).%n",
                    Texts.inEnglish(s::describe)));
        }
        b.append("                .updater(").append(updater(t)).append(")\n");
        if (t.l2() > 0) {
            b.append("                .l2(").append(num(t.l2())).append(") // on weights, not biases; Keras: kernel_regularizer=l2(")
                    .append(num(t.l2() / 2)).append(")\n");
        }
        EarlyStopping stop = t.earlyStopping();
        if (stop.enabled()) {
            b.append(String.format(Locale.ROOT, "                // Early stopping (%s) is applied by Model Studio's trainer after each epoch.%n",
                    Texts.inEnglish(stop::describe)));
        }
        if (NetworkCompiler.keepsConvolutionOutputs(spec)) {
            b.append("                .cacheMode(CacheMode.DEVICE) // each convolution keeps its output for backprop instead of computing it again\n");
        }
        b.append("                .list()\n");
        int next = 0;
        Shape current = summary.inputShape();
        Shape.Image pendingFlatten = null;
        boolean pooledSequence = false;
        for (LayerSummary row : summary.layers()) {
            LayerSpec layer = row.layer();
            if (layer instanceof LayerSpec.Flatten) {
                if (current instanceof Shape.Image img && pendingFlatten == null) pendingFlatten = img;
                current = row.outputShape();
                continue;
            }
            if (pendingFlatten != null) {
                b.append(String.format(Locale.ROOT, "                .inputPreProcessor(%d, new CnnToFeedForwardPreProcessor(%d, %d, %d))%n",
                        next, pendingFlatten.height(), pendingFlatten.width(), pendingFlatten.channels()));
                pendingFlatten = null;
            }
            if (pooledSequence) {
                b.append(String.format(Locale.ROOT,
                        "                .inputPreProcessor(%d, new RnnToFeedForwardPreProcessor()) // a pooled sequence is a vector%n", next));
                pooledSequence = false;
            }
            if (layer instanceof LayerSpec.GlobalPooling && current instanceof Shape.Sequence) pooledSequence = true;
            b.append("                .layer(").append(next++).append(", ").append(layer(layer, t.loss(), current)).append(")\n");
            current = row.outputShape();
        }
        b.append("                .setInputType(").append(inputType(spec.input())).append(")\n");
        if (NetworkCompiler.keepsPresetNIn(spec)) {
            b.append("                .overrideNinUponBuild(false) // keep the Embedding's nIn: the vocabulary, not the sequence length\n");
        }
        b.append("                .build();\n    }\n\n");
        b.append("    public static void main(String[] args) {\n");
        b.append("        MultiLayerNetwork net = new MultiLayerNetwork(configuration());\n");
        b.append("        net.init();\n");
        b.append("        System.out.println(net.summary());\n    }\n}\n");
        return b.toString();
    }

    /** "Small CNN" → "SmallCnn": a valid Java class name. */
    public static String className(String name) {
        StringBuilder b = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            } else {
                upper = true;
            }
        }
        if (b.length() == 0 || !Character.isLetter(b.charAt(0))) b.insert(0, "Network");
        return b.toString();
    }

    private static String inputType(InputSpec input) {
        if (input instanceof InputSpec.ImageInput i) {
            return "InputType.convolutional(" + i.height() + ", " + i.width() + ", " + i.channels() + ")";
        }
        if (input instanceof InputSpec.SequenceInput seq) {
            return "InputType.feedForward(" + seq.length() + ") /* " + seq.length() + " token ids per example */";
        }
        return "InputType.feedForward(" + ((InputSpec.VectorInput) input).features() + ")";
    }

    private static String updater(TrainingConfig t) {
        LearningRateSchedule s = t.schedule();
        String lr = switch (s.kind()) {
            case CONSTANT, PLATEAU -> "new FixedSchedule(" + num(t.learningRate()) + ")";
            case STEP -> "new StepSchedule(ScheduleType.EPOCH, " + num(t.learningRate()) + ", " + num(s.factor()) + ", " + s.every() + ")";
            case EXPONENTIAL -> "new ExponentialSchedule(ScheduleType.EPOCH, " + num(t.learningRate()) + ", " + num(s.factor()) + ")";
        };
        return switch (t.optimizer()) {
            case ADAM -> "new Adam(" + lr + ")";
            case SGD -> "new Sgd(" + lr + ")";
            case NESTEROV -> "new Nesterovs(" + lr + ", 0.9)";
            case RMSPROP -> "new RmsProp(" + lr + ")";
        };
    }

    private static String layer(LayerSpec layer, Loss loss, Shape in) {
        return layer.accept(new Dl4jCode(loss, in));
    }

    /** One layer's builder expression, as {@code NetworkCompiler} builds it. */
    private record Dl4jCode(Loss loss, Shape in) implements LayerSpec.Visitor<String> {
        @Override public String embedding(LayerSpec.Embedding e) {
            Shape.Tokens tokens = (Shape.Tokens) in;
            return "new EmbeddingSequenceLayer.Builder().nIn(" + tokens.vocabulary() + ").nOut(" + e.dimensions()
                    + ").inputLength(" + tokens.length() + ").build() /* nIn: the vocabulary */";
        }

        @Override public String lstm(LayerSpec.Lstm l) {
            String lstm = "new LSTM.Builder().nOut(" + l.units() + ")" + act(Activation.TANH) + ".build()";
            return l.returnSequences() ? lstm : "new LastTimeStep(" + lstm + ") /* only the last step's output */";
        }

        @Override public String dense(LayerSpec.Dense d) {
            return "new DenseLayer.Builder().nOut(" + d.units() + ")" + act(d.activation()) + init(d.init()) + ".build()";
        }

        @Override public String output(LayerSpec.Output o) {
            return "new OutputLayer.Builder(LossFunctions.LossFunction." + lossFunction(loss) + ").nOut(" + o.units() + ")"
                    + act(o.activation()) + init(o.init()) + ".build()";
        }

        @Override public String conv2d(LayerSpec.Conv2D c) {
            return "new ConvolutionLayer.Builder(" + c.kernelHeight() + ", " + c.kernelWidth() + ").stride(" + c.strideHeight() + ", "
                    + c.strideWidth() + ").convolutionMode(ConvolutionMode." + (c.padding() == Padding.SAME ? "Same" : "Truncate")
                    + ").nOut(" + c.filters() + ")" + act(c.activation()) + init(c.init()) + ".build()";
        }

        @Override public String maxPool(LayerSpec.MaxPool p) { return pool("MAX", p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public String avgPool(LayerSpec.AvgPool p) { return pool("AVG", p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public String globalPooling(LayerSpec.GlobalPooling g) {
            return "new GlobalPoolingLayer.Builder(PoolingType." + (g.pooling() == LayerSpec.GlobalPooling.Pooling.MAX ? "MAX" : "AVG") + ").build()";
        }

        @Override public String zeroPadding(LayerSpec.ZeroPadding z) {
            return "new ZeroPaddingLayer.Builder(" + z.vertical() + ", " + z.vertical() + ", " + z.horizontal() + ", " + z.horizontal()
                    + ").build() /* top, bottom, left, right */";
        }

        /** Never asked: {@link #export} refuses a network with a fixed layer first. */
        @Override public String fixed(LayerSpec.Fixed f) {
            throw new IllegalArgumentException("no DL4J code for the Keras layer " + f.name());
        }

        /** Never asked: {@link JavaCodeExport#export} writes a Flatten as a preprocessor on the next layer. */
        @Override public String flatten(LayerSpec.Flatten f) {
            throw new IllegalArgumentException("no DL4J code for " + f.typeName());
        }

        @Override public String dropout(LayerSpec.Dropout d) {
            return "new DropoutLayer.Builder(" + num(1.0 - d.rate()) + ").build() /* keeps " + num(1.0 - d.rate()) + " of its inputs */";
        }

        @Override public String batchNorm(LayerSpec.BatchNorm b) { return "new BatchNormalization.Builder().build()"; }

        @Override public String activationLayer(LayerSpec.ActivationLayer a) {
            return "new ActivationLayer.Builder()" + act(a.activation()) + ".build()";
        }

        private static String pool(String type, int ph, int pw, int sh, int sw) {
            return "new SubsamplingLayer.Builder(PoolingType." + type + ").kernelSize(" + ph + ", " + pw + ").stride("
                    + sh + ", " + sw + ").convolutionMode(ConvolutionMode.Truncate).build()";
        }
    }

    // The DL4J constants' names are the Java code: derived from the compiler's mapping, never kept twice.
    private static String act(Activation a) { return ".activation(Activation." + NetworkCompiler.activation(a).name() + ")"; }

    private static String init(WeightInit w) { return ".weightInit(WeightInit." + NetworkCompiler.init(w).name() + ")"; }

    private static String lossFunction(Loss loss) { return NetworkCompiler.lossFunction(loss).name(); }

    /** Double.toString round-trips exactly, so the generated literal is the same double. */
    private static String num(double v) { return Double.toString(v); }
}
