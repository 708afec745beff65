package org.modelstudio.core.data;

import java.util.List;

/**
 * Raw data made ready for a network: the training examples, the validation and test examples (null when none are
 * held back), the preparation fitted on the training examples only, and warnings worth showing (empty cells filled,
 * empty texts skipped, categories only the validation rows have).
 */
public record PreparedData(LabeledData train, LabeledData validation, LabeledData test, InputPreparation preparation,
                           List<String> warnings) {
    public PreparedData { warnings = List.copyOf(warnings); }

    /** Without a test part. */
    public PreparedData(LabeledData train, LabeledData validation, InputPreparation preparation, List<String> warnings) {
        this(train, validation, null, preparation, warnings);
    }

    /** All the examples, of every part. */
    public int size() {
        return train.size() + (validation == null ? 0 : validation.size()) + (test == null ? 0 : test.size());
    }

    /** Whether the examples carry numbers to predict (a regression) rather than classes. */
    public boolean regression() { return train.regression(); }
}
