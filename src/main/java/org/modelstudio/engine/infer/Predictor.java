package org.modelstudio.engine.infer;

import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputFit;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.Tokenizer;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ImageDecoder;
import org.modelstudio.engine.train.BatchIterator;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Class probabilities for prepared inputs (images, feature vectors or token ids), raw image files, table rows and
 * texts; for a regression model, the number it predicts for a table row, in the label's units.
 */
public final class Predictor {

    private Predictor() {}

    public static Prediction predict(TrainedModel model, float[] example) {
        return predict(model, new float[][] {example}).get(0);
    }

    /** Token ids outside the model's vocabulary are refused with a sentence (IllegalArgumentException). */
    public static List<Prediction> predict(TrainedModel model, float[][] examples) {
        Shape shape = model.spec().input().shape();
        if (shape instanceof Shape.Tokens tokens) {
            String problem = InputFit.tokenProblem(tokens, examples);
            if (problem != null) throw new IllegalArgumentException(problem);
        }
        INDArray in = BatchIterator.features(shape, examples);
        INDArray out = model.network().output(in, false);
        List<Prediction> result = new ArrayList<>(examples.length);
        for (int i = 0; i < examples.length; i++) {
            result.add(Prediction.of(model.labels(), out.getRow(i).toDoubleVector()));
        }
        return result;
    }

    /** A prediction from raw input, with what was odd about the input (an unseen category, no known word). */
    public record Prepared(Prediction prediction, List<String> warnings) {
        public Prepared { warnings = List.copyOf(warnings); }
    }

    /**
     * Predicts from one table row: the feature columns' raw values, in the order of the table the model was trained on
     * (the label column left out). Text in a numeric column or a wrong number of values is refused.
     */
    public static Prepared predictRow(TrainedModel model, List<String> values) throws InputRejectedException {
        return predictRow(model, (table, warnings) -> table.encode(values, warnings));
    }

    /** As {@link #predictRow(TrainedModel, List)}, the values named by column (a missing column counts as empty). */
    public static Prepared predictRow(TrainedModel model, Map<String, String> values) throws InputRejectedException {
        return predictRow(model, (table, warnings) -> table.encode(values, warnings));
    }

    /** Encodes a row with the model's table preparation (collecting warnings) and predicts; a bad value is refused. */
    private static Prepared predictRow(TrainedModel model, java.util.function.BiFunction<InputPreparation.Table, List<String>, float[]> encode)
            throws InputRejectedException {
        InputPreparation.Table table = tablePreparation(model);
        if (table.regression()) {
            throw new InputRejectedException("row", "this model predicts a number (\"" + table.labelColumn() + "\"), not classes; ask it for an estimate");
        }
        List<String> warnings = new ArrayList<>();
        try {
            return new Prepared(predict(model, encode.apply(table, warnings)), warnings);
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException("row", e.getMessage());
        }
    }

    /**
     * A regression's answer for one table row: the number predicted, in the units of the label column
     * {@code quantity}, with what was odd about the row (an unseen category, an empty cell).
     */
    public record Estimate(double value, String quantity, List<String> warnings) {
        public Estimate { warnings = List.copyOf(warnings); }

        /** "progression ≈ 152.3 (in the units of the column \"progression\")". */
        public String describe() {
            return quantity + " ≈ " + org.modelstudio.core.eval.RegressionReport.number(value) + " (in the units of the column \"" + quantity + "\")";
        }
    }

    /**
     * A regression model's numbers for prepared inputs, in the label's units (the network's standardised outputs
     * turned back). A classifier is refused (IllegalArgumentException).
     */
    public static double[] estimate(TrainedModel model, float[][] examples) {
        InputPreparation.Target target = model.target();
        if (target == null) throw new IllegalArgumentException("this model tells classes apart; it does not predict a number");
        INDArray out = model.network().output(BatchIterator.features(model.spec().input().shape(), examples), false);
        double[] values = new double[examples.length];
        for (int i = 0; i < values.length; i++) values[i] = target.toUnits(out.getDouble(i, 0));
        return values;
    }

    /**
     * Estimates from one table row: the feature columns' raw values, in the order of the table the model was trained on
     * (the label column left out). Text in a numeric column, a wrong number of values or a classifier is refused.
     */
    public static Estimate estimateRow(TrainedModel model, List<String> values) throws InputRejectedException {
        return estimateRow(model, (table, warnings) -> table.encode(values, warnings));
    }

    /** As {@link #estimateRow(TrainedModel, List)}, the values named by column (a missing column counts as empty). */
    public static Estimate estimateRow(TrainedModel model, Map<String, String> values) throws InputRejectedException {
        return estimateRow(model, (table, warnings) -> table.encode(values, warnings));
    }

    private static Estimate estimateRow(TrainedModel model, java.util.function.BiFunction<InputPreparation.Table, List<String>, float[]> encode)
            throws InputRejectedException {
        InputPreparation.Table table = tablePreparation(model);
        if (!table.regression()) {
            throw new InputRejectedException("row", "this model tells the classes of \"" + table.labelColumn() + "\" apart; it does not predict a number");
        }
        List<String> warnings = new ArrayList<>();
        try {
            return new Estimate(estimate(model, new float[][] {encode.apply(table, warnings)})[0], table.labelColumn(), warnings);
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException("row", e.getMessage());
        }
    }

    /** Predicts from a raw text, tokenised and looked up in the vocabulary saved with the model. */
    public static Prepared predictText(TrainedModel model, String text) throws InputRejectedException {
        if (!(model.preparation() instanceof InputPreparation.Text prep)) {
            throw new InputRejectedException("text", "this model was not trained on texts (it takes " + takes(model) + ")");
        }
        List<String> warnings = new ArrayList<>();
        if (Tokenizer.tokens(text).isEmpty()) throw new InputRejectedException("text", "has no words");
        if (prep.knownWords(text) == 0) warnings.add("none of the words is in the model's vocabulary, so the prediction says little");
        return new Prepared(predict(model, prep.encode(text)), warnings);
    }

    private static InputPreparation.Table tablePreparation(TrainedModel model) throws InputRejectedException {
        if (model.preparation() instanceof InputPreparation.Table table) return table;
        throw new InputRejectedException("row", "this model was not trained on a table (it takes " + takes(model) + ")");
    }

    private static String takes(TrainedModel model) {
        InputPreparation p = model.preparation();
        if (p instanceof InputPreparation.Image) return "images";
        if (p instanceof InputPreparation.Text) return "texts";
        if (p instanceof InputPreparation.Table) return "table rows";
        return model.spec().input() instanceof InputSpec.SequenceInput ? "token sequences" : "prepared feature vectors";
    }

    /** Decodes and predicts one image file; a file the model cannot take is refused with the reason. */
    public static Prediction predictFile(TrainedModel model, Path file) throws InputRejectedException {
        ImagePreprocessing prep = model.preprocessing();
        if (prep == null) {
            throw new InputRejectedException(file.getFileName().toString(), "this model takes " + takes(model) + ", not images");
        }
        return predict(model, ImageDecoder.decode(file, prep));
    }
}
