package org.modelstudio.engine.train;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.LabeledData;
import org.nd4j.common.util.ArrayUtil;
import org.modelstudio.core.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Serves labelled examples held in memory as DL4J mini-batches, in a new seeded order each epoch. The examples
 * are copied into one native array once; each epoch shuffles it in place, and batches are views into it, so an
 * epoch allocates nothing per batch. Images become NCHW tensors; token sequences [n, length] matrices of token
 * ids, the input DL4J's EmbeddingSequenceLayer takes. {@link StreamingBatchIterator} serves data that is not
 * held in memory, in the same order (see {@link #permute}).
 */
public final class BatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient ExampleSource data;
    private final int batchSize;
    private final boolean shuffle;
    private final transient Random random;
    private final transient DataSet all;
    private int cursor;

    public BatchIterator(ExampleSource data, int batchSize, long seed, boolean shuffle) {
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        this.all = slice(data, 0, data.size());
        reset();
    }

    /** The examples {@code from..to} (exclusive) of {@code data}, in order, as one DataSet. */
    public static DataSet slice(ExampleSource data, int from, int to) {
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

    /** The network's input shape for a batch of {@code n} examples of {@code shape}. */
    public static long[] shapeOf(Shape shape, int n) {
        if (shape instanceof Shape.Image img) return new long[] {n, img.channels(), img.height(), img.width()};
        if (shape instanceof Shape.Tokens t) return new long[] {n, t.length()};
        // A sequence of vectors is stored feature-major (all steps of feature 0, then feature 1, ...): NCW.
        if (shape instanceof Shape.Sequence seq) return new long[] {n, seq.features(), seq.steps()};
        return new long[] {n, shape.size()};
    }

    /**
     * The examples {@code idx[from..to)} as one native features array and their labels. The features are written into
     * the native array a chunk of examples at a time, never gathered in one Java array first: for the sample that would
     * be a 28 MB array on the heap (a humongous object the JVM must zero) only to be copied once and dropped.
     */
    private static DataSet build(ExampleSource data, int[] idx, int from, int to) {
        int n = to - from;
        int size = Math.toIntExact(data.exampleShape().size());
        int classes = data.classCount();
        float[] y = new float[n * classes];
        INDArray features = Nd4j.createUninitialized(DataType.FLOAT, shapeOf(data.exampleShape(), n), 'c');
        FloatBuffer target = features.data().asNioFloat();
        int chunk = Math.max(1, Math.min(n, CHUNK_VALUES / Math.max(1, size)));
        float[] x = new float[chunk * size];
        float[] yChunk = new float[chunk * classes];
        float[] example = new float[size];
        for (int start = 0; start < n; start += chunk) {
            int count = Math.min(chunk, n - start);
            Arrays.fill(yChunk, 0f);
            fill(data, idx, from + start, from + start + count, x, yChunk, example);
            target.put((int) features.offset() + start * size, x, 0, count * size);
            System.arraycopy(yChunk, 0, y, start * classes, count * classes);
        }
        INDArray labels = Nd4j.create(y, new long[] {n, classes}, DataType.FLOAT);
        return new DataSet(features, labels);
    }

    /** How many values {@link #build} gathers in Java before writing them to the native array. */
    private static final int CHUNK_VALUES = 256 * 1024;

    /**
     * Writes the examples {@code idx[from..to)} one after another into {@code x} and their one-hot labels (for a
     * regression, their targets) into {@code y} (which must be all zeros); {@code example} is scratch space for one example. A failure to read
     * an example becomes an {@link ExampleReadException} that names it.
     */
    static void fill(ExampleSource data, int[] idx, int from, int to, float[] x, float[] y, float[] example) {
        int size = example.length;
        int classes = data.classCount();
        boolean regression = data.regression();
        LabeledData held = data instanceof LabeledData d ? d : null;
        for (int i = 0; i < to - from; i++) {
            int e = idx[from + i];
            if (held != null) {
                System.arraycopy(held.features()[e], 0, x, i * size, size);
            } else {
                read(data, e, example);
                System.arraycopy(example, 0, x, i * size, size);
            }
            if (regression) {
                // One output: the example's number to predict (standardised) instead of a one-hot class.
                y[i] = data.target(e);
                continue;
            }
            int label = data.label(e);
            if (label < 0 || label >= classes) {
                throw new ExampleReadException(e, "The label of " + data.describe(e) + " is " + label + ", not one of the "
                        + classes + " classes", null);
            }
            y[i * classes + label] = 1f;
        }
    }

    /** Reads one example, naming it if that fails. */
    static void read(ExampleSource data, int e, float[] into) {
        try {
            data.read(e, into);
        } catch (UncheckedIOException ex) {
            String why = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause().getMessage() : ex.getMessage();
            throw new ExampleReadException(e, "Could not read " + data.describe(e) + ": " + why, ex);
        } catch (ExampleReadException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new ExampleReadException(e, "Could not read " + data.describe(e) + ": " + ex, ex);
        }
    }

    /**
     * Reorders {@code order} as {@code DataSet.shuffle(seed)} reorders the rows of the arrays it holds: ND4J's
     * native shuffle swaps each even position with a random odd one, by the map that ND4J's
     * {@code ArrayUtil.buildInterleavedVector(new Random(seed), n)} builds. The streaming path applies it to an
     * index array so that, for the same seed, it serves the examples in the same order as this iterator.
     */
    static void permute(int[] order, long seed) {
        if (order.length < 2) return;
        int[] map = ArrayUtil.buildInterleavedVector(new Random(seed), order.length);
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            if (j < 0) continue;
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
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
