package awrsr.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.data.LeaveOneOutSplit;
import awrsr.eval.Evaluator;
import awrsr.eval.Protocol;
import awrsr.eval.RankTarget;
import awrsr.infer.Recommender;
import awrsr.nn.GradientMode;
import awrsr.nn.ModelConfig;
import awrsr.train.ModelTrainer;
import awrsr.analysis.DatasetAnalysis;
import awrsr.checkpoint.TrainingSettings;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures what the workbench's users wait for: one re-prediction with and without the attention trace,
 * the full evaluation, a training epoch on the shipped data and on data the size of MovieLens-1M, and
 * resident memory over many inferences. Everything runs in this process, one section after another, on
 * the engine settings the command line gave; the result is one JSON object.
 */
public final class Bench {
    /** Sections that can be left out with --skip. */
    public static final Set<String> SECTIONS = Set.of("peak", "inference", "evaluation", "memory", "training", "ml1m",
            "explain", "analysis", "toy");
    /** Timed explanations of the explain section (after {@link #EXPLAIN_WARMUP} untimed ones). */
    static final int EXPLAIN_CALLS = 20;
    /**
     * Untimed explanations first: on a cold JVM the first 15 or so explanations of the shipped AWRSR model ran
     * some 1.4× slower than later ones (the splice's Java loops and the passes' Java side compiling), so the 3
     * of earlier rounds timed a JVM still warming up.
     */
    static final int EXPLAIN_WARMUP = 30;
    /** Defaults of the bench command's options (awrsr bench --help). */
    public static final int DEFAULT_CALLS = 200;
    public static final int DEFAULT_WARMUP = 50;
    public static final int DEFAULT_MEMORY_CALLS = 10_000;
    public static final int DEFAULT_EPOCHS = 1;

    /** @param microBatch sequences a training pass holds, 0 for the whole batch ({@link ModelTrainer#microBatch}) */
    public record Options(Path model, String data, int calls, int warmup, int memoryCalls, int epochs,
                          int batch, long seed, int threads, Set<String> skip, awrsr.nn.BackboneKind backbone,
                          int microBatch) {}

    private final Options options;
    private final Device device;
    private final PrintStream progress;

    public Bench(Options options, Device device, PrintStream progress) {
        this.options = options;
        this.device = device;
        this.progress = progress;
    }

    public JsonObject run() throws IOException {
        JsonObject result = new JsonObject();
        result.add("machine", machine());
        JsonObject peak = null;
        if (!options.skip().contains("peak")) {
            say("peak: 1024x1024 matrix products");
            peak = peak();
            result.add("peak", peak);
        }
        double peakGflops = peak == null ? Double.NaN : peak.get("sgemm_gflops").getAsDouble();
        try (Recommender model = Recommender.load(options.model(), device)) {
            Dataset data = DatasetLoader.load(options.data() != null ? options.data()
                    : model.checkpoint().datasetName());
            JsonObject m = new JsonObject();
            m.addProperty("path", relativeToWorkingFolder(options.model()));
            m.addProperty("variant", model.config().variant().id());
            m.addProperty("dataset", data.name());
            m.addProperty("items", model.config().numItems());
            m.addProperty("maxlen", model.config().maxLen());
            m.addProperty("layers", model.config().layers());
            m.addProperty("heads", model.config().heads());
            m.addProperty("dim", model.config().dim());
            m.addProperty("device", model.deviceDescription());
            result.add("model", m);
            List<Integer> sequence = longestWindow(model, data);
            if (sequence.isEmpty() && !(options.skip().contains("inference") && options.skip().contains("memory"))) {
                throw new IOException(options.model() + ": the model knows none of the items of dataset '"
                        + data.name() + "', so there is no sequence to time; give the data it was trained on");
            }
            // training first: it is what a fresh `awrsr train` process meets; after many inferences the
            // allocator's heap is laid out differently and epochs were ~15% slower
            JsonArray training = new JsonArray();
            if (!options.skip().contains("training")) {
                say("training: " + options.epochs() + " epoch(s) on " + data.name());
                training.add(training(model.config(), data, peakGflops));
            }
            if (!options.skip().contains("ml1m")) {
                say("training: generating MovieLens-1M-sized data (seed " + options.seed() + ")");
                Dataset big = SyntheticData.movieLens1mLike(options.seed());
                say("training: " + options.epochs() + " epoch(s) on " + big.name() + " (" + big.interactionCount()
                        + " interactions)");
                training.add(training(model.config(), big, peakGflops));
            }
            if (!training.isEmpty()) {
                result.add("training", training);
                System.gc();
                awrsr.util.Allocator.trim();    // what training held goes back, as after a real training run
            }
            if (!options.skip().contains("toy")) {
                JsonArray toys = new JsonArray();
                for (awrsr.data.ToyWorlds.World w : awrsr.data.ToyWorlds.World.values()) {
                    say("toy: training " + w.id() + " from scratch with the Train tab's toy recipe");
                    toys.add(toy(w));
                }
                result.add("toy", toys);
            }
            if (!options.skip().contains("inference")) {
                say("inference: " + options.calls() + " calls at n = " + sequence.size() + ", without and with the trace");
                result.add("inference", inference(model, sequence));
            }
            if (!options.skip().contains("memory")) {
                say("memory: " + options.memoryCalls() + " inferences with the trace");
                result.add("memory", memory(model, sequence));
            }
            if (!options.skip().contains("evaluation")) {
                say("evaluation: full protocol, every user");
                result.add("evaluation", evaluation(model, data));
            }
            if (!options.skip().contains("explain")) {
                say("explain: " + EXPLAIN_CALLS + " explanations at n = " + sequence.size());
                result.add("explain", onePerPass(() -> explain(model, sequence)));
            }
            if (!options.skip().contains("analysis")) {
                say("analysis: every user's explanation and head statistics (awrsr analyse)");
                DatasetAnalysis.Result r = onePerPass(() -> DatasetAnalysis.run(model, new LeaveOneOutSplit(data),
                        Integer.MAX_VALUE, options.threads(), (done, of) -> {}));
                JsonObject a = new JsonObject();
                a.addProperty("users", r.users().length);
                a.addProperty("seconds", round(r.seconds()));
                result.add("analysis", a);
            }
        }
        JsonObject rss = new JsonObject();
        rss.addProperty("peak_mb", mb(procStatus("VmHWM")));
        rss.addProperty("final_mb", mb(procStatus("VmRSS")));
        result.add("process_memory", rss);
        return result;
    }

