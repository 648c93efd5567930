package awrsr.app;

import java.nio.file.Path;

/** The shipped models, found from the module folder the tests run in. */
public final class TestPaths {
    private TestPaths() {}

    public static Path valueModel() {
        return AppPaths.home().resolve("assets/models/awrsr-value");
    }

    public static Path sasrecModel() {
        return AppPaths.home().resolve("assets/models/sasrec");
    }
}
