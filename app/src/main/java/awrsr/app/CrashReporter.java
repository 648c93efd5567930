package awrsr.app;

import awrsr.app.vm.WorkbenchViewModel;
import awrsr.util.Logs;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * What the window does with an exception nothing caught, on any thread: the full trace goes to the
 * log, the user sees one notification that says where it is and how to copy it for a report.
 */
public final class CrashReporter {
    private static final Logger LOG = LoggerFactory.getLogger(CrashReporter.class);

    private CrashReporter() {}

    public static void install(WorkbenchViewModel vm) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> report(vm, thread, e));
    }

    static void report(WorkbenchViewModel vm, Thread thread, Throwable e) {
        LOG.error("uncaught exception in thread {}", thread.getName(), e);
        Path log = Logs.file();
        String text = "Something went wrong: " + awrsr.util.Text.oneLine(e, 200) + ". "
                + (log == null ? "" : "The details are in " + log + "; ")
                + "Help → Copy diagnostics copies them for a report.";
        if (Platform.isFxApplicationThread()) {
            vm.say(text);
        } else {
            Platform.runLater(() -> vm.say(text));
        }
    }
}
