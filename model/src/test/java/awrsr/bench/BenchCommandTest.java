package awrsr.bench;

import awrsr.cli.Main;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.data.LeaveOneOutSplit;
import awrsr.infer.Recommender;
import awrsr.nn.ModelConfig;
import awrsr.testing.PlantedData;
import awrsr.checkpoint.Checkpoint;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `awrsr bench` end to end on a small trained model: every section's figures and how they relate. */
class BenchCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void trainOnce() {
        try {
            data = PlantedData.write(dir.resolve("data"), 120, 7);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        model = dir.resolve("model");
        Result r = run("train", "--data", data.toString(), "--variant", "value", "--out", model.toString(),
                "--epochs", "2", "--maxlen", "16", "--dim", "16", "--layers", "2", "--heads", "2",
                "--refine-dim", "8", "--batch", "32", "--json");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void reportsLatencyEvaluationMemoryAndTrainingAsOneJsonObject() throws IOException {
        Result r = run("bench", "--model", model.toString(), "--data", data.toString(), "--calls", "30",
                "--warmup", "3", "--memory-calls", "200", "--batch", "32", "--skip", "ml1m");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();

        JsonObject machine = o.getAsJsonObject("machine");
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("cores").getAsInt());
        assertEquals(1, machine.get("threads").getAsInt());
        assertEquals(32, machine.get("batch").getAsInt());
        assertTrue(o.getAsJsonObject("peak").get("sgemm_gflops").getAsDouble() > 0);

        String path = o.getAsJsonObject("model").get("path").getAsString();
        assertFalse(Path.of(path).isAbsolute(), "no machine path in bench output: " + path);
        assertEquals(model.toAbsolutePath().normalize(), Path.of("").toAbsolutePath().resolve(path).normalize());

        Checkpoint c = Checkpoint.read(model);
        ModelConfig config = c.model();
        Dataset d = DatasetLoader.load(data.toString());
        int longest = 0;
        for (int u = 0; u < d.userCount(); u++) {
            longest = Math.max(longest, d.sequence(u).length);
        }
        JsonObject inference = o.getAsJsonObject("inference");
        int n = inference.get("n").getAsInt();
        assertEquals(Math.min(config.maxLen(), longest), n, "the longest user's last n items");
        assertEquals(30, inference.get("calls").getAsInt());
        for (String key : List.of("scores_topk", "scores_topk_trace")) {
            JsonObject s = inference.getAsJsonObject(key);
            double median = s.get("median_ms").getAsDouble();
            assertTrue(s.get("min_ms").getAsDouble() <= median && median <= s.get("p90_ms").getAsDouble()
                    && s.get("p90_ms").getAsDouble() <= s.get("p99_ms").getAsDouble(), key + ": " + s);
            assertEquals(FlopCount.forward(config, n, key.endsWith("trace"), true), s.get("flops").getAsLong());
        }

        JsonObject evaluation = o.getAsJsonObject("evaluation");
        Result eval = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(JsonParser.parseString(eval.out()).getAsJsonObject().get("users").getAsInt(),
                evaluation.get("users").getAsInt(), "every user the evaluate command ranks");
        assertTrue(evaluation.get("median_s").getAsDouble() > 0);

        JsonObject memory = o.getAsJsonObject("memory");
        assertEquals(200, memory.get("inferences").getAsInt());
        assertEquals(memory.get("native_arrays_before").getAsInt(), memory.get("native_arrays_after").getAsInt(),
                "no native array outlives its call");

        JsonObject training = o.getAsJsonArray("training").get(0).getAsJsonObject();
        LeaveOneOutSplit split = new LeaveOneOutSplit(d);
        int trainable = 0;
        for (int u = 0; u < split.userCount(); u++) {
            trainable += split.train(u).length >= 2 ? 1 : 0;
        }
        assertEquals(trainable, training.get("sequences").getAsInt());
        assertEquals((trainable + 31) / 32, training.get("batches").getAsInt());
        double epoch = training.get("epoch_s").getAsDouble();
        double slack = 0.0006 / epoch;   // epoch_s is rounded to the millisecond
        assertEquals(trainable / epoch, training.get("sequences_per_s").getAsDouble(), slack * trainable / epoch + 0.001);
        double gflops = training.get("flops_per_epoch").getAsDouble() / epoch / 1e9;
        assertEquals(gflops, training.get("gflops").getAsDouble(), slack * gflops + 0.001);
        assertTrue(o.getAsJsonObject("process_memory").get("peak_mb").getAsDouble() > 0);
        assertTrue(r.err().contains("bench: memory"), "progress on stderr: " + r.err());
    }

    @Test
    void aCallLeavesNoNativeArrayBehind() throws IOException {
        try (Recommender r = Recommender.load(model, null)) {
            List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7);
            r.predict(items, 5, true, true);
            int held = r.liveArrays();
            assertTrue(held > 0, "the parameters are held");
            for (int i = 0; i < 300; i++) {
                r.predict(items, 5, i % 2 == 0, i % 3 == 0);
            }
            r.score(new int[][] {{1, 2, 3}, {4, 5}});
            assertEquals(held, r.liveArrays());
        }
    }

    /**
     * Without --backbone the training section times the model's own backbone (the help says so); with it, the
     * model's shape on the one named. Until this test, an omitted --backbone timed SASRec for a STOSA model.
     */
    @Test
    void theTrainingSectionTimesTheModelsBackboneUnlessTold() {
        Path stosa = dir.resolve("stosa-model");
        Result trained = run("train", "--data", data.toString(), "--backbone", "stosa", "--variant", "none",
                "--out", stosa.toString(), "--epochs", "1", "--maxlen", "16", "--dim", "16", "--layers", "1",
                "--heads", "2", "--batch", "32", "--json");
        assertEquals(0, trained.code(), trained.err());
        assertEquals("stosa", timedBackbone(stosa));
        assertEquals("sasrec", timedBackbone(stosa, "--backbone", "sasrec"));
        assertEquals("sasrec", timedBackbone(model));
        assertEquals("stosa", timedBackbone(model, "--backbone", "stosa"));
    }

    private static String timedBackbone(Path model, String... options) {
        String allButTraining = String.join(",", Bench.SECTIONS.stream().filter(s -> !s.equals("training")).toList());
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--model", model.toString(), "--data",
                data.toString(), "--batch", "32", "--skip", allButTraining));
        args.addAll(List.of(options));
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("training").get(0).getAsJsonObject()
                .get("backbone").getAsString();
    }

    @Test
    void anUnknownSectionIsRefusedByName() {
        Result r = run("bench", "--model", model.toString(), "--skip", "inference,gpu");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown section 'gpu'"), r.err());
    }
}
