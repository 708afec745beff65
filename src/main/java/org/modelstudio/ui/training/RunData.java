package org.modelstudio.ui.training;

import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.AugmentedSource;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.Splits;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.TrainedModel;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one run trains, validates and tests on, chosen on the training thread from the Data tab's choice:
 * <ul>
 *   <li>a table or texts, prepared for the network (standardisation or vocabulary fitted on the training rows);</li>
 *   <li>to continue a table or text model: the chosen data encoded with the model's own preparation, not fitted again;</li>
 *   <li>otherwise examples (images), split by index into views (nothing copied; data too large for memory streams from
 *       disk), the test part first so that it is never trained or validated on, the training part augmented.</li>
 * </ul>
 *
 * @param preparation how raw inputs become the network's, for a new table or text model; null otherwise (the trainer
 *                    then derives it from the network's input)
 */
record RunData(ExampleSource train, ExampleSource validation, ExampleSource test, InputPreparation preparation, List<String> warnings) {

    static RunData choose(TrainedModel base, NetworkSpec snapshot, TrainingViewModel.Preparer preparer, TrainingViewModel.Continuer continuer,
                          Supplier<? extends ExampleSource> examples, Augmentation augmentation) throws IOException {
        if (base == null) {
            PreparedData prepared = preparer.prepare(snapshot);
            if (prepared != null) {
                return new RunData(prepared.train(), prepared.validation(), prepared.test(), prepared.preparation(), prepared.warnings());
            }
        } else {
            PreparedData encoded = continuer.encode(base, snapshot);
            if (encoded != null) return new RunData(encoded.train(), encoded.validation(), null, null, encoded.warnings());
        }
        ExampleSource all = examples.get();
        // Continuing keeps every example for training and validation: the first run's test part is not known here.
        double testShare = base == null ? snapshot.training().testSplit() : 0;
        var parts = Splits.parts(all, snapshot.training().validationSplit(), testShare, snapshot.training().seed());
        ExampleSource train = parts.train();
        if (!augmentation.isNone() && train.exampleShape() instanceof Shape.Image) {
            train = new AugmentedSource(train, augmentation, snapshot.training().seed());
        }
        return new RunData(train, parts.validation(), parts.test(), null, List.of());
    }
}
