package awrsr.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import awrsr.data.Item;
import awrsr.data.ItemCatalog;
import awrsr.infer.HeadTrace;
import awrsr.infer.Prediction;
import awrsr.infer.Recommender;
import awrsr.nn.BackboneKind;
import awrsr.nn.ItemIndex;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.TestModels;
import awrsr.nn.Variant;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    private Path save(Variant variant) throws IOException {
        return save(variant, TrainingSettings.defaults());
    }

    private Path save(Variant variant, TrainingSettings settings) throws IOException {
        ModelConfig config = TestModels.small(variant);
        ItemIndex index = new ItemIndex(IntStream.rangeClosed(1, config.numItems()).map(i -> i * 10).toArray());
        ItemCatalog catalog = new ItemCatalog(Map.of(10, new Item(10, "Ten, a film", 1999, List.of("Drama", "War"))));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = TestModels.random(config, 4, manager)) {
            Checkpoint.write(dir, new Checkpoint.Info(config, index, catalog, "tiny", "ab".repeat(32), null, 0, 3, 40,
                    settings, 5, 4, new JsonObject()), params, null);
        }
        return dir;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("awrsr.nn.TestModels#all")
    void savedAndReloadedModelGivesIdenticalScoresAndTraces(ModelConfig config) throws IOException {
        Variant variant = config.variant();
        ItemIndex index = new ItemIndex(IntStream.rangeClosed(1, config.numItems()).map(i -> i * 10).toArray());
        List<Integer> items = List.of(10, 50, 70, 20);
        Prediction before;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = TestModels.random(config, 4, manager)) {
            try (Recommender r = Recommender.of(config, index, ItemCatalog.empty(), params)) {
                before = r.predict(items, 5, true, true);
            }
            Checkpoint.write(dir, new Checkpoint.Info(config, index, ItemCatalog.empty(), "tiny", "ab".repeat(32), null, 0, 3, 40,
                    TrainingSettings.defaults(), 5, 4, new JsonObject()), params, null);
        }
        try (Recommender r = Recommender.load(dir, Device.cpu())) {
            Prediction after = r.predict(items, 5, true, true);
            assertArrayEquals(before.scores(), after.scores());
            assertEquals(before.top(), after.top());
            for (int l = 0; l < config.layers(); l++) {
                for (int h = 0; h < config.heads(); h++) {
                    HeadTrace x = before.trace().head(l, h);
                    HeadTrace y = after.trace().head(l, h);
                    int covariance = config.backbone() == awrsr.nn.BackboneKind.STOSA ? 1 : 0;
                    assertEquals((variant.refines() ? 3 : 1) + covariance, y.maps().size(),
                            "A, W and R; A alone when nothing refines; STOSA's W⊙W beside them");
                    for (int k = 0; k < x.maps().size(); k++) {
                        assertEquals(x.maps().get(k).id(), y.maps().get(k).id());
                        assertArrayEquals(x.maps().get(k).values(), y.maps().get(k).values());
                    }
                }
            }
        }
    }

    @Test
    void configRoundTripsSettingsCatalogAndMapping() throws IOException {
        Checkpoint c = Checkpoint.read(save(Variant.VALUE));
        assertEquals(Variant.VALUE, c.model().variant());
        assertEquals(30, c.itemIndex().size());
        assertEquals(70, c.itemIndex().idOf(7));
        assertEquals("Ten, a film", c.catalog().get(10).title());
        assertEquals(List.of("Drama", "War"), c.catalog().get(10).genres());
        assertEquals("tiny", c.datasetName());
        assertEquals(TrainingSettings.defaults(), c.settings());
        assertEquals(4, c.bestEpoch());
    }

    @Test
    void theBackboneIsWrittenAndAnUnknownOneIsRefusedInOneLine() throws IOException {
        Path folder = save(Variant.VALUE);
        Path config = folder.resolve(Checkpoint.CONFIG);
        String json = Files.readString(config);
        assertTrue(json.contains("\"backbone\": \"sasrec\""), json);
        assertEquals(BackboneKind.SASREC, Checkpoint.read(folder).model().backbone());

        Files.writeString(config, json.replace("\"backbone\": \"sasrec\",", ""));
        assertEquals(BackboneKind.SASREC, Checkpoint.read(folder).model().backbone(),
                "config.json files written before backbones had names are SASRec models");

        Files.writeString(config, json.replace("\"backbone\": \"sasrec\"", "\"backbone\": \"bert4rec\""));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(folder));
        assertTrue(e.getMessage().contains("model.backbone") && e.getMessage().contains("bert4rec"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void damagedParameterFileIsRefusedByItsChecksum() throws IOException {
        Path folder = save(Variant.SIMPLE);
        Path params = halvedParamsFile(folder);
        Checkpoint c = Checkpoint.read(folder);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            IOException e = assertThrows(IOException.class, () -> c.loadParameters(manager));
            assertTrue(e.getMessage().contains(params.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void truncatedParameterFileWhoseChecksumMatchesIsRefusedAsTruncated() throws IOException {
        Path folder = save(Variant.SIMPLE);
        Path params = halvedParamsFile(folder);
        // config.json written for the cut file, so the checksum passes and the reader meets the end early
        Path config = folder.resolve(Checkpoint.CONFIG);
        JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(config)).getAsJsonObject();
        json.getAsJsonObject("files").getAsJsonObject("parameters").addProperty("sha256", awrsr.util.Hashing.sha256(params));
        Files.writeString(config, json.toString());
        Checkpoint c = Checkpoint.read(folder);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            IOException e = assertThrows(IOException.class, () -> c.loadParameters(manager));
            assertTrue(e.getMessage().contains(params.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    /** The checkpoint's parameter file, cut to half its length. */
    private static Path halvedParamsFile(Path folder) throws IOException {
        Path params;
        try (var files = Files.list(folder)) {
            params = files.filter(p -> p.getFileName().toString().startsWith("params-")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(params.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        return params;
    }

    @Test
    void configThatDoesNotMatchTheParametersIsRefused() throws IOException {
        Path folder = save(Variant.VALUE);
        Path config = folder.resolve(Checkpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replace("\"variant\": \"value\"", "\"variant\": \"additive\""));
        Checkpoint c = Checkpoint.read(folder);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            IOException e = assertThrows(IOException.class, () -> c.loadParameters(manager));
            assertTrue(e.getMessage().contains("variant=value (config.json: variant=additive)"), e.getMessage());
        }
    }

    @Test
    void otherFormatVersionAndMissingFilesAreRefused() throws IOException {
        Path folder = save(Variant.NONE);
        Path config = folder.resolve(Checkpoint.CONFIG);
        String text = Files.readString(config);
        assertTrue(text.contains("\"formatVersion\": " + Checkpoint.FORMAT_VERSION), text);
        Files.writeString(config, text.replace("\"formatVersion\": " + Checkpoint.FORMAT_VERSION, "\"formatVersion\": 7"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(folder));
        assertTrue(e.getMessage().contains("format 7"), e.getMessage());
        IOException none = assertThrows(IOException.class, () -> Checkpoint.read(dir.resolve("nowhere")));
        assertTrue(none.getMessage().contains("not a checkpoint folder"), none.getMessage());
    }

    @Test
    void aFormat2ConfigWithoutTheStosaFieldsStillReads() throws IOException {
        Path folder = save(Variant.VALUE);
        Path config = folder.resolve(Checkpoint.CONFIG);
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(config)).getAsJsonObject();
        json.addProperty("formatVersion", 2);
        json.getAsJsonObject("model").remove("attentionDropout");
        json.getAsJsonObject("model").remove("referenceMeanBug");
        json.getAsJsonObject("training").remove("pvnWeight");
        json.getAsJsonObject("training").remove("beta2");
        json.getAsJsonObject("training").remove("init");
        String old = json.toString();
        assertFalse(old.contains("attentionDropout") || old.contains("referenceMeanBug") || old.contains("pvnWeight"), old);
        Files.writeString(config, old);
        Checkpoint c = Checkpoint.read(folder);
        assertEquals(awrsr.nn.BackboneKind.SASREC, c.model().backbone());
        assertEquals(c.model().dropout(), c.model().attentionDropout());
        assertFalse(c.model().referenceMeanBug());
        assertEquals(TrainingSettings.DEFAULT_PVN_WEIGHT, c.settings().pvnWeight());
        assertEquals(0f, c.settings().weightDecay(), "a checkpoint from before weight decay had none");
        assertEquals(TrainingSettings.BETA2, c.settings().beta2(), "nor any β2 but the fixed one");
        assertEquals(awrsr.nn.Init.XAVIER, c.settings().init(), "nor any init but Xavier");
    }

    @Test
    void theWeightDecayAndBeta2AreKept() throws IOException {
        TrainingSettings d = TrainingSettings.defaults();
        TrainingSettings decayed = new TrainingSettings(d.epochs(), d.seed(), d.loss(), 5e-4f, 512, d.patience(),
                d.pvnWeight(), 1e-6f, 0.999f);
        assertEquals(decayed, Checkpoint.read(save(Variant.NONE, decayed)).settings());
    }

    @Test
    void theInitIsKept() throws IOException {
        TrainingSettings d = TrainingSettings.defaults();
        TrainingSettings pytorch = new TrainingSettings(d.epochs(), d.seed(), d.loss(), d.learningRate(), d.batchSize(),
                d.patience(), d.pvnWeight(), d.weightDecay(), d.beta2(), awrsr.nn.Init.PYTORCH);
        Path folder = save(Variant.NONE, pytorch);
        assertEquals(pytorch, Checkpoint.read(folder).settings());
        assertTrue(Files.readString(folder.resolve(Checkpoint.CONFIG)).contains("\"init\": \"pytorch\""));
    }

    @Test
    void rewritingKeepsOnlyTheFilesTheConfigNames() throws IOException {
        save(Variant.NONE);
        save(Variant.NONE);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("params-")).count());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
