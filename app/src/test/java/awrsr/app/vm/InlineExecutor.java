package awrsr.app.vm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs tasks on the calling thread, or holds them until {@link #runAll} when paused. */
final class InlineExecutor extends AbstractExecutorService {
    private final Deque<Runnable> held = new ArrayDeque<>();
    private boolean paused;

    void pause() { paused = true; }

    int runAll() {
        paused = false;
        int n = 0;
        while (!held.isEmpty()) {
            held.poll().run();
            n++;
        }
        return n;
    }

    @Override public void execute(Runnable r) {
        if (paused) {
            held.add(r);
        } else {
            r.run();
        }
    }

    @Override public void shutdown() { }
    @Override public List<Runnable> shutdownNow() { return List.of(); }
    @Override public boolean isShutdown() { return false; }
    @Override public boolean isTerminated() { return false; }
    @Override public boolean awaitTermination(long t, TimeUnit u) { return true; }
}
