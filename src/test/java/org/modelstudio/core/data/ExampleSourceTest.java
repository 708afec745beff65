package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.graph.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sources that read their examples when asked: IDX files on disk and generated images. */
class ExampleSourceTest {

    @Test void anIdxFileReadsTheSameImagesAsTheShippedSample(@TempDir Path dir) throws IOException {
        LabeledData test = SampleData.fashionMnistTest();
        try (IdxImageFile file = SampleData.fashionMnistTestOnDisk(dir)) {
            assertEquals(new Shape.Image(28, 28, 1), file.exampleShape());
            assertEquals(SampleData.FASHION_CLASSES, file.classes());
            assertEquals(test.size(), file.size());
            assertEquals(16 + 784L * test.size(), Files.size(file.imagesFile()), "uncompressed");
            float[] x = new float[784];
            for (int i : new int[] {0, 1, 999, test.size() - 1}) {
                file.read(i, x);
                assertArrayEquals(test.features()[i], x, "image " + i);
                assertEquals(test.labels()[i], file.label(i));
            }
            assertArrayEquals(test.classCounts(), file.classCounts());
            assertTrue(file.describe(7).contains("image 7") && file.describe(7).contains("test-images-idx3-ubyte"), file.describe(7));
        }
    }

    @Test void idxFilesRoundTripAndDamagedOnesAreRefused(@TempDir Path dir) throws IOException {
        GeneratedImages generated = new GeneratedImages(50, 3);
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        IdxImageFile.write(generated, images, labels);
        float[] expected = new float[784];
        float[] actual = new float[784];
        try (IdxImageFile file = IdxImageFile.open(images, labels, null)) {
            assertEquals(50, file.size());
            for (int i = 0; i < 50; i++) {
                generated.read(i, expected);
                file.read(i, actual);
                assertArrayEquals(expected, actual, 0.5f / 255 + 1e-6f, "stored as bytes");
                assertEquals(generated.label(i), file.label(i));
            }
        }
        // The image file cut short: refused when opened, naming the sizes.
        Files.write(images, Arrays.copyOf(Files.readAllBytes(images), 16 + 784 * 49));
        IOException shortFile = assertThrows(IOException.class, () -> IdxImageFile.open(images, labels, null));
        assertTrue(shortFile.getMessage().contains("too short for 50 images"), shortFile.getMessage());
        // A file whose images disappear after opening: the read fails with the reason.
        IdxImageFile.write(generated, images, labels);
        IdxImageFile file = IdxImageFile.open(images, labels, null);
        file.close();
        assertThrows(UncheckedIOException.class, () -> file.read(3, actual));
    }

    @Test void generatedImagesAreTheSameOnEveryReadAndTheClassesAreBalanced() {
        GeneratedImages a = new GeneratedImages(50_000, 11);
        GeneratedImages b = new GeneratedImages(50_000, 11);
        float[] x = new float[784];
        float[] y = new float[784];
        a.read(12_345, x);
        b.read(12_345, y);
        assertArrayEquals(x, y, "made from (seed, index)");
        a.read(12_346, y);
        assertFalse(Arrays.equals(x, y));
        assertFalse(Arrays.equals(x, readOf(new GeneratedImages(50_000, 12), 12_345)), "another seed, other images");
        int[] counts = a.classCounts();
        for (int c : counts) assertEquals(5_000, c, 300, Arrays.toString(counts));
        for (float v : x) assertTrue(v >= 0 && v <= 1);
    }

    private static float[] readOf(ExampleSource s, int i) {
        float[] x = new float[784];
        s.read(i, x);
        return x;
    }
}
