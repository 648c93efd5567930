package awrsr.util;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the command line again with glibc's allocator settings in the environment when it was started
 * without them (a jpackage launcher cannot set environment variables). The settings only take effect at
 * process start: set from inside ({@link Allocator}), an AWRSR-value epoch on the shipped data took
 * 2.8-3.3 s; with MALLOC_ARENA_MAX=1 and the thresholds in the environment, 2.55-2.6 s (bench, one
 * sitting). Only for the commands that run long enough to gain: a new JVM costs about 0.2 s.
 */
public final class Relaunch {
    static final String MARKER = "MALLOC_MMAP_THRESHOLD_";
    static final String ARENAS = "MALLOC_ARENA_MAX";
    /** Set in a relaunched process to the pid of the process that started it. */
    static final String RELAUNCHED_BY = "AWRSR_RELAUNCHED_BY";
    /**
     * JVM options of a relaunched process. Serial GC: it made training reproducible across processes before
     * the cause of G1's departures was found (constants in freed Java memory, see awrsr.nn.Scalars); since
     * then G1 runs are identical too (README, "Reproducibility"), and Serial GC stays because it costs nothing.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC");
    private static final Map<String, String> SETTINGS = allocatorSettings();

    /** The allocator's environment, as the parent pom's properties define it (awrsr/allocator.properties). */
    static Map<String, String> allocatorSettings() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Relaunch.class.getResourceAsStream("/awrsr/allocator.properties")) {
            if (in == null) {
                throw new IllegalStateException("awrsr/allocator.properties is missing from the class path");
            }
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> out = new java.util.TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return Map.copyOf(out);
    }

    private Relaunch() {}

    /**
     * Runs this process's command again with the settings and returns its exit code, or empty when this
     * process should carry on itself: the settings are there already, -Dawrsr.malloc=off, not Linux, or
     * the command line cannot be read back.
     *
     * @param oneArena MALLOC_ARENA_MAX=1 as the settings say (train, evaluate); false keeps glibc's own number
     *     of arenas (or the caller's MALLOC_ARENA_MAX), for work that allocates on several threads at once:
     *     explanations and the dataset analysis, as the bench times them (their own commands and the window
     *     never had the cap). On one arena their threads wait on its lock: a two-thread analysis of the
     *     shipped AWRSR model took 18.8-20.9 s with one arena against 16.7-17.3 s with glibc's number (bench,
     *     one sitting).
     */
    public static OptionalInt withAllocatorSettings(boolean oneArena) {
        if (System.getenv(MARKER) != null || "off".equals(System.getProperty("awrsr.malloc"))
                || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return OptionalInt.empty();
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> command = info.command();
        Optional<String[]> arguments = info.arguments();
        if (command.isEmpty() || arguments.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(command.get());
        List<String> args = List.of(arguments.get());
        // JVM options go to a java binary only: a jpackage launcher would hand them to the program as
        // arguments (its own java-options carry them instead, see jpackage/build.sh)
        if (isJava(command.get()) && args.stream().noneMatch(a -> a.matches("-XX:\\+Use\\w+GC"))) {
            cmd.addAll(JVM_OPTIONS);
        }
        cmd.addAll(args);
        if (System.getenv("AWRSR_DEBUG") != null) {
            System.err.println("awrsr: relaunching " + cmd);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        // a jpackage launcher tells its second stage apart by this variable: the new launcher must not see it
        pb.environment().remove("_JPACKAGE_LAUNCHER");
        pb.environment().putAll(SETTINGS);
        if (!oneArena) {
            String own = System.getenv(ARENAS);
            if (own != null) {
                pb.environment().put(ARENAS, own);
            } else {
                pb.environment().remove(ARENAS);
            }
        }
        pb.environment().put(RELAUNCHED_BY, Long.toString(ProcessHandle.current().pid()));
        try {
            Process child = pb.start();
            Thread stop = new Thread(child::destroy, "awrsr-relaunch-stop");   // Ctrl+C or kill: the child too
            Runtime.getRuntime().addShutdownHook(stop);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            return OptionalInt.of(code);
        } catch (IOException e) {
            return OptionalInt.empty();              // carry on in this process, with Allocator's settings
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    static boolean isJava(String command) {
        String name = java.nio.file.Path.of(command).getFileName().toString();
        return name.equals("java") || name.equals("java.exe");
    }

    /**
     * In a relaunched process: end when the process that started it ends (kill -9 gives it no shutdown
     * hook to stop us). Watches for this process being handed to another parent, which also works where
     * the dead parent lingers as a zombie.
     */
    public static void followParent() {
        String by = System.getenv(RELAUNCHED_BY);
        if (by == null) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (true) {
                boolean same = ProcessHandle.current().parent().map(p -> Long.toString(p.pid()).equals(by)).orElse(false);
                if (!same) {
                    Runtime.getRuntime().halt(137);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "awrsr-follow-parent");
        watch.setDaemon(true);
        watch.start();
    }
}