    private void say(String line) {
        progress.println("bench: " + line);
        progress.flush();
    }

    // ------------------------------------------------------------------ sections

    private JsonObject machine() {
        JsonObject o = new JsonObject();
        o.addProperty("cores", Runtime.getRuntime().availableProcessors());
        o.addProperty("cpu", cpuInfo("model name"));
        o.addProperty("cpu_mhz", cpuInfo("cpu MHz"));
        o.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        o.addProperty("java", System.getProperty("java.version"));
        o.addProperty("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        o.addProperty("device", Recommender.describe(device));
        o.addProperty("threads", options.threads());
        o.addProperty("interop_threads", Integer.getInteger("ai.djl.pytorch.num_interop_threads", 1));
        o.addProperty("batch", options.batch());
        o.addProperty("micro_batch", options.microBatch());
        o.addProperty("allocator", awrsr.util.Allocator.tune());
        return o;
    }

    /** What this CPU does at its best: large single-precision matrix products in the engine. */
    private JsonObject peak() {
        int size = 1024;
        double[] ms = new double[12];
        GradientMode.off();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray a = manager.randomUniform(0, 1, new Shape(size, size));
            NDArray b = manager.randomUniform(0, 1, new Shape(size, size));
            for (int i = -3; i < ms.length; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    scope.tempAttachAll(a, b);
                    long t0 = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.getFloat(0, 0);            // wait for the product (asynchronous on a GPU)
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        }
        double flops = 2.0 * size * size * size;
        double median = median(ms);
        JsonObject o = new JsonObject();
        o.addProperty("sgemm_size", size);
        o.addProperty("sgemm_median_ms", round(median));
        o.addProperty("sgemm_gflops", round(flops / median / 1e6));
        double mhz = parseDouble(cpuInfo("cpu MHz"));
        String flags = cpuInfo("flags");
        int perCycle = flags.contains("avx512f") ? 64 : flags.contains("fma") ? 32 : 8;
        o.addProperty("nominal_flops_per_cycle_per_core", perCycle);
        o.addProperty("nominal_gflops", round(options.threads() * mhz / 1e3 * perCycle));
        o.addProperty("note", "nominal = threads x clock x FP32 FLOPs per cycle (two FMA pipes of the widest"
                + " vector unit the flags list); sgemm = what the engine reaches on large products");
        return o;
    }

    private JsonObject inference(Recommender model, List<Integer> sequence) {
        JsonObject o = new JsonObject();
        int n = sequence.size();
        o.addProperty("n", n);
        o.addProperty("calls", options.calls());
        o.addProperty("warmup", options.warmup());
        for (boolean trace : new boolean[] {false, true}) {
            double[] ms = new double[options.calls()];
            for (int i = -options.warmup(); i < options.calls(); i++) {
                long t0 = System.nanoTime();
                model.predict(sequence, 10, true, trace);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            long flops = FlopCount.forward(model.config(), n, trace, true);
            JsonObject s = latency(ms);
            s.addProperty("flops", flops);
            s.addProperty("gflops_at_median", round(flops / s.get("median_ms").getAsDouble() / 1e6));
            o.add(trace ? "scores_topk_trace" : "scores_topk", s);
        }
        return o;
    }

    /**
     * As awrsr explain and analyse run: --threads passes (users) at a time, each on one intra-op thread (the
     * engine's intra-op threads are 1 meanwhile, then as before).
     */
    private static <T> T onePerPass(java.util.function.Supplier<T> section) {
        int was = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        try {
            return section.get();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(was);
        }
    }

    /**
     * One explanation (leave-one-out in batched passes, gradient × input, rollout) of the longest window:
     * median and spread of {@link #EXPLAIN_CALLS} calls, against one traced prediction; and, each right after
     * one of those, an explanation with occlusion, with the median of their ratios.
     */
    private JsonObject explain(Recommender model, List<Integer> sequence) {
        double[] ms = new double[EXPLAIN_CALLS];
        double[] occluded = new double[EXPLAIN_CALLS];
        double[] ratios = new double[EXPLAIN_CALLS];
        for (int i = -EXPLAIN_WARMUP; i < EXPLAIN_CALLS; i++) {
            // each call with occlusion right after one without, so that both meet the same machine
            long t0 = System.nanoTime();
            model.explain(sequence, null, options.threads());
            long t1 = System.nanoTime();
            model.explain(sequence, null, options.threads(), true);
            long t2 = System.nanoTime();
            if (i >= 0) {
                ms[i] = (t1 - t0) / 1e6;
                occluded[i] = (t2 - t1) / 1e6;
                ratios[i] = occluded[i] / ms[i];
            }
        }
        JsonObject o = latency(ms);
        o.addProperty("n", sequence.size());
        o.addProperty("calls", EXPLAIN_CALLS);
        o.addProperty("warmup", EXPLAIN_WARMUP);
        o.addProperty("leave_one_out_sequences", sequence.size());
        JsonObject withOcclusion = latency(occluded);
        withOcclusion.addProperty("median_ratio", round(median(ratios)));
        o.add("with_occlusion", withOcclusion);
        return o;
    }

    private JsonObject evaluation(Recommender model, Dataset data) {
        LeaveOneOutSplit split = new LeaveOneOutSplit(data);
        double[] seconds = new double[3];
        int users = 0;
        for (int i = -1; i < seconds.length; i++) {
            long t0 = System.nanoTime();
            users = Evaluator.evaluate(model, split, model.itemIndex(), Protocol.FULL, RankTarget.TEST).metrics().users();
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("protocol", "full");
        o.addProperty("users", users);
        o.addProperty("runs", seconds.length);
        o.addProperty("median_s", round(median(seconds)));
        o.addProperty("min_s", round(Arrays.stream(seconds).min().orElse(Double.NaN)));
        return o;
    }

    private JsonObject memory(Recommender model, List<Integer> sequence) {
        int calls = options.memoryCalls();
        int every = Math.max(1, calls / 10);
        for (int i = 0; i < 100; i++) {
            model.predict(sequence, 10, true, true);
        }
        System.gc();
        long before = procStatus("VmRSS");
        int arraysBefore = model.liveArrays();
        long heapBefore = Runtime.getRuntime().totalMemory();
        JsonArray samples = new JsonArray();
        JsonArray heap = new JsonArray();
        JsonArray outsideHeap = new JsonArray();
        for (int i = 1; i <= calls; i++) {
            model.predict(sequence, 10, true, true);
            if (i % every == 0) {
                long rss = procStatus("VmRSS");
                long committed = Runtime.getRuntime().totalMemory();
                samples.add(mb(rss));
                heap.add(mb(committed));
                outsideHeap.add(mb(rss - committed));
            }
        }
        System.gc();
        long after = procStatus("VmRSS");
        long heapAfter = Runtime.getRuntime().totalMemory();
        JsonObject o = new JsonObject();
        o.addProperty("inferences", calls);
        o.addProperty("with_trace", true);
        o.addProperty("rss_before_mb", mb(before));
        o.addProperty("rss_after_mb", mb(after));
        o.addProperty("growth_mb", before < 0 ? Double.NaN : round((after - before) / 1048576.0));
        o.addProperty("native_arrays_before", arraysBefore);
        o.addProperty("native_arrays_after", model.liveArrays());
        o.addProperty("java_heap_committed_before_mb", mb(heapBefore));
        o.addProperty("java_heap_committed_after_mb", mb(heapAfter));
        o.add("rss_every_" + every + "_mb", samples);
        o.add("java_heap_committed_every_" + every + "_mb", heap);
        o.add("rss_minus_java_heap_every_" + every + "_mb", outsideHeap);
        o.addProperty("note", "RSS includes the Java heap, which the JVM grows and shrinks on its own (RSS minus"
                + " the committed heap approximates the rest); native arrays are counted exactly");
        return o;
    }

    private JsonObject training(ModelConfig shape, Dataset data, double peakGflops) throws IOException {
        ModelConfig modelConfig = options.backbone() == null || options.backbone() == shape.backbone() ? shape
                : shape.withBackbone(options.backbone(), shape.dropout(), false);
        TrainingSettings d = TrainingSettings.defaults();
        TrainingSettings settings = new TrainingSettings(d.epochs(), options.seed(),
                awrsr.checkpoint.Loss.defaultFor(modelConfig.backbone()), d.learningRate(), options.batch(), d.patience());
        ModelTrainer trainer = new ModelTrainer(data, device).microBatch(options.microBatch());
        ModelTrainer.EpochTiming t = trainer.timeEpochs(modelConfig, settings, 1, options.epochs());
        ModelConfig config = t.config();
        long flops = 0;
        long positions = 0;
        boolean counted = config.backbone() == awrsr.nn.BackboneKind.SASREC;     // FlopCount knows SASRec only
        for (ModelTrainer.BatchShape b : t.batches()) {
            flops += counted ? FlopCount.trainingStep(config, b.size(), b.width(), b.positions(), settings.loss()) : 0;
            positions += b.positions();
        }
        double seconds = median(t.seconds());
        JsonObject o = new JsonObject();
        o.addProperty("dataset", data.name());
        o.addProperty("backbone", config.backbone().id());
        o.addProperty("variant", config.variant().id());
        o.addProperty("loss", settings.loss().id());
        o.addProperty("users", data.userCount());
        o.addProperty("items", config.numItems());
        o.addProperty("interactions", data.interactionCount());
        o.addProperty("sequences", t.sequences());
        o.addProperty("batches", t.steps());
        o.addProperty("passes", t.batches().size());
        o.addProperty("target_positions", positions);
        o.addProperty("epochs_timed", t.seconds().length);
        o.addProperty("epoch_s", round(seconds));
        o.addProperty("sequences_per_s", round(t.sequences() / seconds));
        o.addProperty("positions_per_s", round(positions / seconds));
        if (!counted) {
            o.addProperty("note", "optimisation steps only; FLOPs are counted for SASRec only");
            return o;
        }
        o.addProperty("flops_per_epoch", flops);
        o.addProperty("gflops", round(flops / seconds / 1e9));
        if (!Double.isNaN(peakGflops)) {
            double limit = flops / (peakGflops * 1e9);
            o.addProperty("flop_limited_epoch_s", round(limit));
            o.addProperty("ratio_to_flop_limit", round(seconds / limit));
        }
        o.addProperty("note", "optimisation steps only: the validation pass and checkpoint of a real epoch are"
                + " not included");
        return o;
    }

    /**
     * A toy world trained as the Train tab trains it (validation every epoch, the best epoch saved, test
     * metrics at the end): the wall time of the whole run, the full-protocol test HR@10 and NDCG@10, and how
     * often the top prediction with the history included is what the world's rule says (test users where the
     * rule applies). The checkpoint goes to a temporary folder, deleted afterwards.
     */
    private JsonObject toy(awrsr.data.ToyWorlds.World w) throws IOException {
        Dataset data = awrsr.data.ToyWorlds.load(w);
        Path folder = java.nio.file.Files.createTempDirectory("awrsr-toy-");
        try {
            Path out = folder.resolve(w.id());
            long t0 = System.nanoTime();
            awrsr.train.TrainingResult r = new ModelTrainer(data, device).train(awrsr.train.ToyRecipe.SHAPE,
                    awrsr.train.ToyRecipe.SETTINGS, out, awrsr.train.TrainingListener.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            JsonObject test = r.checkpoint().metrics().getAsJsonObject("test_full");
            awrsr.data.LeaveOneOutSplit split = new awrsr.data.LeaveOneOutSplit(data);
            int cases = 0;
            int hits = 0;
            int hitsLeftOut = 0;
            try (Recommender model = Recommender.load(out, device)) {
                for (int row = 0; row < split.userCount(); row++) {
                    if (!split.hasTargets(row)) {
                        continue;
                    }
                    int[] input = split.testInput(row);
                    Boolean expected = awrsr.data.ToyWorlds.follows(w, input, split.testTarget(row));
                    if (expected == null || !expected) {
                        continue;                                   // the rule says nothing, or the data breaks it
                    }
                    cases++;
                    List<Integer> history = java.util.Arrays.stream(input).boxed().toList();
                    int top = model.predict(history, 1, false, false).top().get(0).item();
                    hits += Boolean.TRUE.equals(awrsr.data.ToyWorlds.follows(w, input, top)) ? 1 : 0;
                    int topNew = model.predict(history, 1, true, false).top().get(0).item();
                    hitsLeftOut += Boolean.TRUE.equals(awrsr.data.ToyWorlds.follows(w, input, topNew)) ? 1 : 0;
                }
            }
            JsonObject o = new JsonObject();
            o.addProperty("world", w.id());
            o.addProperty("rule", w.rule());
            o.addProperty("model", r.checkpoint().model().displayName() + " " + r.checkpoint().model().shapeSummary());
            o.addProperty("epochs", r.epochs().size());
            o.addProperty("best_epoch", r.checkpoint().bestEpoch());
            o.addProperty("train_s", round(seconds));
            o.addProperty("test_full_hr10", test.get("HR@10").getAsDouble());
            o.addProperty("test_full_ndcg10", test.get("NDCG@10").getAsDouble());
            o.addProperty("rule_top1_users", cases);
            o.addProperty("rule_top1_history_included", cases == 0 ? Double.NaN : round((double) hits / cases));
            o.addProperty("rule_top1_history_left_out", cases == 0 ? Double.NaN : round((double) hitsLeftOut / cases));
            o.addProperty("note", "train_s is the whole run, validation, checkpoints and test included; rule_top1: "
                    + "how often the top prediction is what the rule says, ranking every item (history included) or "
                    + "the items not in the history (as the full protocol does; the copy rule names a history item, "
                    + "so only the first tells there)");
            return o;
        } finally {
            deleteOwnTempFolder(folder);
        }
    }

    /** Deletes a temporary folder this bench created, and what is in it. */
    private static void deleteOwnTempFolder(Path folder) throws IOException {
        try (var paths = java.nio.file.Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The last n items of the longest user in the data, all known to the model: the heaviest single call. */
    static List<Integer> longestWindow(Recommender model, Dataset data) {
        int best = -1;
        for (int row = 0; row < data.userCount(); row++) {
            if (best < 0 || data.sequence(row).length > data.sequence(best).length) {
                best = row;
            }
        }
        List<Integer> known = new ArrayList<>();
        for (int id : data.sequence(best)) {
            if (model.itemIndex().contains(id)) {
                known.add(id);
            }
        }
        int n = model.config().maxLen();
        return known.subList(Math.max(0, known.size() - n), known.size());
    }

    static JsonObject latency(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        JsonObject o = new JsonObject();
        o.addProperty("median_ms", round(percentile(s, 50)));
        o.addProperty("p90_ms", round(percentile(s, 90)));
        o.addProperty("p99_ms", round(percentile(s, 99)));
        o.addProperty("min_ms", round(s[0]));
        return o;
    }

    static double percentile(double[] sorted, double p) {
        return awrsr.util.Stats.percentile(sorted, p);
    }

    static double median(double[] values) {
        return awrsr.util.Stats.median(values);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }

    private static double mb(long bytes) {
        return bytes < 0 ? Double.NaN : round(bytes / 1048576.0);
    }

    /** A memory figure of this process from /proc/self/status in bytes, or -1 where there is none. */
    static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(key + ":")) {
                    String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    private static String cpuInfo(String key) {
        for (String line : CpuInfo.LINES) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    /** /proc/cpuinfo, read once (empty where there is none). */
    private static final class CpuInfo {
        static final List<String> LINES = read();

        private static List<String> read() {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();                  // not Linux
            }
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A folder as seen from the current directory: bench output never carries a machine's absolute path. */
    static String relativeToWorkingFolder(java.nio.file.Path folder) {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath().normalize();
        return here.relativize(folder.toAbsolutePath().normalize()).toString();
    }
}
