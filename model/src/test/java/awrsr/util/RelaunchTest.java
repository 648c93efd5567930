package awrsr.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelaunchTest {
    /** JVM options may only be put before the arguments of a java binary; a launcher takes them as words. */
    @Test
    void jvmOptionsGoOnlyToAJavaBinary() {
        assertTrue(Relaunch.isJava("/usr/lib/jvm/java-17-openjdk-amd64/bin/java"));
        assertTrue(Relaunch.isJava("C:\\\\jdk\\\\bin\\\\java.exe".replace("\\\\", "/")));
        assertFalse(Relaunch.isJava("/opt/awrsr-workbench/bin/awrsr"));
        assertFalse(Relaunch.isJava("/usr/bin/awrsr-workbench"));
    }

    /** The settings come from the parent pom's properties, and they are the ones the test JVM was started with. */
    @Test
    void theAllocatorSettingsAreThePomsAndTheTestRunsOwn() {
        var settings = Relaunch.allocatorSettings();
        assertEquals(java.util.Set.of("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX"),
                settings.keySet());
        settings.forEach((k, v) -> {
            assertTrue(v.matches("\\d+"), k + "=" + v + ": not filtered by the build");
            assertEquals(System.getenv(k), v, k + ": the surefire environment and the jar disagree");
        });
    }
}
