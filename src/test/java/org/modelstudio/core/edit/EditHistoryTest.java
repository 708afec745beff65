package org.modelstudio.core.edit;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.TrainingConfig;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditHistoryTest {
    private static final NetworkSpec EMPTY = new NetworkSpec("new", "", new InputSpec.ImageInput(28, 28, 1), List.of(),
            TrainingConfig.defaults());

    private static List<String> types(NetworkSpec s) { return s.layers().stream().map(LayerSpec::typeName).toList(); }

    @Test void executeUndoRedo() {
        EditHistory h = new EditHistory(EMPTY);
        h.apply(new Edit.InsertLayer(0, new LayerSpec.Flatten()));
        h.apply(new Edit.InsertLayer(1, new LayerSpec.Output(10)));
        h.apply(new Edit.InsertLayer(1, new LayerSpec.Dense(64, Activation.RELU)));
        assertEquals(List.of("Flatten", "Dense", "Output"), types(h.current()));
        assertEquals("Add Dense", h.undoDescription());

        h.undo();
        assertEquals(List.of("Flatten", "Output"), types(h.current()));
        assertEquals("Add Dense", h.redoDescription());
        assertEquals("Add Output", h.undoDescription());
        h.redo();
        assertEquals(List.of("Flatten", "Dense", "Output"), types(h.current()));
        h.undo();
        h.undo();
        h.undo();
        assertEquals(EMPTY, h.current());
        assertFalse(h.canUndo());
        h.undo(); // nothing left: no change
        assertEquals(EMPTY, h.current());
    }

    @Test void aNewEditClearsRedo() {
        EditHistory h = new EditHistory(EMPTY);
        h.apply(new Edit.InsertLayer(0, new LayerSpec.Flatten()));
        h.undo();
        assertTrue(h.canRedo());
        h.apply(new Edit.InsertLayer(0, new LayerSpec.Output(3)));
        assertFalse(h.canRedo());
        assertNull(h.redoDescription());
    }

    @Test void aBatchIsOneUndoStep() {
        NetworkSpec cnn = SampleData.spec("small-cnn.json");
        EditHistory h = new EditHistory(cnn);
        // Dragging Conv2D #1 down past two layers moves it one place at a time.
        h.beginBatch("Move Conv2D #1");
        h.apply(new Edit.MoveLayer(0, 1));
        h.apply(new Edit.MoveLayer(1, 2));
        h.endBatch();
        assertEquals(List.of("MaxPool", "Conv2D", "Conv2D"), types(h.current()).subList(0, 3));
        assertEquals(1, h.undoSteps());
        assertEquals("Move Conv2D #1", h.undoDescription());
        h.undo();
        assertEquals(cnn, h.current());
    }

    @Test void typingIntoOneFieldMergesUntilSealed() {
        NetworkSpec mlp = SampleData.spec("mlp.json");
        EditHistory h = new EditHistory(mlp);
        h.apply(new Edit.ReplaceLayer(1, new LayerSpec.Dense(1, Activation.RELU)));
        h.apply(new Edit.ReplaceLayer(1, new LayerSpec.Dense(12, Activation.RELU)));
        h.apply(new Edit.ReplaceLayer(1, new LayerSpec.Dense(128, Activation.RELU)));
        assertEquals(1, h.undoSteps());
        assertEquals("Change Dense #2", h.undoDescription());
        h.seal();
        h.apply(new Edit.ReplaceLayer(1, new LayerSpec.Dense(128, Activation.TANH)));
        assertEquals(2, h.undoSteps());
        h.apply(new Edit.ReplaceLayer(2, new LayerSpec.Dense(32, Activation.RELU)));
        assertEquals(3, h.undoSteps(), "another layer is another step");
        h.undo();
        h.undo();
        assertEquals(128, ((LayerSpec.Dense) h.current().layers().get(1)).units());
        h.undo();
        assertEquals(mlp, h.current());
    }

    @Test void deleteSeveralAndDescribe() {
        EditHistory h = new EditHistory(SampleData.spec("small-cnn.json"));
        h.apply(new Edit.RemoveLayers(List.of(3, 1)));
        assertEquals(List.of("Conv2D", "Conv2D", "Flatten", "Dense", "Dropout", "Output"), types(h.current()));
        assertEquals("Delete 2 layers", h.undoDescription());
        h.undo();
        h.apply(new Edit.RemoveLayers(List.of(1)));
        assertEquals("Delete MaxPool #2", h.undoDescription());
    }

    @Test void editsThatDoNotFitAreRefusedAndChangeNothing() {
        EditHistory h = new EditHistory(EMPTY);
        long revision = h.revision();
        assertThrows(IllegalArgumentException.class, () -> h.apply(new Edit.RemoveLayers(List.of(0))));
        assertThrows(IllegalArgumentException.class, () -> h.apply(new Edit.InsertLayer(2, new LayerSpec.Flatten())));
        assertEquals(revision, h.revision());
        assertFalse(h.canUndo());
        h.apply(new Edit.SetTraining(EMPTY.training())); // no change: no step
        assertFalse(h.canUndo());
    }

    @Test void listenersSeeEveryRevision() {
        EditHistory h = new EditHistory(EMPTY);
        List<Long> seen = new ArrayList<>();
        h.addListener(x -> seen.add(x.revision()));
        h.apply(new Edit.InsertLayer(0, new LayerSpec.Output(2)));
        h.undo();
        h.redo();
        h.reset(SampleData.spec("mlp.json"));
        assertEquals(List.of(1L, 2L, 3L, 4L), seen);
        assertFalse(h.canUndo(), "a new document has no history");
    }

    @Test void historyIsBounded() {
        EditHistory h = new EditHistory(EMPTY, 3);
        for (int i = 0; i < 5; i++) {
            h.apply(new Edit.InsertLayer(0, new LayerSpec.Dense(i + 1, Activation.RELU)));
        }
        assertEquals(3, h.undoSteps());
        h.undo();
        h.undo();
        h.undo();
        assertEquals(2, h.current().layers().size(), "the two oldest edits can no longer be undone");
    }
}
