package org.modelstudio.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Run by {@link OneDnnInUseTest} in a JVM of its own: trains one step of each accepted {@link OneDnnCases} network
 * (as the engine builds it) with libnd4j's debug and verbose output on, so that libnd4j prints each op it runs and
 * whether its oneDNN implementation took it. Each case starts with a line {@code CASE <n> <description>}.
 */
final class OneDnnTrace {
    private OneDnnTrace() {}

    public static void main(String[] args) throws Exception {
        List<OneDnnCases.Case> cases = OneDnnCases.accepted();
        for (int n = 0; n < cases.size(); n++) {
            OneDnnCases.Case c = cases.get(n);
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkCompiler.compile(c.network()).configuration());
            net.init();
            InputSpec.ImageInput image = (InputSpec.ImageInput) c.network().input();
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, image.channels(), image.height(), image.width());
            INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
            for (int i = 0; i < 4; i++) y.putScalar(i, i % 3, 1);
            System.out.println("CASE " + n + " " + c);
            System.out.flush();
            Nd4j.getEnvironment().setDebug(true);
            Nd4j.getEnvironment().setVerbose(true);
            net.fit(x, y);
            Nd4j.getEnvironment().setDebug(false);
            Nd4j.getEnvironment().setVerbose(false);
            System.out.flush();
        }
        System.out.println("END " + cases.size());
    }
}
