package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Views of a source by index: subsets, and seeded stratified splits that match {@link LabeledData#split}. */
class SplitsTest {

    @Test void splittingASourceGivesTheSamePartitionAsSplittingInMemory() {
        for (long seed : new long[] {1, 42, 7_000}) {
            LabeledData data = TestData.bars(301, seed);   // 3 classes, 101/100/100: rounding per class matters
            LabeledData.Split inMemory = data.split(0.2, seed);
            Splits.Split views = Splits.split(data, 0.2, seed);
            assertSameExamples(inMemory.first(), views.first());
            assertSameExamples(inMemory.second(), views.second());
            assertEquals(data.size(), views.first().size() + views.second().size());
            assertArrayEquals(inMemory.second().classCounts(), views.second().classCounts());
        }
        LabeledData fashion = SampleData.fashionMnistTrain();
        assertSameExamples(fashion.split(0.1, 42).second(), Splits.split(fashion, 0.1, 42).second());
    }

    /** The same examples (the same arrays, not equal copies) in the same order, with the same labels. */
    private static void assertSameExamples(LabeledData expected, ExampleSource actual) {
        assertEquals(expected.size(), actual.size());
        Subset view = (Subset) actual;
        LabeledData base = (LabeledData) view.base();
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.features()[i], base.features()[view.baseIndex(i)], "example " + i);
            assertEquals(expected.labels()[i], actual.label(i));
        }
    }

    @Test void aSubsetReadsThroughWithoutCopyingAndSubsetsOfSubsetsReferToTheBase() {
        LabeledData data = TestData.bars(30, 3);
        ExampleSource odd = data.subset(new int[] {29, 1, 3, 5});
        float[] x = new float[64];
        odd.read(0, x);
        assertArrayEquals(data.features()[29], x);
        assertEquals(data.labels()[29], odd.label(0));
        assertEquals("example 29 (counting from 0)", odd.describe(0), "messages name the example in the base");

        Subset inner = (Subset) odd.subset(new int[] {3, 0});
        assertSame(data, inner.base());
        assertEquals(5, inner.baseIndex(0));
        assertEquals(29, inner.baseIndex(1));
        assertThrows(IndexOutOfBoundsException.class, () -> data.subset(new int[] {30}));
    }
}
