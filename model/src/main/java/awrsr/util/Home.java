package awrsr.util;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shipped assets (models, data) are: -Dawrsr.home=DIR, else the working directory or one of its
 * parents holding assets/models, else a folder above the program's jar holding it (an installed image).
 */
public final class Home {
    public static final String DEFAULT_MODEL = "assets/models/awrsr-value";

    private Home() {}

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
            Path jar = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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

    /** The shipped default model (AWRSR, value-weighted), or -Dawrsr.model. */
    public static Path defaultModel() {
        String prop = System.getProperty("awrsr.model");
        return prop != null ? Path.of(prop) : home().resolve(DEFAULT_MODEL);
    }

    /** Where models trained in the workbench go by default: ~/awrsr-models (or -Dawrsr.models). */
    public static Path userModels() {
        String prop = System.getProperty("awrsr.models");
        return prop != null ? Path.of(prop) : Path.of(System.getProperty("user.home"), "awrsr-models");
    }

    /**
     * A per-user base folder as each platform names it: ${@code xdgVariable} (when absolute) or
     * ~/{@code xdgDefault} on Linux, ~/{@code macFolder} on macOS, %LOCALAPPDATA% on Windows.
     */
    public static Path userBase(String xdgVariable, String xdgDefault, String macFolder) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return local != null ? Path.of(local) : home.resolve("AppData").resolve("Local");
        }
        if (os.contains("mac")) {
            return home.resolve(macFolder);
        }
        String xdg = System.getenv(xdgVariable);
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(xdgDefault);
    }

    public static boolean onWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }
}
