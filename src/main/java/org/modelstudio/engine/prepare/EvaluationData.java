package org.modelstudio.engine.prepare;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.RejectedInput;

import java.util.List;

/**
 * Examples to evaluate a model on, prepared as its training data was, with what is worth telling about them.
 *
 * @param warnings empty cells filled, empty texts skipped, class folders left out, …
 * @param skipped  image files that could not be used, with the reason (empty for a table or texts)
 */
public record EvaluationData(ExampleSource data, List<String> warnings, List<RejectedInput> skipped) {
    public EvaluationData {
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
    }
}
