package org.nd4j.nativeblas;

import org.modelstudio.engine.OneDnn;

/**
 * Not ND4J's class: the name DL4J 1.0.0-M2.1's oneDNN helper check ({@code BaseMKLDNNHelper.mklDnnEnabled})
 * still looks up, although ND4J M2.1 moved the class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}
 * and renamed the method. With it that check answers what {@link org.modelstudio.engine.OneDnn#helpersUsable()}
 * says, so the stock layers install their oneDNN helpers. Nothing else uses it. See {@code OneDnn}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    /** What BaseMKLDNNHelper calls, by reflection: {@code getInstance().isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() { return INSTANCE; }

        public boolean isUseMKLDNN() { return OneDnn.helpersUsable(); }
    }
}
