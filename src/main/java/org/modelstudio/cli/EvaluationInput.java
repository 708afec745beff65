package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.prepare.EvaluationData;
import org.modelstudio.engine.prepare.EvaluationPreparation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The labelled examples a command measures a model on ({@code evaluate}, {@code export --compact}): {@code --data}
 * prepared as the model's training data was (an image folder, or a CSV or text file with {@code --text} and
 * {@code --label}), or else the shipped Fashion-MNIST test images. What was skipped or filled in is said on the error
 * stream.
 */
final class EvaluationInput {
    /** "the Fashion-MNIST test sample", in the CLI's language. */
    static String sample() { return Texts.get("cli.evaluate.sample"); }

    /** Examples and what they are, in words ("the Fashion-MNIST test sample", "iris.csv"). */
    record Examples(ExampleSource data, String name) {}

    private final PrintStream out;
    private final PrintStream err;

    EvaluationInput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * The examples {@code --data} names; without it, the shipped Fashion-MNIST test images when {@code sampleForAnyImageModel}
     * or when the model tells that sample's classes apart from 28×28 grey images, else null (a table or text model needs
     * {@code --data}).
     */
    Examples read(TrainedModel model, Args a, boolean sampleForAnyImageModel) throws IOException {
        InputPreparation prep = model.preparation();
        if (prep instanceof InputPreparation.Table || prep instanceof InputPreparation.Text) {
            if (!a.has("--data")) return null;
            Path file = Path.of(a.get("--data"));
            EvaluationData encoded = EvaluationPreparation.tableOrText(model, file, a.get("--text"), a.get("--label"));
            encoded.warnings().forEach(w -> err.println(Texts.get("cli.warning", w)));
            return new Examples(encoded.data(), String.valueOf(file.getFileName()));
        }
        if (a.has("--data")) {
            if (model.preprocessing() == null) throw new IOException(Texts.get("cli.evaluate.not-images"));
            EvaluationData read = EvaluationPreparation.imageFolder(model, Path.of(a.get("--data")));
            return new Examples(said(read.data(), read.skipped(), read.warnings(), a.get("--data")), Texts.get("cli.evaluate.images-in", a.get("--data")));
        }
        boolean sampleModel = model.labels().equals(SampleData.FASHION_CLASSES) && model.spec().input().shape().equals(new Shape.Image(28, 28, 1));
        return sampleForAnyImageModel || sampleModel ? new Examples(SampleData.fashionMnistTest(), sample()) : null;
    }

    /** Says what reading an image folder skipped or warned about, and how many images it read. */
    ExampleSource said(ExampleSource data, List<RejectedInput> skipped, List<String> warnings, String dir) {
        for (String w : warnings) err.println(Texts.get("cli.warning", w));
        if (!skipped.isEmpty()) {
            err.println(Texts.get("cli.warning", Texts.get("cli.images.skipped", skipped.size())));
            skipped.stream().limit(20).forEach((RejectedInput r) -> err.println("  " + r));
            if (skipped.size() > 20) err.println("  " + Texts.get("cli.images.skipped-more", skipped.size() - 20));
        }
        out.println(Texts.get("cli.images.read", Texts.number(data.size()), data.classCount(), dir));
        return data;
    }
}
