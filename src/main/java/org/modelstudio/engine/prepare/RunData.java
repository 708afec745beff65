package org.modelstudio.engine.prepare;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputPreparation;

import java.util.List;

/**
 * What one run trains, validates and tests on, as {@link RunPreparation} made it.
 *
 * @param validation  null when no validation share is held back
 * @param test        null when no test part is held out (always for a continued run)
 * @param preparation how raw inputs become the network's, for a new table or text model; null otherwise (the trainer
 *                    then derives it from the network's input, or the continued model keeps its own)
 * @param warnings    worth showing before the run: empty cells filled, empty texts skipped, …
 */
public record RunData(ExampleSource train, ExampleSource validation, ExampleSource test, InputPreparation preparation,
                      List<String> warnings) {

    public RunData { warnings = List.copyOf(warnings); }

    /** All the examples, of every part. */
    public int size() {
        return train.size() + (validation == null ? 0 : validation.size()) + (test == null ? 0 : test.size());
    }

    /** Whether the examples carry numbers to predict (a regression) rather than classes. */
    public boolean regression() { return train.regression(); }
}
