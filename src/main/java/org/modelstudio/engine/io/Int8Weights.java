package org.modelstudio.engine.io;

/**
 * Weights as 8-bit integers with one scale per output channel, symmetric: a channel's weights w become
 * q = round(w / s), s = max|w| / 127, so q runs from −127 to 127 and w is given back as q·s, off by at most s/2.
 * Zero stays exactly zero (no zero point). A channel of zeros has the scale 0.
 *
 * @param scales one per channel: the size of {@code axis} in the weights' shape
 * @param values the integers in row-major order of the weights' shape
 */
public record Int8Weights(float[] scales, byte[] values) {

    /**
     * {@code weights} (row-major, of {@code shape}) quantized with one scale per index of {@code axis}; the weights must
     * be finite.
     */
    public static Int8Weights quantize(float[] weights, long[] shape, int axis) {
        int channels = Math.toIntExact(shape[axis]);
        long inner = inner(shape, axis);
        float[] scales = new float[channels];
        for (int i = 0; i < weights.length; i++) {
            int c = channel(i, inner, channels);
            scales[c] = Math.max(scales[c], Math.abs(weights[i]));
        }
        for (int c = 0; c < channels; c++) scales[c] /= 127f;
        byte[] q = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            float s = scales[channel(i, inner, channels)];
            q[i] = s == 0 ? 0 : (byte) Math.max(-127, Math.min(127, Math.round(weights[i] / s)));
        }
        return new Int8Weights(scales, q);
    }

    /** The weights these integers stand for, q·s, in row-major order of {@code shape}. */
    public float[] dequantize(long[] shape, int axis) {
        int channels = scales.length;
        long inner = inner(shape, axis);
        float[] w = new float[values.length];
        for (int i = 0; i < w.length; i++) w[i] = values[i] * scales[channel(i, inner, channels)];
        return w;
    }

    /** The channel of the {@code i}-th value in row-major order. */
    private static int channel(int i, long inner, int channels) {
        return (int) ((i / inner) % channels);
    }

    /** How many values one step along {@code axis} spans: the product of the later dimensions. */
    private static long inner(long[] shape, int axis) {
        long n = 1;
        for (int d = axis + 1; d < shape.length; d++) n *= shape[d];
        return n;
    }
}
