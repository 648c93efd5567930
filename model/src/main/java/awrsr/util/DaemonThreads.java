package awrsr.util;

import java.util.concurrent.ThreadFactory;

/** Threads for work pools: daemons (they never keep the program alive once it is done), all with one name. */
public final class DaemonThreads {
    private DaemonThreads() {}

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
