package org.modelstudio.ui.evaluation;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.prepare.EvaluationData;
import org.modelstudio.engine.prepare.EvaluationPreparation;
import org.modelstudio.ui.evaluation.EvaluationViewModel.Choice;
import org.modelstudio.ui.training.TrainingViewModel.HeldOut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled examples the model in use can be measured on: the last run's held-out part when it fits the model, the
 * Fashion-MNIST sample's test set for a model of that sample, or a folder or file the person picks, prepared as the
 * model's training data was. The evaluation window and the compact-model window offer the same ones.
 */
public final class DataChoices {
    private DataChoices() {}

    /** What is there to measure {@code model} on without asking for a file, best first. */
    public static List<Choice> offered(TrainedModel model, HeldOut heldOut) {
        List<Choice> choices = new ArrayList<>();
        if (model == null) return choices;
        if (heldOut != null && heldOut.data().exampleShape().equals(model.spec().input().shape())) {
            choices.add(new Choice(Texts.get("ui.eval.choice.held-out", capitalised(heldOut.name()), Texts.number(heldOut.data().size())),
                    (m, c, p) -> heldOut.data()));
        }
        if (model.labels().equals(SampleData.FASHION_CLASSES) && model.spec().input().shape().equals(new Shape.Image(28, 28, 1))) {
            choices.add(new Choice(Texts.get("ui.eval.choice.sample-test", Texts.number(2000)), (m, c, p) -> SampleData.fashionMnistTest()));
        }
        return choices;
    }

    /** A folder of images, one subfolder per class, read one image at a time for the model's input. */
    public static Choice folder(Path dir) {
        return new Choice(Texts.get("ui.eval.choice.folder", dir.getFileName()), (model, c, p) -> {
            if (model.preprocessing() == null) throw new IOException(Texts.get("ui.eval.not-images", model.preparation().describe()));
            return EvaluationPreparation.scanImageFolder(model, dir, p, c).data();
        });
    }

    /** A table (CSV) or texts, encoded with the model's own standardisation or vocabulary. */
    public static Choice file(Path file) {
        return new Choice(String.valueOf(file.getFileName()), (model, c, p) -> {
            EvaluationData read = EvaluationPreparation.tableOrText(model, file, null, null);
            if (read != null) return read.data();
            InputPreparation prep = model.preparation();
            throw new IOException(Texts.get(model.preprocessing() != null ? "ui.eval.wrong-data.images" : "ui.eval.wrong-data",
                    prep == null ? Texts.get("ui.eval.prepared-inputs") : prep.describe()));
        });
    }

    private static String capitalised(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
