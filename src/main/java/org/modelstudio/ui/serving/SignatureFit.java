package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.infer.ModelSignature;


/**
 * Whether a model can be published as the next version of a served name: programs calling the name must be able to send
 * it the same input and read the same outputs, so the kind of input, the prepared tensor's shape, a table's columns, the
 * task and the number of classes must all stay the same.
 */
final class SignatureFit {
    private SignatureFit() {}

    /** Why {@code candidate} cannot replace {@code served} under {@code name}, as a sentence; null when it fits. */
    static String misfit(ModelSignature served, ModelSignature candidate, String name) {
        if (served.kind() != candidate.kind()) {
            return Texts.get("ui.fit.kind", candidate.kind().reads(), name, served.kind().reads());
        }
        if (!served.tensorShape().equals(candidate.tensorShape()) || served.tokenIds() != candidate.tokenIds()) {
            return Texts.get("ui.fit.shape", candidate.describeShape(), name, served.describeShape());
        }
        if (!served.columns().equals(candidate.columns())) {
            return Texts.get("ui.fit.columns", String.join(", ", candidate.columns()), name, String.join(", ", served.columns()));
        }
        if (served.regression() != candidate.regression()) {
            return Texts.get("ui.fit.task", task(candidate), name, task(served));
        }
        if (served.labels().size() != candidate.labels().size()) {
            return Texts.get("ui.fit.classes", candidate.labels().size(), name, served.labels().size());
        }
        return null;
    }

    private static String task(ModelSignature s) {
        return Texts.get(s.regression() ? "ui.fit.predicts-number" : "ui.fit.predicts-classes");
    }
}
