package awrsr.app.vm;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The workbench's background workers: one daemon thread each, running its tasks in order. */
public final class Workers {
    private Workers() {}

    /** A single named daemon thread: it never keeps the program alive after the window closes. */
    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(awrsr.util.DaemonThreads.named(name));
    }
}
