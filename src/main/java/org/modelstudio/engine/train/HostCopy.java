package org.modelstudio.engine.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Reads a small matrix out of native memory into a Java array, row-major, with one bulk copy when it can. Every
 * native op ND4J runs has a fixed cost of tens of microseconds (its shape information and op context are made and freed
 * each time), so arithmetic on a few thousand values is cheaper in Java than in half a dozen ops.
 */
final class HostCopy {
    private HostCopy() {}

    /**
     * The rows × cols values of {@code a} (rank 2, or a vector when rows is 1) into {@code into}, row-major; returns
     * {@code into}, or a new array if it is too small.
     */
    static float[] rowMajor(INDArray a, int rows, int cols, float[] into) {
        int n = rows * cols;
        float[] out = into != null && into.length >= n ? into : new float[n];
        if (a.length() != n) throw new IllegalArgumentException("expected " + rows + "×" + cols + " values, not " + a.length());
        boolean matrix = a.rank() == 2 && a.size(0) == rows && a.size(1) == cols;
        if (a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && (matrix || rows == 1 || cols == 1)) {
            FloatBuffer buffer = a.data().asNioFloat();
            if (a.offset() + n <= buffer.capacity()) {
                int offset = (int) a.offset();
                if (!matrix || rows == 1 || cols == 1 || a.ordering() == 'c') {
                    buffer.get(offset, out, 0, n);
                } else {
                    // Column-major ('f', as DL4J lays out most layer outputs and weights): transpose while reading.
                    for (int c = 0; c < cols; c++) {
                        for (int r = 0; r < rows; r++) out[r * cols + c] = buffer.get(offset + c * rows + r);
                    }
                }
                return out;
            }
        }
        float[] copy = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        System.arraycopy(copy, 0, out, 0, n);
        return out;
    }
}
