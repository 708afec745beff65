package org.modelstudio.engine.prepare;

import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ImageFolderLoader;
import org.modelstudio.engine.io.ImageFolderSource;
import org.modelstudio.engine.io.TableLoader;
import org.modelstudio.engine.io.TextLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Prepares data to evaluate a trained model on, for the studio and the command line alike: a table or texts encoded
 * with the model's own standardisation or vocabulary (never fitted again), or an image folder read with the model's
 * preprocessing. What a model cannot take is for the caller to say, in its own words, before asking here.
 */
public final class EvaluationPreparation {

    private EvaluationPreparation() {}

    /**
     * A table or texts encoded as the model's training data was; null when the model was not trained on a table or
     * texts. {@code textColumn} and {@code labelColumn} name a CSV's columns (null: found by name, see {@link TextLoader}).
     */
    public static EvaluationData tableOrText(TrainedModel model, Path file, String textColumn, String labelColumn) throws IOException {
        PreparedData encoded;
        if (model.preparation() instanceof InputPreparation.Table table) {
            encoded = TableLoader.encode(file, table, model.labels());
        } else if (model.preparation() instanceof InputPreparation.Text text) {
            encoded = TextLoader.encode(file, textColumn, labelColumn, text, model.labels(), model.spec().input());
        } else {
            return null;
        }
        return new EvaluationData(encoded.train(), encoded.warnings(), List.of());
    }

    /** An image folder (one subfolder per class, images directly inside) decoded into memory for the model's input. */
    public static EvaluationData imageFolder(TrainedModel model, Path dir) throws IOException {
        ImageFolderLoader.Loaded loaded = ImageFolderLoader.load(dir, imagesOf(model));
        return new EvaluationData(loaded.data(), loaded.warnings(), loaded.skipped());
    }

    /**
     * An image folder scanned (nested folders count for their top class folder) and then read one image at a time while
     * the model is evaluated, so a large folder is never held in memory; {@code progress} gets the fraction scanned.
     */
    public static EvaluationData scanImageFolder(TrainedModel model, Path dir, DoubleConsumer progress, CancelToken cancel)
            throws IOException {
        ImageFolderSource.Scanned scanned = ImageFolderSource.scan(dir, imagesOf(model), progress, cancel);
        return new EvaluationData(scanned.source(), scanned.warnings(), scanned.skipped());
    }

    private static ImagePreprocessing imagesOf(TrainedModel model) {
        if (model.preprocessing() == null) throw new IllegalArgumentException("the model takes " + model.preparation() + ", not images");
        return model.preprocessing();
    }
}
