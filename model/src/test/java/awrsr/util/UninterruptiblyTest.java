package awrsr.util;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interrupted caller still waits for the work to end (a scoring pass reads arrays the caller frees when it
 * returns: before, an interrupted explanation returned at once and the pass crashed the JVM), and keeps its
 * interrupt.
 */
class UninterruptiblyTest {
    @Test
    void getWaitsForTheResultAndKeepsTheInterrupt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("test-slow"));
        try {
            var f = pool.submit(() -> {
                Thread.sleep(300);
                return 42;
            });
            Thread.currentThread().interrupt();
            assertEquals(42, Uninterruptibly.get(f));
            assertTrue(f.isDone());
            assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shutDownAndWaitReturnsOnlyWhenTheTasksHaveEnded() {
        ExecutorService pool = Executors.newFixedThreadPool(2, DaemonThreads.named("test-slow"));
        AtomicBoolean ended = new AtomicBoolean();
        CompletableFuture<Void> started = new CompletableFuture<>();
        pool.submit(() -> {
            started.complete(null);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.set(true);
        });
        started.join();
        Thread.currentThread().interrupt();
        Uninterruptibly.shutDownAndWait(pool);
        assertTrue(ended.get() && pool.isTerminated());
        assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
    }
}
