package org.modelstudio.engine.io;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.graph.Shape;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prepared examples drawn back as pictures: the PNG in a data URI decodes to the example's own pixels. */
class ThumbnailsTest {

    @Test void greyAndRgbExamplesBecomePngDataUrisOfTheirPixels() throws Exception {
        // 2 high × 3 wide, channel-major: all of red, then green, then blue.
        float[] rgb = {1, 0, 0, 0.5f, 0.2f, 0,   0, 1, 0, 0.5f, 0.4f, 0,   0, 0, 1, 0.5f, 0.6f, 0};
        float[] grey = {0, 0.25f, 0.5f, 0.75f, 1, 0.1f};
        LabeledData data = new LabeledData(new Shape.Image(2, 3, 3), List.of("x"), new float[][] {rgb}, new int[] {0});
        BufferedImage decoded = decode(Thumbnails.dataUri(data, 0));
        assertEquals(3, decoded.getWidth());
        assertEquals(2, decoded.getHeight());
        assertEquals(0xff0000, decoded.getRGB(0, 0) & 0xffffff);
        assertEquals(0x00ff00, decoded.getRGB(1, 0) & 0xffffff);
        assertEquals(0x0000ff, decoded.getRGB(2, 0) & 0xffffff);
        assertEquals((128 << 16) | (128 << 8) | 128, decoded.getRGB(0, 1) & 0xffffff);
        assertEquals((51 << 16) | (102 << 8) | 153, decoded.getRGB(1, 1) & 0xffffff);

        LabeledData greys = new LabeledData(new Shape.Image(2, 3, 1), List.of("x"), new float[][] {grey}, new int[] {0});
        BufferedImage g = decode(Thumbnails.dataUri(greys, 0));
        for (int p = 0; p < 6; p++) assertEquals(Math.round(grey[p] * 255), g.getRaster().getSample(p % 3, p / 3, 0), "pixel " + p);

        LabeledData vectors = new LabeledData(new Shape.Vector(6), List.of("x"), new float[][] {grey}, new int[] {0});
        assertNull(Thumbnails.dataUri(vectors, 0), "not a picture");
        assertThrows(IllegalArgumentException.class, () -> Thumbnails.image(grey, new Shape.Image(2, 2, 1)));
    }

    @Test void theOverlayColoursImportantPixelsAndLeavesTheRestGrey() {
        float[] grey = {0.5f, 0.5f, 0.5f, 0.5f};
        BufferedImage out = Thumbnails.overlay(grey, new Shape.Image(2, 2, 1), new Heatmap(2, 2, new float[] {0, 0, 0, 1}), 4);
        assertEquals(8, out.getWidth());
        int plain = out.getRGB(0, 0) & 0xffffff;
        assertEquals((128 << 16) | (128 << 8) | 128, plain, "no importance: the image as it is");
        int hot = out.getRGB(7, 7);
        int r = (hot >> 16) & 0xff;
        int b = hot & 0xff;
        assertTrue(r > 200 && b < 60, "the most important pixel is warm: " + Integer.toHexString(hot));
        assertEquals(hot, out.getRGB(4, 4), "each pixel drawn 4 × 4");
    }

    private static BufferedImage decode(String uri) throws Exception {
        assertTrue(uri.startsWith("data:image/png;base64,"), uri);
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))));
    }
}
