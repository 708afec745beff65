package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random changes made to training images on the fly, so the network sees a slightly different picture each
 * epoch and learns what stays the same: rotation up to ±{@code rotationDegrees}, a shift up to
 * ±{@code shift} of the width and height, a horizontal flip half of the time, a zoom up to ±{@code zoom},
 * and brightness and contrast changes up to ±{@code brightness} and ±{@code contrast}. Validation, test and
 * prediction images are never changed. Images are channel-major planes with values in [0, 1].
 */
public record Augmentation(double rotationDegrees, double shift, boolean flipHorizontal, double zoom,
                           double brightness, double contrast) {

    public static final Augmentation NONE = new Augmentation(0, 0, false, 0, 0, 0);

    /** The example the seeds give: rotation 15°, shifts 0.1, horizontal flip. */
    public static final Augmentation TYPICAL = new Augmentation(15, 0.1, true, 0, 0, 0);

    public Augmentation {
        if (rotationDegrees < 0 || rotationDegrees > 180) throw new IllegalArgumentException("rotation must be 0 to 180 degrees, not " + rotationDegrees);
        if (shift < 0 || shift > 0.5) throw new IllegalArgumentException("shift must be 0 to 0.5 of the size, not " + shift);
        if (zoom < 0 || zoom > 0.5) throw new IllegalArgumentException("zoom must be 0 to 0.5, not " + zoom);
        if (brightness < 0 || brightness > 1) throw new IllegalArgumentException("brightness must be 0 to 1, not " + brightness);
        if (contrast < 0 || contrast > 1) throw new IllegalArgumentException("contrast must be 0 to 1, not " + contrast);
    }

    public boolean isNone() { return equals(NONE); }

    /** A changed copy of {@code pixels} (an image of {@code shape}); the original is left as it is. */
    public float[] apply(float[] pixels, Shape.Image shape, Random random) {
        int h = shape.height();
        int w = shape.width();
        double angle = Math.toRadians((random.nextDouble() * 2 - 1) * rotationDegrees);
        double dx = (random.nextDouble() * 2 - 1) * shift * w;
        double dy = (random.nextDouble() * 2 - 1) * shift * h;
        double scale = 1 + (random.nextDouble() * 2 - 1) * zoom;
        boolean flip = flipHorizontal && random.nextBoolean();
        double light = (random.nextDouble() * 2 - 1) * brightness;
        double gain = 1 + (random.nextDouble() * 2 - 1) * contrast;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] out = new float[pixels.length];
        int plane = w * h;
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Where this output pixel comes from: undo shift, rotation and zoom about the centre.
                    double ox = x - cx - dx;
                    double oy = y - cy - dy;
                    double sx = cos * ox + sin * oy + cx;
                    double sy = -sin * ox + cos * oy + cy;
                    if (flip) sx = w - 1 - sx;
                    double v = sample(pixels, base, w, h, sx, sy);
                    v = (v - 0.5) * gain + 0.5 + light;
                    out[base + y * w + x] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
        return out;
    }

    /** Bilinear sample; outside the image counts as 0 (black), as Keras' default constant fill. */
    private static double sample(float[] p, int base, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fx) * (1 - fy) * at(p, base, w, h, x0, y0) + fx * (1 - fy) * at(p, base, w, h, x0 + 1, y0)
                + (1 - fx) * fy * at(p, base, w, h, x0, y0 + 1) + fx * fy * at(p, base, w, h, x0 + 1, y0 + 1);
    }

    private static double at(float[] p, int base, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : p[base + y * w + x];
    }

    /** "rotation ±15°, shift ±10 %, horizontal flip". */
    public String describe() {
        if (isNone()) return Texts.get("core.augment.none");
        List<String> parts = new ArrayList<>();
        if (rotationDegrees > 0) parts.add(Texts.get("core.augment.rotation", Math.round(rotationDegrees)));
        if (shift > 0) parts.add(Texts.get("core.augment.shift", Math.round(100 * shift)));
        if (flipHorizontal) parts.add(Texts.get("core.augment.flip"));
        if (zoom > 0) parts.add(Texts.get("core.augment.zoom", Math.round(100 * zoom)));
        if (brightness > 0) parts.add(Texts.get("core.augment.brightness", Math.round(100 * brightness)));
        if (contrast > 0) parts.add(Texts.get("core.augment.contrast", Math.round(100 * contrast)));
        return String.join(Texts.get("core.list.separator"), parts);
    }
}
