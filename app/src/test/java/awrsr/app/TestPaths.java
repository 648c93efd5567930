package awrsr.app;

import awrsr.util.Home;
import java.nio.file.Path;

/** The shipped models, found from the module folder the tests run in. */
public final class TestPaths {
    private TestPaths() {}

    public static Path valueModel() {
        return Home.home().resolve("assets/models/awrsr-value");
    }

    public static Path stosaModel() {
        return Home.home().resolve("assets/models/stosa");
    }

    public static Path sasrecModel() {
        return Home.home().resolve("assets/models/sasrec");
    }
}
