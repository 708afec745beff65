package org.modelstudio.engine.train;

import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Serves {@link LabeledData} as DL4J mini-batches, in a new seeded order each epoch. The examples are copied
 * into one native array once; each epoch shuffles it in place, and batches are views into it, so an epoch
 * allocates nothing per batch. Images become NCHW tensors; token sequences [n, length] matrices of token ids,
 * the input DL4J's EmbeddingSequenceLayer takes.
 */
public final class BatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient LabeledData data;
    private final int batchSize;
    private final boolean shuffle;
    private final transient Random random;
    private final transient DataSet all;
    private int cursor;

    public BatchIterator(LabeledData data, int batchSize, long seed, boolean shuffle) {
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        this.all = slice(data, 0, data.size());
        reset();
    }

    /** The examples {@code from..to} (exclusive) of {@code data}, in order, as one DataSet. */
    public static DataSet slice(LabeledData data, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return build(data, idx, 0, idx.length);
    }

    /** Features of one or more examples as a network input (NCHW for images, [n, length] for token ids). */
    public static INDArray features(Shape shape, float[][] examples) {
        int size = Math.toIntExact(shape.size());
        float[] flat = new float[examples.length * size];
        for (int i = 0; i < examples.length; i++) System.arraycopy(examples[i], 0, flat, i * size, size);
        return Nd4j.create(flat, shapeOf(shape, examples.length), DataType.FLOAT);
    }

    private static long[] shapeOf(Shape shape, int n) {
        if (shape instanceof Shape.Image img) return new long[] {n, img.channels(), img.height(), img.width()};
        if (shape instanceof Shape.Tokens t) return new long[] {n, t.length()};
        // A sequence of vectors is stored feature-major (all steps of feature 0, then feature 1, ...): NCW.
        if (shape instanceof Shape.Sequence seq) return new long[] {n, seq.features(), seq.steps()};
        return new long[] {n, shape.size()};
    }

    private static DataSet build(LabeledData data, int[] idx, int from, int to) {
        int n = to - from;
        int size = Math.toIntExact(data.exampleShape().size());
        int classes = data.classCount();
        float[] x = new float[n * size];
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int e = idx[from + i];
            System.arraycopy(data.features()[e], 0, x, i * size, size);
            y[i * classes + data.labels()[e]] = 1f;
        }
        INDArray features = Nd4j.create(x, shapeOf(data.exampleShape(), n), DataType.FLOAT);
        INDArray labels = Nd4j.create(y, new long[] {n, classes}, DataType.FLOAT);
        return new DataSet(features, labels);
    }

    @Override public boolean hasNext() { return cursor < data.size(); }

    /** The next batch: a view into the shuffled array (DataSet.batchBy would copy example by example). */
    @Override public DataSet next() {
        if (!hasNext()) throw new NoSuchElementException();
        int to = Math.min(data.size(), cursor + batchSize);
        DataSet batch = new DataSet(all.getFeatures().get(NDArrayIndex.interval(cursor, to)),
                all.getLabels().get(NDArrayIndex.interval(cursor, to)));
        cursor = to;
        return batch;
    }

    /** Batches have the size given at construction; {@code num} is ignored. */
    @Override public DataSet next(int num) { return next(); }

    @Override public void reset() {
        cursor = 0;
        if (shuffle && data.size() > 1) all.shuffle(random.nextLong());
    }

    public int batchesPerEpoch() { return (data.size() + batchSize - 1) / batchSize; }

    @Override public int inputColumns() { return Math.toIntExact(data.exampleShape().size()); }

    @Override public int totalOutcomes() { return data.classCount(); }

    @Override public boolean resetSupported() { return true; }

    @Override public boolean asyncSupported() { return true; }

    @Override public int batch() { return batchSize; }

    @Override public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("inputs are prepared when the data is loaded");
    }

    @Override public DataSetPreProcessor getPreProcessor() { return null; }

    @Override public List<String> getLabels() { return data.classes(); }
}
