package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.engine.InputRejectedException;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns an image file into a network input: decoded, converted to grey or RGB (transparent pixels over
 * black, like the training images' background), resized to the model's size by area averaging, scaled to
 * [0,1], channel-major. The same code prepares training folders and dropped files, so they always match.
 */
public final class ImageDecoder {

    public static final String SUPPORTED = "PNG, JPEG, BMP and GIF";

    private ImageDecoder() {}

    public static float[] decode(Path file, ImagePreprocessing prep) throws InputRejectedException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) throw new InputRejectedException(name, Texts.get("engine.image.missing"));
        if (Files.isDirectory(file)) throw new InputRejectedException(name, Texts.get("engine.image.folder"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputRejectedException(name, Texts.get("engine.image.unreadable", e.getMessage()));
        }
        return decode(name, bytes, prep);
    }

    public static float[] decode(String name, byte[] bytes, ImagePreprocessing prep) throws InputRejectedException {
        if (bytes.length == 0) throw new InputRejectedException(name, Texts.get("engine.image.empty"));
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InputRejectedException(name, Texts.get("engine.image.damaged", describe(e)));
        }
        if (image == null) {
            String kind = sniff(bytes);
            throw new InputRejectedException(name, kind != null
                    ? Texts.get("engine.image.cut-short", kind)
                    : Texts.get(looksLikeText(bytes) ? "engine.image.text-not-image" : "engine.image.not-image", Texts.get("engine.image.supported")));
        }
        if (image.getWidth() < 1 || image.getHeight() < 1) throw new InputRejectedException(name, Texts.get("engine.image.no-pixels"));
        float[][] planes = toPlanes(image, prep.channels());
        return resize(planes, image.getWidth(), image.getHeight(), prep.width(), prep.height());
    }

    /** Pixel planes in [0,1], one per output channel, at the image's own size. */
    static float[][] toPlanes(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] planes = new float[channels][w * h];
        ColorModel cm = image.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            // Grey (8/16-bit, with or without alpha): read samples directly, for every channel count. getRGB()
            // would pass them through Java's linear-grey → sRGB conversion and brighten them (0.2 → 0.49).
            Raster r = image.getRaster();
            float max = (float) ((1L << cm.getComponentSize(0)) - 1);
            boolean alpha = cm.hasAlpha() && !cm.isAlphaPremultiplied();
            float alphaMax = cm.hasAlpha() ? (float) ((1L << cm.getComponentSize(1)) - 1) : 1f;
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                float v = r.getSample(x, y, 0) / max;
                if (alpha) v *= r.getSample(x, y, 1) / alphaMax;
                for (float[] plane : planes) plane[y * w + x] = v;
            }
            return planes;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                float a = ((argb >>> 24) & 0xff) / 255f;
                float r = ((argb >> 16) & 0xff) / 255f * a;
                float g = ((argb >> 8) & 0xff) / 255f * a;
                float b = (argb & 0xff) / 255f * a;
                int p = y * w + x;
                if (channels == 1) {
                    planes[0][p] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    planes[0][p] = r;
                    planes[1][p] = g;
                    planes[2][p] = b;
                }
            }
        }
        return planes;
    }

    /** Area-average resampling (exact copy when the size already matches). Output is channel-major. */
    static float[] resize(float[][] planes, int sw, int sh, int tw, int th) {
        float[] out = new float[planes.length * tw * th];
        double sx = (double) sw / tw;
        double sy = (double) sh / th;
        for (int c = 0; c < planes.length; c++) {
            float[] src = planes[c];
            int base = c * tw * th;
            for (int y = 0; y < th; y++) {
                double y0 = y * sy;
                double y1 = y0 + sy;
                for (int x = 0; x < tw; x++) {
                    double x0 = x * sx;
                    double x1 = x0 + sx;
                    out[base + y * tw + x] = (float) area(src, sw, sh, x0, x1, y0, y1);
                }
            }
        }
        return out;
    }

    private static double area(float[] src, int sw, int sh, double x0, double x1, double y0, double y1) {
        if (x1 - x0 <= 1 && y1 - y0 <= 1) {
            // Upscaling or same size: sample the nearest source pixel under the centre.
            int x = Math.min(sw - 1, (int) ((x0 + x1) / 2));
            int y = Math.min(sh - 1, (int) ((y0 + y1) / 2));
            return src[y * sw + x];
        }
        double sum = 0;
        double weight = 0;
        for (int y = (int) y0; y < Math.min(sh, Math.ceil(y1)); y++) {
            double wy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) x0; x < Math.min(sw, Math.ceil(x1)); x++) {
                double wx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += src[y * sw + x] * wx * wy;
                weight += wx * wy;
            }
        }
        return weight == 0 ? 0 : sum / weight;
    }

    private static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "a PNG image";
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) return "a JPEG image";
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') return "a GIF image";
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') return "a BMP image";
        return null;
    }

    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 512);
        String s = new String(b, 0, n, StandardCharsets.UTF_8);
        return s.chars().allMatch(ch -> ch == '\n' || ch == '\r' || ch == '\t' || (ch >= 32 && ch != 0xfffd));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT).startsWith("java") ? e.getClass().getSimpleName() : m;
    }

    /** File extensions the studio offers to read as images. */
    public static boolean hasImageExtension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }
}
