package awrsr.util;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Starts the PyTorch engine once per process, off the caller's thread, and tells how far it is. The first
 * start on a machine unpacks libtorch (~450 MB) from the native jar into the engine cache, which takes
 * seconds; progress is the number of bytes in the cache folder against the size of the native files.
 *
 * <p>The cache is the platform's user cache folder ({@link #defaultCacheDir}) unless DJL_CACHE_DIR is
 * set, as an environment variable or a system property.
 */
public final class EngineStartup {
    /** @param bytes bytes in the engine cache so far; @param expected the native files' size, or -1 */
    public record Progress(long bytes, long expected, boolean unpacking, boolean done, Throwable error) {
        public double fraction() {
            return expected > 0 ? Math.min(1.0, (double) bytes / expected) : -1;
        }
    }

    private static final long POLL_MILLIS = 150;
    private static CompletableFuture<Engine> started;
    private static volatile Progress latest;

    private EngineStartup() {}

    /**
     * Points DJL's cache at the platform cache folder unless the user chose one; call before anything
     * touches the engine. Idempotent.
     */
    public static synchronized void configureCache() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", defaultCacheDir().toString());
        }
    }

    /**
     * Where programs keep per-user caches: $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
     * %LOCALAPPDATA% on Windows; the engine's files go in its awrsr/djl subfolder.
     */
    public static Path defaultCacheDir() {
        return Home.userBase("XDG_CACHE_HOME", ".cache", "Library/Caches").resolve("awrsr").resolve("djl");
    }

    /** The folder the engine unpacks libtorch into. */
    public static Path engineCacheDir() {
        configureCache();
        return Utils.getEngineCacheDir("pytorch");
    }

    /**
     * Starts the engine on a daemon thread; the first call starts it, later calls return the same future.
     * While it starts, {@link #progress()} says how far it is.
     */
    public static synchronized CompletableFuture<Engine> start() {
        if (started != null) {
            return started;
        }
        configureCache();
        CompletableFuture<Engine> future = new CompletableFuture<>();
        started = future;
        Path cache = engineCacheDir();
        Progress first = measure(cache);
        long expected = first.expected();
        boolean unpacking = first.unpacking();
        latest = first;
        Thread watcher = new Thread(() -> {
            while (!future.isDone()) {
                latest = new Progress(folderSize(cache), expected, unpacking, false, null);
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "awrsr-engine-progress");
        watcher.setDaemon(true);
        Thread engineThread = new Thread(() -> {
            Throwable error = null;
            try {
                LibtorchCheck.refuseOtherRelease();
                Engine engine = Engine.getInstance();
                LibtorchCheck.probe(engine.defaultDevice());
                future.complete(engine);
            } catch (RuntimeException | Error e) {
                error = e;
                future.completeExceptionally(e);
            }
            latest = new Progress(folderSize(cache), expected, unpacking, true, error);
        }, "awrsr-engine-start");
        engineThread.setDaemon(true);
        watcher.start();
        engineThread.start();
        return future;
    }

    /** Whether the engine still has to unpack (measured now, before anything starts it). */
    public static Progress progressBeforeStart() {
        return measure(engineCacheDir());
    }

    private static Progress measure(Path cache) {
        long expected = nativeLibrarySize();
        long bytes = folderSize(cache);
        return new Progress(bytes, expected, expected > 0 && bytes < expected * 9 / 10, false, null);
    }

    /** How far the engine's start is: null before {@link #start()}. */
    public static Progress progress() {
        return latest;
    }

    /** Total size of the native files in the PyTorch native jar on the class path, or -1 when there is none. */
    static long nativeLibrarySize() {
        URL marker = EngineStartup.class.getClassLoader().getResource("native/lib/pytorch.properties");
        if (marker == null || !"jar".equals(marker.getProtocol())) {
            return -1;
        }
        try {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                long total = 0;
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (!e.isDirectory() && e.getName().startsWith("pytorch/") && e.getSize() > 0) {
                        total += e.getSize();
                    }
                }
                return total > 0 ? total : -1;
            }
        } catch (IOException | ClassCastException e) {
            return -1;
        }
    }

    static long folderSize(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (IOException e) {
                    return 0;           // a file being renamed or removed while we count
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
