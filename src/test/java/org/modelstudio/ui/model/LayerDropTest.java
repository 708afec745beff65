package org.modelstudio.ui.model;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.LayerSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Where a dropped tile or row lands, without a mouse. */
class LayerDropTest {
    private final ModelViewModel vm = new ModelViewModel(List.of(SampleData.spec("small-cnn.json")), LayerCatalogue.standard());

    private List<String> types() { return vm.specProperty().get().layers().stream().map(LayerSpec::typeName).toList(); }

    @Test void aTileDroppedOnARowGoesRightAfterIt() {
        LayerDrop.parse(LayerDrop.NEW + "batchnorm").applyTo(vm, 1);   // row 1 = Conv2D #1
        assertEquals(List.of("Conv2D", "BatchNorm", "MaxPool"), types().subList(0, 3));
        LayerDrop.parse(LayerDrop.NEW + "dropout").applyTo(vm, 0);     // the Input row: first
        assertEquals("Dropout", types().get(0));
    }

    @Test void aRowDraggedDownOrUpEndsUpWhereItWasDropped() {
        LayerDrop.parse(LayerDrop.MOVE + "0").applyTo(vm, 2);          // Conv2D #1 dropped on MaxPool #2's row
        assertEquals(List.of("MaxPool", "Conv2D", "Conv2D"), types().subList(0, 3));
        assertEquals("Undo Move Conv2D #1", vm.undoTextProperty().get());
        LayerDrop.parse(LayerDrop.MOVE + "5").applyTo(vm, 0);          // Dense dropped on the Input row: first
        assertEquals("Dense", types().get(0));
        assertFalse(LayerDrop.parse(LayerDrop.MOVE + "3").applyTo(vm, 4), "dropped just below itself: no change");
    }

    @Test void otherDragsAreIgnored() {
        assertNull(LayerDrop.parse("hello"));
        assertNull(LayerDrop.parse(LayerDrop.MOVE + "x"));
    }
}
