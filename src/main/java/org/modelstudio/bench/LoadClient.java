package org.modelstudio.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A lean HTTP/1.1 load generator for {@code bench --serve}: each of {@code concurrency} threads keeps one connection
 * alive and sends the same prepared request again as soon as the last answer is in (a closed loop, as wrk does), so the
 * client costs the server's 2 cores as little as possible. Latency is from the first byte written to the last byte read.
 */
final class LoadClient {

    /** What one run measured: every request's latency (ns), the failures and the time it took. */
    record Result(long[] latencies, int failed, String firstFailure, long nanos) {
        double perSecond() { return latencies.length / (nanos / 1e9); }

        double percentileMillis(double p) {
            if (latencies.length == 0) return Double.NaN;
            long[] s = latencies.clone();
            Arrays.sort(s);
            int i = (int) Math.ceil(p / 100 * s.length) - 1;
            return s[Math.max(0, Math.min(s.length - 1, i))] / 1e6;
        }
    }

    private LoadClient() {}

    /** Sends {@code request} over {@code concurrency} connections for {@code millis}; all threads start together. */
    static Result run(String host, int port, byte[] request, int concurrency, long millis) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        Worker[] workers = new Worker[concurrency];
        Thread[] threads = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            workers[i] = new Worker(host, port, request, ready, go);
            threads[i] = new Thread(workers[i], "load " + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        ready.await();
        long t0 = System.nanoTime();
        long deadline = t0 + millis * 1_000_000L;
        for (Worker w : workers) w.deadline = deadline;
        go.countDown();
        for (Thread t : threads) t.join();
        long nanos = System.nanoTime() - t0;
        List<long[]> all = new ArrayList<>();
        int failed = 0;
        String first = null;
        int n = 0;
        for (Worker w : workers) {
            all.add(Arrays.copyOf(w.latencies, w.count));
            n += w.count;
            failed += w.failed;
            if (first == null) first = w.firstFailure;
        }
        long[] latencies = new long[n];
        int at = 0;
        for (long[] l : all) {
            System.arraycopy(l, 0, latencies, at, l.length);
            at += l.length;
        }
        return new Result(latencies, failed, first, nanos);
    }

    private static final class Worker implements Runnable {
        private final String host;
        private final int port;
        private final byte[] request;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final byte[] buffer = new byte[64 * 1024];
        volatile long deadline;
        long[] latencies = new long[4096];
        int count;
        int failed;
        String firstFailure;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Worker(String host, int port, byte[] request, CountDownLatch ready, CountDownLatch go) {
            this.host = host;
            this.port = port;
            this.request = request;
            this.ready = ready;
            this.go = go;
        }

        @Override public void run() {
            try {
                try {
                    connect();
                } finally {
                    ready.countDown();
                }
                go.await();
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        if (socket == null) connect();
                        out.write(request);
                        out.flush();
                        int status = readResponse();
                        if (status != 200) fail("HTTP " + status);
                        else record(System.nanoTime() - t0);
                    } catch (IOException e) {
                        fail(e.toString());
                        close();
                    }
                }
            } catch (IOException e) {
                fail(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = nanos;
        }

        private void fail(String why) {
            failed++;
            if (firstFailure == null) firstFailure = why;
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }

        /** Reads one response (status line, headers, a Content-Length body); returns the status. */
        private int readResponse() throws IOException {
            int status = -1;
            long length = -1;
            StringBuilder line = new StringBuilder(64);
            boolean first = true;
            while (true) {
                int c = in.read();
                if (c < 0) throw new IOException("the server closed the connection");
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                String l = line.toString().trim();
                line.setLength(0);
                if (l.isEmpty()) break;
                if (first) {
                    status = Integer.parseInt(l.substring(9, 12));
                    first = false;
                } else if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(l.substring(15).trim());
                }
            }
            if (length < 0) throw new IOException("no Content-Length in the answer");
            while (length > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
                if (n < 0) throw new IOException("the answer was cut short");
                length -= n;
            }
            return status;
        }

        private void close() {
            if (socket == null) return;
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing after a failure or at the end: nothing more to learn.
            }
            socket = null;
        }
    }

    /** A POST request with a JSON body, kept alive. */
    static byte[] post(String host, int port, String path, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
