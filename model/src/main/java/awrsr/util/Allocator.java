package awrsr.util;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Tunes glibc's allocator for libtorch from inside the process, for launchers that cannot set
 * MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ in the environment (the jpackage launchers).
 *
 * <p>By default glibc serves every allocation above its mmap threshold with a fresh mmap and returns it on
 * free, so each large tensor of a training step is mapped, page-faulted in and unmapped again; keeping
 * them in the heap and not trimming it halves an epoch on the shipped data (measured with bench).
 */
public final class Allocator {
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;

    interface CLib extends Library {
        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    private static volatile String state;

    private Allocator() {}

    /**
     * Raises the mmap and trim thresholds unless the environment already set them or -Dawrsr.malloc=off.
     * Returns what was done, in words, for logs and the bench.
     */
    public static synchronized String tune() {
        if (state != null) {
            return state;
        }
        if (System.getenv("MALLOC_MMAP_THRESHOLD_") != null) {
            String arenas = System.getenv("MALLOC_ARENA_MAX");
            return state = "environment: MALLOC_MMAP_THRESHOLD_=" + System.getenv("MALLOC_MMAP_THRESHOLD_")
                    + (arenas != null ? ", MALLOC_ARENA_MAX=" + arenas : ", glibc default arenas");
        }
        if ("off".equals(System.getProperty("awrsr.malloc")) || !Platform.isLinux()) {
            return state = "glibc defaults";
        }
        try {
            CLib c = Native.load("c", CLib.class);
            int trim = c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE);
            int mmap = c.mallopt(M_MMAP_THRESHOLD, 1 << 30);
            int mmapValue = 1 << 30;
            if (mmap == 0) {
                mmapValue = 32 << 20;                   // glibc refuses more than half its heap size: 32 MB
                mmap = c.mallopt(M_MMAP_THRESHOLD, mmapValue);
            }
            return state = "mallopt: mmap threshold " + (mmap == 1 ? (mmapValue >> 20) + " MB" : "refused")
                    + ", trim threshold " + (trim == 1 ? "2 GB" : "refused");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return state = "glibc defaults (mallopt unavailable: " + e.getMessage() + ")";
        }
    }

    /**
     * Gives the heap's free memory back to the system (glibc's malloc_trim). With the settings above the
     * allocator never does so on its own, so a process that trained keeps its peak; call this when a
     * training run ends. Returns whether anything was released; false off glibc.
     */
    public static boolean trim() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            return Native.load("c", CLib.class).malloc_trim(0) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
