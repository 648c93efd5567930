package awrsr.cli;

import awrsr.checkpoint.Checkpoint;
import awrsr.testing.PlantedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static awrsr.cli.CommandLineGuaranteesTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code awrsr slim}: a copy of a model without its optimizer state, for sharing and for the installer. The
 * copy is checked against the original's files read from disk, and through {@code predict}; the refusals
 * leave every file as it was.
 */
class SlimCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = PlantedData.write(dir.resolve("data"), 120, 4);
        model = dir.resolve("model");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--variant", "value", "--out", model.toString(),
                "--epochs", "2", "--maxlen", "16", "--dim", "16", "--layers", "1", "--heads", "2", "--refine-dim", "8",
                "--batch", "32");
        assertEquals(0, r.code(), r.err());
    }

    static String named(Map<String, String> files, String prefix) {
        List<String> names = files.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
        assertEquals(1, names.size(), prefix + " files: " + names);
        return names.get(0);
    }

    @Test
    void theCopyHasTheParametersWithoutTheOptimizerAndPredictsAsTheOriginal() throws IOException {
        Map<String, String> before = snapshot(model);
        Path copy = dir.resolve("slim");
        CliRun r = CliRun.of("slim", "--model", model.toString(), "--out", copy.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("without its optimizer state"), r.out());
        assertEquals(before, snapshot(model), "the original as it was");

        Map<String, String> slim = snapshot(copy);
        String params = named(before, "params-");
        named(before, "optimizer-");
        assertEquals(List.of(Checkpoint.MARKER, Checkpoint.CONFIG, Checkpoint.ITEMS, params).stream().sorted().toList(),
                List.copyOf(slim.keySet()));
        assertEquals(before.get(params), slim.get(params));
        assertEquals(before.get(Checkpoint.ITEMS), slim.get(Checkpoint.ITEMS));

        Checkpoint c = Checkpoint.read(copy);
        Checkpoint o = Checkpoint.read(model);
        assertTrue(o.hasOptimizerState());
        assertTrue(!c.hasOptimizerState());
        var withoutFiles = o.json();
        withoutFiles.remove("files");
        var copyWithoutFiles = c.json();
        copyWithoutFiles.remove("files");
        assertEquals(withoutFiles, copyWithoutFiles, "config.json but for its files");

        for (String items : List.of("1,2,3", "5")) {
            CliRun a = CliRun.of("predict", "--model", model.toString(), "--items", items, "--top", "8", "--json");
            CliRun b = CliRun.of("predict", "--model", copy.toString(), "--items", items, "--top", "8", "--json");
            assertEquals(0, a.code(), a.err());
            assertEquals(0, b.code(), b.err());
            assertEquals(a.json().get("top"), b.json().get("top"), "predictions for " + items);
        }

        // a copy of the copy is the same copy
        Path again = dir.resolve("slim-again");
        assertEquals(0, CliRun.of("slim", "--model", copy.toString(), "--out", again.toString()).code());
        assertEquals(slim, snapshot(again), "a copy of the copy");
    }

    @Test
    void aSlimCopyCannotBeResumedAndIsLeftAsItWas() throws IOException {
        Path copy = dir.resolve("slim-resume");
        assertEquals(0, CliRun.of("slim", "--model", model.toString(), "--out", copy.toString()).code());
        Map<String, String> before = snapshot(copy);
        CliRun.of("train", "--resume", copy.toString(), "--data", data.toString(), "--epochs", "4")
                .refused(1).says(copy.toString(), "without its optimizer state", "cannot be resumed");
        assertEquals(before, snapshot(copy), "the copy as it was");
    }

    @Test
    void refusesAFolderThatHoldsACheckpointOrSomethingElseWritingNothing() throws IOException {
        Map<String, String> original = snapshot(model);
        CliRun.of("slim", "--model", model.toString(), "--out", model.toString())
                .refused(1).says(model.toString(), "already holds a checkpoint", "nothing was written");
        assertEquals(original, snapshot(model), "the model as it was");

        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "my notes");
        CliRun.of("slim", "--model", model.toString(), "--out", mine.toString())
                .refused(1).says(mine.toString(), "not empty");
        assertEquals(List.of("notes.txt"), List.copyOf(snapshot(mine).keySet()));
        assertEquals("my notes", Files.readString(mine.resolve("notes.txt")));

        CliRun.of("slim", "--model", dir.resolve("nowhere").toString(), "--out", dir.resolve("x").toString())
                .refused(1).says("nowhere", "not a checkpoint folder");
        assertTrue(!Files.exists(dir.resolve("x")));
        CliRun.of("slim", "--model", model.toString()).refused(2).says("--out");
    }
}
