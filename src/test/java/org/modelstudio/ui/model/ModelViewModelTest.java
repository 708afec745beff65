package org.modelstudio.ui.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.project.Project;
import org.modelstudio.ui.common.RecentFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Model area's view model, without the FX toolkit. */
class ModelViewModelTest {

    @Test void showsEveryLayerWithShapeAndParametersAndTheTrainingSettings() {
        ModelViewModel vm = new ModelViewModel(SampleData.specs(), LayerCatalogue.standard());
        vm.selectedProperty().set(vm.networks().get(1));
        List<LayerRow> rows = vm.rows();
        assertEquals(9, rows.size(), "input + 8 layers");
        assertEquals(new LayerRow("1", "Conv2D", "32 filters 3×3, same, relu", "28×28×32", "320", "", false, "convolution"), rows.get(1));
        assertEquals("421,642 parameters · output 10", vm.totalsProperty().get());
        assertEquals("Trains with Adam, learning rate 0.001 (×0.5 every 5 epochs), batches of 32, 15 epochs, L2 0.0005, 10% held out for validation.",
                vm.trainingSettingsProperty().get());
        assertEquals("", vm.problemsProperty().get());
    }

    @Test void marksTheLayerThatCausesAnError() {
        NetworkSpec cnn = SampleData.spec("small-cnn.json");
        List<LayerSpec> layers = new ArrayList<>(cnn.layers());
        layers.remove(4); // the Flatten: Dense now gets an image
        ModelViewModel vm = new ModelViewModel(List.of(cnn.withLayers(layers)), LayerCatalogue.standard());
        LayerRow dense = vm.rows().get(5);
        assertEquals("Dense", dense.layer());
        assertTrue(dense.error());
        assertEquals("Dense #5 needs a flat vector but gets an image of 7×7×64. Add a Flatten layer before it.", dense.problem());
        assertEquals("?", vm.rows().get(6).outputShape());
        assertFalse(vm.rows().get(1).error());
        assertTrue(vm.problemsProperty().get().startsWith("error: Dense #5"));
        assertEquals(Activation.RELU, ((LayerSpec.Dense) layers.get(4)).activation());
    }

    @Test void editsAreUndoableAndNamed() {
        ModelViewModel vm = new ModelViewModel(SampleData.specs(), LayerCatalogue.standard());
        NetworkSpec mlp = vm.specProperty().get();
        vm.selectedLayerProperty().set(1);
        vm.add("dropout");
        assertEquals("Dropout", vm.specProperty().get().layers().get(2).typeName());
        assertEquals(2, vm.selectedLayerProperty().get(), "the new layer is selected");
        assertEquals("Undo Add Dropout", vm.undoTextProperty().get());

        assertTrue(vm.set("rate", 0.5));
        assertEquals(0.5, ((LayerSpec.Dropout) vm.specProperty().get().layers().get(2)).rate());
        assertFalse(vm.set("rate", 2.0));
        assertEquals("Dropout: Rate must be between 0 and 0.95, not 2.", vm.editErrorProperty().get());

        vm.moveSelected(1);
        assertEquals("Dropout", vm.specProperty().get().layers().get(3).typeName());
        vm.duplicateSelected();
        vm.deleteSelected();
        assertEquals("Undo Delete Dropout #5", vm.undoTextProperty().get());

        vm.selectedProperty().set(vm.networks().get(1));
        assertEquals("Small CNN", vm.specProperty().get().name());
        assertEquals("Undo Open Small CNN", vm.undoTextProperty().get(), "choosing a template can be undone");
        vm.undo();
        vm.undo();
        vm.undo();
        vm.undo();
        vm.undo();
        vm.undo();
        assertEquals(mlp, vm.specProperty().get(), "every edit undone gives back the network it started from");
        assertFalse(vm.canUndoProperty().get());
        vm.redo();
        assertTrue(vm.canUndoProperty().get());
        assertEquals("Undo Add Dropout", vm.undoTextProperty().get());
    }

    @Test void trainingSettingsAreEditableAndUndoable() {
        ModelViewModel vm = new ModelViewModel(SampleData.specs(), LayerCatalogue.standard());
        NetworkSpec before = vm.specProperty().get();
        assertTrue(vm.setTraining("learningRate", 0.01));
        assertTrue(vm.setTraining("schedule", "exponential"));
        assertTrue(vm.setTraining("factor", 0.9));
        assertTrue(vm.setTraining("optimizer", "sgd"));
        var t = vm.specProperty().get().training();
        assertEquals(0.01, t.learningRate());
        assertEquals(LearningRateSchedule.exponential(0.9), t.schedule());
        assertEquals(Optimizer.SGD, t.optimizer());
        assertEquals("Trains with SGD, learning rate 0.01 (×0.9 each epoch), batches of 32, 15 epochs, 10% held out for validation.",
                vm.trainingSettingsProperty().get());
        assertFalse(vm.setTraining("batchSize", 0));
        assertEquals("Training: Batch size must be between 1 and 4096, not 0.", vm.editErrorProperty().get());
        assertEquals("Undo Change Training Settings", vm.undoTextProperty().get());
        vm.undo();
        assertEquals(before, vm.specProperty().get(), "changes to one group of settings in a row are one undo step");
    }

