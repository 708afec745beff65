package org.modelstudio.engine.io;

/**
 * IEEE 754 half floats (binary16), as fp16 model files and ONNX float16 tensors hold them: 1 sign bit, 5 exponent
 * bits, 10 fraction bits; the largest finite value is 65,504. Java 17 has no conversion of its own
 * ({@code Float.floatToFloat16} came in Java 20).
 */
public final class HalfFloats {
    /** The largest finite half float. */
    public static final float MAX = 65504f;

    private HalfFloats() {}

    /** The half float nearest {@code f} (ties to even, as IEEE 754 rounds); beyond ±65,504 (after rounding) it is ±infinity. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7fffffff;
        if (magnitude >= 0x7f800000) return (short) (sign | 0x7c00 | (magnitude > 0x7f800000 ? 0x200 : 0)); // infinity, NaN
        if (magnitude >= 0x477ff000) return (short) (sign | 0x7c00); // 65,520 and above round to infinity
        if (magnitude < 0x38800000) {
            // Below 2^-14: a subnormal half, a multiple of 2^-24 (the product is exact; rint rounds ties to even).
            int m = (int) Math.rint(Float.intBitsToFloat(magnitude) * 0x1p24f);
            return (short) (sign | m);
        }
        int half = ((((magnitude >>> 23) - 127 + 15) << 10) | ((magnitude & 0x7fffff) >>> 13));
        int dropped = magnitude & 0x1fff;
        if (dropped > 0x1000 || (dropped == 0x1000 && (half & 1) == 1)) half++; // a carry moves into the exponent, as it should
        return (short) (sign | half);
    }

    /** The float a half float stands for (exactly: every half float is a float). */
    public static float toFloat(short h) {
        int sign = h & 0x8000;
        int exponent = (h >>> 10) & 0x1f;
        int fraction = h & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = fraction * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = fraction == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (fraction << 13));
        }
        return sign == 0 ? magnitude : -magnitude;
    }
}
