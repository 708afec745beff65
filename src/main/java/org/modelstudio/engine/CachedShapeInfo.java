package org.modelstudio.engine;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

/**
 * ND4J's CPU shape-information provider with its cache reaching every new array.
 *
 * <p>Every ND4J array carries a small shape buffer (rank, shape, strides, data type). ND4J 1.0.0-M2.1's CPU provider,
 * {@link DirectShapeInfoProvider}, caches those buffers (they are constants, shared by every array of the same shape),
 * but only through two of its overloads; the constructors of {@code BaseNDArray} call a third, the one that also says
 * whether the array is empty, which it does not override. So every array made while training (each activation, each
 * gradient, each view) got a new buffer: a native allocation, a registration with ND4J's deallocator service (a weak
 * reference, its id string and a map entry), and a JavaCPP deallocator, about 300 bytes of Java objects that stay
 * reachable until the service's thread frees them. Training the small CNN made some 20 000 of them between two young
 * collections, and copying them was most of each collection's pause (docs/measurements.md, "Live view").
 *
 * <p>This provider sends that overload to the cache too. An empty array (or one with a zero-length dimension) keeps
 * the uncached path, exactly as before. The buffers are the same: {@code CachedShapeInfoTest} compares them with
 * ND4J's own for many shapes, orders and types. It is installed through ND4J's {@code shapeinfoprovider} setting,
 * which a system property overrides ({@link NativeMemory#configure()}).
 */
public class CachedShapeInfo extends DirectShapeInfoProvider {
    /** ND4J's setting naming the class of its shape-information provider, read when ND4J starts. */
    public static final String SETTING = "shapeinfoprovider";

    /** ND4J makes its provider by reflection. */
    public CachedShapeInfo() {}

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride, char order,
                                                           DataType dataType, boolean empty) {
        if (empty || hasZero(shape)) return super.createShapeInformation(shape, stride, elementWiseStride, order, dataType, empty);
        return createShapeInformation(shape, stride, elementWiseStride, order, dataType);
    }

    private static boolean hasZero(long[] shape) {
        for (long d : shape) if (d == 0) return true;
        return false;
    }
}
