package org.modelstudio.core.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One raw input for a model, as a person or a program gives it: an image file or its bytes, a text, a table row, or
 * an already prepared example in the network's own layout. The model runtime prepares each kind exactly as training
 * did, so the Predict area, the command line and the server answer alike.
 */
public sealed interface ModelInput
        permits ModelInput.ImageFile, ModelInput.EncodedImage, ModelInput.Text, ModelInput.Row, ModelInput.NamedRow, ModelInput.Tensor {

    /** What the input is, for logs and refusals: "image", "text", "row", "tensor". */
    String kind();

    /** An image file on disk (PNG, JPEG, BMP, GIF). */
    record ImageFile(Path file) implements ModelInput {
        @Override public String kind() { return "image"; }
    }

    /** An encoded image file's bytes, named as the client named it (a file name, "image[2]"). */
    record EncodedImage(String name, byte[] bytes) implements ModelInput {
        @Override public String kind() { return "image"; }
    }

    record Text(String text) implements ModelInput {
        @Override public String kind() { return "text"; }
    }

    /** A table row's raw values in the order of the model's columns (the label column left out). */
    record Row(List<String> values) implements ModelInput {
        public Row { values = Collections.unmodifiableList(new ArrayList<>(values)); }

        @Override public String kind() { return "row"; }
    }

    /** A table row's raw values by column name (case-insensitive; a missing column is empty). */
    record NamedRow(Map<String, String> values) implements ModelInput {
        public NamedRow { values = Collections.unmodifiableMap(new LinkedHashMap<>(values)); }

        @Override public String kind() { return "row"; }
    }

    /**
     * One example already prepared, in the network's own input layout (see {@link ModelSignature#tensorShape()}): an
     * image channel-major with values 0..1, a table's standardised and one-hot features, a text's token ids.
     */
    record Tensor(float[] values) implements ModelInput {
        @Override public String kind() { return "tensor"; }
    }
}
