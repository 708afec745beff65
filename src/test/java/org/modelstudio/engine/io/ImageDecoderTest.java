package org.modelstudio.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.engine.InputRejectedException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image files become network inputs exactly as documented; files that are not images are refused with a reason. */
class ImageDecoderTest {
    private static final float EPS = 1e-6f;

    private static final int RED = 0xffff0000;
    private static final int GREEN = 0xff00ff00;
    private static final int BLUE = 0xff0000ff;
    private static final int WHITE = 0xffffffff;
    private static final int BLACK = 0xff000000;

    @Test void greyPngDecodesToItsPixelValues(@TempDir Path dir) throws Exception {
        // 5 wide, 3 high, so that swapping rows and columns would show.
        int w = 5;
        int h = 3;
        int[] levels = {0, 1, 17, 64, 100, 127, 128, 200, 254, 255, 3, 33, 77, 222, 9};
        float[] pixels = new float[w * h];
        for (int i = 0; i < pixels.length; i++) pixels[i] = levels[i] / 255f;
        Path png = dir.resolve("grey.png");
        TestData.writeGreyPng(pixels, w, h, png);

        float[] decoded = ImageDecoder.decode(png, new ImagePreprocessing(h, w, 1));
        float[] expected = new float[w * h];
        for (int i = 0; i < expected.length; i++) expected[i] = levels[i] / 255f;
        assertArrayEquals(expected, decoded, "row-major, value/255, no tolerance");
    }

