package org.modelstudio.ui.inference;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one prediction was made from, kept with its result so that the detail pane (and later an explanation of the
 * prediction) can show it in full: an image file, a text, or a table row's values by column.
 */
public sealed interface PredictionInput permits PredictionInput.ImageFile, PredictionInput.Text, PredictionInput.Row {

    /** A short form for a list cell or a table: the text's start, the row's values. */
    String snippet();

    record ImageFile(Path file) implements PredictionInput {
        @Override public String snippet() { return file.getFileName().toString(); }
    }

    record Text(String text) implements PredictionInput {
        @Override public String snippet() {
            String oneLine = text.strip().replaceAll("\\s+", " ");
            return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 119) + "…";
        }
    }

    /** The values by column name, in the model's column order. */
    record Row(Map<String, String> values) implements PredictionInput {
        public Row { values = Collections.unmodifiableMap(new LinkedHashMap<>(values)); }

        @Override public String snippet() { return String.join(", ", values.values()); }
    }
}
