package org.modelstudio.core.infer;

import java.util.List;

/**
 * What a model takes and gives, for a program calling it: its kind of raw input, the shape of one prepared example in
 * the network's own layout (the layout of its ONNX export: channels × height × width for an image, features for a
 * table, token ids for a text), its classes, and for a regression the name of the number it predicts.
 *
 * @param tensorShape  one example's shape, without the batch dimension
 * @param tokenIds     whether the prepared input is token ids (whole numbers, INT64 for a program) rather than values
 * @param labels       the classes, in output order; for a regression the one name of the quantity
 * @param columns      a table model's feature columns, in the order a row gives them; empty otherwise
 * @param preparation  how raw input becomes the tensor, in a sentence
 */
public record ModelSignature(Kind kind, List<Integer> tensorShape, boolean tokenIds, List<String> labels, boolean regression,
                             List<String> columns, String preparation) {

    /** The raw input a model reads. PREPARED: it was saved without a preparation and takes tensors only. */
    public enum Kind {
        IMAGE("images"), TEXT("texts"), TABLE("table rows"), PREPARED("prepared numbers only");

        private final String reads;

        Kind(String reads) { this.reads = reads; }

        /** "images", "table rows". */
        public String reads() { return reads; }
    }

    public ModelSignature {
        tensorShape = List.copyOf(tensorShape);
        labels = List.copyOf(labels);
        columns = List.copyOf(columns);
    }

    /** Values in one prepared example. */
    public int tensorSize() {
        int n = 1;
        for (int d : tensorShape) n *= d;
        return n;
    }

    /** The number of outputs per example: the classes, or 1 for a regression. */
    public int outputs() { return regression ? 1 : labels.size(); }

    /** "1×28×28", "4", "40". */
    public String describeShape() {
        return String.join("×", tensorShape.stream().map(String::valueOf).toList());
    }
}
