package org.modelstudio.server;

import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.engine.infer.ModelRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dynamic batching for one model version, as Triton does it: requests that arrive while the network is busy, or that
 * are still being read when it becomes free, go through it together in one forward pass of up to {@code maxBatch}
 * examples. A lone request never waits: the pass waits (at most {@code wait}) only for requests already being read.
 * The queue is bounded; the thread only runs forward passes, and answers are handed back through futures.
 */
final class Batcher {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    /** Told of every forward pass: how many examples it took and how long it ran. */
    interface Listener {
        void batched(int examples, long nanos);
    }

    /** The queue is full: the client should come back later. */
    static final class QueueFullException extends Exception {
        private static final long serialVersionUID = 1L;

        QueueFullException(int queued) {
            super("The model is busy: " + queued + " requests are already waiting. Try again in a moment.");
        }
    }

    private record Job(float[][] examples, List<List<String>> warnings, CompletableFuture<List<ModelAnswer>> done) {}

    private final ModelRuntime runtime;
    private final int maxBatch;
    private final int maxQueue;
    private final long waitNanos;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Thread thread;
    private int queuedExamples;
    private int reading;
    private boolean closing;

    Batcher(String name, ModelRuntime runtime, int maxBatch, int maxQueue, long waitNanos, Listener listener) {
        this.runtime = runtime;
        this.maxBatch = maxBatch;
        this.maxQueue = maxQueue;
        this.waitNanos = waitNanos;
        this.listener = listener;
        this.thread = new Thread(this::loop, "model " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A request for this model is being read: a forward pass that starts meanwhile may wait briefly for it. */
    void reading() {
        lock.lock();
        try {
            reading++;
        } finally {
            lock.unlock();
        }
    }

    /** A request announced by {@link #reading()} will not come (it was refused while being read). */
    void notComing() {
        lock.lock();
        try {
            reading--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues prepared examples announced by {@link #reading()}; the future gives their answers in order.
     *
     * @throws QueueFullException when {@code maxQueue} requests are already waiting
     */
    CompletableFuture<List<ModelAnswer>> submit(float[][] examples, List<List<String>> warnings) throws QueueFullException {
        lock.lock();
        try {
            reading--;
            if (queue.size() >= maxQueue) {
                changed.signalAll();
                throw new QueueFullException(queue.size());
            }
            if (closing) throw new IllegalStateException("this model version has been retired");
            Job job = new Job(examples, warnings, new CompletableFuture<>());
            queue.add(job);
            queuedExamples += examples.length;
            changed.signalAll();
            return job.done();
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for the network. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Answers what is queued, then stops; returns at once. */
    void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the queued requests are answered and the thread has stopped. */
    boolean awaitClosed(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    private void loop() {
        try {
            List<Job> jobs;
            while ((jobs = next()) != null) run(jobs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining();
    }

    /** The next jobs to run together (at least one), or null once closed and empty. */
    private List<Job> next() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) return null;
                changed.await();
            }
            long deadline = System.nanoTime() + waitNanos;
            while (queuedExamples < maxBatch && reading > 0 && !closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                changed.awaitNanos(left);
            }
            List<Job> jobs = new ArrayList<>();
            int examples = 0;
            while (!queue.isEmpty() && (jobs.isEmpty() || examples + queue.peek().examples().length <= maxBatch)) {
                Job job = queue.poll();
                jobs.add(job);
                examples += job.examples().length;
                queuedExamples -= job.examples().length;
            }
            return jobs;
        } finally {
            lock.unlock();
        }
    }

    /** One forward pass for the jobs (a job larger than a batch goes through in several), answers handed back. */
    private void run(List<Job> jobs) {
        List<float[]> examples = new ArrayList<>();
        List<List<String>> warnings = new ArrayList<>();
        for (Job job : jobs) {
            examples.addAll(List.of(job.examples()));
            warnings.addAll(job.warnings());
        }
        List<ModelAnswer> answers = new ArrayList<>(examples.size());
        try {
            for (int from = 0; from < examples.size(); from += maxBatch) {
                int to = Math.min(examples.size(), from + maxBatch);
                long t0 = System.nanoTime();
                answers.addAll(runtime.answer(examples.subList(from, to).toArray(new float[0][]), warnings.subList(from, to)));
                listener.batched(to - from, System.nanoTime() - t0);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("A forward pass of {} examples failed", examples.size(), e);
            for (Job job : jobs) job.done().completeExceptionally(e);
            return;
        }
        int at = 0;
        for (Job job : jobs) {
            int n = job.examples().length;
            job.done().complete(List.copyOf(answers.subList(at, at + n)));
            at += n;
        }
    }

    private void failRemaining() {
        lock.lock();
        try {
            for (Job job : queue) job.done().completeExceptionally(new IllegalStateException("the server stopped before the model answered"));
            queue.clear();
        } finally {
            lock.unlock();
        }
    }
}
