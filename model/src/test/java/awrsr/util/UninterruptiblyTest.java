package awrsr.util;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** A pool task's failure reaches the caller as it was thrown, not as an ExecutionException. */
    @Test
    void resultThrowsTheTasksOwnFailure() {
        ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("test-failing"));
        try {
            IllegalArgumentException thrown = new IllegalArgumentException("bad value");
            assertSame(thrown, assertThrows(IllegalArgumentException.class,
                    () -> Uninterruptibly.result(pool.submit(() -> {
                        throw thrown;
                    }))));
            AssertionError error = new AssertionError("broken");
            assertSame(error, assertThrows(AssertionError.class, () -> Uninterruptibly.result(pool.submit(() -> {
                throw error;
            }))));
            java.io.IOException checked = new java.io.IOException("disk");
            IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                    () -> Uninterruptibly.result(pool.submit(() -> {
                        throw checked;
                    })));
            assertSame(checked, wrapped.getCause());
            assertEquals(7, Uninterruptibly.result(pool.submit(() -> 7)));
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
