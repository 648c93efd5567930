package awrsr.cli;

import awrsr.checkpoint.Checkpoint;
import awrsr.checkpoint.TrainingSettings;
import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import awrsr.testing.PlantedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What picocli gives the command line: help per command, one home for defaults, --version, completion. */
class OptionsTest {
    @TempDir
    Path dir;

    /** The default a command's --help states for an option, as written there. */
    private static String statedDefault(String help, String option) {
        help = help.replaceAll("\\n\\s{20,}(?=[^\\s-])", " ");     // wrapped descriptions on one line
        Matcher m = Pattern.compile(Pattern.quote(option) + "=\\S+\\s+[^\\n]*?\\(default (?:: )?([^):\\s]+)").matcher(help);
        assertTrue(m.find(), option + " states no default in:\n" + help);
        return m.group(1);
    }

    @Test
    void everyCommandHasItsOwnHelpAndTheDefaultsAreTheModelsOwn() {
        for (String command : new String[] {"train", "evaluate", "predict", "attention", "summary", "slim", "bench",
                "doctor"}) {
            CliRun r = CliRun.of(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: awrsr " + command), r.out());
        }
        String train = CliRun.of("train", "--help").out();
        TrainingSettings t = TrainingSettings.defaults();
        assertEquals(String.valueOf(ModelConfig.DEFAULT_DIM), statedDefault(train, "--dim"));
        assertEquals(String.valueOf(ModelConfig.DEFAULT_MAX_LEN), statedDefault(train, "--maxlen"));
        assertEquals(String.valueOf(ModelConfig.DEFAULT_REFINE_DIM), statedDefault(train, "--refine-dim"));
        assertEquals(String.valueOf(ModelConfig.DEFAULT_DROPOUT), statedDefault(train, "--dropout"));
        assertEquals(String.valueOf(t.learningRate()), statedDefault(train, "--lr"));
        assertEquals(String.valueOf(t.batchSize()), statedDefault(train, "--batch"));
        assertEquals(String.valueOf(t.epochs()), statedDefault(train, "--epochs"));
        assertEquals(String.valueOf(t.patience()), statedDefault(train, "--patience"));
        for (Variant v : Variant.values()) {
            assertTrue(train.contains(v.id()), "the variants come from their registry: " + v.id());
        }
    }

    @Test
    void whatIsNotGivenIsTheDefaultOfTheModelsRecords() throws IOException {
        Path data = PlantedData.write(dir.resolve("data"), 60, 4);
        Path out = dir.resolve("m");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--variant", "simple", "--out", out.toString(),
                "--epochs", "1", "--maxlen", "8", "--dim", "16", "--heads", "2", "--layers", "1", "--json");
        assertEquals(0, r.code(), r.err());
        Checkpoint c = Checkpoint.read(out);
        assertEquals(ModelConfig.DEFAULT_REFINE_DIM, c.model().refineDim());
        assertEquals(ModelConfig.DEFAULT_DROPOUT, c.model().dropout());
        TrainingSettings t = TrainingSettings.defaults();
        assertEquals(t.withEpochs(1), c.settings());
    }

    /**
     * --init reaches the checkpoint and the weights: after one epoch at lr 1e-9 (Adam moves a weight by about
     * lr a step) the feed-forward biases are still what they were drawn as, zero under xavier and uniform in
     * ±1/√16 = ±0.25 under pytorch.
     */
    @Test
    void theInitGivenIsTheOneTrainedFrom() throws IOException {
        Path data = PlantedData.write(dir.resolve("data"), 60, 4);
        double[] largest = new double[2];
        String[] inits = {"xavier", "pytorch"};
        for (int k = 0; k < 2; k++) {
            Path out = dir.resolve("init-" + inits[k]);
            CliRun r = CliRun.of("train", "--data", data.toString(), "--variant", "none", "--out", out.toString(),
                    "--epochs", "1", "--maxlen", "8", "--dim", "16", "--heads", "2", "--layers", "1", "--lr", "1e-9",
                    "--init", inits[k]);
            assertEquals(0, r.code(), r.err());
            Checkpoint c = Checkpoint.read(out);
            assertEquals(awrsr.nn.Init.parse(inits[k]), c.settings().init());
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu());
                 awrsr.nn.ParameterSet p = c.loadParameters(m)) {
                for (float v : p.get("block0.ffn.b1").toFloatArray()) {
                    largest[k] = Math.max(largest[k], Math.abs(v));
                }
            }
        }
        assertTrue(largest[0] < 1e-6, "xavier: zero biases, got " + largest[0]);
        assertTrue(largest[1] > 0.05 && largest[1] <= 0.25 + 1e-6, "pytorch: uniform in ±0.25, got " + largest[1]);
    }

    @Test
    void noCommandShowsTheUsageAndVersionIsTheBuilds() throws IOException {
        CliRun none = CliRun.of();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Commands:") && none.err().contains("train"), none.err());
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.code(), version.err());
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = OptionsTest.class.getResourceAsStream("/awrsr/version.properties")) {
            p.load(in);
        }
        assertTrue(p.getProperty("version").matches("\\d+\\.\\d+\\.\\d+.*"), "filtered by the build: " + p);
        assertEquals("awrsr " + p.getProperty("version") + " (checkpoint format " + Checkpoint.FORMAT_VERSION + ")",
                version.out());
    }

    @Test
    void badUsageIsOneLineNamingTheOptionAndTheCommandsHelp() {
        CliRun.of("predict", "--frob").refused(2).says("'--frob'", "awrsr predict --help");
        CliRun.of("train", "--dim", "sixty").refused(2).says("--dim", "'sixty'");
        CliRun.of("summary").refused(2).says("DIR");
        CliRun.of("frobnicate").refused(2).says("frobnicate");
    }

    @Test
    void theCompletionScriptKnowsEveryCommandAndOption() {
        CliRun r = CliRun.of("generate-completion");
        assertEquals(0, r.code(), r.err());
        for (String word : new String[] {"train", "evaluate", "attention", "--refine-dim", "--protocol", "--skip"}) {
            assertTrue(r.out().contains(word), word);
        }
    }

    @Test
    void aModelFolderWithSpacesInItsNameIsOneArgument() throws IOException {
        Path data = PlantedData.write(dir.resolve("data two"), 60, 4);
        Path out = dir.resolve("My Models").resolve("a model");
        Files.createDirectories(out.getParent());
        assertEquals(0, CliRun.of("train", "--data", data.toString(), "--variant", "none", "--out", out.toString(),
                "--epochs", "1", "--maxlen", "8", "--dim", "8", "--heads", "1", "--layers", "1").code());
        CliRun p = CliRun.of("predict", "--model", out.toString(), "--items", "1,2", "--json");
        assertEquals(0, p.code(), p.err());
    }
}
