package org.modelstudio.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads ND4J's native ops and OpenBLAS may use. Measured with {@code bench} on the 2-core class
 * of machine the studio targets (see README): with 2 threads instead of 1 the MLP trains at 0.2–0.5× the
 * speed and the small CNN at 0.7–0.8× (one early run showed 1.13×; two later ones did not). The matrices
 * are small, so the threads mostly wait on each other and compete with the JVM's own threads (UI, GC,
 * data). So: 1 thread on machines with up to 2 cores; half the cores above that (not measured here).
 * {@code -Dmodelstudio.threads=N} overrides it.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {}

    private static Integer forced() {
        String value = System.getProperty("modelstudio.threads");
        if (value == null) return null;
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring -Dmodelstudio.threads={}: not a number", value);
            return null;
        }
    }

    /** The thread count the studio uses for training and prediction. */
    public static int defaultCount() {
        Integer forced = forced();
        if (forced != null) return forced;
        int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 2 ? 1 : cores / 2;
    }

    /** Applies {@link #defaultCount()}. */
    public static void useDefault() { use(defaultCount()); }

    public static void use(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        LOG.debug("ND4J uses {} thread(s)", threads);
    }

    public static int current() { return Nd4j.getEnvironment().maxThreads(); }
}
