package org.modelstudio.engine;

import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads ND4J's native ops and OpenBLAS may use. Measured with {@code bench} on the 2-core class
 * of machine the studio targets (see README): dense networks train about 3× faster with 1 thread than with
 * 2 (their matrices are small, so threads mostly wait on each other and on the JVM's own threads), while
 * convolutional networks gain about 10–15 % from a second thread. So: 1 thread for dense networks,
 * every core for convolutional ones. {@code -Dmodelstudio.threads=N} overrides both.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {}

    /** The thread count for training or running this network. */
    public static int forSpec(NetworkSpec spec) {
        Integer forced = forced();
        if (forced != null) return forced;
        boolean convolutional = spec.layers().stream().anyMatch(l -> l instanceof LayerSpec.Conv2D);
        int cores = Runtime.getRuntime().availableProcessors();
        if (convolutional) return cores;
        return cores <= 2 ? 1 : cores / 2;
    }

    /** Sets the thread count for this network ({@link #forSpec}). */
    public static void useFor(NetworkSpec spec) { use(forSpec(spec)); }

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

    /** The count used before a network is known (start-up, loading). */
    public static int defaultCount() {
        Integer forced = forced();
        if (forced != null) return forced;
        int cores = Runtime.getRuntime().availableProcessors();
        // Leave a core for the UI and data preparation on small machines.
        return cores <= 2 ? 1 : cores - 1;
    }

    public static void use(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        LOG.debug("ND4J uses {} thread(s)", threads);
    }

    public static int current() { return Nd4j.getEnvironment().maxThreads(); }
}
