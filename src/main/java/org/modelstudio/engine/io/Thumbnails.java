package org.modelstudio.engine.io;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.graph.Shape;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Pictures of prepared examples: an image example (channel-major values in [0,1], grey or RGB) as a
 * {@link BufferedImage}, a PNG or a {@code data:} URI for a self-contained report, and an occlusion heatmap laid over it.
 */
public final class Thumbnails {

    private Thumbnails() {}

    /** Example {@code index} of {@code data} as a PNG data URI; null when the data are not grey or RGB images. */
    public static String dataUri(ExampleSource data, int index) {
        if (!isPicture(data.exampleShape())) return null;
        float[] values = new float[Math.toIntExact(data.exampleShape().size())];
        data.read(index, values);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(image(values, data.exampleShape())));
    }

    /** Whether {@link #image} can draw examples of this shape. */
    public static boolean isPicture(Shape shape) {
        return shape instanceof Shape.Image img && (img.channels() == 1 || img.channels() == 3);
    }

    /** A grey or RGB image from channel-major values in [0,1] (values outside are clamped). */
    public static BufferedImage image(float[] values, Shape shape) {
        if (!isPicture(shape)) throw new IllegalArgumentException("only grey or RGB images can be drawn, not " + shape + " inputs");
        Shape.Image img = (Shape.Image) shape;
        if (values.length != img.size()) throw new IllegalArgumentException(img + " images have " + img.size() + " values, not " + values.length);
        int w = img.width();
        int h = img.height();
        int plane = w * h;
        BufferedImage out = new BufferedImage(w, h, img.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (img.channels() == 1) {
                    out.getRaster().setSample(x, y, 0, byteOf(values[p]));
                } else {
                    out.setRGB(x, y, (byteOf(values[p]) << 16) | (byteOf(values[plane + p]) << 8) | byteOf(values[2 * plane + p]));
                }
            }
        }
        return out;
    }

    /**
     * The example in grey with the heatmap over it (transparent where 0, through red to yellow where 1), each pixel
     * drawn {@code scale} × {@code scale} so that small inputs can be seen.
     */
    public static BufferedImage overlay(float[] values, Shape shape, Heatmap heatmap, int scale) {
        if (!isPicture(shape)) throw new IllegalArgumentException("only grey or RGB images can be drawn, not " + shape + " inputs");
        Shape.Image img = (Shape.Image) shape;
        int w = img.width();
        int h = img.height();
        if (values.length != img.size()) throw new IllegalArgumentException(img + " images have " + img.size() + " values, not " + values.length);
        if (heatmap.width() != w || heatmap.height() != h) {
            throw new IllegalArgumentException("a " + heatmap.width() + "×" + heatmap.height() + " heatmap does not fit a " + w + "×" + h + " image");
        }
        int plane = w * h;
        int s = Math.max(1, scale);
        BufferedImage out = new BufferedImage(w * s, h * s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                // From the values, not from a grey BufferedImage: getRGB() would brighten grey through a colour conversion.
                double grey = img.channels() == 1 ? values[p] : 0.299 * values[p] + 0.587 * values[plane + p] + 0.114 * values[2 * plane + p];
                double v = Math.max(0, Math.min(1, heatmap.value(x, y)));
                double alpha = 0.75 * v;
                double r = (1 - alpha) * grey + alpha;
                double g = (1 - alpha) * grey + alpha * v;
                double b = (1 - alpha) * grey;
                int colour = (byteOf(r) << 16) | (byteOf(g) << 8) | byteOf(b);
                for (int dy = 0; dy < s; dy++) for (int dx = 0; dx < s; dx++) out.setRGB(x * s + dx, y * s + dy, colour);
            }
        }
        return out;
    }

    /** The image encoded as PNG. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // writing to memory does not fail
        }
        return bytes.toByteArray();
    }

    private static int byteOf(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