    @Test void rgbPngToOneChannelGivesLuminance(@TempDir Path dir) throws Exception {
        Path png = writeRgb(dir.resolve("rgb.png"), "png", 5, 1, RED, GREEN, BLUE, WHITE, BLACK);
        float[] grey = ImageDecoder.decode(png, new ImagePreprocessing(1, 5, 1));
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f, 1f, 0f}, grey, EPS);
    }

    @Test void rgbPngToThreeChannelsGivesChannelMajorPlanes(@TempDir Path dir) throws Exception {
        // 2×2: red, green / blue, white.
        Path png = writeRgb(dir.resolve("rgb.png"), "png", 2, 2, RED, GREEN, BLUE, WHITE);
        float[] planes = ImageDecoder.decode(png, new ImagePreprocessing(2, 2, 3));
        assertArrayEquals(new float[] {
                1, 0, 0, 1,   // red plane
                0, 1, 0, 1,   // green plane
                0, 0, 1, 1},  // blue plane
                planes, EPS);
    }

    /** An RGB model given a grey PNG sees the grey level in all three channels, not a gamma-brightened one. */
    @Test void greyPngAsThreeChannelsRepeatsTheGreyValue(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("grey.png");
        TestData.writeGreyPng(new float[] {0f, 51 / 255f, 102 / 255f, 1f}, 2, 2, png);
        float[] planes = ImageDecoder.decode(png, new ImagePreprocessing(2, 2, 3));
        float[] one = {0f, 51 / 255f, 102 / 255f, 1f};
        float[] expected = new float[12];
        for (int c = 0; c < 3; c++) System.arraycopy(one, 0, expected, c * 4, 4);
        assertArrayEquals(expected, planes, EPS);
    }

    @Test void greyPngWithAlphaKeepsItsGreyLevels(@TempDir Path dir) throws Exception {
        // An 8-bit grey+alpha PNG (colour type 4): levels 51, 200, 255-but-invisible, 102-half-transparent.
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 1);
        int[][] greyAlpha = {{51, 255}, {200, 255}, {255, 0}, {102, 128}};
        for (int x = 0; x < 4; x++) raster.setPixel(x, 0, greyAlpha[x]);
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        Path png = dir.resolve("grey-alpha.png");
        assertTrue(ImageIO.write(img, "png", png.toFile()));

        float[] expected = {51 / 255f, 200 / 255f, 0f, 102 / 255f * 128 / 255f};
        assertArrayEquals(expected, ImageDecoder.decode(png, new ImagePreprocessing(1, 4, 1)), 1e-5f);
        float[] rgb = ImageDecoder.decode(png, new ImagePreprocessing(1, 4, 3));
        for (int c = 0; c < 3; c++) assertArrayEquals(expected, Arrays.copyOfRange(rgb, c * 4, c * 4 + 4), 1e-5f, "channel " + c);
    }

    @Test void sixteenBitGreyPng(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] levels = {0, 13107, 65535};   // 0, 0.2, 1
        for (int x = 0; x < 3; x++) img.getRaster().setSample(x, 0, 0, levels[x]);
        Path png = dir.resolve("deep.png");
        assertTrue(ImageIO.write(img, "png", png.toFile()));

        float[] expected = {0f, 0.2f, 1f};
        assertArrayEquals(expected, ImageDecoder.decode(png, new ImagePreprocessing(1, 3, 1)), 1e-6f);
        float[] rgb = ImageDecoder.decode(png, new ImagePreprocessing(1, 3, 3));
        for (int c = 0; c < 3; c++) assertArrayEquals(expected, Arrays.copyOfRange(rgb, c * 3, c * 3 + 3), 1e-6f, "channel " + c);
    }

    @Test void downscalingAveragesBlocks(@TempDir Path dir) throws Exception {
        int[] level = new int[256];
        float[] pixels = new float[256];
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) {
            level[y * 16 + x] = (x * 37 + y * 91 + x * y * 5) % 256;
            pixels[y * 16 + x] = level[y * 16 + x] / 255f;
        }
        Path png = dir.resolve("big.png");
        TestData.writeGreyPng(pixels, 16, 16, png);

        float[] small = ImageDecoder.decode(png, new ImagePreprocessing(8, 8, 1));
        assertEquals(64, small.length);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) {
            int sum = level[(2 * y) * 16 + 2 * x] + level[(2 * y) * 16 + 2 * x + 1]
                    + level[(2 * y + 1) * 16 + 2 * x] + level[(2 * y + 1) * 16 + 2 * x + 1];
            assertEquals(sum / 4.0 / 255.0, small[y * 8 + x], EPS, "block " + x + "," + y);
        }
    }

    @Test void nonSquareResizeKeepsRowsAndColumnsApart(@TempDir Path dir) throws Exception {
        // 4 wide × 2 high, left half white; to 2×1 (w×h): left white, right black.
        float[] pixels = {1, 1, 0, 0, 1, 1, 0, 0};
        Path png = dir.resolve("wide.png");
        TestData.writeGreyPng(pixels, 4, 2, png);
        assertArrayEquals(new float[] {1f, 0f}, ImageDecoder.decode(png, new ImagePreprocessing(1, 2, 1)), EPS);
    }

    @Test void transparentPixelsCompositeOverBlack(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00ffffff);   // invisible white
        img.setRGB(1, 0, 0x80ffffff);   // half-transparent white (alpha 128)
        img.setRGB(2, 0, WHITE);
        img.setRGB(3, 0, 0x00ff0000);   // invisible red
        Path png = dir.resolve("alpha.png");
        assertTrue(ImageIO.write(img, "png", png.toFile()));

        float[] grey = ImageDecoder.decode(png, new ImagePreprocessing(1, 4, 1));
        assertArrayEquals(new float[] {0f, 128 / 255f, 1f, 0f}, grey, 1e-5f);

        float[] rgb = ImageDecoder.decode(png, new ImagePreprocessing(1, 4, 3));
        float half = 128 / 255f;
        assertArrayEquals(new float[] {0, half, 1, 0, 0, half, 1, 0, 0, half, 1, 0}, rgb, 1e-5f);
    }

    @Test void jpegDecodesApproximately(@TempDir Path dir) throws Exception {
        // 16×16, left half dark grey (51 = 0.2), right half light grey (204 = 0.8); edges on JPEG block lines.
        int dark = 0xff333333;
        int light = 0xffcccccc;
        int[] px = new int[256];
        for (int i = 0; i < 256; i++) px[i] = (i % 16) < 8 ? dark : light;
        Path jpg = writeRgb(dir.resolve("photo.jpg"), "jpg", 16, 16, px);

        float[] v = ImageDecoder.decode(jpg, new ImagePreprocessing(16, 16, 1));
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) {
            assertEquals(x < 8 ? 0.2f : 0.8f, v[y * 16 + x], 0.06f, "pixel " + x + "," + y);
        }
        float[] rgb = ImageDecoder.decode(jpg, new ImagePreprocessing(2, 2, 3));
        for (int c = 0; c < 3; c++) {
            assertEquals(0.2f, rgb[c * 4], 0.06f);
            assertEquals(0.8f, rgb[c * 4 + 1], 0.06f);
        }
    }

    // ------------------------------------------------------------------ refusals

    private static final ImagePreprocessing PREP = new ImagePreprocessing(8, 8, 1);

    private static InputRejectedException refused(Path file) {
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> ImageDecoder.decode(file, PREP));
        assertEquals(file.getFileName().toString(), e.file());
        assertEquals(e.file() + ": " + e.reason(), e.getMessage());
        assertFalse(e.reason().contains("Exception"), "no Java class names for the user: " + e.reason());
        return e;
    }

    private static void assertMentions(String reason, String... words) {
        for (String w : words) assertTrue(reason.toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT)), "\"" + w + "\" in: " + reason);
    }

    /** A CMYK JPEG (as print workflows save them; made with ImageMagick): red rows over blue rows, read in colour. */
    @Test void cmykJpegDecodesToItsColours() throws Exception {
        Path file = Path.of(getClass().getResource("/images/red-over-blue-cmyk.jpg").toURI());
        float[] rgb = ImageDecoder.decode(file, new ImagePreprocessing(16, 16, 3));
        int plane = 16 * 16;
        int top = 2 * 16 + 8;
        int bottom = 13 * 16 + 8;
        assertEquals(1f, rgb[top], 0.1f, "red on top");
        assertEquals(0f, rgb[2 * plane + top], 0.1f);
        assertEquals(0f, rgb[bottom], 0.1f, "blue below");
        assertEquals(1f, rgb[2 * plane + bottom], 0.1f);
    }

    /** An animated GIF: its first frame is used (black here), never a blend or the last frame (white). */
    @Test void animatedGifUsesItsFirstFrame(@TempDir Path dir) throws Exception {
        Path file = writeAnimatedGif(dir.resolve("blink.gif"), 0xff000000, 0xffffffff, 0xffffffff);
        float[] grey = ImageDecoder.decode(file, new ImagePreprocessing(4, 4, 1));
        for (float v : grey) assertEquals(0f, v, EPS);
    }

    static Path writeAnimatedGif(Path file, int... frameColours) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int colour : frameColours) {
                BufferedImage frame = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) frame.setRGB(x, y, colour);
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }

    @Test void zeroByteFile(@TempDir Path dir) throws Exception {
        assertMentions(refused(Files.createFile(dir.resolve("nothing.png"))).reason(), "empty");
    }

    @Test void textFileNamedPng(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("readme.png"), "Hello, this is not a picture.\nSecond line.\n");
        String reason = refused(f).reason();
        assertMentions(reason, "not an image", "looks like text", "PNG");
    }

    @Test void binaryNonImageDoesNotClaimToBeText(@TempDir Path dir) throws Exception {
        byte[] b = new byte[300];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7 + 1);
        String reason = refused(Files.write(dir.resolve("blob.png"), b)).reason();
        assertMentions(reason, "not an image");
        assertFalse(reason.contains("text"), reason);
    }

    @Test void truncatedPng(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.png");
        TestData.writeGreyPng(TestData.bar(0, new Random(1)), 8, 8, whole);
        byte[] bytes = Files.readAllBytes(whole);
        assertTrue(bytes.length > 60);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, 30));
        String reason = refused(cut).reason();
        assertTrue(reason.contains("damaged") || reason.contains("cut short") || reason.contains("cannot be decoded"), reason);

        // Cut in the middle of the image data rather than the header.
        Path half = Files.write(dir.resolve("half.png"), Arrays.copyOf(bytes, bytes.length / 2));
        String r2 = refused(half).reason();
        assertTrue(r2.contains("damaged") || r2.contains("cut short") || r2.contains("cannot be decoded"), r2);
    }

    @Test void folder(@TempDir Path dir) throws Exception {
        assertMentions(refused(Files.createDirectory(dir.resolve("pics.png"))).reason(), "folder");
    }

    @Test void missingFile(@TempDir Path dir) {
        assertMentions(refused(dir.resolve("gone.png")).reason(), "does not exist");
    }

    @Test void imageExtensions() {
        assertTrue(ImageDecoder.hasImageExtension(Path.of("a/B.PNG")));
        assertTrue(ImageDecoder.hasImageExtension(Path.of("photo.jpeg")));
        assertFalse(ImageDecoder.hasImageExtension(Path.of("notes.txt")));
        assertFalse(ImageDecoder.hasImageExtension(Path.of("png")));
    }

    private static Path writeRgb(Path file, String format, int w, int h, int... argb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, argb[y * w + x]);
        assertTrue(ImageIO.write(img, format, file.toFile()), "a " + format + " writer exists");
        return file;
    }
}
