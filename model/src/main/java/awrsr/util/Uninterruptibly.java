package awrsr.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Waits that an interrupt cannot cut short, for work that must be over before what it uses is freed (native
 * arrays a pool thread still reads). An interrupt during the wait is kept: the flag is set again when the wait
 * ends, so the caller still sees it.
 */
public final class Uninterruptibly {
    private Uninterruptibly() {}

    /** {@code f.get()}, waiting through interrupts. */
    public static <T> T get(Future<T> f) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@link #get}, with the task's failure thrown as it is: a RuntimeException or an Error itself, anything
     * else in an IllegalStateException.
     */
    public static <T> T result(Future<T> f) {
        try {
            return get(f);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a pool task failed", e.getCause());
        }
    }

    /** Shuts {@code pool} down and waits, through interrupts, until its tasks have ended. */
    public static void shutDownAndWait(ExecutorService pool) {
        pool.shutdown();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
