package awrsr.app;

import awrsr.util.Home;

import java.nio.file.Path;

/** Where the shipped assets are ({@link Home}) and where the workbench writes by default. */
public final class AppPaths {
    public static final String DEFAULT_MODEL = Home.DEFAULT_MODEL;

    private AppPaths() {}

    public static Path home() {
        return Home.home();
    }

    /** Where models trained in the workbench go by default: ~/awrsr-models (or -Dawrsr.models). */
    public static Path userModels() {
        String prop = System.getProperty("awrsr.models");
        return prop != null ? Path.of(prop) : Path.of(System.getProperty("user.home"), "awrsr-models");
    }

    public static Path defaultModel() {
        return Home.defaultModel();
    }
}
