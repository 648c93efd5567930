package awrsr.util;

import awrsr.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log file: where it goes, what it keeps by default and with --verbose, and what failures leave in it. */
class LogsTest {
    @TempDir
    Path dir;
    private final String before = System.getProperty("awrsr.log.dir");

    @AfterEach
    void restore() {
        System.setProperty("awrsr.log.dir", before);
        Logs.setUp(false);
    }

    @Test
    void warningsByDefaultEverythingWhenVerbose() throws IOException {
        System.setProperty("awrsr.log.dir", dir.toString());
        Logs.setUp(false);
        assertEquals(dir.resolve(Logs.FILE), Logs.file());
        LoggerFactory.getLogger("test").debug("a debug line");
        LoggerFactory.getLogger("test").warn("a warning line");
        String text = Files.readString(Logs.file());
        assertTrue(text.contains("a warning line"), text);
        assertFalse(text.contains("a debug line"), text);

        Logs.setUp(true);
        LoggerFactory.getLogger("test").debug("now a debug line");
        assertTrue(Files.readString(Logs.file()).contains("now a debug line"));
        assertTrue(Logs.lastLines(1).get(0).contains("now a debug line"), Logs.lastLines(1).toString());
    }

    @Test
    void aFailedCommandLeavesItsTraceInTheLogAndOneLineOnScreen() throws IOException {
        System.setProperty("awrsr.log.dir", dir.toString());
        Logs.setUp(false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"evaluate", "--model", dir.resolve("missing").toString()});
        assertEquals(1, code);
        assertEquals(1, err.toString(StandardCharsets.UTF_8).trim().lines().count());
        String log = Files.readString(Logs.file());
        assertTrue(log.contains("awrsr evaluate failed") && log.contains("not a checkpoint folder"), log);
        assertTrue(log.contains("at awrsr."), "the trace is in the log: " + log);
    }

    @Test
    void theFolderFollowsThePlatformsConventions() {
        System.clearProperty("awrsr.log.dir");
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux")) {
            String state = System.getenv("XDG_STATE_HOME");
            Path expected = (state != null ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local/state"))
                    .resolve("awrsr");
            assertEquals(expected, Logs.folder());
        }
        System.setProperty("awrsr.log.dir", dir.toString());
        assertEquals(dir, Logs.folder());
    }
}
