package org.modelstudio.server;

import java.util.List;

/**
 * An Open Inference Protocol request as read from JSON: its id, its input tensors and the outputs asked for (empty:
 * all of them). A tensor's data is kept flat, as numbers or as strings, whatever nesting the client used.
 */
record InferRequest(String id, List<Tensor> inputs, List<String> outputs) {

    /**
     * @param numbers the values of a numeric tensor, flattened (null for BYTES data)
     * @param strings the elements of a BYTES tensor (null for numeric data)
     */
    record Tensor(String name, String datatype, long[] shape, float[] numbers, List<String> strings) {
        /** The number of elements the data holds. */
        int count() { return numbers != null ? numbers.length : strings.size(); }

        /** The product of the shape's dimensions. */
        long elements() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }
}
