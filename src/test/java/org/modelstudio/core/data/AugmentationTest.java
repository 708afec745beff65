package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;
import org.modelstudio.core.graph.Shape;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {
    private static final Shape.Image SHAPE = new Shape.Image(8, 8, 1);

    @Test void noAugmentationLeavesTheImageAsItIs() {
        float[] bar = TestData.bar(0, new Random(1));
        assertArrayEquals(bar, Augmentation.NONE.apply(bar, SHAPE, new Random(2)), 1e-6f);
    }

    @Test void aFlipMirrorsTheImage() {
        float[] img = new float[64];
        img[3 * 8 + 1] = 1;                                      // one bright pixel at x=1, y=3
        Augmentation flipOnly = new Augmentation(0, 0, true, 0, 0, 0);
        float[] flipped = null;
        for (int seed = 0; flipped == null || flipped[3 * 8 + 1] == 1; seed++) flipped = flipOnly.apply(img, SHAPE, new Random(seed));
        assertEquals(1f, flipped[3 * 8 + 6], 1e-6f, "x=1 becomes x=6 in an 8-wide image");
        assertEquals(1f, sum(flipped), 1e-5f);
    }

    @Test void aShiftMovesThePictureAndBrightnessLightensIt() {
        float[] img = new float[64];
        img[4 * 8 + 4] = 0.5f;
        float[] shifted = new Augmentation(0, 0.25, false, 0, 0, 0).apply(img, SHAPE, new Random(7));
        assertFalse(Arrays.equals(img, shifted));
        float[] lighter = new Augmentation(0, 0, false, 0, 0.3, 0).apply(new float[64], SHAPE, new Random(3));
        assertTrue(lighter[0] == lighter[63], "brightness changes every pixel alike");
        assertTrue(Math.abs(lighter[0]) <= 0.3f + 1e-6f);
    }

    @Test void augmentedTrainingDataChangesPixelsEachReadButNeverLabels() {
        LabeledData bars = TestData.bars(30, 5);
        AugmentedSource augmented = new AugmentedSource(bars, Augmentation.TYPICAL, 11);
        assertEquals(bars.size(), augmented.size());
        float[] first = new float[64];
        float[] again = new float[64];
        int changed = 0;
        for (int i = 0; i < bars.size(); i++) {
            assertEquals(bars.label(i), augmented.label(i), "labels are never changed");
            augmented.read(i, first);
            augmented.read(i, again);
            if (!Arrays.equals(first, bars.features()[i])) changed++;
            assertFalse(Arrays.equals(first, again), "each read is a new variant");
            for (float v : first) assertTrue(v >= 0 && v <= 1);
        }
        assertEquals(bars.size(), changed);
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(200, 0, false, 0, 0, 0));
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) s += x;
        return s;
    }
}
