package org.modelstudio.core.eval;

/**
 * How much each pixel of an input mattered to a prediction: {@code width × height} values, row by row, at the
 * input's resolution, in [0,1] (1 = most important, 0 = not at all).
 */
public record Heatmap(int width, int height, float[] values) {

    public Heatmap {
        if (width < 1 || height < 1) throw new IllegalArgumentException("a heatmap needs a positive size, not " + width + "×" + height);
        if (values.length != width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " heatmap needs " + width * height + " values, not " + values.length);
        }
        values = values.clone();
    }

    public float value(int x, int y) { return values[y * width + x]; }

    /** The mean over the rectangle {@code [x0, x1) × [y0, y1)}. */
    public double mean(int x0, int y0, int x1, int y1) {
        double sum = 0;
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) sum += value(x, y);
        int n = (x1 - x0) * (y1 - y0);
        return n <= 0 ? 0 : sum / n;
    }

    @Override public float[] values() { return values.clone(); }
}
