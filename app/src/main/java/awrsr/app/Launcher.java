package awrsr.app;

import awrsr.util.Allocator;
import awrsr.util.EngineStartup;
import javafx.application.Application;

/** The main class: not an Application subclass, so JavaFX may sit on the plain class path. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        awrsr.util.Logs.setUp(awrsr.util.Logs.verboseRequested(args));
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        // offline, cache in the platform's cache folder; the engine starts (on the first run: unpacks
        // libtorch) while JavaFX starts, and the window shows how far it is
        EngineStartup.configureCache();
        Allocator.tune();          // training in the Train tab: large tensors stay in the heap
        EngineStartup.start();
        // exec:exec hands extra arguments over as one string; split it into words
        Application.launch(WorkbenchApp.class, java.util.Arrays.stream(args)
                .flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+"))).filter(a -> !a.isEmpty())
                .toArray(String[]::new));
    }
}
