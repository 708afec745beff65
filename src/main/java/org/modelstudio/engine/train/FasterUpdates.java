package org.modelstudio.engine.train;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Makes DL4J's parameter update cheaper without changing what it computes, by adjusting the network's own updater
 * (its {@code UpdaterBlock}s: runs of parameters that share an updater configuration). Two changes:
 * <ul>
 *   <li>Adam's step runs in Java ({@link AdamInJava}) instead of libnd4j's {@code adam_updater} op.</li>
 *   <li>A block skips its regularization pass when none of its parameters has a regularization for that pass.
 *     DL4J 1.0.0-M2.1 makes the pass before and after every step regardless, and each pass cuts a parameter view and
 *     a gradient view out of the network's arrays for every parameter: a dozen native allocations per batch for the
 *     MLP sample, about 7 % of its training time (JFR), to apply nothing. With an L2 penalty the pass runs as before.</li>
 * </ul>
 * Nothing of this is stored: the configuration, the updater state and the model file stay DL4J's own. DL4J builds a
 * new updater when the learning rate is changed between epochs, so {@link #install} is called before every epoch;
 * it leaves a block it has already adjusted alone. {@code FasterUpdatesTest} checks, with DL4J's own updater as the
 * judge, that networks learn the same.
 */
final class FasterUpdates {
    private FasterUpdates() {}

    /** Adjusts every block of {@code net}'s updater (creating the updater if need be). */
    static void install(MultiLayerNetwork net) {
        Updater updater = net.getUpdater();
        if (!(updater instanceof BaseMultiLayerUpdater<?> multi)) return;
        List<UpdaterBlock> blocks = multi.getUpdaterBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock block = blocks.get(i);
            if (block.getGradientUpdater() == null) block.init();
            if (block.getGradientUpdater() instanceof AdamUpdater adam && adam.getM() != null) {
                block.setGradientUpdater(new AdamInJava(adam));
            }
            if (!(block instanceof LeanBlock)) blocks.set(i, new LeanBlock(block));
        }
    }

    /** A block that makes a regularization pass only when one of its parameters has a regularization for it. */
    static final class LeanBlock extends UpdaterBlock {
        private final Set<Regularization.ApplyStep> steps = EnumSet.noneOf(Regularization.ApplyStep.class);

        LeanBlock(UpdaterBlock b) {
            super(b.getParamOffsetStart(), b.getParamOffsetEnd(), b.getUpdaterViewOffsetStart(), b.getUpdaterViewOffsetEnd(),
                    b.getLayersAndVariablesInBlock());
            setUpdaterView(b.getUpdaterView());
            setGradientView(b.getGradientView());
            setUpdaterViewRequiresInitialization(b.isUpdaterViewRequiresInitialization());
            setGradientUpdater(b.getGradientUpdater());
            for (ParamState p : b.getLayersAndVariablesInBlock()) {
                List<Regularization> regularizations = p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
                if (regularizations != null) for (Regularization r : regularizations) steps.add(r.applyStep());
            }
        }

        /** Whether a pass is made before or after the step (for tests). */
        boolean regularizes(Regularization.ApplyStep step) { return steps.contains(step); }

        @Override protected void applyRegularizationAllVariables(Regularization.ApplyStep step, int iteration, int epoch, boolean external,
                                                                 INDArray fullNetworkGradientView, INDArray fullNetworkParamsArray) {
            if (steps.contains(step)) {
                super.applyRegularizationAllVariables(step, iteration, epoch, external, fullNetworkGradientView, fullNetworkParamsArray);
            }
        }
    }
}
