package awrsr.cli;

import awrsr.testing.PlantedData;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end on a small generated dataset. */
class MainTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;


    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        data = PlantedData.write(dir.resolve("data"), 150, 4);
        model = dir.resolve("model");
        CliRun r = run("train", "--data", data.toString(), "--variant", "value", "--out", model.toString(),
                "--epochs", "3", "--maxlen", "16", "--dim", "16", "--layers", "1", "--heads", "2",
                "--refine-dim", "8", "--batch", "32", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("epoch   3"), "one log line per epoch on stderr with --json: " + r.err());
        JsonObject o = r.json();
        assertTrue(o.getAsJsonObject("metrics").has("test_full"));
    }

    @Test
    void evaluatePrintsTheMetricsStoredAtTrainingTimeBesidePopularity() throws IOException {
        CliRun r = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = r.json();
        assertEquals("full", o.get("protocol").getAsString());
        assertEquals(150, o.get("users").getAsInt());
        JsonObject stored = JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject()
                .getAsJsonObject("metrics").getAsJsonObject("test_full");
        assertEquals(stored.get("NDCG@10").getAsDouble(), o.getAsJsonObject("metrics").get("NDCG@10").getAsDouble(), 1e-12);
        assertTrue(o.getAsJsonObject("popularity").has("HR@10"));

        CliRun sampled = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--protocol", "sampled", "--json");
        assertEquals("sampled", sampled.json().get("protocol").getAsString());
        CliRun text = run("evaluate", "--model", model.toString(), "--data", data.toString());
        assertTrue(text.out().contains("popularity") && text.out().contains("NDCG@10"), text.out());
    }

    @Test
    void predictNamesItemsAndLeavesOutTheHistory() {
        CliRun r = run("predict", "--model", model.toString(), "--items", "1,2,3", "--top", "5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = r.json();
        assertEquals(List.of(1, 2, 3), List.of(o.getAsJsonArray("items").get(0).getAsInt(),
                o.getAsJsonArray("items").get(1).getAsInt(), o.getAsJsonArray("items").get(2).getAsInt()));
        JsonArray top = o.getAsJsonArray("top");
        assertEquals(5, top.size());
        for (int i = 0; i < top.size(); i++) {
            JsonObject t = top.get(i).getAsJsonObject();
            int item = t.get("item").getAsInt();
            assertTrue(item > 3, "history item " + item + " recommended");
            assertEquals("Item number " + item, t.get("title").getAsString());
            if (i > 0) {
                assertTrue(t.get("score").getAsDouble() <= top.get(i - 1).getAsJsonObject().get("score").getAsDouble());
            }
        }
    }

    @Test
    void withoutModelTheShippedAwrsrModelAnswers() {
        CliRun r = run("predict", "--items", "1,260,1196", "--top", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonArray top = r.json().getAsJsonArray("top");
        assertEquals(3, top.size());
        for (int i = 0; i < 3; i++) {
            int item = top.get(i).getAsJsonObject().get("item").getAsInt();
            assertTrue(item != 1 && item != 260 && item != 1196, "the history is left out: " + item);
            assertFalse(top.get(i).getAsJsonObject().get("title").getAsString().isBlank(), "MovieLens titles");
        }
    }

    @Test
    void predictReadsOneSequencePerLine() throws IOException {
        Path input = dir.resolve("input.txt");
        Files.writeString(input, "1 2 3\n\n4,5\n" + "7 ".repeat(20) + "\n");
        CliRun r = run("predict", "--model", model.toString(), "--input", input.toString(), "--top", "2");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length);
        JsonObject last = JsonParser.parseString(lines[2]).getAsJsonObject();
        assertEquals(16, last.getAsJsonArray("items").size(), "only the last n items are read");
        assertEquals(4, last.get("truncated").getAsInt());
    }

    @Test
    void explainGivesEverySignalPerItemAndAnalyseSummarisesTheWholeDataset() throws IOException {
        CliRun x = run("explain", "--model", model.toString(), "--items", "5,1,9,14", "--target", "7", "--json");
        assertEquals(0, x.code(), x.err());
        JsonObject o = x.json();
        assertEquals(7, o.get("target").getAsInt());
        assertTrue(o.get("pinned").getAsBoolean());
        assertEquals(4, o.getAsJsonArray("rankWithout").size());
        List<String> ids = new java.util.ArrayList<>();
        for (var e : o.getAsJsonArray("signals")) {
            JsonObject s = e.getAsJsonObject();
            ids.add(s.get("id").getAsString());
            assertEquals(4, s.getAsJsonArray("values").size(), s.get("id").getAsString());
        }
        assertEquals(List.of("loo", "gradient_x_input", "raw_last_row", "refined_last_row", "rollout_raw",
                "rollout_refined"), ids);
        assertFalse(o.getAsJsonArray("signals").get(0).getAsJsonObject().has("spearmanWithOcclusion"));
        CliRun text = run("explain", "--model", model.toString(), "--items", "5,1,9,14");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Spearman with leave-one-out"), text.out());
        assertFalse(text.out().contains("Spearman with occlusion"), text.out());

        // with --occlusion: its signal second, a value for every item, every signal's correlation with it
        CliRun occluded = run("explain", "--model", model.toString(), "--items", "5,1,9,14", "--target", "7",
                "--occlusion", "--json");
        assertEquals(0, occluded.code(), occluded.err());
        JsonArray signals = occluded.json().getAsJsonArray("signals");
        JsonObject occlusion = signals.get(1).getAsJsonObject();
        assertEquals("occlusion", occlusion.get("id").getAsString());
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isFinite(occlusion.getAsJsonArray("values").get(i).getAsDouble()), "position " + i);
        }
        for (var e : signals) {
            assertTrue(e.getAsJsonObject().has("spearmanWithOcclusion"), e.getAsJsonObject().get("id").getAsString());
        }
        assertArrayEquals(values(o.getAsJsonArray("signals").get(0)), values(signals.get(0)), 0,
                "leave-one-out does not change");
        // one item: nothing before it to predict from, so none (null), as leave-one-out has none
        CliRun alone = run("explain", "--model", model.toString(), "--items", "5", "--occlusion", "--json");
        assertEquals(0, alone.code(), alone.err());
        assertTrue(alone.json().getAsJsonArray("signals").get(1).getAsJsonObject().getAsJsonArray("values").get(0)
                .isJsonNull(), alone.out());
        CliRun occludedText = run("explain", "--model", model.toString(), "--items", "5,1,9,14", "--occlusion");
        assertTrue(occludedText.out().contains("Spearman with occlusion"), occludedText.out());

        CliRun a = run("analyse", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, a.code(), a.err());
        JsonObject r = a.json();
        assertEquals(150, r.get("users").getAsInt(), "every user of the planted data has a test target");
        JsonObject rho = r.getAsJsonObject("spearmanWithLoo");
        assertEquals(List.of("gradient_x_input", "raw_last_row", "refined_last_row", "rollout_raw", "rollout_refined"),
                List.copyOf(rho.keySet()));
        for (String k : rho.keySet()) {
            double mean = rho.getAsJsonObject(k).get("mean").getAsDouble();
            assertTrue(mean >= -1 && mean <= 1, k + " " + mean);
        }
        assertEquals(2, r.getAsJsonArray("heads").size(), "1 layer x 2 heads");
        JsonObject head = r.getAsJsonArray("heads").get(0).getAsJsonObject();
        for (String stat : List.of("entropy", "distance", "sink", "diagonal", "kl_w_a", "moved")) {
            assertTrue(head.has(stat), stat);
        }
        assertEquals(5, head.getAsJsonObject("mostUnusualUsers").getAsJsonArray("entropy").size());
        assertTrue(a.err().contains("150 of 150 users"), "progress on stderr: " + a.err());
        assertFalse(r.has("spearmanWithOcclusion"));

        CliRun withOcclusion = run("analyse", "--model", model.toString(), "--data", data.toString(), "--occlusion",
                "--json");
        assertEquals(0, withOcclusion.code(), withOcclusion.err());
        JsonObject both = withOcclusion.json();
        assertEquals(List.of("occlusion", "gradient_x_input", "raw_last_row", "refined_last_row", "rollout_raw",
                "rollout_refined"), List.copyOf(both.getAsJsonObject("spearmanWithLoo").keySet()));
        assertEquals(List.of("loo", "gradient_x_input", "raw_last_row", "refined_last_row", "rollout_raw",
                "rollout_refined"), List.copyOf(both.getAsJsonObject("spearmanWithOcclusion").keySet()));
        for (String k : rho.keySet()) {    // the correlations with leave-one-out are those of the run without
            assertEquals(rho.getAsJsonObject(k).get("mean").getAsDouble(),
                    both.getAsJsonObject("spearmanWithLoo").getAsJsonObject(k).get("mean").getAsDouble(), 1e-12, k);
            double same = rho.getAsJsonObject(k).get("sameTopItem").getAsDouble();
            assertTrue(same >= 0 && same <= 1, k + " " + same);
            assertEquals(same, both.getAsJsonObject("spearmanWithLoo").getAsJsonObject(k).get("sameTopItem")
                    .getAsDouble(), 1e-12, k);
        }
        // the same top item is a symmetric relation: occlusion against leave-one-out, and the other way round
        assertEquals(both.getAsJsonObject("spearmanWithLoo").getAsJsonObject("occlusion").get("sameTopItem").getAsDouble(),
                both.getAsJsonObject("spearmanWithOcclusion").getAsJsonObject("loo").get("sameTopItem").getAsDouble(), 0);
        double chance = r.get("sameTopItemByChance").getAsDouble();
        assertTrue(chance > 0 && chance <= 0.5, "1 / length averaged over histories of two or more: " + chance);
        double recency = both.get("sameTopItemByRecencyWithOcclusion").getAsDouble();
        assertTrue(recency >= 0 && recency <= 1, "" + recency);
        assertEquals(r.get("sameTopItemByRecency").getAsDouble(), both.get("sameTopItemByRecency").getAsDouble(), 0);
        assertFalse(r.has("sameTopItemByRecencyWithOcclusion"));
    }

    private static double[] values(com.google.gson.JsonElement signal) {
        JsonArray v = signal.getAsJsonObject().getAsJsonArray("values");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).getAsDouble();
        }
        return out;
    }

    @Test
    void attentionGivesEveryLayerAndHeadAsJsonAndCsv() throws IOException {
        CliRun r = run("attention", "--model", model.toString(), "--items", "5,1,9", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = r.json();
        assertEquals(3, o.getAsJsonArray("titles").size());
        assertEquals("Item number 5", o.getAsJsonArray("titles").get(0).getAsString());
        JsonArray heads = o.getAsJsonArray("layers").get(0).getAsJsonObject().getAsJsonArray("heads");
        assertEquals(2, heads.size());
        JsonObject head = heads.get(1).getAsJsonObject();
        for (String key : List.of("raw", "refined", "weights")) {
            JsonArray m = head.getAsJsonArray(key);
            assertEquals(3, m.size());
            assertEquals(0.0, m.get(0).getAsJsonArray().get(2).getAsDouble(), 0.0, key + " is causal");
        }
        Path csv = dir.resolve("csv");
        CliRun c = run("attention", "--model", model.toString(), "--items", "5,1,9", "--csv", csv.toString());
        assertEquals(0, c.code(), c.err());
        List<String> lines = Files.readAllLines(csv.resolve("L1_H2_refined.csv"));
        assertEquals("query\\key,5,1,9", lines.get(0));
        String[] row = lines.get(3).split(",");
        assertEquals(head.getAsJsonArray("refined").get(2).getAsJsonArray().get(1).getAsDouble(),
                Double.parseDouble(row[2]), 1e-7);
    }

    @Test
    void badInputGivesOneLineAndANonZeroExit() {
        CliRun unknown = run("predict", "--model", model.toString(), "--items", "1,999");
        assertEquals(1, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("unknown item id 999"), unknown.err());

        CliRun noModel = run("predict", "--model", dir.resolve("no-such-model").toString(), "--items", "1");
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("no-such-model"), noModel.err());

        CliRun badTop = run("predict", "--model", model.toString(), "--items", "1", "--top", "ten");
        assertEquals(2, badTop.code());
        assertTrue(badTop.err().contains("'ten'"), badTop.err());

        CliRun missing = run("evaluate", "--model", dir.resolve("nothing").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("not a checkpoint folder"), missing.err());

        CliRun badVariant = run("train", "--data", data.toString(), "--variant", "fancy", "--out", dir.resolve("x").toString());
        assertEquals(2, badVariant.code(), "bad usage");
        assertTrue(badVariant.err().contains("unknown variant 'fancy'"), badVariant.err());
        assertFalse(Files.exists(dir.resolve("x")), "nothing written for a refused command");

        CliRun overwrite = run("train", "--data", data.toString(), "--variant", "none", "--out", model.toString());
        assertEquals(1, overwrite.code());
        assertTrue(overwrite.err().contains("already holds a checkpoint"), overwrite.err());

        CliRun unknownCommand = run("fly");
        assertEquals(2, unknownCommand.code());

        CliRun foreignData = run("evaluate", "--model", model.toString(), "--data", "movielens-small");
        assertEquals(1, foreignData.code());
        assertEquals(1, foreignData.err().lines().count(), foreignData.err());
        assertTrue(foreignData.err().matches("(?s).*knows only \\d+ of the 9066 items.*"), foreignData.err());
    }

    @Test
    void summaryTabulatesTheStoredTestMetrics() throws IOException {
        CliRun r = run("summary", model.toString(), model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| AWRSR value | 2 |"), r.out());
        assertTrue(r.out().contains("| popularity |"), r.out());
        // the stored validation NDCG@10 is on each run's row
        JsonObject config = JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject();
        double validation = config.getAsJsonObject("metrics").getAsJsonObject("validation").get("NDCG@10").getAsDouble();
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "| %.4f |", validation)), r.out());

        // another recipe of the same model (a learning rate of its own) is a group of its own, named apart
        Path other = dir.resolve("value-slow-s1");
        Files.createDirectories(other);
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().startsWith(".")) {
                    Files.copy(f, other.resolve(f.getFileName()));
                }
            }
        }
        config.getAsJsonObject("training").addProperty("lr", 5e-4);
        Files.writeString(other.resolve("config.json"), config.toString());
        CliRun two = run("summary", model.toString(), other.toString(), model.toString());
        assertEquals(0, two.code(), two.err());
        assertTrue(two.out().contains("| AWRSR value (model) | 2 |"), two.out());
        assertTrue(two.out().contains("| AWRSR value (value-slow) | 1 |"), two.out());

        // a run still training has no test metrics yet: "-" on its row, and the means are those of the others
        config = JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject();
        JsonObject metrics = config.getAsJsonObject("metrics");
        double fullHr = metrics.getAsJsonObject("test_full").get("HR@10").getAsDouble();
        double fullNdcg = metrics.getAsJsonObject("test_full").get("NDCG@10").getAsDouble();
        for (String key : new String[] {"test_full", "test_sampled"}) {
            metrics.remove(key);
        }
        Files.writeString(other.resolve("config.json"), config.toString());
        CliRun running = run("summary", model.toString(), other.toString());
        assertEquals(0, running.code(), running.err());
        assertTrue(running.out().contains("| value-slow-s1 | AWRSR value (no test yet) |"), running.out());
        assertTrue(running.out().contains("| - | - | - | - |"), running.out());
        assertFalse(running.out().contains("NaN"), running.out());
        // one recipe (the same settings): the mean of the finished run alone, with no spread
        assertTrue(running.out().contains(String.format(java.util.Locale.ROOT, "| AWRSR value | 1 | %.4f ± 0.0000 | %.4f ± 0.0000 |",
                fullHr, fullNdcg)), running.out());
    }

    @Test
    void doctorNamesTheEngineItsLibraryTheDevicesAndWhatToDoForAGpu() {
        CliRun r = run("doctor", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = r.json();
        assertEquals("PyTorch 2.7.1", o.get("engine").getAsString());
        assertTrue(o.get("libtorch").getAsString().contains("2.7.1"), o.toString());
        assertEquals("cpu", o.get("flavor").getAsString());
        assertEquals("none seen", o.get("gpus").getAsString());
        assertTrue(o.get("libtorch release").getAsString().startsWith("not stated"), o.toString());
        assertEquals("an array made, added and read back on cpu()", o.get("self-test").getAsString());
        assertTrue(o.get("gpu advice").getAsString().contains("PYTORCH_LIBRARY_PATH"), o.toString());
        assertTrue(o.get("engine cache").getAsString().contains("MB"), o.toString());
        assertTrue(o.get("java").getAsString().startsWith(System.getProperty("java.version")), o.toString());
        CliRun text = run("doctor");
        assertTrue(text.out().contains("engine") && text.out().contains("PyTorch 2.7.1"), text.out());
        CliRun gpu = run("predict", "--model", model.toString(), "--items", "1", "--device", "gpu:1");
        assertEquals(2, gpu.code());
        assertTrue(gpu.err().contains("no usable GPU"), gpu.err());
    }
}
