package awrsr.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Physical memory the program may still use, for checks before long work. */
public final class SystemMemory {
    private SystemMemory() {}

    /**
     * Bytes of memory available to new allocations: Linux's MemAvailable, else the free physical memory
     * the JVM reports; 0 when unknown. -Dawrsr.memory.available=BYTES overrides it (for tests).
     */
    public static long availableBytes() {
        Long forced = Long.getLong("awrsr.memory.available");
        if (forced != null) {
            return forced;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: ask the JVM
        }
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getFreeMemorySize();
        }
        return 0;
    }
}
