package awrsr.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shipped assets are: -Dawrsr.home=DIR, else the working directory or one of its parents
 * holding assets/, else next to the program's jar.
 */
public final class AppPaths {
    public static final String DEFAULT_MODEL = "assets/models/awrsr-value";

    private AppPaths() {}

    public static Path home() {
        String prop = System.getProperty("awrsr.home");
        if (prop != null) {
            return Path.of(prop);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("assets/models"))) {
                return p;
            }
        }
        try {
            Path jar = Path.of(AppPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("assets/models"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the working directory
        }
        return dir;
    }

    /** Where models trained in the workbench go by default: ~/awrsr-models (or -Dawrsr.models). */
    public static Path userModels() {
        String prop = System.getProperty("awrsr.models");
        return prop != null ? Path.of(prop) : Path.of(System.getProperty("user.home"), "awrsr-models");
    }

    public static Path defaultModel() {
        String prop = System.getProperty("awrsr.model");
        return prop != null ? Path.of(prop) : home().resolve(DEFAULT_MODEL);
    }
}
