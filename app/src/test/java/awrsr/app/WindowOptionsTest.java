package awrsr.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowOptionsTest {
    @Test
    void argumentsArriveAsGivenAPathWithSpacesIsOne() {
        WindowOptions o = WindowOptions.parse("--model", "/home/u/My Models/x", "--user", "73", "--data", "d").options();
        assertEquals(Path.of("/home/u/My Models/x"), o.model());
        assertEquals(73, o.user());
        assertEquals("d", o.data());
        assertNull(o.latencyBench());
        assertEquals(200, WindowOptions.parse("--latency-bench").options().latencyBench(), "the default N");
        assertEquals(50, WindowOptions.parse("--latency-bench", "50").options().latencyBench());
        assertEquals("movielens-small", WindowOptions.parse().options().data());
    }

    @Test
    void aBadOptionIsOneLineAndExitCodeTwo() {
        for (String[] bad : new String[][] {{"--user", "abc"}, {"--user", "-3"}, {"--epochs", "0"}, {"--fly"},
                {"--model"}}) {
            WindowOptions.Parsed p = WindowOptions.parse(bad);
            assertNull(p.options(), String.join(" ", bad));
            assertEquals(2, p.exitCode());
            assertEquals(1, p.text().strip().lines().count(), p.text());
            assertTrue(p.text().startsWith("awrsr-workbench: ") && p.text().contains(bad[0].substring(0, 3)), p.text());
        }
        assertTrue(WindowOptions.parse("--user", "abc").text().contains("'abc'"));
        WindowOptions.Parsed help = WindowOptions.parse("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.text().contains("--model") && help.text().contains("--latency-bench"), help.text());
    }
}
