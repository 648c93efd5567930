package awrsr.cli;

import awrsr.testing.PlantedData;
import awrsr.checkpoint.Checkpoint;
import awrsr.checkpoint.CheckpointLock;
import awrsr.checkpoint.TrainingSettings;
import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's promises under hostile input: nothing of the user's is deleted or adopted, every
 * refusal is one line that names the file, field or option, sizes are checked before work starts.
 * Each test names the item of the issue (#11, part 2) it guards.
 */
class CommandLineGuaranteesTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static final String[] SMALL = {"--epochs", "2", "--maxlen", "16", "--dim", "16", "--layers", "1", "--heads", "2",
            "--refine-dim", "8", "--batch", "32"};


    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static CliRun train(Path dataPath, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", dataPath.toString(), "--variant", "value",
                "--out", out.toString()));
        a.addAll(List.of(SMALL));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        data = PlantedData.write(dir.resolve("data"), 120, 4);
        model = dir.resolve("model");
        CliRun r = train(data, model);
        assertEquals(0, r.code(), r.err());
    }

    /** A fresh copy of the trained checkpoint, to damage. */
    static Path copyOfModel(String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(CheckpointLock.FILE)) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return copy;
    }

    static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                m.put(f.getFileName().toString(), awrsr.util.Hashing.sha256(f));
            }
        }
        return m;
    }

    static void edit(Path folder, java.util.function.Consumer<JsonObject> change) throws IOException {
        Path config = folder.resolve(Checkpoint.CONFIG);
        JsonObject json = JsonParser.parseString(Files.readString(config)).getAsJsonObject();
        change.accept(json);
        Files.writeString(config, json.toString());
    }

    // ------------------------------------------------------------------ 2, 14: --out

    @Test
    void outIntoAUsersFolderIsRefusedAndNothingOfTheirsIsTouched() throws IOException {
        Path user = dir.resolve("my-files");
        Files.createDirectories(user);
        Files.writeString(user.resolve("params-e0001-000001.bin"), "my params");
        Files.writeString(user.resolve("optimizer-e0001-000001.bin"), "my optimizer");
        Files.writeString(user.resolve("items.tsv"), "index\tid\ttitle\tyear\tgenres\n1\t5\tMine\t\t\n");
        Files.writeString(user.resolve("notes.txt"), "keep me");
        Map<String, String> before = snapshot(user);
        train(Path.of("no-such-data-anywhere"), user).refused(1).says("my-files", "not empty and not a checkpoint folder");
        assertEquals(before, snapshot(user), "every file of the user's as it was, and no new one");
    }

    @Test
    void outIsCheckedBeforeAnyDataIsRead() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        // the data does not exist: a refusal about --out proves it came first
        train(Path.of("no-such-data-anywhere"), file).refused(1).says("a-file", "not a folder");
        assertEquals("x", Files.readString(file));
    }

    // ------------------------------------------------------------------ 3, 8, 16: the folder's own files

    @Test
    void aStaleItemMappingFromAnInterruptedFirstWriteIsNeverAdopted() throws IOException {
        // what a kill during the first checkpoint write leaves: the marker, another data's items.tsv, temp files
        Path out = dir.resolve("interrupted");
        Files.createDirectories(out);
        Files.writeString(out.resolve(Checkpoint.MARKER), "x");
        Files.writeString(out.resolve(Checkpoint.ITEMS), "index\tid\ttitle\tyear\tgenres\n1\t999\tStale\t\t\n");
        Files.writeString(out.resolve(".config.json.123456.tmp"), "half a config");
        Files.writeString(out.resolve(".params-e0001-000001.bin.987.tmp"), "half an array");
        CliRun t = train(data, out);
        assertEquals(0, t.code(), t.err());
        Checkpoint c = Checkpoint.read(out);
        assertEquals(PlantedData.ITEMS, c.itemIndex().size(), "the mapping of the data trained on");
        assertFalse(c.itemIndex().contains(999));
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "leftovers removed");
        }
        CliRun p = run("predict", "--model", out.toString(), "--items", "1,2,3", "--json");
        assertEquals(0, p.code(), p.err());
    }

    @Test
    void anEditedItemMappingIsRefusedByItsChecksum() throws IOException {
        Path copy = copyOfModel("items-edited");
        Path items = copy.resolve(Checkpoint.ITEMS);
        Files.writeString(items, Files.readString(items).replace("Item number 7", "Item number 8"));
        run("predict", "--model", copy.toString(), "--items", "1").refused(1).says("items.tsv", "checksum");
    }

    @Test
    void configEditsThatKeepTheArrayShapesAreRefused() throws IOException {
        Path heads = copyOfModel("heads-edited");
        edit(heads, j -> j.getAsJsonObject("model").addProperty("heads", 1));   // dim 16: shapes unchanged
        run("predict", "--model", heads.toString(), "--items", "1").refused(1).says("heads=2 (config.json: heads=1)");

        Path variant = copyOfModel("variant-edited");
        edit(variant, j -> j.getAsJsonObject("model").addProperty("variant", "simple"));  // value and simple: same arrays
        run("predict", "--model", variant.toString(), "--items", "1").refused(1)
                .says("variant=value (config.json: variant=simple)");
    }

    @Test
    void numbersInConfigAreParsedStrictly() throws IOException {
        Path wrap = copyOfModel("dim-wraps");
        Files.writeString(wrap.resolve(Checkpoint.CONFIG),
                Files.readString(wrap.resolve(Checkpoint.CONFIG)).replace("\"dim\": 16", "\"dim\": 4294967312"));
        run("predict", "--model", wrap.toString(), "--items", "1").refused(1)
                .says("config.json", "field model.dim", "4294967312");

        Path type = copyOfModel("dim-text");
        edit(type, j -> j.getAsJsonObject("model").addProperty("dim", "sixteen"));
        run("predict", "--model", type.toString(), "--items", "1").refused(1)
                .says("field model.dim must be an integer, got 'sixteen'");

        Path shape = copyOfModel("model-list");
        edit(shape, j -> j.add("model", new JsonArray()));
        run("evaluate", "--model", shape.toString()).refused(1).says("config.json", "field model.variant is missing");
    }

    @Test
    void configFilesThatAreNotSmallUtf8TextAreRefusedInWords() throws IOException {
        Path huge = copyOfModel("config-huge");
        Files.write(huge.resolve(Checkpoint.CONFIG), new byte[(1 << 20) + 1]);
        run("predict", "--model", huge.toString(), "--items", "1").refused(1).says("config.json", "bytes, more than");

        Path latin = copyOfModel("config-latin1");
        byte[] bytes = Files.readAllBytes(latin.resolve(Checkpoint.CONFIG));
        bytes[bytes.length - 3] = (byte) 0xE9;
        Files.write(latin.resolve(Checkpoint.CONFIG), bytes);
        run("predict", "--model", latin.toString(), "--items", "1").refused(1).says("config.json", "not UTF-8");
    }

    @Test
    void tempFilesOfKilledWritesAreRemovedAtTheNextWriteAndOnlyThose() throws IOException {
        Path copy = copyOfModel("with-leftovers");
        Files.writeString(copy.resolve(".optimizer-e0002-123456.bin.42.tmp"), "half");
        Files.writeString(copy.resolve(".config.json.77.tmp"), "half");
        CliRun r = run("train", "--resume", copy.toString(), "--epochs", "3");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(copy.resolve(".optimizer-e0002-123456.bin.42.tmp")));
        assertFalse(Files.exists(copy.resolve(".config.json.77.tmp")));
    }

    // ------------------------------------------------------------------ 9, 13: paths in config.json

    @Test
    void arrayNamesAreConfinedToTheFolder() throws IOException {
        Path sibling = dir.resolve("sibling");
        Files.createDirectories(sibling);
        for (String name : List.of("../sibling/params-e0001-000001.bin", "/etc/passwd")) {
            Path copy = copyOfModel("escape-" + Math.abs(name.hashCode()));
            edit(copy, j -> j.getAsJsonObject("files").getAsJsonObject("parameters").addProperty("name", name));
            run("predict", "--model", copy.toString(), "--items", "1").refused(1)
                    .says("files.parameters.name", "not the name of an array file in this folder");
        }
    }

    @Test
    void theDatasetNameIsALabelNeverAPath() throws IOException {
        Path copy = copyOfModel("name-is-a-path");
        edit(copy, j -> {
            j.getAsJsonObject("dataset").addProperty("name", "/etc/passwd");
            j.getAsJsonObject("dataset").remove("source");
        });
        CliRun r = run("evaluate", "--model", copy.toString()).refused(1).says("give --data");
        assertFalse(r.err().contains("root:"), "the file was not read: " + r.err());
    }

    @Test
    void resumeAndEvaluateFindTheirDataOrSayWhatToPass() throws IOException {
        Path moved = dir.resolve("data-to-move");
        PlantedData.write(moved, 120, 4);
        Path m = dir.resolve("model-of-moved-data");
        assertEquals(0, train(moved, m).code());
        assertTrue(Checkpoint.read(m).datasetSource().startsWith("/"), "the source is recorded absolute");
        CliRun found = run("evaluate", "--model", m.toString(), "--json");
        assertEquals(0, found.code(), found.err());
        Files.move(moved, dir.resolve("data-moved-away"));
        run("evaluate", "--model", m.toString()).refused(1).says("data-to-move", "not there any more", "give --data");
        run("train", "--resume", m.toString(), "--epochs", "3").refused(1).says("not there any more");
        CliRun withData = run("evaluate", "--model", m.toString(), "--data", dir.resolve("data-moved-away").toString(),
                "--json");
        assertEquals(0, withData.code(), withData.err());
    }

    // ------------------------------------------------------------------ 10: k-core belongs to the checkpoint

    @Test
    void aKcoreCheckpointIsEvaluatedAndResumedOnItsFilteredData() throws IOException {
        Path k = dir.resolve("kcore-model");
        assertEquals(0, train(data, k, "--kcore", "5").code());
        assertEquals(5, Checkpoint.read(k).datasetKcore());
        CliRun e = run("evaluate", "--model", k.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        run("train", "--resume", k.toString(), "--kcore", "3").refused(2).says("--kcore", "5");
        CliRun r = run("train", "--resume", k.toString(), "--epochs", "3");
        assertEquals(0, r.code(), r.err());
    }

    // ------------------------------------------------------------------ 5: skipped lines

    @Test
    void skippedMalformedLinesAreReported() throws IOException {
        Path bad = dir.resolve("with-bad-line");
        PlantedData.write(bad, 120, 4);
        Path csv = bad.resolve("interactions.csv");
        Files.writeString(csv, Files.readString(csv) + "7,not-an-item,123\n");
        Path m = dir.resolve("model-bad-line");
        CliRun t = train(bad, m, "--json");
        assertEquals(0, t.code(), t.err());
        assertEquals(1, t.json().get("skippedLines").getAsInt());
        assertTrue(t.err().contains("skipped 1 malformed line(s)") && t.err().contains("not-an-item"), t.err());
        CliRun e = run("evaluate", "--model", m.toString(), "--json");
        assertEquals(1, e.json().get("skippedLines").getAsInt());
        assertTrue(e.json().get("firstSkippedLine").getAsString().contains("interactions.csv:"), e.out());
    }

    // ------------------------------------------------------------------ 4, 7, 11, 12, 15: bad input

    @Test
    void absurdSizesAreRefusedBeforeAnythingIsLoaded() {
        Path nowhere = Path.of("no-such-data-anywhere");
        Path out = dir.resolve("never");
        for (String[] bad : List.of(new String[] {"--dim", "100000"}, new String[] {"--maxlen", "2000000000"},
                new String[] {"--layers", "1000"}, new String[] {"--batch", "0"}, new String[] {"--lr", "-1"},
                new String[] {"--dropout", "1"}, new String[] {"--kcore", "-5"}, new String[] {"--threads", "abc"},
                new String[] {"--threads", "0"}, new String[] {"--epochs", "99999999999"},
                new String[] {"--weight-decay", "-0.1"}, new String[] {"--weight-decay", "2"},
                new String[] {"--beta2", "1"}, new String[] {"--beta2", "-0.5"}, new String[] {"--init", "he"})) {
            List<String> a = new ArrayList<>(List.of("train", "--data", nowhere.toString(), "--variant", "value",
                    "--out", out.toString()));
            a.addAll(List.of(bad));
            run(a.toArray(String[]::new)).refused(2).says(bad[0]);
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void pytorchsInitIsRefusedForStosa() {
        Path out = dir.resolve("never");
        run("train", "--data", "no-such-data-anywhere", "--variant", "value", "--backbone", "stosa", "--init", "pytorch",
                "--out", out.toString()).refused(2).says("--init pytorch is for the SASRec backbone");
        assertFalse(Files.exists(out));
    }

    @Test
    void aTrainingThatCannotFitInMemoryIsRefusedWithTheFigures() {
        CliRun r = run("train", "--data", "no-such-data-anywhere", "--variant", "value", "--out",
                dir.resolve("never").toString(), "--maxlen", "5000", "--batch", "4096", "--heads", "8", "--dim", "64");
        r.refused(2).says("needs about", "GB of memory", "for 1 sequence a pass", "available", "lower --maxlen");
    }

    @Test
    void aBatchTooLargeForTheFreeMemoryTrainsInPasses() throws IOException {
        // maxlen 1000, 8 heads: 8 M map cells a sequence, so every pass holds one (ModelTrainer.PASS_CELLS) and
        // a batch of 65,536 trains where the whole batch would need some 92 TB. The planted data's sequences
        // are short: the real windows stay small.
        Path out = dir.resolve("in-passes");
        CliRun r = run("train", "--data", data.toString(), "--variant", "value", "--out", out.toString(),
                "--epochs", "2", "--maxlen", "1000", "--dim", "16", "--layers", "2", "--heads", "8",
                "--refine-dim", "8", "--batch", "65536");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve(Checkpoint.CONFIG)));
    }

    @Test
    void passesShrinkToTheFreeMemoryOrTheTrainingIsRefused() {
        // AWRSR value, n 200, d 64, 2 x 2 heads, batch 128: passes of 16 by the map-cell rule (16 x 2 x 200^2 =
        // 1.28 M cells); MemoryNeed at 22 maps a block: 22 x 2 x 200^2 x 4 B x 2 blocks = 14.08 MB of maps and
        // 200 x 64 x 4 B x 24 x 2 = 2.46 MB of activations a sequence.
        ModelConfig c = new ModelConfig(Variant.VALUE, 1000, 200, 64, 2, 2, 32, 0.2f);
        TrainingSettings s = new TrainingSettings(1, 1, awrsr.checkpoint.Loss.BCE, 1e-3f, 128, 1);
        awrsr.train.MemoryNeed need = awrsr.train.MemoryNeed.of(c, s);
        assertEquals(14.08e6 + 2.4576e6, need.bytes(1) - need.parameters(), 1e3);
        long ample = (long) (need.bytes(16) / 0.9) + 1;
        long for8 = (long) (need.bytes(8) / 0.9) + 1;              // 16 do not fit, 8 do
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        PrintStream say = new PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, Main.passCap(c, s, null, ample, say), "the trainer's own passes fit: no cap");
        assertEquals(0, said.size());
        assertEquals(8, Main.passCap(c, s, null, for8, say));
        assertTrue(said.toString(java.nio.charset.StandardCharsets.UTF_8).contains("training in passes of 8"), said.toString());
        assertEquals(4, Main.passCap(c, s, 4, for8, say), "an asked cap that fits is kept");
        Usage.UsageException tooBig = org.junit.jupiter.api.Assertions.assertThrows(Usage.UsageException.class,
                () -> Main.passCap(c, s, 32, for8, say));
        assertTrue(tooBig.getMessage().startsWith("--micro-batch 32: a pass of 16 sequences") && tooBig.getMessage()
                .contains("(8 fits)"), tooBig.getMessage());
        Usage.UsageException none = org.junit.jupiter.api.Assertions.assertThrows(Usage.UsageException.class,
                () -> Main.passCap(c, s, null, (long) (need.bytes(1) / 0.9) - 1000, say));
        assertTrue(none.getMessage().contains("for 1 sequence a pass") && none.getMessage().endsWith("lower --maxlen"),
                none.getMessage());
        assertEquals(0, Main.passCap(c, s, null, 0, say), "memory unknown: no cap");
    }

    @Test
    void evaluateOnValidationGivesWhatTrainingSelectedTheEpochOn() throws IOException {
        // Two code paths: the trainer ranks validation items with the network it is training; evaluate
        // loads the saved best state and ranks them again. Same rule, same parameters: the same figures.
        CliRun r = run("evaluate", "--model", model.toString(), "--split", "validation", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("validation", r.json().get("target").getAsString());
        JsonObject stored = JsonParser.parseString(Files.readString(model.resolve(Checkpoint.CONFIG)))
                .getAsJsonObject().getAsJsonObject("metrics").getAsJsonObject("validation");
        JsonObject again = r.json().getAsJsonObject("metrics");
        for (String k : List.of("HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20", "MRR")) {
            assertEquals(stored.get(k).getAsDouble(), again.get(k).getAsDouble(), 1e-12, k);
        }
        assertTrue(again.get("NDCG@10").getAsDouble() > 0, again.toString());
        CliRun test = run("evaluate", "--model", model.toString(), "--json");
        assertEquals("test", test.json().get("target").getAsString());
        run("evaluate", "--model", model.toString(), "--split", "future").refused(2).says("--split", "future");
    }

    @Test
    void aMicroBatchOutsideOneToTheBatchIsRefused() {
        Path out = dir.resolve("never-micro");
        for (String[] bad : List.of(new String[] {"--micro-batch", "0"}, new String[] {"--micro-batch", "33"},
                new String[] {"--micro-batch", "many"})) {
            List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--variant", "value",
                    "--out", out.toString()));
            a.addAll(List.of(SMALL));      // --batch 32
            a.addAll(List.of(bad));
            run(a.toArray(String[]::new)).refused(2).says("--micro-batch");
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void theLargestPassIsAHalvingOfTheBatchThatFits() {
        // 100 bytes a sequence over 1,000 of parameters: a budget of 4,200 holds 32 sequences, not 64
        awrsr.train.MemoryNeed need = new awrsr.train.MemoryNeed(60, 40, 0, 1000);
        assertEquals(128, need.largestPass(128, 13_800));
        assertEquals(32, need.largestPass(128, 4_200));
        assertEquals(32, need.largestPass(128, 7_399));
        assertEquals(13, need.largestPass(100, 2_300));     // 100, 50, 25, 13
        assertEquals(1, need.largestPass(128, 1_100));
        assertEquals(0, need.largestPass(128, 1_099));
        assertEquals(1000 + 64 * 100, need.bytes(64), 1e-9);
    }

    @Test
    void optionsThatAResumeCannotChangeAreRefused() {
        for (String[] bad : List.of(new String[] {"--variant", "none"}, new String[] {"--dim", "32"},
                new String[] {"--lr", "0.1"}, new String[] {"--out", "elsewhere"})) {
            List<String> a = new ArrayList<>(List.of("train", "--resume", model.toString()));
            a.addAll(List.of(bad));
            run(a.toArray(String[]::new)).refused(2).says(bad[0], "cannot be given with --resume");
        }
        run("attention", "--model", model.toString(), "--items", "1,2", "--top", "0").refused(2).says("--top");
    }

    @Test
    void echoedValuesAreCutAndControlCharactersShown() {
        String token = "x".repeat(10_000);
        CliRun r = run("predict", "--model", model.toString(), "--items", "1," + token).refused(2);
        assertTrue(r.err().length() < 300, "short: " + r.err().length() + " characters");
        r.says("(10000 characters)");
        run("predict", "--model", model.toString(), "--items", "1,a\u0007b").refused(2).says("a\\u0007b");
    }

    @Test
    void damagedCompressedDataNamesTheFile() throws IOException {
        byte[] csv = Files.readAllBytes(data.resolve("interactions.csv"));
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv);
        }
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        train(cut, dir.resolve("never-cut")).refused(1).says("cut.csv.gz", "damaged or cut short");
        Path plain = dir.resolve("plain.csv.gz");
        Files.write(plain, csv);
        train(plain, dir.resolve("never-plain")).refused(1).says("plain.csv.gz", "not gzip data");
    }

    @Test
    void inputThatIsNotUtf8NamesTheFileAndLine() throws IOException {
        Path input = dir.resolve("histories.txt");
        Files.write(input, new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xE9, '\n'});
        run("predict", "--model", model.toString(), "--input", input.toString()).refused(1)
                .says("histories.txt:2", "not UTF-8");
    }

    @Test
    void dataTooLargeForTheHeapIsRefusedWithItsSize() throws IOException {
        Path big = dir.resolve("big.csv");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1_100_000; i++) {
            sb.append(i % 1000).append(',').append(i % 97).append(',').append(i).append('\n');
        }
        Files.writeString(big, sb);
        System.setProperty("awrsr.heap.limit", Long.toString(64L << 20));   // as if Java had a 64 MB heap
        try {
            train(big, dir.resolve("never-big")).refused(1).says("big.csv:", "too large for this program's memory",
                    "64 MB Java heap");
        } finally {
            System.clearProperty("awrsr.heap.limit");
        }
    }

    // ------------------------------------------------------------------ 6: one run per folder

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedNamingTheHolder() throws IOException {
        Path copy = copyOfModel("locked");
        Map<String, String> before = snapshot(copy);
        try (CheckpointLock held = CheckpointLock.acquire(copy)) {
            run("train", "--resume", copy.toString(), "--epochs", "3").refused(1)
                    .says("in use by another training run", "process " + ProcessHandle.current().pid());
        }
        Map<String, String> after = snapshot(copy);
        after.remove(CheckpointLock.FILE);
        before.remove(CheckpointLock.FILE);
        assertEquals(before, after, "the refused run wrote nothing");
    }

    // ------------------------------------------------------------------ 17: one rule for seen items

    @Test
    void predictLeavesOutEveryItemOfALongHistoryNotOnlyThoseInTheWindow() {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 35; i++) {
            items.append(i == 1 ? "" : ",").append(i);        // 35 items, the model reads the last 16
        }
        CliRun r = run("predict", "--model", model.toString(), "--items", items.toString(), "--top", "5", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(19, r.json().get("truncated").getAsInt());
        int[] top = new int[5];
        for (int k = 0; k < 5; k++) {
            top[k] = r.json().getAsJsonArray("top").get(k).getAsJsonObject().get("item").getAsInt();
        }
        // 40 items in all, 35 seen: exactly the 5 unseen ones remain
        int[] sorted = top.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new int[] {36, 37, 38, 39, 40}, sorted);
        CliRun all = run("predict", "--model", model.toString(), "--items", items.toString(), "--top", "40",
                "--include-seen", "--json");
        assertEquals(40, all.json().getAsJsonArray("top").size());
    }

    // ------------------------------------------------------------------ files that are not what they seem

    @Test
    void filesThatAreNotDataAreRefusedForWhatTheyAre() throws IOException {
        Path binary = dir.resolve("binary.csv");
        byte[] noise = new byte[4000];
        new java.util.Random(5).nextBytes(noise);
        Files.write(binary, noise);
        train(binary, dir.resolve("never-binary")).refused(1).says("binary.csv", "not text");
        train(Path.of("/dev/null"), dir.resolve("never-null")).refused(1).says("/dev/null", "not a regular file");
        run("predict", "--model", model.toString(), "--input", "/dev/zero").refused(1).says("not a regular file");
        run("train", "--data", data.toString(), "--variant", "none", "--out", "").refused(2).says("--out");

        Path config = copyOfModel("config-links-elsewhere");
        Files.delete(config.resolve(Checkpoint.CONFIG));
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(config.resolve(Checkpoint.CONFIG), elsewhere.toAbsolutePath());
        CliRun r = run("predict", "--model", config.toString(), "--items", "1").refused(1);
        assertTrue(r.err().contains("config.json") && (r.err().contains("not valid JSON") || r.err().contains("object")),
                r.err());
        assertFalse(r.err().contains("http") || r.err().contains("JsonReader") || r.err().contains("root:"),
                "no library internals, nothing of the file: " + r.err());
    }

    @Test
    void csvExportNeverOverwritesAUsersFileUnlessAskedTo() throws IOException {
        Path folder = dir.resolve("my-csv");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("L1_H2_refined.csv"), "my own numbers");
        run("attention", "--model", model.toString(), "--items", "1,2,3", "--csv", folder.toString()).refused(1)
                .says("L1_H2_refined.csv", "exists", "--overwrite");
        assertEquals("my own numbers", Files.readString(folder.resolve("L1_H2_refined.csv")));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "nothing written");
        }
        CliRun ok = run("attention", "--model", model.toString(), "--items", "1,2,3", "--csv", folder.toString(),
                "--overwrite");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.readString(folder.resolve("L1_H2_refined.csv")).startsWith("query\\key"));
    }
}
