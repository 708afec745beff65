package org.modelstudio.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads ND4J's native ops and OpenBLAS may use. On a 2-core machine the defaults oversubscribe
 * (OpenMP and OpenBLAS each spread over every core while the JVM, the UI thread and the data pipeline also
 * want one); {@code bench} measures 1 against all cores, and the studio follows its result (see README).
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {}

    /** The count the studio uses unless -Dmodelstudio.threads=N says otherwise. */
    public static int defaultCount() {
        String forced = System.getProperty("modelstudio.threads");
        if (forced != null) {
            try {
                return Math.max(1, Integer.parseInt(forced.trim()));
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring -Dmodelstudio.threads={}: not a number", forced);
            }
        }
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
