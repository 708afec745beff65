package org.modelstudio.engine.infer;

import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ImageDecoder;
import org.modelstudio.engine.train.BatchIterator;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Class probabilities for prepared inputs or raw image files. */
public final class Predictor {

    private Predictor() {}

    public static Prediction predict(TrainedModel model, float[] example) {
        return predict(model, new float[][] {example}).get(0);
    }

    public static List<Prediction> predict(TrainedModel model, float[][] examples) {
        INDArray in = BatchIterator.features(model.spec().input().shape(), examples);
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
            throw new InputRejectedException(file.getFileName().toString(),
                    "this model takes feature vectors, not images");
        }
        return predict(model, ImageDecoder.decode(file, prep));
    }
}
