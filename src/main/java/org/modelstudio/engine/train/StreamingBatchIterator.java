package org.modelstudio.engine.train;

import org.modelstudio.core.data.ExampleSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves an {@link ExampleSource} as DL4J mini-batches without holding the data set in memory: each batch is
 * read from the source when it is needed, into buffers that are reused from batch to batch. While the network
 * trains on one batch, one background thread reads the next (never more than one batch ahead), so reading
 * overlaps training. The order is a new seeded permutation each epoch, the same one {@link BatchIterator} gives
 * for the same seed (see {@link BatchIterator#permute}), so both paths train alike on the same data.
 *
 * <p>The reading thread runs only while an epoch is being served: it stops once the last batch of the epoch
 * has been read, on {@link #reset()} and on {@link #close()} (call it when training ends, also when it is
 * cancelled or fails). A failure to read an example surfaces from {@link #next()} as an
 * {@link ExampleReadException} naming the example. Not for use by more than one training thread.
 */
public final class StreamingBatchIterator implements DataSetIterator, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamingBatchIterator.class);
    /** The reading threads are named {@value}-1, -2, … */
    public static final String THREAD_NAME = "modelstudio-batch-reader";
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long {@link #close()} waits for a batch being read to finish (one batch: normally milliseconds). */
    private static final long STOP_WAIT_SECONDS = 30;

    private final transient ExampleSource source;
    private final int batchSize;
    private final boolean shuffle;
    private final transient Random random;
    private final int[] order;
    private final int exampleSize;
    private final int classes;
    /** Touched only on the reading thread (one at a time: a new thread starts only after the last one ended). */
    private final transient Buffers buffers;
    private int cursor;
    private transient ExecutorService reader;
    /** The reader's one thread, joined when it stops so that none outlives {@link #close()}. */
    private transient volatile Thread readerThread;
    /** The batch that starts at {@link #cursor}, being read; null when none has been asked for yet. */
    private transient Future<DataSet> pending;

    public StreamingBatchIterator(ExampleSource source, int batchSize, long seed, boolean shuffle) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        this.source = source;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        this.order = new int[source.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        this.exampleSize = Math.toIntExact(source.exampleShape().size());
        this.classes = source.classCount();
        this.buffers = new Buffers();
        reset();
    }

    @Override public boolean hasNext() {
        boolean more = cursor < order.length;
        // DL4J asks before each batch: start reading it now if that has not begun.
        if (more && pending == null) schedule();
        return more;
    }

    /** The next batch, waiting for it if it is still being read; then starts reading the one after. */
    @Override public DataSet next() {
        if (cursor >= order.length) throw new NoSuchElementException();
        if (pending == null) schedule();
        DataSet batch = await(pending);
        pending = null;
        cursor = Math.min(order.length, cursor + batchSize);
        if (cursor < order.length) schedule(); else stopReader();
        return batch;
    }

    /** Batches have the size given at construction; {@code num} is ignored. */
    @Override public DataSet next(int num) { return next(); }

    /** Back to the start, in a new order when shuffling; a batch being read is abandoned. */
    @Override public void reset() {
        abandonPending();
        cursor = 0;
        if (shuffle && order.length > 1) BatchIterator.permute(order, random.nextLong());
    }

    /** Stops reading ahead and ends the reading thread (waiting for a batch being read to finish). */
    @Override public void close() {
        abandonPending();
    }

    private void abandonPending() {
        if (pending != null) {
            pending.cancel(false);   // not true: an interrupt would close a FileChannel the source reads from
            pending = null;
        }
        stopReader();
    }

    private void schedule() {
        int from = cursor;
        int to = Math.min(order.length, from + batchSize);
        int[] idx = Arrays.copyOfRange(order, from, to);
        if (reader == null) {
            reader = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, THREAD_NAME + "-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                readerThread = t;
                return t;
            });
        }
        pending = reader.submit(() -> build(idx));
    }

    private void stopReader() {
        if (reader == null) return;
        reader.shutdown();
        Thread thread = readerThread;
        try {
            // The executor counts as terminated a moment before its thread ends: wait for the thread itself.
            if (!reader.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS) || (thread != null && !join(thread))) {
                LOG.warn("The batch reader did not stop within {} s; it ends when its read returns", STOP_WAIT_SECONDS);
                // Its buffers may still be written: the next thread gets new ones.
                buffers.discard();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            buffers.discard();
        }
        reader = null;
        readerThread = null;
    }

    private static boolean join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        return !thread.isAlive();
    }

    private static DataSet await(Future<DataSet> batch) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExampleReadException r) throw new ExampleReadException(r.index(), r.getMessage(), r);
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException("Reading a batch failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a batch to be read", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("The batch being read was abandoned", e);
        }
    }

    /** On the reading thread: the examples {@code idx} as one batch. */
    private DataSet build(int[] idx) {
        int n = idx.length;
        float[][] xy = buffers.get(n);
        float[] x = xy[0];
        float[] y = xy[1];
        Arrays.fill(y, 0f);
        BatchIterator.fill(source, idx, 0, n, x, y, xy[2]);
        INDArray features = Nd4j.create(x, BatchIterator.shapeOf(source.exampleShape(), n), DataType.FLOAT);
        INDArray labels = Nd4j.create(y, new long[] {n, classes}, DataType.FLOAT);
        return new DataSet(features, labels);
    }

    /**
     * The float arrays batches are read into: one set for full batches and one for the shorter last batch of an
     * epoch, made when first needed and then reused (ND4J copies them into each batch's arrays).
     */
    private final class Buffers {
        private float[][] full;
        private float[][] last;
        private final AtomicInteger allocated = new AtomicInteger();

        synchronized float[][] get(int n) {
            if (n == batchSize) return full = fit(full, n);
            return last = fit(last, n);
        }

        private float[][] fit(float[][] current, int n) {
            if (current != null && current[1].length == n * classes) return current;
            allocated.incrementAndGet();
            return new float[][] {new float[n * exampleSize], new float[n * classes], new float[exampleSize]};
        }

        synchronized void discard() {
            full = null;
            last = null;
        }
    }

    /** How many sets of batch buffers have been made so far: at most 2 (full and last batch), whatever the data size. */
    int batchBuffersAllocated() { return buffers.allocated.get(); }

    /** Whether a reading thread is running. */
    boolean reading() { return reader != null; }

    public int batchesPerEpoch() { return (order.length + batchSize - 1) / batchSize; }

    @Override public int inputColumns() { return exampleSize; }

    @Override public int totalOutcomes() { return classes; }

    @Override public boolean resetSupported() { return true; }

    /** It reads ahead itself: DL4J must not wrap it in another prefetching iterator. */
    @Override public boolean asyncSupported() { return false; }

    @Override public int batch() { return batchSize; }

    @Override public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("inputs are prepared when the data is loaded");
    }

    @Override public DataSetPreProcessor getPreProcessor() { return null; }

    @Override public List<String> getLabels() { return source.classes(); }
}
