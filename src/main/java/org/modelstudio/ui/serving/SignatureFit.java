package org.modelstudio.ui.serving;

import org.modelstudio.core.infer.ModelSignature;

import java.util.Locale;

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
            return "The model in use reads " + candidate.kind().reads() + ", but " + name + " reads " + served.kind().reads()
                    + ": programs calling it would send the wrong input.";
        }
        if (!served.tensorShape().equals(candidate.tensorShape()) || served.tokenIds() != candidate.tokenIds()) {
            return "The model in use takes inputs of shape " + candidate.describeShape() + ", but " + name + " takes "
                    + served.describeShape() + ": programs sending prepared tensors would break.";
        }
        if (!served.columns().equals(candidate.columns())) {
            return "The model in use reads the columns " + String.join(", ", candidate.columns()) + ", but " + name + " reads "
                    + String.join(", ", served.columns()) + ".";
        }
        if (served.regression() != candidate.regression()) {
            return "The model in use " + task(candidate) + ", but " + name + " " + task(served) + ": programs would read the wrong answer.";
        }
        if (served.labels().size() != candidate.labels().size()) {
            return String.format(Locale.ROOT, "The model in use has %d classes, but %s has %d: programs reading its probabilities expect %d.",
                    candidate.labels().size(), name, served.labels().size(), served.labels().size());
        }
        return null;
    }

    private static String task(ModelSignature s) {
        return s.regression() ? "predicts a number" : "predicts classes";
    }
}
