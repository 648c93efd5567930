package awrsr.app;

import awrsr.util.Allocator;
import awrsr.util.EngineStartup;
import javafx.application.Application;

/** The main class: not an Application subclass, so JavaFX may sit on the plain class path. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        WindowOptions.Parsed parsed = WindowOptions.parse(args);
        if (parsed.options() == null) {
            (parsed.exitCode() == 0 ? System.out : System.err).println(parsed.text().strip());
            System.exit(parsed.exitCode());
        }
        awrsr.util.Logs.setUp(parsed.options().verbose() || System.getenv("AWRSR_DEBUG") != null);
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        // offline, cache in the platform's cache folder; the engine starts (on the first run: unpacks
        // libtorch) while JavaFX starts, and the window shows how far it is
        EngineStartup.configureCache();
        Allocator.tune();          // training in the Train tab: large tensors stay in the heap
        EngineStartup.start();
        Application.launch(WorkbenchApp.class, args);     // as given: a path with spaces stays one argument
    }
}
