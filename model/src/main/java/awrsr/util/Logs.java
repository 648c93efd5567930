package awrsr.util;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The program's log: a file in the user's state folder, rolled at 5 MB with three old files kept,
 * warnings and errors by default, everything with --verbose or AWRSR_DEBUG (then also on stderr).
 * DJL and the other libraries log through SLF4J into the same file.
 */
public final class Logs {
    public static final String FILE = "awrsr.log";
    private static volatile Path file;

    private Logs() {}

    /**
     * The log folder: -Dawrsr.log.dir, else $XDG_STATE_HOME/awrsr or ~/.local/state/awrsr on Linux,
     * ~/Library/Logs/awrsr on macOS, %LOCALAPPDATA%\awrsr\logs on Windows.
     */
    public static Path folder() {
        String forced = System.getProperty("awrsr.log.dir");
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced);
        }
        Path base = Home.userBase("XDG_STATE_HOME", ".local/state", "Library/Logs");
        return Home.onWindows() ? base.resolve("awrsr").resolve("logs") : base.resolve("awrsr");
    }

    /** The log file once {@link #setUp} found a writable folder, else null. */
    public static Path file() {
        return file;
    }

    /** Whether the user asked for everything: --verbose, or AWRSR_DEBUG set. */
    public static boolean verboseRequested(String[] args) {
        return System.getenv("AWRSR_DEBUG") != null || List.of(args).contains("--verbose");
    }

    /** Sends all logging to the log file (and with {@code verbose} to stderr), replacing the quiet default. */
    public static synchronized void setUp(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;                                    // another SLF4J backend: leave it to its configuration
        }
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.DEBUG : Level.WARN);
        Path dir = folder();
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(FILE);
            RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
            appender.setContext(context);
            appender.setName("file");
            appender.setFile(target.toString());
            FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
            rolling.setContext(context);
            rolling.setParent(appender);
            rolling.setFileNamePattern(dir.resolve("awrsr.%i.log").toString());
            rolling.setMinIndex(1);
            rolling.setMaxIndex(3);
            rolling.start();
            SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
            trigger.setContext(context);
            trigger.setMaxFileSize(FileSize.valueOf("5MB"));
            trigger.start();
            appender.setRollingPolicy(rolling);
            appender.setTriggeringPolicy(trigger);
            appender.setEncoder(encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n"));
            appender.start();
            root.addAppender(appender);
            file = target;
        } catch (IOException | RuntimeException e) {
            file = null;                               // no writable state folder: stderr only
        }
        if (verbose || file == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setTarget("System.err");
            console.setEncoder(encoder(context, "%-5level %logger{24} - %msg%n"));
            console.start();
            root.addAppender(console);
        }
        LoggerFactory.getLogger(Logs.class).debug("log set up: {}, {}", file, verbose ? "verbose" : "warnings");
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(pattern);
        e.setCharset(StandardCharsets.UTF_8);
        e.start();
        return e;
    }

    /** The last {@code n} lines of the log file, oldest first; empty when there is none. */
    public static List<String> lastLines(int n) {
        Path f = file;
        if (f == null || !Files.isRegularFile(f)) {
            return List.of();
        }
        ArrayDeque<String> tail = new ArrayDeque<>();
        try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > n) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(the log could not be read: " + e.getMessage() + ")");
        }
        return List.copyOf(tail);
    }
}
