package org.modelstudio.engine.infer;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.infer.Estimate;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.core.infer.ModelSignature;
import org.modelstudio.engine.Forward;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ImageDecoder;
import org.modelstudio.engine.train.BatchIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one place where a trained model answers: the Predict area, the evaluation window, the command line and the
 * server all come here. It prepares raw inputs (image files or bytes, texts, table rows) exactly as the model file says
 * training did, checks prepared tensors, and runs one forward pass for a whole batch. A classifier answers with every
 * class's probability, a regression with its number in the label's units; an input it cannot take is refused with a
 * sentence, and the others are still answered.
 * <p>
 * Preparing runs no network and may happen on any number of threads at once; forward passes take turns (see
 * {@link org.modelstudio.engine.Forward}).
 */
public final class ModelRuntime {
    private final TrainedModel model;
    private final ModelSignature signature;
    private final Shape shape;

    public ModelRuntime(TrainedModel model) {
        this.model = model;
        this.shape = model.spec().input().shape();
        this.signature = signatureOf(model, shape);
    }

    public TrainedModel model() { return model; }

    public ModelSignature signature() { return signature; }

    /** One input's answer (a refusal included). */
    public ModelAnswer predict(ModelInput input) {
        return predict(List.of(input)).get(0);
    }

    /** Prepares every input, then answers all that could be prepared in one forward pass; refusals keep their place. */
    public List<ModelAnswer> predict(List<? extends ModelInput> inputs) {
        int n = inputs.size();
        ModelAnswer[] answers = new ModelAnswer[n];
        List<float[]> ready = new ArrayList<>(n);
        List<List<String>> readyWarnings = new ArrayList<>(n);
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> warnings = new ArrayList<>();
            try {
                ready.add(prepare(inputs.get(i), warnings));
                readyWarnings.add(warnings);
                slot[ready.size() - 1] = i;
            } catch (InputRejectedException e) {
                answers[i] = new ModelAnswer.Refused(e.reason());
            }
        }
        if (!ready.isEmpty()) {
            List<ModelAnswer> answered = answer(ready.toArray(new float[0][]), readyWarnings);
            for (int k = 0; k < answered.size(); k++) answers[slot[k]] = answered.get(k);
        }
        return Arrays.asList(answers);
    }

    /**
     * A classifier's answer for one input, for callers that stop at a refusal.
     *
     * @throws InputRejectedException when the input cannot be used, or the model predicts a number (see {@link #estimate})
     */
    public ModelAnswer.Classified classify(ModelInput input) throws InputRejectedException {
        if (model.regression()) {
            throw new InputRejectedException(input.kind(), Texts.get("engine.runtime.predicts-a-number", model.labels().get(0)));
        }
        ModelAnswer answer = predict(input);
        if (answer instanceof ModelAnswer.Refused refused) throw new InputRejectedException(input.kind(), refused.reason());
        return (ModelAnswer.Classified) answer;
    }

    /**
     * A regression's number for one input, in the label's units, for callers that stop at a refusal.
     *
     * @throws InputRejectedException when the input cannot be used, or the model tells classes apart
     */
    public Estimate estimate(ModelInput input) throws InputRejectedException {
        if (!model.regression()) {
            String label = model.preparation() instanceof InputPreparation.Table table ? table.labelColumn() : Texts.get("engine.runtime.its-label");
            throw new InputRejectedException(input.kind(), Texts.get("engine.runtime.tells-classes-apart", label));
        }
        ModelAnswer answer = predict(input);
        if (answer instanceof ModelAnswer.Refused refused) throw new InputRejectedException(input.kind(), refused.reason());
        return ((ModelAnswer.Estimated) answer).estimate();
    }

    /**
     * One raw input as the network takes it ({@link ModelSignature#tensorSize()} values). Runs no network; safe on any
     * thread. What was odd but usable is added to {@code warnings}.
     *
     * @throws InputRejectedException when the model cannot take it; the reason is a sentence
     */
    public float[] prepare(ModelInput input, List<String> warnings) throws InputRejectedException {
        InputPreparation prep = model.preparation();
        if (input instanceof ModelInput.Tensor tensor) return checkTensor(tensor.values(), warnings);
        if (input instanceof ModelInput.ImageFile file) {
            if (!(prep instanceof InputPreparation.Image image)) throw notTaken(input, file.file().getFileName().toString());
            return ImageDecoder.decode(file.file(), image.preprocessing());
        }
        if (input instanceof ModelInput.EncodedImage encoded) {
            if (!(prep instanceof InputPreparation.Image image)) throw notTaken(input, encoded.name());
            return ImageDecoder.decode(encoded.name(), encoded.bytes(), image.preprocessing());
        }
        if (input instanceof ModelInput.Text text) {
            if (!(prep instanceof InputPreparation.Text textPrep)) throw notTaken(input, "text");
            if (textPrep.tokens(text.text()).isEmpty()) throw new InputRejectedException("text", Texts.get("engine.runtime.no-words"));
            if (textPrep.knownWords(text.text()) == 0) warnings.add(Texts.get("engine.runtime.no-known-words"));
            return textPrep.encode(text.text());
        }
        if (!(prep instanceof InputPreparation.Table table)) throw notTaken(input, "row");
        try {
            if (input instanceof ModelInput.Row row) return table.encode(row.values(), warnings);
            return table.encode(((ModelInput.NamedRow) input).values(), warnings);
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException("row", e.getMessage());
        }
    }

    /**
     * Answers prepared examples in one forward pass, in order.
     *
     * @param warnings each example's warnings (carried into its answer), or null for none
     */
    public List<ModelAnswer> answer(float[][] prepared, List<List<String>> warnings) {
        float[][] out = outputs(prepared);
        List<ModelAnswer> answers = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            List<String> w = warnings == null ? List.of() : warnings.get(i);
            if (model.regression()) {
                answers.add(new ModelAnswer.Estimated(new Estimate(model.target().toUnits(out[i][0]), model.labels().get(0), w)));
            } else {
                double[] p = new double[out[i].length];
                for (int c = 0; c < p.length; c++) p[c] = out[i][c];
                answers.add(new ModelAnswer.Classified(Prediction.of(model.labels(), p), w));
            }
        }
        return answers;
    }

    /**
     * The network's raw outputs for prepared examples, one forward pass (a classifier's probabilities; a regression's
     * standardised value). Token ids outside the vocabulary are refused (IllegalArgumentException with a sentence).
     */
    public float[][] outputs(float[][] prepared) {
        if (prepared.length == 0) return new float[0][];
        if (shape instanceof Shape.Tokens tokens) {
            String problem = InputFit.tokenProblem(tokens, prepared);
            if (problem != null) throw new IllegalArgumentException(problem);
        }
        int size = signature.tensorSize();
        float[] flat = new float[prepared.length * size];
        for (int i = 0; i < prepared.length; i++) {
            if (prepared[i].length != size) throw new IllegalArgumentException("example " + i + " has " + prepared[i].length + " values, not " + size);
            System.arraycopy(prepared[i], 0, flat, i * size, size);
        }
        return Forward.rows(model.network(), flat, BatchIterator.shapeOf(shape, prepared.length));
    }

    /** A prepared example: the right number of finite values (token ids for a text model); odd pixel values warned of. */
    private float[] checkTensor(float[] x, List<String> warnings) throws InputRejectedException {
        if (x.length != signature.tensorSize()) {
            throw new InputRejectedException("tensor", Texts.get("engine.runtime.tensor-size", x.length, signature.tensorSize(), signature.describeShape()));
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) throw new InputRejectedException("tensor", Texts.get("engine.runtime.not-finite", i, x[i]));
        }
        if (shape instanceof Shape.Tokens tokens) {
            // English, as every rejection of the runtime: the model server's programs read them too
            String problem = InputFit.tokenProblem(tokens, new float[][] {x}, Texts::english);
            if (problem != null) throw new InputRejectedException("tensor", problem.replaceFirst("^Example 0 \\(counting from 0\\) has", "has"));
        }
        if (signature.kind() == ModelSignature.Kind.IMAGE) {
            float max = 0;
            for (float v : x) max = Math.max(max, v);
            if (max > 1.5f) {
                warnings.add(Texts.get("engine.runtime.pixels-over-one", String.format(Locale.ROOT, "%.0f", max)));
            }
        }
        return x;
    }

    private InputRejectedException notTaken(ModelInput input, String name) {
        String what = switch (input.kind()) {
            case "image" -> reads(ModelSignature.Kind.IMAGE);
            case "text" -> reads(ModelSignature.Kind.TEXT);
            case "row" -> reads(ModelSignature.Kind.TABLE);
            default -> input.kind();
        };
        return new InputRejectedException(name, Texts.get("engine.runtime.reads-not", reads(signature.kind()), what));
    }

    /** What a model of this kind reads, in the studio's language ("images", "table rows"). */
    private static String reads(ModelSignature.Kind kind) {
        return switch (kind) {
            case IMAGE -> Texts.get("engine.runtime.reads.image");
            case TEXT -> Texts.get("engine.runtime.reads.text");
            case TABLE -> Texts.get("engine.runtime.reads.table");
            case PREPARED -> Texts.get("engine.runtime.reads.prepared");
        };
    }

    static ModelSignature signatureOf(TrainedModel model, Shape shape) {
        InputPreparation prep = model.preparation();
        ModelSignature.Kind kind = prep instanceof InputPreparation.Image ? ModelSignature.Kind.IMAGE
                : prep instanceof InputPreparation.Text ? ModelSignature.Kind.TEXT
                : prep instanceof InputPreparation.Table ? ModelSignature.Kind.TABLE
                : ModelSignature.Kind.PREPARED;
        List<Integer> dims = tensorShape(shape);
        List<String> columns = prep instanceof InputPreparation.Table table ? table.columnNames() : List.of();
        return new ModelSignature(kind, dims, shape instanceof Shape.Tokens, model.labels(), model.regression(), columns,
                prep == null ? "prepared numbers only" : prep.describeInEnglish());
    }

    /** One example's shape in the network's layout (BatchIterator's): C×H×W, features, tokens, or features×steps. */
    private static List<Integer> tensorShape(Shape shape) {
        if (shape instanceof Shape.Image img) return List.of(img.channels(), img.height(), img.width());
        if (shape instanceof Shape.Tokens t) return List.of(t.length());
        if (shape instanceof Shape.Sequence seq) return List.of(seq.features(), seq.steps());
        return List.of(Math.toIntExact(shape.size()));
    }
}
