package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test void smallImagesOfOneSizeBecomeTheInputAndOthersAreSaidToBeConverted() throws Exception {
        NetworkSpec mlp = SampleData.spec("mlp.json");
        DataFit.Fitted cifar = DataFit.fitImages(mlp, new ImageFacts(32, 32, 3, 500));
        assertEquals(new InputSpec.ImageInput(32, 32, 3), cifar.spec().input());
        assertEquals(List.of("Input: 28×28×1 → 32×32×3, the size and colour of the folder's images"), cifar.changes());
        assertEquals(mlp.layers(), cifar.spec().layers());

        DataFit.Fitted photos = DataFit.fitImages(mlp, new ImageFacts(0, 0, 3, 80));
        assertSame(mlp, photos.spec());
        assertEquals(List.of("Images: various sizes, colour, made 28×28 grey for the network's input"), photos.changes());
        DataFit.Fitted large = DataFit.fitImages(mlp, new ImageFacts(224, 224, 1, 80));
        assertSame(mlp, large.spec());
        assertEquals(List.of("Images: 224×224 grey, made 28×28 grey for the network's input"), large.changes());
        assertFalse(DataFit.fitImages(mlp, new ImageFacts(28, 28, 1, 10)).changed(), "the sample's own images fit as they are");

        // A CNN whose layers would not fit 8×8 images keeps its input, and says the images are converted.
        NetworkSpec lenet = SampleData.spec("lenet.json");
        DataFit.Fitted small = DataFit.fitImages(lenet, new ImageFacts(4, 4, 1, 30));
        assertSame(lenet, small.spec());
        assertTrue(small.changes().get(0).startsWith("Images: 4×4 grey, made "), small.changes().toString());
    }

    @Test void imageFactsGatherOneSizeAndColourOrSayTheyVary() {
        ImageFacts.Builder b = new ImageFacts.Builder();
        b.add(32, 32, 3);
        b.add(32, 32, 4);
        assertEquals(new ImageFacts(32, 32, 3, 2), b.build());
        b.add(30, 32, 1);
        assertEquals(new ImageFacts(0, 0, 0, 3), b.build());
        assertEquals("various sizes, grey and colour", b.build().describe());
    }

    @Test void aSequenceInputGrowsToReadMostTextsWholeAndNeverShrinks() throws Exception {
        NetworkSpec template = SampleData.spec("text-classifier.json");
        int length = 40;   // the shipped template already reads the longest fitted sequence
        NetworkSpec text = new NetworkSpec(template.name(), template.description(), new InputSpec.SequenceInput(length, 16_000),
                template.layers(), template.training());
        int[] counts = new int[100];
        for (int i = 0; i < counts.length; i++) counts[i] = i < 95 ? 50 : 400;
        DataFit.Fitted longer = DataFit.fitTexts(text, counts);
        assertEquals(56, ((InputSpec.SequenceInput) longer.spec().input()).length(), "95 % have 50 tokens: rounded up to 56");
        assertEquals(List.of("Input: " + length + " → 56 tokens, so that 95 % of the texts are read whole"), longer.changes());
        assertEquals(text.layers(), longer.spec().layers());
        Arrays.fill(counts, 5000);
        assertEquals(DataFit.LONGEST_FITTED_SEQUENCE, ((InputSpec.SequenceInput) DataFit.fitTexts(text, counts).spec().input()).length());
        Arrays.fill(counts, 3);
        assertSame(text, DataFit.fitTexts(text, counts).spec(), "short texts are padded, the input kept");
    }
}
