package org.modelstudio.engine;

import java.util.Locale;
import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes DL4J's convolution, pooling and batch-norm layers through oneDNN when ND4J's native library has it.
 *
 * <p>The build takes ND4J's {@code -onednn} natives where DL4J publishes them (linux-, windows- and
 * macosx-x86_64: see the OS profiles in pom.xml). Their libnd4j runs its {@code conv2d}, {@code maxpool2d},
 * {@code avgpool2d} and {@code batchnorm} ops (and their backward ops) on oneDNN. DL4J 1.0.0-M2.1's stock
 * layers reach those ops only through their oneDNN "helpers" ({@code MKLDNNConvHelper} and the like; without
 * one, ConvolutionLayer computes im2col + gemm in Java). The helpers are off by default
 * ({@code org.eclipse.deeplearning4j.helpers.disable=true}), and setting that to false is not enough: the check
 * every helper makes ({@code BaseMKLDNNHelper.mklDnnEnabled}) looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment},
 * which M2.1 moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings}, and calls its {@code isUseMKLDNN}, which M2.1
 * renamed {@code isUseONEDNN}. So the studio ships that class under the old name ({@code org.nd4j.nativeblas.Nd4jCpu},
 * a two-line bridge to {@link #helpersUsable()}) and turns the helpers on: DL4J's own check then succeeds and the
 * stock layer classes install their helpers themselves, so networks and saved model files stay plain DL4J, and
 * every network gets them wherever it is built, restored or cloned.
 *
 * <p>A layer built while the natives lack oneDNN (an OS without an {@code -onednn} build, or
 * {@code -Dmodelstudio.onednn=false}) gets no helper and runs DL4J's stock code, as before.
 */
public final class OneDnn {
    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
    /** DL4J's switch, read each time a layer is built (HelperUtils.createHelper). */
    static final String DL4J_HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";
    /** The studio's switch: false keeps every layer on DL4J's stock code (for measurements and comparisons). */
    public static final String SWITCH = "modelstudio.onednn";

    private static volatile Boolean inNatives;

    private OneDnn() {}

    /** Whether ND4J's native library was built with oneDNN (the {@code -onednn} classifier). */
    public static boolean inNatives() {
        Boolean known = inNatives;
        if (known == null) {
            String info;
            try {
                Nd4j.getExecutioner(); // the backend loads the natives; NativeOpsHolder must not be first
                info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            } catch (RuntimeException | LinkageError e) {
                info = "";
            }
            known = inNatives = info != null && info.contains("HAVE_ONEDNN");
        }
        return known;
    }

    /**
     * Whether this platform has ND4J natives with oneDNN, so the build should have taken them: x86-64 Linux,
     * Windows and macOS (pom.xml's OS profiles).
     */
    public static boolean shouldBeInNatives() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return (arch.equals("amd64") || arch.equals("x86_64")) && (os.contains("linux") || os.contains("win") || os.contains("mac"));
    }

    /**
     * Whether DL4J's oneDNN helpers may run now: the natives have oneDNN, libnd4j's own switches allow it
     * (helpers allowed, oneDNN in use) and the studio's switch is not off. This is what DL4J's helper check
     * gets, through the class it looks up.
     */
    public static boolean helpersUsable() {
        return enabledBySwitch() && inNatives() && Nd4j.getEnvironment().helpersAllowed()
                && Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }

    private static boolean enabledBySwitch() {
        return !"false".equalsIgnoreCase(System.getProperty(SWITCH, "true").trim());
    }

    /**
     * Turns DL4J's layer helpers on when oneDNN can run them, so that the convolution, pooling and batch-norm
     * layers of networks built from now on use it. Idempotent and cheap; the engine calls it before it builds
     * or restores a network.
     *
     * @return whether the layers built from now on use oneDNN
     */
    public static boolean routeLayers() {
        boolean on = helpersUsable();
        String wanted = Boolean.toString(!on);
        if (!wanted.equals(System.getProperty(DL4J_HELPERS_DISABLED))) {
            System.setProperty(DL4J_HELPERS_DISABLED, wanted);
            LOG.debug("DL4J layer helpers (oneDNN) {}", on ? "on" : "off");
        }
        return on;
    }

    /** One line for logs and benches: whether layers use oneDNN, and why not. */
    public static String describe() {
        if (!enabledBySwitch()) return "oneDNN off (-D" + SWITCH + "=false)";
        if (!inNatives()) return "oneDNN not in this platform's ND4J natives: DL4J's stock layers";
        return helpersUsable() ? "oneDNN on (convolution, pooling, batch norm)" : "oneDNN off (ND4J helpers disallowed)";
    }
}
