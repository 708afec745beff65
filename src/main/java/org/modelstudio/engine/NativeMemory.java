package org.modelstudio.engine;

/**
 * How JavaCPP, under ND4J, watches native memory. Call {@link #configure()} first thing in {@code main}, before any
 * ND4J class loads: JavaCPP reads its settings once, when its {@code Pointer} class is initialised.
 *
 * <p>By default JavaCPP bounds native memory twice. It counts the bytes of every native allocation it makes and, when
 * that count passes {@code maxBytes} (the heap's maximum), runs the garbage collector so the arrays nobody holds are
 * freed. And before <em>every</em> allocation it also reads the process's resident size from the operating system
 * ({@code Pointer.physicalBytesInaccurate}), to collect when that passes {@code maxPhysicalBytes} (twice the heap).
 * ND4J makes a few native allocations for every op it runs (shape information, op contexts, small results), so the
 * second check costs a system call per allocation: profiled with JFR, it took 27 % of the time the MLP sample trains.
 *
 * <p>The studio sets {@code maxPhysicalBytes} to 0, which switches off only that check. The first stays, and so does
 * freeing each native array once the collector finds it unreachable: training the small CNN for 30 minutes, the
 * process stayed flat (docs/measurements.md, "Native memory"). {@code -Dorg.bytedeco.javacpp.nopointergc=true}, which would switch
 * off the freeing too, let the process grow without bound in the same soak, so it is not used.
 * A {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=…} given on the command line is kept.
 *
 * <p>It also gives ND4J the shape-information provider that caches the shape of every new array
 * ({@link CachedShapeInfo}), unless the command line names another.
 */
public final class NativeMemory {
    /** JavaCPP's setting, read when {@code org.bytedeco.javacpp.Pointer} is initialised. */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeMemory() {}

    /** Switches off JavaCPP's per-allocation resident-size check and caches array shapes, unless the command line said otherwise. */
    public static void configure() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) System.setProperty(MAX_PHYSICAL_BYTES, "0");
        if (System.getProperty(CachedShapeInfo.SETTING) == null) System.setProperty(CachedShapeInfo.SETTING, CachedShapeInfo.class.getName());
    }
}
