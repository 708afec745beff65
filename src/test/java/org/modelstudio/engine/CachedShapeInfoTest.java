package org.modelstudio.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The cached shape information is ND4J's own, made once per shape. */
class CachedShapeInfoTest {
    private static final long[][] SHAPES = {
        {7}, {1, 10}, {32, 784}, {32, 10}, {784, 128}, {32, 1, 28, 28}, {32, 16, 14, 14}, {3, 3, 1, 16},
        {32, 5, 20}, {2, 3, 4, 5, 6}, {1}, {1, 1}, {256, 1},
    };
    private static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE, DataType.INT, DataType.LONG, DataType.BOOL, DataType.HALF};

    @Test void theStudioAndItsTestsUseIt() {
        assertInstanceOf(CachedShapeInfo.class, Nd4j.getShapeInfoProvider());
    }

    @Test void everyShapeOrderTypeAndStrideGivesNd4jsOwnBuffer() {
        CachedShapeInfo cached = new CachedShapeInfo();
        int compared = 0;
        for (long[] shape : SHAPES) {
            for (char order : new char[] {'c', 'f'}) {
                long[] stride = order == 'c' ? Nd4j.getStrides(shape, 'c') : Nd4j.getStrides(shape, 'f');
                for (long ews : new long[] {1, 0, 2}) {
                    for (DataType type : TYPES) {
                        DataBuffer nd4j = Shape.createShapeInformation(shape, stride, ews, order, type, false);
                        Pair<DataBuffer, long[]> ours = cached.createShapeInformation(shape, stride, ews, order, type, false);
                        String what = Arrays.toString(shape) + " " + order + " ews " + ews + " " + type;
                        assertArrayEquals(nd4j.asLong(), ours.getFirst().asLong(), what);
                        assertArrayEquals(nd4j.asLong(), ours.getSecond(), what);
                        assertSame(ours.getFirst(), cached.createShapeInformation(shape, stride, ews, order, type, false).getFirst(),
                                "made once: " + what);
                        compared++;
                    }
                }
            }
        }
        assertEquals(SHAPES.length * 2 * 3 * TYPES.length, compared);
    }

    @Test void emptyArraysKeepTheUncachedPath() {
        CachedShapeInfo cached = new CachedShapeInfo();
        for (long[] shape : new long[][] {{0}, {3, 0}, {0, 4, 5}, {2, 2}}) {
            long[] stride = Nd4j.getStrides(shape, 'c');
            DataBuffer nd4j = Shape.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, true);
            Pair<DataBuffer, long[]> ours = cached.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, true);
            assertArrayEquals(nd4j.asLong(), ours.getFirst().asLong(), Arrays.toString(shape));
            assertNotSame(ours.getFirst(), cached.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, true).getFirst());
        }
    }

    /** What the cache is for: a new array of a shape seen before makes no new shape buffer (ND4J's provider made one each time). */
    @Test void newArraysOfOneShapeShareTheirShapeBuffer() {
        INDArray a = Nd4j.create(DataType.FLOAT, 32, 10);
        INDArray b = Nd4j.createUninitialized(DataType.FLOAT, new long[] {32, 10}, 'c');
        INDArray c = a.add(b);
        assertSame(a.shapeInfoDataBuffer(), b.shapeInfoDataBuffer());
        assertSame(a.shapeInfoDataBuffer(), c.shapeInfoDataBuffer());
        assertEquals(Shape.createShapeInformation(new long[] {32, 10}, new long[] {10, 1}, 1, 'c', DataType.FLOAT, false).asLong().length,
                a.shapeInfoDataBuffer().asLong().length);
    }
}
