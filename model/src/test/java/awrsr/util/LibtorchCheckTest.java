package awrsr.util;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A libtorch of another release is refused with one line before it is loaded; the folders are laid out as
 * the libtorch archive (libtorch/build-version beside libtorch/lib) and a PyTorch wheel (torch/version.py
 * beside torch/lib) lay them out. The libraries are empty files: a refused one is never opened.
 */
class LibtorchCheckTest {
    @TempDir
    Path dir;

    private Path archive(String buildVersion) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
        Files.writeString(lib.resolve(System.mapLibraryName("torch")), "");
        Files.writeString(dir.resolve("libtorch/build-version"), buildVersion + "\n");
        return lib;
    }

    private Path wheel(String version) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("site-packages/torch/lib"));
        Files.writeString(lib.resolve(System.mapLibraryName("torch")), "");
        Files.writeString(dir.resolve("site-packages/torch/version.py"), "from typing import Optional\n\n"
                + "__all__ = ['__version__', 'debug', 'cuda']\n__version__ = '" + version + "'\ndebug = False\n"
                + "cuda: Optional[str] = '13.0'\n", StandardCharsets.UTF_8);
        return lib;
    }

    @Test
    void theReleaseIsReadFromTheArchivesOrTheWheelsFiles() throws IOException {
        assertEquals("2.7.1+cu128", LibtorchCheck.versionOf(archive("2.7.1+cu128")));
        assertEquals("2.11.0+cu130", LibtorchCheck.versionOf(wheel("2.11.0+cu130")));
        Path bare = Files.createDirectories(dir.resolve("cache/2.7.1-20250812-cpu-linux-x86_64"));
        assertNull(LibtorchCheck.versionOf(bare), "the engine's unpacked copy states nothing");
        assertNull(LibtorchCheck.versionOf(null));
    }

    /** A folder of links to a wheel's libraries (as one makes to leave its other libraries out) states the wheel's release. */
    @Test
    void aFolderOfLinksStatesTheReleaseOfTheFolderItLinksTo() throws IOException {
        Path lib = wheel("2.11.0+cu130");
        Path links = Files.createDirectories(dir.resolve("links"));
        String name = System.mapLibraryName("torch");
        Files.createSymbolicLink(links.resolve(name), lib.resolve(name));
        assertEquals("2.11.0+cu130", LibtorchCheck.versionOf(links));
        assertEquals(links, LibtorchCheck.overrideFolder(links.toString()));
    }

    @Test
    void onlyTheBindingsMajorAndMinorReleaseMatches() {
        assertTrue(LibtorchCheck.matchesBinding("2.7.1"));
        assertTrue(LibtorchCheck.matchesBinding("2.7.1+cu128"));
        assertTrue(LibtorchCheck.matchesBinding("2.7.0"));
        assertFalse(LibtorchCheck.matchesBinding("2.11.0+cu130"));
        assertFalse(LibtorchCheck.matchesBinding("2.70.1"), "2.70 is not 2.7");
        assertFalse(LibtorchCheck.matchesBinding("12.7.1"));
        assertFalse(LibtorchCheck.matchesBinding("2.6.0"));
        assertFalse(LibtorchCheck.matchesBinding("garbage"));
        assertFalse(LibtorchCheck.matchesBinding(null));
    }

    @Test
    void theFolderIsFoundAsTheEngineFindsIt() throws IOException {
        Path lib = wheel("2.11.0");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(lib, LibtorchCheck.overrideFolder(empty + File.pathSeparator + lib));
        assertEquals(lib, LibtorchCheck.overrideFolder(lib.resolve(System.mapLibraryName("torch")).toString()));
        assertNull(LibtorchCheck.overrideFolder(empty.toString()));
        assertNull(LibtorchCheck.overrideFolder(null));
        assertNull(LibtorchCheck.overrideFolder(""));
    }

    @Test
    void anotherReleaseIsRefusedWithOneLineThatSaysWhatToDo() throws IOException {
        Path lib = wheel("2.11.0+cu130");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LibtorchCheck.refuseOtherRelease(lib.toString(), null));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains(lib.toString()) && m.contains("2.11.0+cu130") && m.contains("2.7.1")
                && m.contains("PYTORCH_LIBRARY_PATH"), m);
        assertTrue(m.contains("AWRSR_ANY_LIBTORCH=1"), m);
        assertDoesNotThrow(() -> LibtorchCheck.refuseOtherRelease(lib.toString(), "1"), "a binding built for it");
        assertThrows(IllegalStateException.class, () -> LibtorchCheck.refuseOtherRelease(lib.toString(), "0"));
        assertDoesNotThrow(() -> LibtorchCheck.refuseOtherRelease(archive("2.7.1+cu128").toString(), null));
        assertDoesNotThrow(() -> LibtorchCheck.refuseOtherRelease(null, null));
    }

    @Test
    void theProbeMakesAndReadsBackAnArrayOnTheCpu() {
        assertDoesNotThrow(() -> LibtorchCheck.probe(Device.cpu()));
    }

    /** The CPU build cannot make an array on a card: the probe's failure is one line that says why and what to do. */
    @Test
    void aFailedProbeIsOneLineWithTheEnginesReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LibtorchCheck.probe(Device.gpu(0)));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("the PyTorch library in ") && m.contains("cannot make an array on gpu(0)")
                && m.contains("PYTORCH_LIBRARY_PATH"), m);
    }

    /** doctor's advice for a library of another release is to build the binding or use 2.7.1, not to pick a card. */
    @Test
    void doctorsAdviceForAnotherReleaseSaysWhatToDo() {
        String advice = Diagnostics.gpuAdvice("cu128", true);
        assertTrue(advice.contains("libtorch 2.7.1") && advice.contains("AWRSR_ANY_LIBTORCH=1"), advice);
        assertTrue(Diagnostics.gpuAdvice("cu128", false).contains("--device gpu:N"));
        assertTrue(Diagnostics.gpuAdvice("cpu", false).contains("PYTORCH_LIBRARY_PATH"));
    }

    /** In a fresh process, as a user runs it: exit code 1, one line, the engine never loaded. */
    @Test
    void theCommandLineRefusesItBeforeLoadingIt() throws Exception {
        Path lib = wheel("2.11.0+cu130");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + dir.resolve("home"), "awrsr.cli.Main", "predict", "--items", "1,2,3"));
        Map<String, String> env = pb.environment();
        env.put("PYTORCH_LIBRARY_PATH", lib.toString());
        env.put("PYTORCH_VERSION", "2.7.1");
        env.put("PYTORCH_FLAVOR", "cu128");
        env.remove(LibtorchCheck.ANY_RELEASE);
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        int code = p.waitFor();
        String text = Files.readString(err, StandardCharsets.UTF_8).strip();
        assertEquals(1, code, text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("awrsr predict: the PyTorch library in " + lib + " is release 2.11.0+cu130"), text);
    }
}
