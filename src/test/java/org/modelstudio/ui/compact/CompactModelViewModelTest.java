package org.modelstudio.ui.compact;

import javafx.beans.property.ReadOnlyObjectWrapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.training.TrainingViewModel.HeldOut;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the compact-model window offers to measure on, without the FX toolkit. */
class CompactModelViewModelTest {

    @Test void theLastRunsHeldOutPartIsOfferedFirstAndSizesOnlyLast() throws Exception {
        CurrentModel current = new CurrentModel();
        ReadOnlyObjectWrapper<HeldOut> heldOut = new ReadOnlyObjectWrapper<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CompactModelViewModel vm = new CompactModelViewModel(current, heldOut.getReadOnlyProperty(), executor);
            assertEquals(List.of(vm.sizesOnly()), vm.choices());

            MultiLayerNetwork net = new MultiLayerNetwork(NetworkCompiler.compile(TestData.barCnn(1)).configuration());
            net.init();
            current.set(TrainedModel.of(TestData.barCnn(1), TestData.BAR_CLASSES, new InputPreparation.Image(new ImagePreprocessing(8, 8, 1)), net), "test");
            assertEquals(vm.sizesOnly(), vm.choiceProperty().get(), "bars are not the Fashion-MNIST sample, and no run held any out");

            heldOut.set(new HeldOut("the last run's test part", TestData.bars(30, 2)));
            assertEquals(2, vm.choices().size());
            assertEquals("The last run's test part (30 examples)", vm.choiceProperty().get().name(), "chosen first, over sizes only");
            assertEquals("bar-cnn-int8.zip", vm.suggestedFileName());
        } finally {
            executor.shutdownNow();
        }
    }
}
