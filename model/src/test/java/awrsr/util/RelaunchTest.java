package awrsr.util;

import org.junit.jupiter.api.Test;

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
}
