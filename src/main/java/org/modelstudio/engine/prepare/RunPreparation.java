package org.modelstudio.engine.prepare;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.Tokenization;
import org.modelstudio.core.data.TextPreparation;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.core.data.AugmentedSource;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.Splits;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.TableLoader;
import org.modelstudio.engine.io.TextLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares the data of one run, for the studio and the command line alike:
 * <ul>
 *   <li>a table or texts, read and prepared for the network (standardisation or vocabulary fitted on the training rows
 *       only), split into training, validation and test parts;</li>
 *   <li>to continue a table or text model: the data encoded with the model's own preparation, not fitted again;</li>
 *   <li>otherwise examples (images), split by index into views (nothing copied; data too large for memory streams from
 *       disk), the test part first so that it is never trained or validated on, the training part augmented.</li>
 * </ul>
 * It runs on the training thread and reads only its {@link RunRequest}.
 */
public final class RunPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(RunPreparation.class);

    private RunPreparation() {}

    public static RunData prepare(RunRequest request) throws IOException {
        TrainedModel base = request.continueFrom();
        NetworkSpec snapshot = request.snapshot();
        RunData data;
        if (base == null) {
            PreparedData prepared = tableOrText(request.source(), snapshot, request.holdOutTest());
            data = prepared == null ? images(request)
                    : new RunData(prepared.train(), prepared.validation(), prepared.test(), prepared.preparation(), prepared.warnings());
        } else {
            PreparedData encoded = encodeToContinue(base, request.source(), snapshot);
            data = encoded == null ? images(request) : new RunData(encoded.train(), encoded.validation(), null, null, encoded.warnings());
        }
        LOG.debug("Prepared {} for {}: {} training, {} validation, {} test examples", request.source().describe(), snapshot.name(),
                data.train().size(), data.validation() == null ? 0 : data.validation().size(), data.test() == null ? 0 : data.test().size());
        return data;
    }

    /**
     * A table or texts read, split and prepared for {@code spec} (standardisation or vocabulary fitted on the training
     * part only), holding out the spec's test share when {@code holdOutTest}; null for other data. A table for a network
     * that does not take a vector is refused, saying what to do.
     */
    public static PreparedData tableOrText(DataSource source, NetworkSpec spec, boolean holdOutTest) throws IOException {
        double validation = spec.training().validationSplit();
        double test = holdOutTest ? spec.training().testSplit() : 0;
        long seed = spec.training().seed();
        if (source instanceof DataSource.TableFile t) {
            if (!(spec.input() instanceof InputSpec.VectorInput)) {
                throw new IOException(Texts.get("engine.prepare.table-needs-vector", spec.input().shape()));
            }
            return TableLoader.prepare(Path.of(t.path()), t.label(), t.task(), validation, test, seed);
        }
        if (source instanceof DataSource.TextFile t) {
            return TextLoader.prepare(Path.of(t.path()), t.textColumn(), t.labelColumn(), spec.input(), validation, test, seed);
        }
        return null;
    }

    /**
     * The network fitted to the texts of {@code source} (their length, {@link DataFit#fitTexts}), counted with the
     * tokenisation new models use; unchanged for other data or a network that takes no token sequences.
     */
    public static DataFit.Fitted fitTexts(DataSource source, NetworkSpec spec) throws IOException {
        if (!(source instanceof DataSource.TextFile t) || !(spec.input() instanceof InputSpec.SequenceInput)) {
            return new DataFit.Fitted(spec, List.of());
        }
        List<TextPreparation.LabeledText> texts = TextLoader.read(Path.of(t.path()), t.textColumn(), t.labelColumn());
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = Tokenization.STANDARD.tokens(texts.get(i).text()).size();
        return DataFit.fitTexts(spec, counts);
    }

    /**
     * To continue a table or text model: the data encoded with the preparation the model was trained with (its
     * standardisation or vocabulary, not fitted again), split as {@code spec} says; null for images. Data of another
     * kind than the model was trained on is refused.
     */
    private static PreparedData encodeToContinue(TrainedModel model, DataSource source, NetworkSpec spec) throws IOException {
        PreparedData all;
        if (source instanceof DataSource.TableFile t && model.preparation() instanceof InputPreparation.Table table) {
            all = TableLoader.encode(Path.of(t.path()), table, model.labels());
        } else if (source instanceof DataSource.TextFile t && model.preparation() instanceof InputPreparation.Text text) {
            all = TextLoader.encode(Path.of(t.path()), t.textColumn(), t.labelColumn(), text, model.labels(), model.spec().input());
        } else if (source instanceof DataSource.TableFile || source instanceof DataSource.TextFile
                || model.preparation() instanceof InputPreparation.Table || model.preparation() instanceof InputPreparation.Text) {
            throw new IOException(Texts.get("engine.prepare.other-data", model.preparation().describe(), source.describe()));
        } else {
            return null;
        }
        double share = spec.training().validationSplit();
        if (share <= 0 || all.validation() != null) return all;
        var split = all.train().split(share, spec.training().seed());
        return new PreparedData(split.first(), split.second(), all.preparation(), all.warnings());
    }

    private static RunData images(RunRequest request) throws IOException {
        if (request.images() == null) {
            throw new IllegalArgumentException("a run on " + request.source().describe() + " needs its examples (RunRequest.images)");
        }
        NetworkSpec snapshot = request.snapshot();
        ExampleSource all = request.images().read();
        // Continuing keeps every example for training and validation: the first run's test part is not known here.
        double testShare = request.continueFrom() == null && request.holdOutTest() ? snapshot.training().testSplit() : 0;
        var parts = Splits.parts(all, snapshot.training().validationSplit(), testShare, snapshot.training().seed());
        ExampleSource train = parts.train();
        if (!request.augmentation().isNone() && train.exampleShape() instanceof Shape.Image) {
            train = new AugmentedSource(train, request.augmentation(), snapshot.training().seed());
        }
        return new RunData(train, parts.validation(), parts.test(), null, List.of());
    }
}
