package org.modelstudio.core.graph;

import org.modelstudio.core.catalogue.CatalogueNetworks;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.SampleData;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeInferenceTest {

    private static NetworkSpec image(int h, int w, int c, LayerSpec... layers) {
        return new NetworkSpec("t", "", new InputSpec.ImageInput(h, w, c), List.of(layers), TrainingConfig.defaults());
    }

    private static NetworkSpec tokens(int length, int vocabulary, LayerSpec... layers) {
        return new NetworkSpec("t", "", new InputSpec.SequenceInput(length, vocabulary), List.of(layers), TrainingConfig.defaults());
    }

    /** The only error of a network, which must be on the given layer. */
    private static String onlyError(NetworkSpec spec, int layerIndex) {
        List<Issue> errors = ShapeInference.analyse(spec).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(layerIndex, errors.get(0).layerIndex(), errors.toString());
        return errors.get(0).message();
    }

    @Test void sequenceShapesAndCountsMatchKerasSummary() {
        NetworkSummary s = ShapeInference.analyse(CatalogueNetworks.sequence());
        assertFalse(s.hasErrors(), s.issues().toString());
        assertEquals(new Shape.Tokens(12, 50), s.inputShape());
        assertEquals("12 tokens", s.inputShape().toString());
        assertEquals(List.of("12×8", "12×16", "12×16", "10", "7", "3"), s.layers().stream().map(l -> l.outputShape().toString()).toList());
        assertEquals(new Shape.Sequence(12, 16), s.layers().get(1).outputShape());
        // Embedding: 50 × 8, no bias. LSTM: 4 gates × units × (inputs + units + 1 bias).
        assertEquals(List.of(400L, 1_600L, 0L, 1_080L, 77L, 24L), s.layers().stream().map(l -> l.parameters()).toList());
        assertEquals(3_181, s.totalParameters());
    }

    @Test void poolingOverASequenceKeepsOneValuePerFeature() {
        NetworkSummary s = ShapeInference.analyse(CatalogueNetworks.sequencePooling());
        assertFalse(s.hasErrors(), s.issues().toString());
        assertEquals(new Shape.Sequence(9, 5), s.layers().get(1).outputShape(), "Activation keeps the sequence");
        assertEquals(new Shape.Vector(5), s.layers().get(2).outputShape());
        assertEquals(20, s.layers().get(3).parameters(), "BatchNorm after pooling: 4 per feature");
        NetworkSummary dropout = ShapeInference.analyse(tokens(7, 20, new LayerSpec.Embedding(4), new LayerSpec.Dropout(0.5),
                new LayerSpec.Lstm(3, true), new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX), new LayerSpec.Output(2)));
        assertFalse(dropout.hasErrors(), dropout.issues().toString());
        assertEquals(new Shape.Sequence(7, 4), dropout.layers().get(1).outputShape(), "Dropout keeps the sequence");
        assertEquals(new Shape.Vector(3), dropout.layers().get(3).outputShape());
    }

    @Test void embeddingOnlyRightAfterATokenInput() {
        NetworkSpec afterDense = new NetworkSpec("v", "", new InputSpec.VectorInput(16), List.of(new LayerSpec.Dense(8, Activation.RELU),
                new LayerSpec.Embedding(4), new LayerSpec.Output(2)), TrainingConfig.defaults());
        assertEquals("Embedding #2 must come right after a token-sequence input, but it gets a flat vector of 8 values. An Embedding "
                + "turns token ids into vectors, so it can only be the first layer of a network whose input is a token sequence.",
                onlyError(afterDense, 1));
        String twice = onlyError(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.Embedding(8),
                new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX), new LayerSpec.Output(2)), 1);
        assertTrue(twice.startsWith("Embedding #2 must come right after a token-sequence input, but it gets a sequence of 12×8 (steps×features)."), twice);
        String onImage = onlyError(image(8, 8, 1, new LayerSpec.Embedding(8), new LayerSpec.Flatten(), new LayerSpec.Output(2)), 0);
        assertTrue(onImage.startsWith("Embedding #1 must come right after a token-sequence input, but it gets an image of 8×8×1."), onImage);
    }

    @Test void tokenIdsMustGoThroughAnEmbeddingFirst() {
        assertEquals("Dense #1 cannot take token ids (12 tokens): they number the words of a vocabulary and are not measurements, "
                + "so they must go through an Embedding first. Put an Embedding layer right after the input.",
                onlyError(tokens(12, 50, new LayerSpec.Dense(8, Activation.RELU), new LayerSpec.Output(2)), 0));
        assertTrue(onlyError(tokens(12, 50, new LayerSpec.Output(2)), 0).startsWith("Output #1 cannot take token ids (12 tokens)"));
        assertTrue(onlyError(tokens(12, 50, new LayerSpec.Flatten(), new LayerSpec.Output(2)), 0).startsWith("Flatten #1 cannot take token ids"));
        assertTrue(onlyError(tokens(12, 50, new LayerSpec.Conv2D(4, 3, Activation.RELU), new LayerSpec.Output(2)), 0)
                .startsWith("Conv2D #1 cannot take token ids"));
        assertTrue(onlyError(tokens(12, 50, new LayerSpec.BatchNorm(), new LayerSpec.Output(2)), 0).startsWith("BatchNorm #1 cannot take token ids"));
        assertTrue(onlyError(tokens(12, 50, new LayerSpec.Dropout(0.2), new LayerSpec.Output(2)), 0).startsWith("Dropout #1 cannot take token ids"));
        assertEquals("LSTM #1 needs a sequence of vectors but gets token ids (12 tokens): they number the words of a vocabulary and are "
                + "not measurements, so they must go through an Embedding first. Put an Embedding layer right after the input.",
                onlyError(tokens(12, 50, new LayerSpec.Lstm(8, false), new LayerSpec.Output(2)), 0));
    }

    @Test void zeroPaddingGrowsAnImageAndNeedsOne() {
        NetworkSpec padded = new NetworkSpec("padded", "", new InputSpec.ImageInput(28, 28, 1), List.of(
                new LayerSpec.ZeroPadding(2, 1), new LayerSpec.Conv2D(4, 5, Activation.RELU), new LayerSpec.Flatten(), new LayerSpec.Output(3)),
                TrainingConfig.defaults());
        var s = ShapeInference.analyse(padded);
        assertFalse(s.hasErrors(), s.issues().toString());
        assertEquals(new Shape.Image(32, 30, 1), s.layers().get(0).outputShape());
        assertEquals(new Shape.Image(28, 26, 4), s.layers().get(1).outputShape(), "a 5×5 kernel now reaches the 28×28 image's border");
        NetworkSpec flat = new NetworkSpec("flat", "", new InputSpec.VectorInput(8), List.of(new LayerSpec.ZeroPadding(1, 1), new LayerSpec.Output(3)),
                TrainingConfig.defaults());
        assertTrue(ShapeInference.analyse(flat).errors().get(0).message().startsWith("ZeroPadding #1 needs an image-shaped input"),
                ShapeInference.analyse(flat).errors().toString());
    }

    @Test void lstmNeedsASequence() {
        assertEquals("LSTM #3 needs a sequence (steps×features) but gets a flat vector of 16 values; put an Embedding before it, "
                + "and make any LSTM before it return every step ('all').",
                onlyError(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.Lstm(16, false), new LayerSpec.Lstm(8, false),
                        new LayerSpec.Output(2)), 2));
        assertEquals("LSTM #1 needs a sequence (steps×features) but gets an image of 8×8×1; put an Embedding before it.",
                onlyError(image(8, 8, 1, new LayerSpec.Lstm(8, false), new LayerSpec.Output(2)), 0));
        NetworkSummary stacked = ShapeInference.analyse(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.Lstm(16, true),
                new LayerSpec.Lstm(8, false), new LayerSpec.Output(2)));
        assertFalse(stacked.hasErrors(), stacked.issues().toString());
    }

    @Test void denseAndOutputOnASequenceAskForPoolingOrALastStepLstm() {
        assertEquals("Dense #2 needs a flat vector but gets a sequence of 12×8 (steps×features). Add a GlobalPooling layer before it, "
                + "or an LSTM that returns only the last step.",
                onlyError(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.Dense(4, Activation.RELU), new LayerSpec.Output(2)), 1));
        assertTrue(onlyError(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.Lstm(6, true), new LayerSpec.Output(2)), 2)
                .startsWith("Output #3 needs a flat vector but gets a sequence of 12×6 (steps×features). Add a GlobalPooling layer"));
    }

    @Test void flattenBatchNormAndConvolutionRefuseASequence() {
        assertEquals("Flatten #2 cannot flatten a sequence of 12×8 (steps×features). Use a GlobalPooling layer to summarise each "
                + "feature over the steps, or an LSTM that returns only the last step.",
                onlyError(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.Flatten(), new LayerSpec.Output(2)), 1));
        assertEquals("BatchNorm #2 cannot normalise a sequence of 12×8 (steps×features). Put it after a GlobalPooling layer or an "
                + "LSTM that returns only the last step.",
                onlyError(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.BatchNorm(),
                        new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX), new LayerSpec.Output(2)), 1));
        assertTrue(onlyError(tokens(12, 50, new LayerSpec.Embedding(8), new LayerSpec.MaxPool(2), new LayerSpec.Output(2)), 1)
                .startsWith("MaxPool #2 needs an image-shaped input (height×width×channels) but gets a sequence of 12×8 (steps×features)."));
        assertTrue(onlyError(new NetworkSpec("v", "", new InputSpec.VectorInput(16), List.of(
                        new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.AVG), new LayerSpec.Output(2)), TrainingConfig.defaults()), 0)
                .startsWith("GlobalPooling #1 needs an image or a sequence to pool over but gets a flat vector of 16 values."));
    }

    @Test void sequenceInputAndSettingsAreChecked() {
        assertEquals("The input sequences must be at least 1 token long, not 0.",
                ShapeInference.analyse(tokens(0, 50, new LayerSpec.Embedding(8), new LayerSpec.Output(2))).errors().get(0).message());
        assertEquals("The input's vocabulary must have at least one token, not 0.",
                ShapeInference.analyse(tokens(5, 0, new LayerSpec.Embedding(8), new LayerSpec.Output(2))).errors().get(0).message());
        List<String> messages = ShapeInference.analyse(tokens(5, 9, new LayerSpec.Embedding(0), new LayerSpec.Lstm(0, false),
                new LayerSpec.Output(2))).errors().stream().map(Issue::message).toList();
        assertTrue(messages.contains("Embedding #1: its number of dimensions must be at least 1, not 0."), messages.toString());
        assertTrue(messages.contains("LSTM #2: its number of units must be at least 1, not 0."), messages.toString());
    }

    @Test void everyShippedSpecIsCleanAndDescribed() {
        for (NetworkSpec spec : SampleData.specs()) {
            assertEquals(List.of(), ShapeInference.analyse(spec).issues(), spec.name());
            assertTrue(spec.description().length() > 100, spec.name() + " explains itself to a student");
        }
        assertEquals(List.of("MLP (Keras classic)", "Small CNN", "LeNet-5 style CNN", "Text classifier (embedding)", "Tabular MLP",
                        "Tabular regression", "Text classifier, Chinese (embedding)"),
                SampleData.specs().stream().map(NetworkSpec::name).toList(), "new templates come after the existing ones");
        assertEquals(16_000 * 32 + 32 * 4 + 4, ShapeInference.analyse(SampleData.spec("text-classifier.json")).totalParameters());
        assertEquals(1_500 * 32 + 32 * 32 + 32 + 32 * 4 + 4, ShapeInference.analyse(SampleData.spec("text-classifier-zh.json")).totalParameters());
        assertEquals(403, ShapeInference.analyse(SampleData.spec("tabular-mlp.json")).totalParameters());
        assertEquals(10 * 32 + 32 + 32 * 16 + 16 + 16 + 1, ShapeInference.analyse(SampleData.spec("tabular-regression.json")).totalParameters());
    }

    @Test void smallCnnShapesAndCountsMatchKerasSummary() {
        NetworkSummary s = ShapeInference.analyse(SampleData.spec("small-cnn.json"));
        assertFalse(s.hasErrors(), s.issues().toString());
        List<String> shapes = s.layers().stream().map(l -> l.outputShape().toString()).toList();
        assertEquals(List.of("28×28×32", "14×14×32", "14×14×64", "7×7×64", "3136", "128", "128", "10"), shapes);
        assertEquals(List.of(320L, 0L, 18_496L, 0L, 0L, 401_536L, 0L, 1_290L), s.layers().stream().map(l -> l.parameters()).toList());
        assertEquals(421_642, s.totalParameters());
    }

    @Test void mlpHas55050Parameters() {
        assertEquals(55_050, ShapeInference.analyse(SampleData.spec("mlp.json")).totalParameters());
    }

    @Test void samePaddingAndStrides() {
        NetworkSummary s = ShapeInference.analyse(image(28, 28, 3,
                new LayerSpec.Conv2D(4, 3, 3, 2, 2, Padding.SAME, Activation.RELU, WeightInit.HE),
                new LayerSpec.MaxPool(3, 3, 2, 2), new LayerSpec.BatchNorm(),
                new LayerSpec.Flatten(), new LayerSpec.BatchNorm(), new LayerSpec.Output(2)));
        assertEquals(new Shape.Image(14, 14, 4), s.layers().get(0).outputShape());
        assertEquals(new Shape.Image(6, 6, 4), s.layers().get(1).outputShape());
        assertEquals(16, s.layers().get(2).parameters(), "BatchNorm on images: 4 per channel");
        assertEquals(4 * 144, s.layers().get(4).parameters(), "BatchNorm on vectors: 4 per feature");
    }

    @Test void samePaddingWhoseStrideLeavesGapsBetweenWindowsIsRefusedAsDl4jRefusesIt() {
        NetworkSummary s = ShapeInference.analyse(image(32, 32, 1,
                new LayerSpec.Conv2D(4, 1, 3, 16, 2, Padding.SAME, Activation.RELU, WeightInit.HE),
                new LayerSpec.Flatten(), new LayerSpec.Output(2)));
        assertEquals(1, s.errors().size(), s.errors().toString());
        assertEquals("Conv2D #1: with 'same' padding its 1×3 kernel at a stride of 16×2 leaves parts of its 32×32 input between the "
                + "windows, which DL4J refuses (it would need negative padding). Use a stride no larger than the kernel, or 'valid' padding.",
                s.errors().get(0).message());
        // A 1×1 kernel at stride 2 (a ResNet shortcut) needs padding of -1 in all, which DL4J rounds to 0: accepted.
        assertFalse(ShapeInference.analyse(image(28, 28, 1,
                new LayerSpec.Conv2D(4, 1, 1, 2, 2, Padding.SAME, Activation.RELU, WeightInit.HE),
                new LayerSpec.Flatten(), new LayerSpec.Output(2))).hasErrors());
    }

    @Test void kernelLargerThanInputIsReportedOnThatLayerInPlainWords() {
        NetworkSummary s = ShapeInference.analyse(image(12, 12, 1,
                new LayerSpec.Conv2D(8, 3, Activation.RELU), new LayerSpec.MaxPool(3),
                new LayerSpec.Conv2D(16, 5, Activation.RELU), new LayerSpec.Flatten(), new LayerSpec.Output(10)));
        List<Issue> errors = s.errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(2, errors.get(0).layerIndex());
        assertTrue(errors.get(0).message().startsWith("Conv2D #3: its 5×5 kernel is larger than its 3×3 input"), errors.get(0).message());
        assertNull(s.layers().get(2).outputShape(), "no shape is guessed after an error");
        assertNull(s.layers().get(4).outputShape());
    }

    @Test void denseOnImageAsksForFlatten() {
        NetworkSummary s = ShapeInference.analyse(image(8, 8, 1, new LayerSpec.Dense(10, Activation.RELU), new LayerSpec.Output(3)));
        assertEquals("Dense #1 needs a flat vector but gets an image of 8×8×1. Add a Flatten layer before it.", s.errors().get(0).message());
    }

    @Test void globalPoolingKeepsOneValuePerChannel() {
        NetworkSummary s = ShapeInference.analyse(CatalogueNetworks.globalPooling());
        assertFalse(s.hasErrors(), s.issues().toString());
        assertEquals(new Shape.Vector(8), s.layers().get(1).outputShape());
        assertEquals(8 * 6 + 6, s.layers().get(2).parameters());
    }

    @Test void convOnVectorIsAnError() {
        NetworkSpec spec = new NetworkSpec("v", "", new InputSpec.VectorInput(16),
                List.of(new LayerSpec.Conv2D(3, 2, Activation.RELU), new LayerSpec.Output(2)), TrainingConfig.defaults());
        Issue e = ShapeInference.analyse(spec).errors().get(0);
        assertEquals(0, e.layerIndex());
        assertTrue(e.message().startsWith("Conv2D #1 needs an image-shaped input"), e.message());
    }

    @Test void structureProblems() {
        assertEquals("The network has no layers. Add at least an Output layer.",
                ShapeInference.analyse(image(4, 4, 1)).errors().get(0).message());
        NetworkSummary noOutput = ShapeInference.analyse(image(4, 4, 1, new LayerSpec.Flatten(), new LayerSpec.Dense(3, Activation.RELU)));
        assertEquals("The network must end with an Output layer, but it ends with Dense #2.", noOutput.errors().get(0).message());
        NetworkSummary early = ShapeInference.analyse(image(4, 4, 1, new LayerSpec.Flatten(), new LayerSpec.Output(3), new LayerSpec.Output(3)));
        assertEquals(1, early.errors().get(0).layerIndex());
    }

    @Test void badSettingsAndTraining() {
        NetworkSpec spec = image(4, 4, 1, new LayerSpec.Flatten(), new LayerSpec.Dropout(1.5), new LayerSpec.Dense(0, Activation.RELU),
                new LayerSpec.Output(2)).withTraining(TrainingConfig.defaults().withLearningRate(-1).withBatchSize(0));
        List<String> messages = ShapeInference.analyse(spec).errors().stream().map(Issue::message).toList();
        assertTrue(messages.contains("Dense #3: its number of units must be at least 1, not 0."), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Dropout #2: its rate is the fraction")), messages.toString());
        assertTrue(messages.contains("The learning rate must be above 0, not -1.0."), messages.toString());
        assertTrue(messages.contains("The batch size must be at least 1, not 0."), messages.toString());
    }

    @Test void learningRateSchedules() {
        assertEquals(0.01, LearningRateSchedule.CONSTANT.rateAt(7, 0.01));
        LearningRateSchedule step = LearningRateSchedule.step(0.5, 3);
        assertEquals(List.of(1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25), IntStream.rangeClosed(1, 7)
                .mapToObj(e -> step.rateAt(e, 1.0)).toList());
        assertEquals(0.81, LearningRateSchedule.exponential(0.9).rateAt(3, 1.0), 1e-12);
        NetworkSpec bad = SampleData.spec("mlp.json");
        bad = bad.withTraining(bad.training().withSchedule(LearningRateSchedule.step(1.5, 0)));
        assertEquals("The learning-rate schedule's factor must be above 0 and at most 1, not 1.5.",
                ShapeInference.analyse(bad).errors().get(0).message());
    }

    @Test void l2ValidationSplitEarlyStoppingAndPlateauAreChecked() {
        NetworkSpec mlp = SampleData.spec("mlp.json");
        Function<TrainingConfig, List<String>> errors = t ->
                ShapeInference.analyse(mlp.withTraining(t)).errors().stream().map(Issue::message).toList();
        TrainingConfig d = mlp.training();
        assertEquals(List.of(), errors.apply(d.withL2(1e-4).withValidationSplit(0.5)
                .withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_ACCURACY, 2, 0.01))
                .withSchedule(LearningRateSchedule.plateau(0.5, 2))));
        assertEquals(List.of("The L2 weight penalty must be 0 (off) or more, not -0.1."), errors.apply(d.withL2(-0.1)));
        assertEquals(List.of("The validation split is the fraction of the data held out to check the network on; it must be from 0 (none) to 0.5, not 0.6."),
                errors.apply(d.withValidationSplit(0.6)));
        assertEquals(List.of("Early stopping must wait at least 1 epoch without improvement before it stops, not 0."),
                errors.apply(d.withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 0, 0))));
        assertEquals(List.of("Early stopping's smallest improvement (min delta) must be 0 or more, not -1.0."),
                errors.apply(d.withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 2, -1))));
        assertEquals(List.of("Early stopping watches the validation loss, but the validation split is 0, so there is no validation data. "
                        + "Set a validation split such as 0.1, or turn early stopping off."),
                errors.apply(d.withValidationSplit(0).withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0))));
        assertEquals(List.of(), errors.apply(d.withValidationSplit(0).withEarlyStopping(EarlyStopping.OFF.withEnabled(false))),
                "switched off, early stopping needs nothing");
        assertEquals(List.of("The reduce-on-plateau schedule lowers the rate when the validation loss stops improving, but the validation split is 0, "
                        + "so there is no validation data. Set a validation split such as 0.1, or choose another schedule."),
                errors.apply(d.withValidationSplit(0).withSchedule(LearningRateSchedule.plateau(0.5, 2))));
        assertEquals(List.of("The reduce-on-plateau schedule's factor must be above 0 and below 1 (0.5 halves the rate), not 1.0."),
                errors.apply(d.withSchedule(LearningRateSchedule.plateau(1, 2))));
        assertEquals(List.of("The reduce-on-plateau schedule must wait 1 or more epochs without improvement, not 0."),
                errors.apply(d.withSchedule(LearningRateSchedule.plateau(0.5, 0))));

        NetworkSummary never = ShapeInference.analyse(mlp.withTraining(d.withEpochs(3)
                .withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 3, 0))));
        assertFalse(never.hasErrors());
        assertTrue(never.issues().stream().anyMatch(i -> i.message().contains("so it can never stop early")), never.issues().toString());
        assertTrue(ShapeInference.analyse(mlp.withTraining(d.withL2(0.5))).issues().stream()
                .anyMatch(i -> !i.isError() && i.message().startsWith("An L2 weight penalty of 0.5 is very strong")));
    }

    @Test void plateauDescribesItselfAndStartsAtTheBaseRate() {
        assertEquals("×0.5 after 2 epochs without improvement", LearningRateSchedule.plateau(0.5, 2).describe());
        assertEquals("×0.2 after 1 epoch without improvement", LearningRateSchedule.plateau(0.2, 1).describe());
        assertEquals(0.01, LearningRateSchedule.plateau(0.5, 2).rateAt(9, 0.01));
        assertEquals(LearningRateSchedule.Kind.PLATEAU, LearningRateSchedule.Kind.fromId("plateau"));
        assertEquals("validation_accuracy", EarlyStopping.Metric.VALIDATION_ACCURACY.id());
    }

    @Test void warningsDoNotBlock() {
        NetworkSpec spec = new NetworkSpec("v", "", new InputSpec.VectorInput(16),
                List.of(new LayerSpec.Flatten(), new LayerSpec.Output(2)), TrainingConfig.defaults().withLearningRate(5));
        NetworkSummary s = ShapeInference.analyse(spec);
        assertFalse(s.hasErrors());
        assertEquals(2, s.issues().size(), s.issues().toString());
    }

    @Test void pureFunction() {
        NetworkSpec spec = SampleData.spec("lenet.json");
        assertEquals(ShapeInference.analyse(spec), ShapeInference.analyse(spec));
        assertEquals(61_706, ShapeInference.analyse(spec).totalParameters());
    }
}
