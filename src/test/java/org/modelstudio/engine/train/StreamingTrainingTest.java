package org.modelstudio.engine.train;

import org.modelstudio.core.events.RunOutcome;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.GeneratedImages;
import org.modelstudio.core.data.IdxImageFile;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.evaluate.Evaluator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training from data that is read batch by batch: the same batches as in memory, bounded buffers, no thread left behind. */
class StreamingTrainingTest {

    /** Examples of another source, served as if read from somewhere else: the trainer must stream them. */
    private static class NotInMemory implements ExampleSource {
        final ExampleSource data;
        final int failing;

        NotInMemory(ExampleSource data) { this(data, -1); }

        NotInMemory(ExampleSource data, int failing) {
            this.data = data;
            this.failing = failing;
        }

        @Override public Shape exampleShape() { return data.exampleShape(); }
        @Override public List<String> classes() { return data.classes(); }
        @Override public int size() { return data.size(); }
        @Override public int label(int i) { return data.label(i); }
        @Override public String describe(int i) { return data.describe(i); }

        @Override public void read(int i, float[] into) {
            if (i == failing) throw new UncheckedIOException(new IOException("the disk went away"));
            data.read(i, into);
        }
    }

    static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(StreamingBatchIterator.THREAD_NAME)).count();
    }

    @AfterEach void noReaderIsLeftRunning() {
        assertEquals(0, readerThreads(), "batch reader threads still running after the test");
    }

    @Test void permuteGivesTheOrderDataSetShuffleGives() {
        for (int n : new int[] {2, 3, 8, 101, 1000}) {
            float[] ids = new float[n];
            for (int i = 0; i < n; i++) ids[i] = i;
            DataSet rows = new DataSet(Nd4j.create(ids, new long[] {n, 1}, DataType.FLOAT), Nd4j.zeros(DataType.FLOAT, n, 2));
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Random seeds = new Random(n);
            for (int epoch = 0; epoch < 4; epoch++) {
                long seed = seeds.nextLong();
                rows.shuffle(seed);
                BatchIterator.permute(order, seed);
                float[] shuffled = rows.getFeatures().toFloatVector();
                for (int i = 0; i < n; i++) assertEquals(order[i], (int) shuffled[i], "n=" + n + ", epoch " + epoch + ", position " + i);
            }
            if (n >= 8) assertFalse(Arrays.equals(order, IntStream.range(0, n).toArray()), "shuffled");
        }
    }

    @Test void streamingServesTheInMemoryBatchesInTheSameOrder() {
        LabeledData data = TestData.bars(203, 5);   // 12 full batches of 16 and one of 11
        BatchIterator inMemory = new BatchIterator(data, 16, 9, true);
        try (StreamingBatchIterator streaming = new StreamingBatchIterator(new NotInMemory(data), 16, 9, true)) {
            assertEquals(inMemory.batchesPerEpoch(), streaming.batchesPerEpoch());
            for (int epoch = 0; epoch < 3; epoch++) {
                inMemory.reset();
                streaming.reset();
                int batches = 0;
                int examples = 0;
                while (inMemory.hasNext()) {
                    assertTrue(streaming.hasNext());
                    DataSet expected = inMemory.next();
                    DataSet actual = streaming.next();
                    assertArrayEquals(expected.getFeatures().shape(), actual.getFeatures().shape());
                    assertEquals(expected.getFeatures(), actual.getFeatures(), "epoch " + epoch + " batch " + batches);
                    assertEquals(expected.getLabels(), actual.getLabels(), "labels stay with their images");
                    batches++;
                    examples += actual.numExamples();
                }
                assertFalse(streaming.hasNext());
                assertFalse(streaming.reading(), "the reader stops once the epoch is read");
                assertEquals(13, batches);
                assertEquals(203, examples);
            }
            assertEquals(2, streaming.batchBuffersAllocated(), "one set for full batches, one for the last");
        }
    }

    @Test void streamingAndInMemoryTrainingGiveTheSameLosses() throws Exception {
        LabeledData all = SampleData.fashionMnistTrain().first(2000);
        LabeledData validation = SampleData.fashionMnistTest().first(500);
        NetworkSpec spec = SampleData.spec("mlp.json");
        spec = spec.withTraining(spec.training().withEpochs(2).withBatchSize(32));
        List<Double> memoryLosses = new ArrayList<>();
        AtomicLong readersSeen = new AtomicLong();
        TrainingResult memory = Trainer.train(spec, all, validation, e -> {
            if (e instanceof TrainingEvent.BatchScored b) {
                memoryLosses.add(b.loss());
                readersSeen.addAndGet(readerThreads());
            }
        }, new CancelToken());
        assertEquals(0, readersSeen.get(), "in-memory data is not streamed");

        List<Double> streamedLosses = new ArrayList<>();
        TrainingResult streamed = Trainer.train(spec, new NotInMemory(all), new NotInMemory(validation), e -> {
            if (e instanceof TrainingEvent.BatchScored b) {
                streamedLosses.add(b.loss());
                readersSeen.addAndGet(readerThreads());
            }
        }, new CancelToken());
        assertTrue(readersSeen.get() > 0, "the second run read its batches on the reader thread");

        assertEquals(RunOutcome.FINISHED, streamed.outcome());
        assertEquals(2 * 63, streamedLosses.size());
        for (int i = 0; i < memoryLosses.size(); i++) {
            assertEquals(memoryLosses.get(i), streamedLosses.get(i), 1e-5 * memoryLosses.get(i), "batch " + i);
        }
        for (int e = 0; e < 2; e++) {
            TrainingEvent.EpochEvaluated m = memory.epochs().get(e);
            TrainingEvent.EpochEvaluated s = streamed.epochs().get(e);
            assertEquals(m.trainLoss(), s.trainLoss(), 1e-6 * m.trainLoss(), "epoch " + (e + 1) + " training loss");
            assertEquals(m.trainAccuracy(), s.trainAccuracy(), 1e-9);
            assertEquals(m.validationLoss(), s.validationLoss(), 1e-6 * m.validationLoss(), "validation read in batches");
            assertEquals(m.validationAccuracy(), s.validationAccuracy(), 1e-9);
        }
        assertTrue(memory.epochs().get(1).trainLoss() < memory.epochs().get(0).trainLoss(), "it learns");
    }

    @Test void aNetworkTrainsFromIdxFilesOnDisk(@TempDir Path dir) throws Exception {
        try (IdxImageFile train = SampleData.fashionMnistTrainOnDisk(dir); IdxImageFile test = SampleData.fashionMnistTestOnDisk(dir)) {
            int[] first = IntStream.range(0, 3000).toArray();
            ExampleSource subset = train.subset(first);
            assertInstanceOf(StreamingBatchIterator.class, Trainer.batchesFor(subset, 32, 1, Trainer.IN_MEMORY_LIMIT_BYTES));
            NetworkSpec spec = SampleData.spec("mlp.json");
            spec = spec.withTraining(spec.training().withEpochs(2).withBatchSize(32));
            TrainingResult result = Trainer.train(spec, subset, test, e -> { }, new CancelToken());

            assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
            double accuracy = Evaluator.evaluate(result.last(), test).accuracy();
            assertTrue(accuracy > 0.7, "10 classes, chance is 10%: " + accuracy);
            assertEquals(accuracy, result.epochs().get(1).validationAccuracy(), 1e-9, "validation read from the file");
            assertEquals(accuracy, Evaluator.evaluate(result.last(), SampleData.fashionMnistTest()).accuracy(), 1e-9,
                    "the file holds the same test images as the shipped sample");
        }
    }

    @Test void fiftyThousandGeneratedImagesTrainInOneEpochWithBoundedBuffers() throws Exception {
        GeneratedImages train = new GeneratedImages(50_000, 1);
        GeneratedImages heldOut = new GeneratedImages(2_000, 2);
        NetworkSpec spec = SampleData.spec("mlp.json");
        spec = spec.withTraining(spec.training().withEpochs(1).withBatchSize(64));
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkCompiler.compile(spec).configuration());
        net.init();
        TrainedModel model = new TrainedModel(spec, train.classes(), null, net);
        TrainingResult result;
        StreamingBatchIterator batches = new StreamingBatchIterator(train, 64, spec.training().seed(), true);
        try (batches) {
            result = Trainer.run(model, batches, train, heldOut, 1, e -> { }, new CancelToken(), new PauseGate());
        }
        assertEquals(RunOutcome.FINISHED, result.outcome(), result.failure());
        assertTrue(result.epochs().get(0).validationAccuracy() > 0.6, "10 classes, chance is 10%: " + result.epochs().get(0));
        assertTrue(batches.batchBuffersAllocated() <= 3, "buffers: " + batches.batchBuffersAllocated());

        // The same bound for a set a hundred times smaller: the buffers do not grow with the data.
        try (StreamingBatchIterator small = new StreamingBatchIterator(new GeneratedImages(500, 1), 64, 1, true)) {
            while (small.hasNext()) small.next();
            assertEquals(batches.batchBuffersAllocated(), small.batchBuffersAllocated());
        }
    }

    @Test void anExampleThatCannotBeReadFailsTheRunNamingIt() throws Exception {
        NotInMemory broken = new NotInMemory(new GeneratedImages(3_000, 4), 1_234);
        NetworkSpec spec = SampleData.spec("mlp.json");
        spec = spec.withTraining(spec.training().withEpochs(2));
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.train(spec, broken, null, events::add, new CancelToken());

        assertEquals(RunOutcome.FAILED, result.outcome());
        assertEquals("Training stopped with an error: Could not read generated image 1234 (seed 4): the disk went away",
                result.failure());
        assertInstanceOf(TrainingEvent.Failed.class, events.get(events.size() - 1));
        assertEquals(0, readerThreads(), "the reader thread is gone");

        // The same from validation data, read after the epoch.
        TrainingResult validating = Trainer.train(spec, new GeneratedImages(300, 4), broken, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FAILED, validating.outcome());
        assertTrue(validating.failure().contains("generated image 1234"), validating.failure());
    }

    @Test void cancellingWhileStreamingStopsTheReader() throws Exception {
        CancelToken cancel = new CancelToken();
        AtomicLong readersDuring = new AtomicLong();
        NetworkSpec spec = SampleData.spec("mlp.json");
        TrainingResult result = Trainer.train(spec, new GeneratedImages(5_000, 5), null, e -> {
            if (e instanceof TrainingEvent.BatchScored b && b.iteration() == 3) {
                readersDuring.set(readerThreads());
                cancel.cancel();
            }
        }, cancel);
        assertEquals(RunOutcome.CANCELLED, result.outcome());
        assertEquals(1, readersDuring.get(), "one reader while training");
        assertEquals(0, readerThreads());
    }

    @Test void resetMidEpochAbandonsTheBatchBeingReadAndStartsOver() {
        LabeledData data = TestData.bars(100, 2);
        try (StreamingBatchIterator streaming = new StreamingBatchIterator(new NotInMemory(data), 10, 3, false)) {
            streaming.next();
            assertTrue(streaming.reading(), "reading the next batch ahead");
            streaming.reset();
            assertFalse(streaming.reading());
            DataSet first = streaming.next();
            assertEquals(BatchIterator.slice(data, 0, 10).getFeatures(), first.getFeatures(), "unshuffled: from the start");
        }
    }

    @Test void theTrainerStreamsWhatIsNotInMemoryOrTooLarge() {
        LabeledData data = TestData.bars(100, 2);
        long bytes = 100 * 64 * 4;
        assertEquals(bytes, data.featureBytes());
        assertInstanceOf(BatchIterator.class, Trainer.batchesFor(data, 10, 1, bytes));
        assertInstanceOf(BatchIterator.class, Trainer.batchesFor(data.subset(new int[] {5, 6, 7}), 10, 1, bytes),
                "a view of data in memory");
        List<DataSetIterator> streamed = List.of(Trainer.batchesFor(data, 10, 1, bytes - 1),
                Trainer.batchesFor(new NotInMemory(data), 10, 1, bytes), Trainer.batchesFor(new GeneratedImages(10, 1), 10, 1, bytes));
        for (DataSetIterator it : streamed) {
            assertInstanceOf(StreamingBatchIterator.class, it);
            ((StreamingBatchIterator) it).close();
        }
        assertThrows(IllegalArgumentException.class, () -> new StreamingBatchIterator(data, 0, 1, true));
    }
}
