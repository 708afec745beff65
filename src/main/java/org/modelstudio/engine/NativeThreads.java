package org.modelstudio.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads ND4J's native ops and OpenBLAS may use: 1 on machines with up to 2 cores, half the cores above
 * that; {@code -Dmodelstudio.threads=N} overrides it.
 * <p>
 * ND4J's ops run their loops with OpenMP, whose thread count is a setting <em>of the calling thread</em>, read from
 * {@code OMP_NUM_THREADS} when the library loads. {@code Nd4j.getEnvironment().setMaxThreads} does not change it (the
 * library keeps reporting 2 on 2 cores), so without the environment variable every op ran on 2 threads that mostly
 * waited on each other. {@link #onThisThread()} sets it through libnd4j's {@code setOmpNumThreads} for the thread that
 * is about to run ops (training, forward passes); measured on 2 cores, it trains the MLP as fast as starting the JVM
 * with {@code OMP_NUM_THREADS=1} (about twice the speed of the library's 2 threads), with no relaunch and nothing for a
 * launcher to set.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
    private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();
    private static volatile int chosen;

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
        chosen = threads;
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        onThisThread();
        LOG.debug("ND4J uses {} thread(s)", threads);
    }

    /**
     * Gives the calling thread's OpenMP loops the chosen thread count (the default until {@link #use} says otherwise);
     * cheap when it already has it. Call it on a thread before it runs ND4J ops.
     */
    public static void onThisThread() {
        int threads = chosen > 0 ? chosen : defaultCount();
        Integer applied = APPLIED.get();
        if (applied != null && applied == threads) return;
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        APPLIED.set(threads);
    }

    /** The OpenMP thread count the calling thread's ops use. */
    public static int current() { return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(); }
}
