package org.modelstudio.core.graph;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.SampleData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test share: saved with the network, checked with the validation share, absent from older files. */
class TestSplitTest {

    @Test void theTestShareIsSavedAndReadBack() throws Exception {
        NetworkSpec spec = SampleData.spec("mlp.json");
        NetworkSpec tested = spec.withTraining(spec.training().withTestSplit(0.15));
        assertEquals(tested, SpecJson.read(SpecJson.write(tested)));
        assertTrue(SpecJson.write(tested).contains("\"testSplit\" : 0.15"));
        assertFalse(SpecJson.write(spec).contains("testSplit"), "none is not written");
        assertEquals(0.0, SpecJson.read(SpecJson.write(spec)).training().testSplit());
    }

    @Test void sharesThatLeaveTooLittleToTrainOnAreRefused() {
        NetworkSpec spec = SampleData.spec("mlp.json");
        var tooMuch = ShapeInference.analyse(spec.withTraining(spec.training().withValidationSplit(0.5).withTestSplit(0.4)));
        assertTrue(tooMuch.errors().stream().anyMatch(i -> i.message().contains("leave less than a fifth of the data to train on")),
                tooMuch.errors().toString());
        var negative = ShapeInference.analyse(spec.withTraining(spec.training().withTestSplit(-0.1)));
        assertTrue(negative.errors().stream().anyMatch(i -> i.message().contains("test share must be between 0 and 0.5")));
        assertFalse(ShapeInference.analyse(spec.withTraining(spec.training().withTestSplit(0.2))).hasErrors());
    }
}
