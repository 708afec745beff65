package org.modelstudio.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The thread setting is real: the OpenMP thread count of a thread that runs ops is the one chosen, on every thread. */
class NativeThreadsTest {

    @AfterEach void backToTheDefault() {
        NativeThreads.useDefault();
    }

    @Test void aThreadAboutToRunOpsGetsTheChosenCount() throws Exception {
        NativeThreads.use(2);
        assertEquals(2, NativeThreads.current(), "the thread that chose");
        assertEquals(2, onANewThread(), "another thread, once it asks");
        NativeThreads.use(1);
        assertEquals(1, NativeThreads.current());
        assertEquals(1, onANewThread());
    }

    private static int onANewThread() throws InterruptedException {
        AtomicInteger seen = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            NativeThreads.onThisThread();
            seen.set(NativeThreads.current());
        });
        t.start();
        t.join();
        return seen.get();
    }
}
