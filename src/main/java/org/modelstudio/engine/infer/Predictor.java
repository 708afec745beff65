package org.modelstudio.engine.infer;

import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputFit;
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

/** Class probabilities for prepared inputs (images, feature vectors or token ids) or raw image files. */
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

    /** Decodes and predicts one image file; a file the model cannot take is refused with the reason. */
    public static Prediction predictFile(TrainedModel model, Path file) throws InputRejectedException {
        ImagePreprocessing prep = model.preprocessing();
        if (prep == null) {
            throw new InputRejectedException(file.getFileName().toString(), "this model takes "
                    + (model.spec().input() instanceof InputSpec.SequenceInput ? "token sequences" : "feature vectors") + ", not images");
        }
        return predict(model, ImageDecoder.decode(file, prep));
    }
}
