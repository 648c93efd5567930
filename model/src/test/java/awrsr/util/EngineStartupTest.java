package awrsr.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's first start and the next one, in fresh processes with nothing in the environment but the
 * platform's cache variable: where the engine goes, what the command line says, and the allocator.
 */
class EngineStartupTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run cli(Path xdg, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + dir.resolve("home")));
        List<String> rest = new java.util.ArrayList<>(List.of(args));
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) {
            command.add(rest.remove(0));
        }
        command.add("awrsr.cli.Main");
        command.addAll(rest);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MALLOC_") || k.equals("DJL_CACHE_DIR") || k.equals("XDG_CACHE_HOME")
                || k.equals("XDG_STATE_HOME"));
        if (xdg != null) {
            env.put("XDG_CACHE_HOME", xdg.toString());
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean holdsLibtorch(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("libtorch_cpu.so"));
        }
    }

    @Test
    void theFirstStartUnpacksIntoThePlatformCacheAndSaysSoTheNextDoesNot() throws Exception {
        Path xdg = dir.resolve("xdg-cache");
        String[] predict = {"predict", "--model", Path.of(Home.home().toString(), Home.DEFAULT_MODEL).toString(),
                "--items", "1,260,1196", "--top", "3", "--json"};
        Run first = cli(xdg, predict);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("first start: unpacking the PyTorch engine"), first.err());
        assertTrue(holdsLibtorch(xdg.resolve("awrsr/djl/pytorch")), "libtorch under $XDG_CACHE_HOME/awrsr/djl");
        assertFalse(Files.exists(Path.of("").toAbsolutePath().resolve(".djl.ai")), "nothing in the working directory");
        assertTrue(first.out().contains("\"top\""), first.out());

        Run second = cli(xdg, predict);
        assertEquals(0, second.code(), second.err());
        assertFalse(second.err().contains("unpacking"), second.err());
        assertEquals(first.out(), second.out(), "the same answer from the unpacked engine");
    }

    /** The bench with no section at all: the machine and model lines (with the allocator) are what is checked. */
    private static final String EVERY_SECTION = "peak,inference,evaluation,memory,training,ml1m,toy,explain,analysis";

    @Test
    void longCommandsRelaunchThemselvesWithTheAllocatorSettingsUnlessTurnedOff() throws Exception {
        Path xdg = dir.resolve("xdg-cache");
        String model = Path.of(Home.home().toString(), Home.DEFAULT_MODEL).toString();
        Run run = cli(xdg, "bench", "--model", model, "--skip", EVERY_SECTION);
        assertEquals(0, run.code(), run.err());
        // without the one-arena cap: the bench times explanations and the analysis on several threads
        assertTrue(run.out().contains("\"allocator\": \"environment: MALLOC_MMAP_THRESHOLD_=4294967296, glibc default arenas\""),
                run.out());
        assertEquals(1, run.out().split("\"machine\"").length - 1, "one JSON object: the relaunched process's");

        Run off = cli(xdg, "-Dawrsr.malloc=off", "bench", "--model", model, "--skip",
                EVERY_SECTION);
        assertEquals(0, off.code(), off.err());
        assertTrue(off.out().contains("\"allocator\": \"glibc defaults\""), off.out());

        Run bad = cli(xdg, "train", "--variant", "value");
        assertEquals(2, bad.code(), "the relaunched process's exit code comes back");
        assertTrue(bad.err().contains("--out is required") || bad.err().contains("--data is required"), bad.err());
    }

    @Test
    void theCacheIsTheUsersCacheFolderUnlessChosen() {
        Path expected = Path.of(System.getProperty("user.home"));
        Path cache = EngineStartup.defaultCacheDir();
        assertTrue(cache.endsWith(Path.of("awrsr", "djl")), cache.toString());
        if (System.getenv("XDG_CACHE_HOME") == null && System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertEquals(expected.resolve(".cache/awrsr/djl"), cache);
        }
    }

    @Test
    void theNativeLibrarysSizeComesFromTheJarOnTheClassPath() {
        long size = EngineStartup.nativeLibrarySize();
        assertTrue(size > 400L << 20 && size < 600L << 20, "libtorch for the CPU is about 430 MB, got " + size);
    }
}