    @Test void copyPasteCutAndDeleteSeveralLayers() {
        ModelViewModel vm = new ModelViewModel(List.of(SampleData.spec("small-cnn.json")), LayerCatalogue.standard());
        NetworkSpec cnn = vm.specProperty().get();
        vm.select(List.of(0, 1));                       // Conv2D + MaxPool
        vm.copySelected();
        assertTrue(vm.canPasteProperty().get());
        vm.select(List.of(3));                          // after the second MaxPool
        vm.paste();
        List<String> types = vm.specProperty().get().layers().stream().map(LayerSpec::typeName).toList();
        assertEquals(List.of("Conv2D", "MaxPool", "Conv2D", "MaxPool", "Conv2D", "MaxPool", "Flatten", "Dense", "Dropout", "Output"), types);
        assertEquals(List.of(4, 5), vm.selection(), "the pasted layers are selected");
        assertEquals("Undo Paste 2 layers", vm.undoTextProperty().get(), "a paste is one step");
        vm.deleteSelected();
        assertEquals(cnn, vm.specProperty().get(), "deleting the pasted pair removes both");
        assertEquals("Undo Delete 2 layers", vm.undoTextProperty().get());
        vm.select(List.of(6));
        vm.cutSelected();
        assertEquals(7, vm.specProperty().get().layers().size());
        vm.selectedLayerProperty().set(-1);
        vm.paste();
        assertEquals(cnn, vm.specProperty().get(), "a cut Dropout pasted with nothing selected goes back before the Output");
    }

    @Test void addingWithNothingSelectedKeepsTheOutputLast() {
        ModelViewModel vm = new ModelViewModel(SampleData.specs(), LayerCatalogue.standard());
        vm.add("batchnorm");
        List<LayerSpec> layers = vm.specProperty().get().layers();
        assertEquals("BatchNorm", layers.get(layers.size() - 2).typeName());
        assertEquals("Output", layers.get(layers.size() - 1).typeName());
        assertFalse(vm.summaryProperty().get().hasErrors());
    }

    @Test void saveOpenAndDirtyState(@TempDir Path dir) throws Exception {
        ModelViewModel vm = new ModelViewModel(SampleData.specs(), LayerCatalogue.standard());
        ProjectDocument doc = new ProjectDocument(vm);
        assertFalse(doc.dirtyProperty().get(), "a fresh template is not unsaved work");
        vm.add("dropout");
        assertTrue(doc.dirtyProperty().get());
        Path file = dir.resolve("mine.msproj");
        doc.saveTo(file);
        assertFalse(doc.dirtyProperty().get());
        assertEquals(file, doc.fileProperty().get());
        NetworkSpec saved = vm.specProperty().get();
        vm.undo();
        assertTrue(doc.dirtyProperty().get(), "undoing past the save is a change");
        vm.redo();
        assertFalse(doc.dirtyProperty().get(), "and redoing returns to the saved state");

        doc.newNetwork();
        assertEquals(0, vm.specProperty().get().layers().size());
        assertEquals(null, doc.fileProperty().get());
        assertFalse(vm.canUndoProperty().get(), "a new document starts a new history");

        doc.open(file);
        assertEquals(saved, vm.specProperty().get());
        assertFalse(doc.dirtyProperty().get());

        doc.restore(new Project(SampleData.spec("lenet.json"), null), file);
        assertTrue(doc.dirtyProperty().get(), "restored work is unsaved until saved");
        assertEquals(file, doc.fileProperty().get());
    }

    @Test void recentFilesNewestFirstWithoutDuplicates(@TempDir Path dir) throws Exception {
        var recent = new RecentFiles(dir.resolve("recent.txt"));
        Path a = Files.writeString(dir.resolve("a.msproj"), "x");
        Path b = Files.writeString(dir.resolve("b.msproj"), "x");
        recent.add(a);
        recent.add(b);
        recent.add(a);
        assertEquals(List.of(a, b), recent.list());
        Files.delete(b);
        assertEquals(List.of(a), recent.list(), "files that are gone drop out");
    }
}
