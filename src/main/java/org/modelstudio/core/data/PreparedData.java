package org.modelstudio.core.data;

import java.util.List;

/**
 * Raw data made ready for a network: the training examples, the validation examples (null when none are held back),
 * the preparation fitted on the training examples only, and warnings worth showing (empty cells filled, empty texts
 * skipped, categories only the validation rows have).
 */
public record PreparedData(LabeledData train, LabeledData validation, InputPreparation preparation, List<String> warnings) {
    public PreparedData { warnings = List.copyOf(warnings); }
}
