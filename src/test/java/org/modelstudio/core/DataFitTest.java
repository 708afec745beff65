package org.modelstudio.core;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class DataFitTest {
    @Test void theOutputGetsOneUnitPerClassOfTheData() throws Exception {
        NetworkSpec text = SampleData.spec("text-classifier.json");
        Shape tokens = text.input().shape();
        DataFit.Fitted fit = DataFit.fit(text, tokens, List.of("cooking", "football", "weather"), false);
        int last = text.layers().size() - 1;
        assertEquals(3, ((LayerSpec.Output) fit.spec().layers().get(last)).units());
        assertEquals(List.of("Output #" + (last + 1) + ": 4 → 3 units for the classes cooking, football, weather"), fit.changes());
        assertEquals(text.input(), fit.spec().input());
        assertEquals(text.training(), fit.spec().training());
    }

    @Test void aTableNetworkTakesTheTablesPreparedColumns() throws Exception {
        NetworkSpec table = SampleData.spec("tabular-mlp.json");
        DataFit.Fitted fit = DataFit.fit(table, new Shape.Vector(7), List.of("a", "b", "c"), false);
        assertEquals(new InputSpec.VectorInput(7), fit.spec().input());
        assertEquals("Input: 4 → 7 features, the table's columns as prepared", fit.changes().get(0));
    }

    @Test void aFittingNetworkAndARegressionAreLeftAsTheyAre() throws Exception {
        NetworkSpec mlp = SampleData.spec("mlp.json");
        DataFit.Fitted same = DataFit.fit(mlp, mlp.input().shape(), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), false);
        assertFalse(same.changed());
        assertSame(mlp, same.spec());
        // A regression's one "class" is its quantity: the Output's fit is TaskFit's to say, not a change made here.
        NetworkSpec table = SampleData.spec("tabular-mlp.json");
        assertFalse(DataFit.fit(table, table.input().shape(), List.of("price"), true).changed());
    }
}
