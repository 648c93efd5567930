package awrsr.util;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the libtorch the engine loads can run this program's JNI binding, which is compiled against
 * {@link Diagnostics#LIBTORCH_VERSION}. A user who points PYTORCH_LIBRARY_PATH at the libtorch of another
 * PyTorch release (the one pip installed, say) gets an engine that starts and sees the GPU, and then fails
 * on the first array made from Java memory: seen on an H200 with PyTorch 2.11's libraries, where every
 * command stopped with "set_stride is not allowed on a Tensor created from .data or .detach()". Other
 * mismatches can crash the process instead. So a libtorch whose files say it is another release is refused
 * before it is loaded, and every start makes and reads back one small array on the device it will use.
 */
public final class LibtorchCheck {
    private static final Pattern WHEEL_VERSION = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?.*");

    private LibtorchCheck() {}

    /** What to do about a libtorch that does not work, in the words of the README's section. */
    static final String ADVICE = "point PYTORCH_LIBRARY_PATH at libtorch " + Diagnostics.LIBTORCH_VERSION
            + ", or unset it to use the bundled CPU library (README, \"Use your GPU\")";

    /**
     * The libtorch folder a PYTORCH_LIBRARY_PATH value names, found as the engine finds it: the first entry
     * that is libtorch.so or a folder holding it. Null when the value is null or names none.
     */
    static Path overrideFolder(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String lib = System.mapLibraryName("torch");
        for (String entry : value.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && p.getFileName().toString().equals(lib)) {
                return p.toAbsolutePath().getParent();
            }
            if (Files.isRegularFile(p.resolve(lib))) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }

    /**
     * The release the files beside a libtorch folder state: the libtorch archive's build-version (in the
     * folder above lib), or a PyTorch wheel's torch/version.py (the folder above torch/lib). Null when
     * neither is there: the engine's own unpacked copy states none, and is the right one.
     */
    public static String versionOf(Path libDir) {
        if (libDir == null) {
            return null;
        }
        String stated = statedBeside(libDir);
        if (stated == null) {
            try {           // a folder of links to the libraries: ask the folder the library really is in
                Path real = libDir.resolve(System.mapLibraryName("torch")).toRealPath().getParent();
                if (!real.equals(libDir.toAbsolutePath())) {
                    stated = statedBeside(real);
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return stated;
    }

    private static String statedBeside(Path libDir) {
        Path above = libDir.toAbsolutePath().getParent();
        if (above == null) {
            return null;
        }
        try {
            Path build = above.resolve("build-version");
            if (Files.isRegularFile(build)) {
                String v = Files.readString(build, StandardCharsets.UTF_8).strip();
                return v.isEmpty() ? null : v;
            }
            Path wheel = above.resolve("version.py");
            if (Files.isRegularFile(wheel)) {
                Matcher m = WHEEL_VERSION.matcher(Files.readString(wheel, StandardCharsets.UTF_8));
                return m.find() ? m.group(1) : null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Whether a stated release (2.7.1, 2.7.1+cu128) is the binding's major and minor release. */
    public static boolean matchesBinding(String version) {
        Matcher mine = RELEASE.matcher(Diagnostics.LIBTORCH_VERSION);
        Matcher theirs = RELEASE.matcher(version == null ? "" : version);
        return mine.matches() && theirs.matches() && mine.group(1).equals(theirs.group(1))
                && mine.group(2).equals(theirs.group(2));
    }

    /**
     * Refuses, before the engine loads it, a libtorch that PYTORCH_LIBRARY_PATH names and whose files state
     * another release than the binding's.
     *
     * @throws IllegalStateException with one line naming the folder, its release and what to do
     */
    public static void refuseOtherRelease() {
        refuseOtherRelease(System.getenv("PYTORCH_LIBRARY_PATH"), System.getenv(ANY_RELEASE));
    }

    /**
     * Set to 1 by a user who built DJL's binding for their libtorch and put it in the engine cache (README,
     * "Use your GPU"): then a libtorch of another release is not refused, and the probe alone decides.
     */
    public static final String ANY_RELEASE = "AWRSR_ANY_LIBTORCH";

    static void refuseOtherRelease(String pytorchLibraryPath, String anyRelease) {
        if ("1".equals(anyRelease)) {
            return;
        }
        Path folder = overrideFolder(pytorchLibraryPath);
        String version = versionOf(folder);
        if (version != null && !matchesBinding(version)) {
            throw new IllegalStateException("the PyTorch library in " + folder + " is release " + version
                    + ", and this program's binding is built for libtorch " + Diagnostics.LIBTORCH_VERSION
                    + "; " + ADVICE + " (or, with a binding built for that release, set " + ANY_RELEASE + "=1)");
        }
    }

    /**
     * Makes a small array from Java memory on the device, adds it to itself there and reads it back: the
     * first thing every command does with the engine, and the first thing a mismatched libtorch fails at.
     *
     * @throws IllegalStateException with one line naming the library, the device and the engine's reason
     */
    public static void probe(Device device) {
        float[] values = {1.5f, -2.25f, 3f, 0.125f};
        float[] back;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray a = manager.create(values);
            back = a.add(a).toFloatArray();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(failure(device, Text.oneLine(e, 100)), e);
        }
        float[] expected = {3f, -4.5f, 6f, 0.25f};
        if (!Arrays.equals(back, expected)) {
            throw new IllegalStateException(failure(device, "1.5 + 1.5 came back as " + back[0]));
        }
    }

    static String failure(Device device, String reason) {
        String lib = Diagnostics.libtorchPath();
        String version = lib == null ? null : versionOf(Path.of(lib));
        return "the PyTorch library" + (lib == null ? "" : " in " + lib) + (version == null ? "" : " (release " + version + ")")
                + " cannot make an array on " + device + " through this program's binding, built for libtorch "
                + Diagnostics.LIBTORCH_VERSION + " (" + reason + "); " + ADVICE;
    }
}
