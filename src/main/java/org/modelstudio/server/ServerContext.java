package org.modelstudio.server;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** What every request's handling shares: the options, models, counters, log, deadlines and the thread pool. */
record ServerContext(ServerOptions options, ModelRegistry registry, ServerMetrics metrics, RequestLog log, RequestDeadlines deadlines,
                     Cors cors, Executor executor, AtomicLong inFlight) {

    void started() { inFlight.incrementAndGet(); }

    void finished() { inFlight.decrementAndGet(); }
}
