package org.modelstudio.core.graph;

import java.util.ArrayList;
import org.modelstudio.core.i18n.Texts;
import java.util.List;

/**
 * Works out, without training anything, each layer's output shape and parameter count, and finds the
 * problems a network has, each tied to the layer that causes it. A pure function: same spec, same answer.
 * The counts follow DL4J's own (a parity test in the engine checks this), e.g. BatchNorm counts its
 * running mean and variance as parameters, like Keras' summary.
 */
public final class ShapeInference {

    private ShapeInference() {}

    public static NetworkSummary analyse(NetworkSpec spec) {
        List<Issue> issues = new ArrayList<>();
        List<LayerSummary> rows = new ArrayList<>();
        Shape inputShape = checkInput(spec.input(), issues);
        Shape current = inputShape;
        long total = 0;
        List<LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            List<Issue> found = new ArrayList<>();
            checkSettings(layer, i, found);
            Shape out = null;
            long params = 0;
            if (current != null && found.stream().noneMatch(Issue::isError)) {
                Result r = infer(layer, i, current, found);
                out = r.shape;
                params = r.params;
            }
            issues.addAll(found);
            rows.add(new LayerSummary(i, layer, out, params));
            total += params;
            current = out;
        }
        checkStructure(spec, issues);
        checkTraining(spec.training(), issues);
        return new NetworkSummary(inputShape, rows, total, issues);
    }

    /** "Conv2D #3" (卷积层 #3): the layer's name from the catalogue, in the studio's language, and its place. */
    public static String label(LayerSpec layer, int index) { return name(layer) + " #" + (index + 1); }

    /** The layer type's name as the palette shows it; a layer without a block keeps its Keras kind. */
    public static String name(LayerSpec layer) {
        String key = "catalogue.layer." + SpecJson.typeId(layer) + ".name";
        return layer instanceof LayerSpec.Fixed || !Texts.has(key) ? layer.typeName() : Texts.get(key);
    }

    private record Result(Shape shape, long params) {}

    private static Shape checkInput(InputSpec input, List<Issue> issues) {
        if (input instanceof InputSpec.ImageInput img) {
            if (img.height() < 1 || img.width() < 1 || img.channels() < 1) {
                issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.input-image", img.height(), img.width(), img.channels())));
                return null;
            }
        } else if (input instanceof InputSpec.VectorInput vec && vec.features() < 1) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.input-features", vec.features())));
            return null;
        } else if (input instanceof InputSpec.SequenceInput seq) {
            if (seq.length() < 1) {
                issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.input-length", seq.length())));
                return null;
            }
            if (seq.vocabulary() < 1) {
                issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.input-vocabulary", seq.vocabulary())));
                return null;
            }
        }
        return input.shape();
    }

    private static void checkSettings(LayerSpec layer, int i, List<Issue> out) {
        out.addAll(layer.accept(new SettingsCheck(i, label(layer, i))));
    }

    /** The problems of a layer's own settings, found before (and whatever) its input. */
    private static final class SettingsCheck implements LayerSpec.Visitor<List<Issue>> {
        private final int i;
        private final String name;
        private final List<Issue> found = new ArrayList<>();

        SettingsCheck(int i, String name) {
            this.i = i;
            this.name = name;
        }

        @Override public List<Issue> dense(LayerSpec.Dense d) { return atLeastOne("units", d.units()); }

        @Override public List<Issue> output(LayerSpec.Output o) { return atLeastOne("units", o.units()); }

        @Override public List<Issue> conv2d(LayerSpec.Conv2D c) {
            atLeastOne("filters", c.filters());
            atLeastOne("kernel-height", c.kernelHeight());
            atLeastOne("kernel-width", c.kernelWidth());
            atLeastOne("vertical-stride", c.strideHeight());
            return atLeastOne("horizontal-stride", c.strideWidth());
        }

        @Override public List<Issue> maxPool(LayerSpec.MaxPool p) { return pool(p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public List<Issue> avgPool(LayerSpec.AvgPool p) { return pool(p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public List<Issue> embedding(LayerSpec.Embedding e) { return atLeastOne("dimensions", e.dimensions()); }

        @Override public List<Issue> lstm(LayerSpec.Lstm l) { return atLeastOne("units", l.units()); }

        @Override public List<Issue> dropout(LayerSpec.Dropout d) {
            if (!(d.rate() >= 0 && d.rate() < 1)) {
                found.add(Issue.error(i, Texts.get("core.check.dropout-rate", name, d.rate())));
            } else if (d.rate() > 0.8) {
                found.add(Issue.warning(i, Texts.get("core.check.dropout-high", name, Math.round(d.rate() * 100))));
            }
            return found;
        }

        // No settings, or only choices, which cannot be wrong.
        @Override public List<Issue> globalPooling(LayerSpec.GlobalPooling g) { return found; }

        @Override public List<Issue> flatten(LayerSpec.Flatten f) { return found; }

        @Override public List<Issue> batchNorm(LayerSpec.BatchNorm b) { return found; }

        @Override public List<Issue> activationLayer(LayerSpec.ActivationLayer a) { return found; }

        @Override public List<Issue> fixed(LayerSpec.Fixed f) { return found; }

        @Override public List<Issue> zeroPadding(LayerSpec.ZeroPadding z) {
            if (z.vertical() < 0 || z.horizontal() < 0) {
                found.add(Issue.error(i, Texts.get("core.check.padding-negative", name, z.vertical(), z.horizontal())));
            }
            return found;
        }

        private List<Issue> pool(int ph, int pw, int sh, int sw) {
            atLeastOne("window-height", ph);
            atLeastOne("window-width", pw);
            atLeastOne("vertical-stride", sh);
            return atLeastOne("horizontal-stride", sw);
        }

        /** {@code what} names the setting: core.check.setting.WHAT. */
        private List<Issue> atLeastOne(String what, int value) {
            String setting = "core.check.setting." + what;
            if (value < 1) found.add(Issue.error(i, Texts.get("core.check.at-least-one", name, Texts.get(setting), value)));
            return found;
        }
    }

    private static Result infer(LayerSpec layer, int i, Shape in, List<Issue> issues) {
        String name = label(layer, i);
        // Only an Embedding takes token ids; any other layer after the input is refused them with the same advice.
        if (in instanceof Shape.Tokens t && !(layer instanceof LayerSpec.Embedding) && !(layer instanceof LayerSpec.Fixed)) {
            issues.add(Issue.error(i, layer instanceof LayerSpec.Lstm ? Texts.get("core.check.tokens-to-lstm", name, t.length())
                    : Texts.get("core.check.tokens", name, t.length())));
            return new Result(null, 0);
        }
        return layer.accept(new Inference(name, i, in, issues));
    }

    /** One layer's output shape and parameter count for the shape {@code in} that reaches it, or the issue why there is none. */
    private record Inference(String name, int i, Shape in, List<Issue> issues) implements LayerSpec.Visitor<Result> {

        @Override public Result embedding(LayerSpec.Embedding e) {
            if (!(in instanceof Shape.Tokens t)) {
                return refuse(Texts.get("core.check.embedding-first", name, describe(in)));
            }
            // One learned vector per token id; DL4J's EmbeddingSequenceLayer has no bias by default, like Keras' Embedding.
            return new Result(new Shape.Sequence(t.length(), e.dimensions()), (long) t.vocabulary() * e.dimensions());
        }

        @Override public Result lstm(LayerSpec.Lstm l) {
            if (!(in instanceof Shape.Sequence seq)) {
                return refuse(Texts.get(in instanceof Shape.Vector ? "core.check.lstm-needs-sequence-all" : "core.check.lstm-needs-sequence",
                        name, describe(in)));
            }
            // Four gates, each with input weights, recurrent weights and a bias (DL4J's LSTM and Keras' count alike).
            long params = 4L * l.units() * (seq.features() + l.units() + 1);
            return new Result(l.returnSequences() ? new Shape.Sequence(seq.steps(), l.units()) : new Shape.Vector(l.units()), params);
        }

        @Override public Result dense(LayerSpec.Dense d) { return fullyConnected(d.units()); }

        @Override public Result output(LayerSpec.Output o) { return fullyConnected(o.units()); }

        @Override public Result conv2d(LayerSpec.Conv2D c) {
            if (!(in instanceof Shape.Image img)) return needsImage();
            if (c.padding() == Padding.SAME && (gapsBetweenWindows(img.height(), c.kernelHeight(), c.strideHeight())
                    || gapsBetweenWindows(img.width(), c.kernelWidth(), c.strideWidth()))) {
                return refuse(Texts.get("core.check.same-padding-gaps", name, c.kernelHeight() + "×" + c.kernelWidth(),
                        c.strideHeight() + "×" + c.strideWidth(), img.height() + "×" + img.width()));
            }
            Integer h = window("core.check.kernel-too-large", img, c.kernelHeight(), c.kernelWidth(), c.strideHeight(), c.padding(), true);
            Integer w = window("core.check.kernel-too-large", img, c.kernelHeight(), c.kernelWidth(), c.strideWidth(), c.padding(), false);
            if (h == null || w == null) return new Result(null, 0);
            long params = (long) c.kernelHeight() * c.kernelWidth() * img.channels() * c.filters() + c.filters();
            return new Result(new Shape.Image(h, w, c.filters()), params);
        }

        @Override public Result maxPool(LayerSpec.MaxPool p) { return pool(p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public Result avgPool(LayerSpec.AvgPool p) { return pool(p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth()); }

        @Override public Result globalPooling(LayerSpec.GlobalPooling g) {
            if (in instanceof Shape.Image img) return new Result(new Shape.Vector(img.channels()), 0);
            // Over a sequence it pools each feature over all the steps.
            if (in instanceof Shape.Sequence seq) return new Result(new Shape.Vector(seq.features()), 0);
            return refuse(Texts.get("core.check.global-pooling-input", name, describe(in)));
        }

        @Override public Result flatten(LayerSpec.Flatten f) {
            if (in instanceof Shape.Vector) {
                issues.add(Issue.warning(i, Texts.get("core.check.flatten-nothing", name, in)));
                return new Result(in, 0);
            }
            if (in instanceof Shape.Sequence seq) {
                return refuse(Texts.get("core.check.flatten-sequence", name, describe(seq)));
            }
            return new Result(new Shape.Vector(Math.toIntExact(in.size())), 0);
        }

        @Override public Result batchNorm(LayerSpec.BatchNorm b) {
            if (in instanceof Shape.Sequence seq) {
                // DL4J M2.1's BatchNormalization accepts a recurrent input type but fails on the 3-D data itself.
                return refuse(Texts.get("core.check.batchnorm-sequence", name, describe(seq)));
            }
            long n = in instanceof Shape.Image img ? img.channels() : in.size();
            // gamma, beta, and the running mean and variance (DL4J and Keras both count all four).
            return new Result(in, 4 * n);
        }

        // Dropout and Activation keep the shape (of an image, a vector or a sequence) and have no parameters.
        @Override public Result dropout(LayerSpec.Dropout d) { return new Result(in, 0); }

        @Override public Result activationLayer(LayerSpec.ActivationLayer a) { return new Result(in, 0); }

        @Override public Result zeroPadding(LayerSpec.ZeroPadding z) {
            if (!(in instanceof Shape.Image img)) return needsImage();
            return new Result(new Shape.Image(img.height() + 2 * z.vertical(), img.width() + 2 * z.horizontal(), img.channels()), 0);
        }

        /** A layer without a block: DL4J's importer worked out its output shape and parameters when the file was opened. */
        @Override public Result fixed(LayerSpec.Fixed f) { return new Result(f.output(), f.parameters()); }

        private Result fullyConnected(int units) {
            if (in instanceof Shape.Image img) {
                return refuse(Texts.get("core.check.vector-not-image", name, img));
            }
            if (in instanceof Shape.Sequence seq) {
                return refuse(Texts.get("core.check.vector-not-sequence", name, describe(seq)));
            }
            return new Result(new Shape.Vector(units), in.size() * units + units);
        }

        private Result needsImage() {
            if (in instanceof Shape.Sequence seq) {
                return refuse(Texts.get("core.check.image-not-sequence", name, describe(seq)));
            }
            return refuse(Texts.get("core.check.image-not-vector", name, in));
        }

        private Result pool(int ph, int pw, int sh, int sw) {
            if (!(in instanceof Shape.Image img)) return needsImage();
            Integer h = window("core.check.window-too-large", img, ph, pw, sh, Padding.VALID, true);
            Integer w = window("core.check.window-too-large", img, ph, pw, sw, Padding.VALID, false);
            if (h == null || w == null) return new Result(null, 0);
            return new Result(new Shape.Image(h, w, img.channels()), 0);
        }

        /**
         * Output size along one axis, or null after reporting why there is none. Reports a too-large window
         * once, on the height pass, naming both dimensions ("its 5×5 kernel is larger than its 3×3 input").
         */
        private Integer window(String tooLarge, Shape.Image img, int kh, int kw, int stride, Padding padding, boolean vertical) {
            int size = vertical ? img.height() : img.width();
            int k = vertical ? kh : kw;
            if (padding == Padding.SAME) return (size + stride - 1) / stride;
            if (k > size) {
                if (vertical || kh <= img.height()) {
                    issues.add(Issue.error(i, Texts.get(tooLarge, name, kh + "×" + kw, img.height() + "×" + img.width())));
                }
                return null;
            }
            return (size - k) / stride + 1;
        }

        /** The layer has no output shape, for the reason given. */
        private Result refuse(String message) {
            issues.add(Issue.error(i, message));
            return new Result(null, 0);
        }
    }

    /** "an image of 8×8×1", "a flat vector of 16 values", "a sequence of 12×8 (steps×features)", "token ids (12 tokens)". */
    private static String describe(Shape s) {
        if (s instanceof Shape.Image img) return Texts.get("core.shape.image", img);
        if (s instanceof Shape.Sequence seq) return Texts.get("core.shape.sequence", seq);
        if (s instanceof Shape.Tokens t) return Texts.get("core.shape.tokens", t.length());
        return Texts.get("core.shape.vector", s);
    }

    /**
     * Whether 'same' padding along one axis would need negative padding before the image, which DL4J's Same mode
     * refuses when it runs the layer ({@code ConvolutionUtils.getSameModeTopLeftPadding}): half the padding the
     * windows need, rounded towards zero, is below zero. It never is when the stride is at most the kernel.
     */
    static boolean gapsBetweenWindows(int size, int kernel, int stride) {
        int out = (size + stride - 1) / stride;
        return ((out - 1) * stride + kernel - size) / 2 < 0;
    }

    private static void checkStructure(NetworkSpec spec, List<Issue> issues) {
        List<LayerSpec> layers = spec.layers();
        if (layers.isEmpty()) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.no-layers")));
            return;
        }
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i) instanceof LayerSpec.Output) {
                issues.add(Issue.error(i, Texts.get("core.check.output-not-last", label(layers.get(i), i))));
            }
        }
        int last = layers.size() - 1;
        LayerSpec end = layers.get(last);
        if (!(end instanceof LayerSpec.Output out)) {
            issues.add(Issue.error(last, Texts.get("core.check.no-output", label(end, last))));
            return;
        }
        Loss loss = spec.training().loss();
        if (loss == Loss.CROSS_ENTROPY && out.activation() != Activation.SOFTMAX) {
            issues.add(Issue.warning(last, Texts.get("core.check.cross-entropy-not-softmax", label(end, last), out.activation().id())));
        }
        if (out.activation() == Activation.SOFTMAX && out.units() == 1) {
            issues.add(Issue.error(last, Texts.get("core.check.softmax-one-unit", label(end, last))));
        }
        if (loss == Loss.MSE && out.activation() == Activation.SOFTMAX) {
            issues.add(Issue.warning(last, Texts.get("core.check.mse-softmax", label(end, last))));
        }
    }

    private static void checkTraining(TrainingConfig t, List<Issue> issues) {
        if (!(t.learningRate() > 0) || Double.isInfinite(t.learningRate())) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.rate-not-positive", t.learningRate())));
        } else if (t.learningRate() > 1) {
            issues.add(Issue.warning(Issue.NETWORK, Texts.get("core.check.rate-high", t.learningRate())));
        }
        if (t.batchSize() < 1) issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.batch-size", t.batchSize())));
        if (t.epochs() < 1) issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.epochs", t.epochs())));
        String schedule = t.schedule().problem();
        if (schedule != null) issues.add(Issue.error(Issue.NETWORK, schedule));
        if (!(t.l2() >= 0) || Double.isInfinite(t.l2())) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.l2-negative", t.l2())));
        } else if (t.l2() > 0.1) {
            issues.add(Issue.warning(Issue.NETWORK, Texts.get("core.check.l2-strong", t.l2())));
        }
        if (!(t.testSplit() >= 0 && t.testSplit() <= TrainingConfig.MAX_TEST_SPLIT)) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.test-share", TrainingConfig.MAX_TEST_SPLIT, t.testSplit())));
        } else if (t.testSplit() + t.validationSplit() > 0.8) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.shares-too-large", t.validationSplit(), t.testSplit())));
        }
        boolean validates = t.validationSplit() > 0;
        if (!(t.validationSplit() >= 0 && t.validationSplit() <= TrainingConfig.MAX_VALIDATION_SPLIT)) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.validation-split", TrainingConfig.MAX_VALIDATION_SPLIT, t.validationSplit())));
            validates = true; // already wrong; do not also blame the settings that need validation data
        }
        EarlyStopping stop = t.earlyStopping();
        String stopping = stop.problem();
        if (stopping != null) issues.add(Issue.error(Issue.NETWORK, stopping));
        if (stop.enabled() && !validates) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.stopping-without-validation", stop.metric().describe())));
        } else if (stopping == null && stop.enabled() && stop.patience() >= t.epochs()) {
            issues.add(Issue.warning(Issue.NETWORK, Texts.get(t.epochs() == 1 ? "core.check.patience-one-epoch" : "core.check.patience",
                    stop.patience(), t.epochs())));
        }
        if (t.schedule().watchesValidation() && !validates) {
            issues.add(Issue.error(Issue.NETWORK, Texts.get("core.check.plateau-without-validation")));
        }
    }
}
