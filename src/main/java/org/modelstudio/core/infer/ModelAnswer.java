package org.modelstudio.core.infer;

import org.modelstudio.core.eval.Prediction;

import java.util.List;

/** What a model made of one input: classes with probabilities, a number (a regression), or a refusal with the reason. */
public sealed interface ModelAnswer permits ModelAnswer.Classified, ModelAnswer.Estimated, ModelAnswer.Refused {

    /** What was odd about the input but did not stop it (an unseen category, no known word). */
    List<String> warnings();

    /** Every class with its probability, most likely first. */
    record Classified(Prediction prediction, List<String> warnings) implements ModelAnswer {
        public Classified { warnings = List.copyOf(warnings); }

        /** The probabilities in class order (the order of the model's labels). */
        public double[] probabilities() {
            double[] p = new double[prediction.ranked().size()];
            prediction.ranked().forEach(s -> p[s.classIndex()] = s.probability());
            return p;
        }
    }

    /** A regression's number, in the units of the label column {@code quantity}. */
    record Estimated(Estimate estimate) implements ModelAnswer {
        @Override public List<String> warnings() { return estimate.warnings(); }
    }

    /** The input could not be used; {@code reason} says why in a sentence (without the input's name). */
    record Refused(String reason) implements ModelAnswer {
        @Override public List<String> warnings() { return List.of(); }
    }
}
