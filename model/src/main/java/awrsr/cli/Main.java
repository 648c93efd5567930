package awrsr.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import awrsr.bench.Bench;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.data.LeaveOneOutSplit;
import awrsr.eval.Evaluation;
import awrsr.eval.Protocol;
import awrsr.eval.TestEvaluation;
import awrsr.infer.AttentionTrace;
import awrsr.infer.HeadTrace;
import awrsr.infer.Prediction;
import awrsr.infer.RankedItem;
import awrsr.infer.Recommender;
import awrsr.infer.TraceCsv;
import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import awrsr.checkpoint.Checkpoint;
import awrsr.train.EpochReport;
import awrsr.checkpoint.Loss;
import awrsr.train.ModelTrainer;
import awrsr.train.TrainingListener;
import awrsr.train.TrainingResult;
import awrsr.checkpoint.TrainingSettings;
import awrsr.util.Allocator;
import awrsr.util.EngineStartup;
import awrsr.util.Home;
import awrsr.util.Relaunch;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/** The command line: train | evaluate | predict | attention | summary | bench. Bad input: one line on stderr, non-zero exit. */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: awrsr <command> [options]",
            "  train     --data <folder|file|movielens-small> --variant <none|simple|value|additive> --out DIR",
            "            [--epochs 200 --seed 1 --loss bce|ce --maxlen 200 --dim 64 --layers 2 --heads 2",
            "             --refine-dim 32 --dropout 0.2 --lr 0.001 --batch 128 --patience 40 --kcore 0]",
            "            [--resume DIR]  continue a checkpoint's training (parameters and optimizer state)",
            "  evaluate  [--model DIR] [--data ...] [--protocol full|sampled] [--json]",
            "  predict   [--model DIR] (--items 1,2,3 | --input FILE) [--top 10] [--include-seen] [--json]",
            "  attention [--model DIR] --items 1,2,3 [--top 10] [--json | --csv DIR [--overwrite]]",
            "  summary   DIR...   test metrics stored in checkpoints, per model and as mean ± sd per variant",
            "  bench     [--model DIR --data ... --calls 200 --warmup 50 --memory-calls 10000 --epochs 1",
            "             --batch 128 --seed 1 --skip peak,inference,evaluation,memory,training,ml1m]",
            "            latency, evaluation and training speed, FLOPs and memory, as one JSON object",
            "  doctor    [--json]   engine, devices, memory, cache and log; what to do to use a GPU",
            "common: --threads N (intra-op threads, default 1), --device auto|cpu|gpu|gpu:N, --verbose (log",
            "        everything, also on stderr; or AWRSR_DEBUG=1);",
            "        without --model, the shipped AWRSR model (" + Home.DEFAULT_MODEL + ")");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();
    private static final Set<String> COMMON = Set.of("threads", "device");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Main.class);

    private final PrintStream out;
    private final PrintStream err;

    public Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] argv) {
        if (argv.length > 0 && Set.of("train", "bench", "evaluate").contains(argv[0])) {
            OptionalInt relaunched = Relaunch.withAllocatorSettings();
            if (relaunched.isPresent()) {
                System.exit(relaunched.getAsInt());
            }
        }
        Relaunch.followParent();
        awrsr.util.Logs.setUp(awrsr.util.Logs.verboseRequested(argv));
        System.exit(new Main(System.out, System.err).run(argv));
    }

    /** Runs one command and returns the exit code: 0 done, 1 failed, 2 bad usage. */
    public int run(String[] argv) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            (argv.length == 0 ? err : out).println(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        argv = java.util.Arrays.stream(argv).filter(x -> !x.equals("--verbose")).toArray(String[]::new);
        LOG.debug("awrsr {}", String.join(" ", argv));
        try {
            switch (argv[0]) {
                case "doctor" -> doctor(argv);
                case "train" -> train(argv);
                case "evaluate" -> evaluate(argv);
                case "predict" -> predict(argv);
                case "attention" -> attention(argv);
                case "summary" -> summary(argv);
                case "bench" -> bench(argv);
                default -> throw new Args.UsageException("unknown command '" + argv[0] + "'");
            }
            return 0;
        } catch (Args.UsageException e) {
            LOG.info("awrsr {}: refused: {}", argv[0], e.getMessage());
            err.println("awrsr: " + e.getMessage() + " (see awrsr --help)");
            return 2;
        } catch (IOException e) {
            LOG.warn("awrsr {} failed: {}", argv[0], e.getMessage(), e);
            err.println("awrsr " + argv[0] + ": " + oneLine(e));
            return 1;
        } catch (RuntimeException e) {
            LOG.error("awrsr {} failed", argv[0], e);
            boolean ours = e instanceof IllegalArgumentException || e instanceof IllegalStateException;
            err.println("awrsr " + argv[0] + ": " + oneLine(e) + (ours ? "" : logHint()));
            return 1;
        } catch (OutOfMemoryError e) {
            LOG.error("awrsr {}: out of memory", argv[0], e);
            err.println("awrsr " + argv[0] + ": out of memory (Java heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB): the input is too large for this machine; use smaller data or settings, or give Java more"
                    + " memory with JAVA_TOOL_OPTIONS=-Xmx...");
            return 1;
        } catch (StackOverflowError | InternalError | ExceptionInInitializerError | NoClassDefFoundError
                 | UnsatisfiedLinkError e) {
            LOG.error("awrsr {}: internal error", argv[0], e);
            err.println("awrsr " + argv[0] + ": internal error: " + oneLine(e) + logHint());
            return 1;
        }
    }

    /** Where the details are, for a failure the user cannot fix from the message alone. */
    private static String logHint() {
        Path f = awrsr.util.Logs.file();
        return f == null ? " (run with --verbose for details)" : " (details in " + f + ")";
    }

    // ------------------------------------------------------------------ doctor

    private void doctor(String[] argv) {
        Args a = new Args(argv, 1, with(COMMON), Set.of("json"));
        threads(a);
        setUpEngine(a);
        java.util.Map<String, String> facts = awrsr.util.Diagnostics.collect();
        if (a.has("json")) {
            JsonObject o = new JsonObject();
            facts.forEach(o::addProperty);
            out.println(GSON.toJson(o));
        } else {
            facts.forEach((k, v) -> out.printf(Locale.ROOT, "%-15s %s%n", k, v));
        }
    }

    private static String oneLine(Throwable e) {
        return awrsr.util.Text.oneLine(e, 400);
    }

    private static Set<String> with(Set<String> base, String... more) {
        java.util.HashSet<String> s = new java.util.HashSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    /** Engine settings must be in place before the engine first loads. */
    Device setUpEngine(Args args) {
        EngineStartup.configureCache();
        Allocator.tune();
        int threads = threads(args);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        String device = device(args);
        EngineStartup.Progress p = EngineStartup.progressBeforeStart();
        if (p.unpacking()) {
            err.printf(Locale.ROOT, "awrsr: first start: unpacking the PyTorch engine (%d MB) into %s%n",
                    p.expected() >> 20, EngineStartup.engineCacheDir());
        }
        Engine engine = Engine.getInstance();
        try {
            Device chosen = awrsr.util.DeviceChoice.choose(device, engine.getGpuCount());
            LOG.debug("device {} (asked: {}, GPUs seen: {})", chosen, device, engine.getGpuCount());
            return chosen;
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ train

    /** Options that fix a model's shape or training recipe: a resumed run takes them from its checkpoint. */
    private static final List<String> RECIPE = List.of("variant", "maxlen", "dim", "layers", "heads", "refine-dim",
            "dropout", "loss", "lr", "batch", "seed", "out");

    private void train(String[] argv) throws IOException {
        Args a = new Args(argv, 1, with(COMMON, "data", "variant", "out", "epochs", "seed", "loss", "maxlen", "dim",
                "layers", "heads", "refine-dim", "dropout", "lr", "batch", "patience", "kcore", "resume"), Set.of("json"));
        PrintStream log = a.has("json") ? err : out;
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                log.println(r.logLine());
                log.flush();
            }
        };
        threads(a);
        device(a);
        if (a.has("resume")) {
            a.refuse(RECIPE, "cannot be given with --resume: a resumed run keeps its checkpoint's model and settings");
            Checkpoint checkpoint = Checkpoint.read(Path.of(a.get("resume", "")));
            if (a.has("kcore") && a.getInt("kcore", 0, 0, Checkpoint.MAX_KCORE) != checkpoint.datasetKcore()) {
                throw new Args.UsageException("--kcore: " + checkpoint.folder() + " was trained with --kcore "
                        + checkpoint.datasetKcore() + "; resume it with the same filter (or leave --kcore out)");
            }
            TrainingSettings s = checkpoint.settings();
            s = s.withEpochs(a.getInt("epochs", s.epochs(), 1, TrainingSettings.MAX_EPOCHS))
                    .withPatience(a.getInt("patience", s.patience(), 1, TrainingSettings.MAX_EPOCHS));
            checkMemory(checkpoint.model(), s);
            Dataset data = dataOf(checkpoint, a, "train --resume");
            Device device = setUpEngine(a);
            log.println("resuming " + checkpoint.folder() + " after epoch " + checkpoint.epochsRun() + " on " + device);
            report(new ModelTrainer(data, device).resume(checkpoint, s, listener), a.has("json"), data);
            return;
        }
        Variant variant = variant(a.require("variant"));
        if (a.require("out").isBlank()) {
            throw new Args.UsageException("--out must name a folder");
        }
        Path outDir = Path.of(a.require("out"));
        Checkpoint.checkNewFolder(outDir);                    // before any data is read or anything written
        ModelConfig shape;
        TrainingSettings settings;
        try {
            shape = new ModelConfig(variant, 1,
                    a.getInt("maxlen", ModelConfig.DEFAULT_MAX_LEN, 1, ModelConfig.MAX_MAX_LEN),
                    a.getInt("dim", ModelConfig.DEFAULT_DIM, 1, ModelConfig.MAX_DIM),
                    a.getInt("layers", ModelConfig.DEFAULT_LAYERS, 1, ModelConfig.MAX_LAYERS),
                    a.getInt("heads", ModelConfig.DEFAULT_HEADS, 1, ModelConfig.MAX_HEADS),
                    a.getInt("refine-dim", ModelConfig.DEFAULT_REFINE_DIM, 1, ModelConfig.MAX_REFINE_DIM),
                    a.getFloat("dropout", ModelConfig.DEFAULT_DROPOUT, 0, 1, false, true));
            TrainingSettings d = TrainingSettings.defaults();
            settings = new TrainingSettings(a.getInt("epochs", d.epochs(), 1, TrainingSettings.MAX_EPOCHS),
                    a.getLong("seed", d.seed()), loss(a.get("loss", d.loss().id())),
                    a.getFloat("lr", d.learningRate(), 0, TrainingSettings.MAX_LR, true, false),
                    a.getInt("batch", d.batchSize(), 1, TrainingSettings.MAX_BATCH),
                    a.getInt("patience", d.patience(), 1, TrainingSettings.MAX_EPOCHS));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        int kcore = a.getInt("kcore", 0, 0, Checkpoint.MAX_KCORE);
        checkMemory(shape.withNumItems(1), settings);
        Dataset data = loadData(a.require("data"), kcore);
        noteSkipped(data, "train");
        checkMemory(shape.withNumItems(data.itemIds().length), settings);
        Device device = setUpEngine(a);
        log.printf(Locale.ROOT, "training %s on %s (%d users, %d items, %d interactions) on %s%n", variant.id(),
                data.name(), data.userCount(), data.itemIds().length, data.interactionCount(), device);
        report(new ModelTrainer(data, device).train(shape, settings, outDir, listener), a.has("json"), data);
    }

    /**
     * Refuses a training whose arrays cannot fit in this machine's free memory, with the figures, before
     * anything is loaded. The estimate counts the (B, H, m, m) attention maps a step keeps for its backward
     * pass, the (B, m, d) activations, the parameters with their gradients and Adam moments, and for the
     * cross-entropy loss the (B·m, V) logits.
     */
    void checkMemory(ModelConfig c, TrainingSettings s) {
        long available = awrsr.util.SystemMemory.availableBytes();
        if (available <= 0) {
            return;                                            // not known on this platform
        }
        double b = s.batchSize();
        double m = c.maxLen();
        double mapsPerLayer = c.variant().refines() ? 14 : 7;
        double maps = b * c.heads() * m * m * 4 * mapsPerLayer * c.layers();
        double activations = b * m * c.dim() * 4.0 * 24 * c.layers();
        double parameters = c.parameterCount() * 4.0 * 4;
        double logits = s.loss() == Loss.CE ? b * m * (c.numItems() + 1.0) * 4 * 3 : 0;
        double need = maps + activations + parameters + logits;
        if (need > 0.9 * available) {
            throw new Args.UsageException(String.format(Locale.ROOT,
                    "this training needs about %.1f GB of memory (attention maps %.1f GB for --batch %d, --maxlen %d, "
                            + "--heads %d, --layers %d; parameters %.1f GB%s) but %.1f GB are available; "
                            + "lower --batch or --maxlen", need / 1e9, maps / 1e9, s.batchSize(), c.maxLen(),
                    c.heads(), c.layers(), parameters / 1e9,
                    logits > 0 ? String.format(Locale.ROOT, "; logits %.1f GB", logits / 1e9) : "", available / 1e9));
        }
    }

    private static Variant variant(String text) {
        try {
            return Variant.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--variant: " + e.getMessage());
        }
    }

    private static Loss loss(String text) {
        try {
            return Loss.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--loss: " + e.getMessage());
        }
    }

    /** --threads N: intra-op threads, 1 to 4 times the processors. */
    private static int threads(Args a) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return a.getInt("threads", Integer.getInteger("ai.djl.pytorch.num_threads", 1), 1, Math.max(4, 4 * cpus));
    }

    /** --device, checked for its form before anything loads (whether the GPU exists is known later). */
    private static String device(Args a) {
        String device = a.get("device", "auto").toLowerCase(Locale.ROOT);
        if (!device.matches("auto|cpu|gpu|gpu:\\d{1,3}")) {
            throw new Args.UsageException("--device must be auto, cpu, gpu or gpu:N, got " + awrsr.util.Text.quote(device));
        }
        return device;
    }

    /**
     * The data a checkpoint was trained on: --data when given, else where the checkpoint says it came from
     * (never its name, which is a label); with the checkpoint's k-core filter applied.
     */
    private Dataset dataOf(Checkpoint c, Args a, String command) throws IOException {
        String spec = a.has("data") ? a.get("data", "") : c.datasetSource();
        if (spec == null && DatasetLoader.SHIPPED_NAME.equals(c.datasetName())) {
            spec = DatasetLoader.SHIPPED_NAME;                // written before checkpoints recorded the source
        }
        if (spec == null) {
            throw new IOException(c.folder() + ": does not record where its data came from (dataset '"
                    + c.datasetName() + "'); give --data");
        }
        if (!a.has("data") && !spec.equals(DatasetLoader.SHIPPED_NAME) && !Files.exists(Path.of(spec))) {
            throw new IOException(c.folder() + ": was trained on " + spec + ", which is not there any more; give --data"
                    + " with the same data (sha256 " + c.datasetChecksum().substring(0, 12) + "...)");
        }
        Dataset data = loadData(spec, c.datasetKcore());
        noteSkipped(data, command);
        return data;
    }

    private void report(TrainingResult result, boolean json, Dataset data) {
        Checkpoint c = result.checkpoint();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("model", c.folder().toString());
            o.addProperty("skippedLines", data.report().skippedLines());
            if (data.report().skippedLines() > 0) {
                o.addProperty("firstSkippedLine", data.report().firstProblem());
            }
            o.addProperty("bestEpoch", c.bestEpoch());
            o.addProperty("epochsRun", result.epochs().isEmpty() ? c.epochsRun()
                    : result.epochs().get(result.epochs().size() - 1).epoch());
            o.addProperty("cancelled", result.cancelled());
            o.add("metrics", c.metrics());
            out.println(GSON.toJson(o));
        } else {
            out.println("best epoch " + c.bestEpoch() + ", saved to " + c.folder());
            printMetrics(c.metrics());
        }
    }

    private void printMetrics(JsonObject metrics) {
        for (String key : metrics.keySet()) {
            JsonObject m = metrics.getAsJsonObject(key);
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s", key));
            for (String name : List.of("HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20", "MRR")) {
                if (m.has(name)) {
                    sb.append(String.format(Locale.ROOT, "  %s %.4f", name, m.get(name).getAsDouble()));
                }
            }
            out.println(sb);
        }
    }

    private Dataset loadData(String spec, int kcore) throws IOException {
        Dataset d = DatasetLoader.load(spec);
        return kcore > 1 ? d.kCore(kcore) : d;
    }

    /** Tells the user about data lines that were skipped as malformed (one line, on stderr). */
    private void noteSkipped(Dataset data, String command) {
        awrsr.data.LoadReport r = data.report();
        if (r.skippedLines() > 0) {
            err.println("awrsr " + command + ": note: skipped " + r.skippedLines() + " malformed line(s) of "
                    + data.name() + "; first: " + r.firstProblem());
        }
    }

    // ------------------------------------------------------------------ evaluate

    private void evaluate(String[] argv) throws IOException {
        Args a = new Args(argv, 1, with(COMMON, "model", "data", "protocol"), Set.of("json"));
        Path modelDir = modelOption(a);
        Protocol protocol;
        try {
            protocol = Protocol.parse(a.get("protocol", "full"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--protocol: " + e.getMessage());
        }
        threads(a);
        device(a);
        Checkpoint checkpoint = Checkpoint.read(modelDir);
        Dataset data = dataOf(checkpoint, a, "evaluate");
        Device device = setUpEngine(a);
        LeaveOneOutSplit split = new LeaveOneOutSplit(data);
        try (Recommender model = Recommender.load(modelDir, device)) {
            String mismatch = model.mismatch(data);
            if (mismatch != null) {
                throw new IOException(modelDir + ": " + mismatch);
            }
            if (!data.checksum().equals(checkpoint.datasetChecksum())) {
                err.println("awrsr evaluate: note: " + data.name() + " is not the data the model was trained on");
            }
            TestEvaluation t = TestEvaluation.run(model, split, model.itemIndex(), protocol);
            Evaluation e = t.model();
            Evaluation p = t.popularity();
            JsonObject o = new JsonObject();
            o.addProperty("model", modelDir.toString());
            o.addProperty("variant", model.config().variant().id());
            o.addProperty("dataset", data.name());
            o.addProperty("protocol", protocol.id());
            o.addProperty("target", "test");
            o.addProperty("users", e.metrics().users());
            o.addProperty("skippedUsers", e.skippedUsers());
            o.addProperty("skippedLines", data.report().skippedLines());
            if (data.report().skippedLines() > 0) {
                o.addProperty("firstSkippedLine", data.report().firstProblem());
            }
            o.addProperty("device", model.deviceDescription());
            o.add("metrics", metricsObject(e));
            o.add("popularity", metricsObject(p));
            if (a.has("json")) {
                out.println(GSON.toJson(o));
            } else {
                out.printf(Locale.ROOT, "%s (%s) on %s, test targets, %s protocol, %d users%n", modelDir,
                        model.config().variant().id(), data.name(), protocol.id(), e.metrics().users());
                JsonObject table = new JsonObject();
                table.add("model", o.get("metrics"));
                table.add("popularity", o.get("popularity"));
                printMetrics(table);
            }
        }
    }

    private static JsonObject metricsObject(Evaluation e) {
        JsonObject m = new JsonObject();
        e.metrics().asMap().forEach(m::addProperty);
        return m;
    }

    // ------------------------------------------------------------------ predict

    private void predict(String[] argv) throws IOException {
        Args a = new Args(argv, 1, with(COMMON, "model", "items", "input", "top"), Set.of("json", "include-seen"));
        Path modelDir = modelOption(a);
        if (a.has("items") == a.has("input")) {
            throw new Args.UsageException("give exactly one of --items and --input");
        }
        int top = a.getInt("top", 10, 1, MAX_TOP);
        boolean exclude = !a.has("include-seen");
        List<Integer> items = a.has("items") ? Args.parseIds(a.get("items", ""), "--items") : null;
        Path input = a.has("input") ? Path.of(a.get("input", "")) : null;
        if (input != null && !Files.isRegularFile(input)) {
            throw new IOException(input + (Files.exists(input) ? ": not a regular file" : ": no such file"));
        }
        Device device = setUpEngine(a);
        try (Recommender model = Recommender.load(modelDir, device)) {
            if (items != null) {
                Prediction p = model.predict(items, top, exclude, false);
                if (a.has("json")) {
                    out.println(GSON.toJson(predictionJson(model, p)));
                } else {
                    printPrediction(model, p);
                }
                return;
            }
            try (java.io.InputStream reader = new java.io.BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
                String line;
                int number = 0;
                while ((line = readLine(reader, input, number + 1)) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    List<Integer> seq = Args.parseIds(line, input + ":" + number);
                    try {
                        out.println(GSON.toJson(predictionJson(model, model.predict(seq, top, exclude, false))));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(input + ":" + number + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** The most items --top lists. */
    static final int MAX_TOP = 100_000;
    /** Longest line --input takes: 1 MB is some 140,000 item ids. */
    static final int MAX_INPUT_LINE = 1 << 20;

    /** A line of --input, decoded on its own so that a refusal names its line; refused by length too. */
    private static String readLine(java.io.InputStream in, Path file, int number) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (bytes.size() >= MAX_INPUT_LINE) {
                throw new IOException(file + ":" + number + ": line longer than " + MAX_INPUT_LINE
                        + " bytes: not a list of item ids");
            }
            bytes.write(c);
        }
        if (!any) {
            return null;
        }
        try {
            return awrsr.util.Text.strictUtf8().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ":" + number + ": not UTF-8 text", e);
        }
    }

    private void printPrediction(Recommender model, Prediction p) {
        if (p.droppedFromFront() > 0) {
            out.println("note: the model reads the last " + model.config().maxLen() + " items; "
                    + p.droppedFromFront() + " earlier item(s) were left out");
        }
        for (RankedItem r : p.top()) {
            out.printf(Locale.ROOT, "%3d  %8d  %9.4f  %s%n", r.rank() + 1, r.item(), r.score(), r.title());
        }
    }

    private static JsonObject predictionJson(Recommender model, Prediction p) {
        JsonObject o = new JsonObject();
        o.add("items", GSON.toJsonTree(p.items()));
        if (p.droppedFromFront() > 0) {
            o.addProperty("truncated", p.droppedFromFront());
        }
        JsonArray top = new JsonArray();
        for (RankedItem r : p.top()) {
            JsonObject t = new JsonObject();
            t.addProperty("item", r.item());
            t.addProperty("title", r.title());
            t.addProperty("score", r.score());
            top.add(t);
        }
        o.add("top", top);
        return o;
    }

    // ------------------------------------------------------------------ bench

    private void bench(String[] argv) throws IOException {
        Args a = new Args(argv, 1, with(COMMON, "model", "data", "calls", "warmup", "memory-calls", "epochs", "batch",
                "seed", "skip"), Set.of());
        Path modelDir = modelOption(a);
        Set<String> skip = new java.util.TreeSet<>();
        for (String part : a.get("skip", "").split(",")) {
            String sec = part.trim().toLowerCase(Locale.ROOT);
            if (sec.isEmpty()) {
                continue;
            }
            if (!Bench.SECTIONS.contains(sec)) {
                throw new Args.UsageException("--skip: unknown section '" + sec + "'; sections: "
                        + String.join(",", new java.util.TreeSet<>(Bench.SECTIONS)));
            }
            skip.add(sec);
        }
        int calls = a.getInt("calls", 200, 1, 10_000_000);
        int memoryCalls = a.getInt("memory-calls", 10_000, 1, 10_000_000);
        int epochs = a.getInt("epochs", 1, 1, 1_000);
        int batch = a.getInt("batch", TrainingSettings.defaults().batchSize(), 1, TrainingSettings.MAX_BATCH);
        int warmup = a.getInt("warmup", 50, 0, 10_000_000);
        Checkpoint.read(modelDir);   // a clear message before the engine starts
        Device device = setUpEngine(a);
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
        Bench.Options options = new Bench.Options(modelDir, a.has("data") ? a.get("data", "") : null, calls, warmup,
                memoryCalls, epochs, batch, (int) a.getLong("seed", 1), threads, skip);
        JsonObject result = new Bench(options, device, err).run();
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeSpecialFloatingPointValues().create().toJson(result));
    }

    /** --model DIR, or the shipped default model (AWRSR, value-weighted). */
    private static Path modelOption(Args a) {
        return a.has("model") ? Path.of(a.get("model", "")) : Home.defaultModel();
    }


    // ------------------------------------------------------------------ summary

    /** A markdown table of the test metrics that training stored in each checkpoint, and per-variant means. */
    private void summary(String[] argv) throws IOException {
        if (argv.length < 2) {
            throw new Args.UsageException("summary needs one or more checkpoint folders");
        }
        String[] keys = {"test_full", "test_sampled"};
        String[] metrics = {"HR@10", "NDCG@10"};
        java.util.Map<String, java.util.List<double[]>> byVariant = new java.util.TreeMap<>();
        out.println("| model | variant | seed | best epoch | full HR@10 | full NDCG@10 | sampled HR@10 | sampled NDCG@10 |");
        out.println("|---|---|---|---|---|---|---|---|");
        double[] popularity = null;
        for (int i = 1; i < argv.length; i++) {
            Checkpoint c = Checkpoint.read(Path.of(argv[i]));
            JsonObject m = c.metrics();
            double[] row = new double[4];
            int k = 0;
            for (String key : keys) {
                for (String metric : metrics) {
                    row[k++] = m.has(key) ? m.getAsJsonObject(key).get(metric).getAsDouble() : Double.NaN;
                }
            }
            if (popularity == null && m.has("popularity_test_full")) {
                popularity = new double[4];
                k = 0;
                for (String key : keys) {
                    for (String metric : metrics) {
                        popularity[k++] = m.getAsJsonObject("popularity_" + key).get(metric).getAsDouble();
                    }
                }
            }
            String variant = c.model().variant().id();
            byVariant.computeIfAbsent(variant, v -> new java.util.ArrayList<>()).add(row);
            out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f | %.4f |%n", Path.of(argv[i]).getFileName(),
                    variant, c.settings().seed(), c.bestEpoch(), row[0], row[1], row[2], row[3]);
        }
        out.println();
        out.println("| variant | runs | full HR@10 | full NDCG@10 | sampled HR@10 | sampled NDCG@10 |");
        out.println("|---|---|---|---|---|---|");
        for (var e : byVariant.entrySet()) {
            StringBuilder sb = new StringBuilder("| " + e.getKey() + " | " + e.getValue().size());
            for (int k = 0; k < 4; k++) {
                double mean = 0;
                for (double[] r : e.getValue()) {
                    mean += r[k];
                }
                mean /= e.getValue().size();
                double var = 0;
                for (double[] r : e.getValue()) {
                    var += (r[k] - mean) * (r[k] - mean);
                }
                double sd = e.getValue().size() > 1 ? Math.sqrt(var / (e.getValue().size() - 1)) : 0;
                sb.append(String.format(Locale.ROOT, " | %.4f ± %.4f", mean, sd));
            }
            out.println(sb.append(" |"));
        }
        if (popularity != null) {
            out.printf(Locale.ROOT, "| popularity | - | %.4f | %.4f | %.4f | %.4f |%n", popularity[0], popularity[1],
                    popularity[2], popularity[3]);
        }
    }

    // ------------------------------------------------------------------ attention

    private void attention(String[] argv) throws IOException {
        Args a = new Args(argv, 1, with(COMMON, "model", "items", "top", "csv"), Set.of("json", "include-seen",
                "overwrite"));
        Path modelDir = modelOption(a);
        List<Integer> items = Args.parseIds(a.require("items"), "--items");
        int top = a.getInt("top", 10, 1, MAX_TOP);
        Device device = setUpEngine(a);
        try (Recommender model = Recommender.load(modelDir, device)) {
            Prediction p = model.predict(items, top, !a.has("include-seen"), true);
            if (a.has("csv")) {
                Path dir = Path.of(a.get("csv", ""));
                if (Files.exists(dir) && !Files.isDirectory(dir)) {
                    throw new IOException(dir + ": exists and is not a folder");
                }
                if (!a.has("overwrite")) {
                    for (String name : TraceCsv.files(p.trace()).keySet()) {
                        if (Files.exists(dir.resolve(name))) {
                            throw new IOException(dir.resolve(name) + ": exists; nothing was written (give another "
                                    + "folder, or --overwrite to replace these files)");
                        }
                    }
                }
                out.println("wrote " + TraceCsv.write(dir, p.items(), p.trace()) + " CSV files to " + dir);
                return;
            }
            JsonObject o = predictionJson(model, p);
            JsonArray titles = new JsonArray();
            p.items().forEach(id -> titles.add(model.catalog().get(id).displayTitle()));
            o.add("titles", titles);
            JsonArray layers = new JsonArray();
            for (List<HeadTrace> layer : p.trace().layers()) {
                JsonArray heads = new JsonArray();
                for (HeadTrace h : layer) {
                    JsonObject head = new JsonObject();
                    for (HeadTrace.TraceMap map : h.maps()) {
                        head.add(map.fileStem(), GSON.toJsonTree(map.values()));
                    }
                    heads.add(head);
                }
                JsonObject l = new JsonObject();
                l.add("heads", heads);
                layers.add(l);
            }
            o.add("layers", layers);
            if (a.has("json")) {
                out.println(GSON.toJson(o));
            } else {
                printAttentionSummary(model, p);
            }
        }
    }

    /** Human-readable: for the last position of every map, the three items read most. */
    private void printAttentionSummary(Recommender model, Prediction p) {
        AttentionTrace t = p.trace();
        int last = p.items().size() - 1;
        for (int l = 0; l < t.layerCount(); l++) {
            for (int h = 0; h < t.headCount(); h++) {
                HeadTrace head = t.head(l, h);
                out.printf(Locale.ROOT, "layer %d head %d, last position reads: raw %s%s%n", l, h,
                        strongest(model, p, head.raw()[last]),
                        head.refines() ? " | refined " + strongest(model, p, head.refined()[last]) : "");
            }
        }
        printPrediction(model, p);
    }

    private static String strongest(Recommender model, Prediction p, float[] row) {
        Integer[] order = new Integer[row.length];
        for (int i = 0; i < row.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Float.compare(row[y], row[x]));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(3, row.length); k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(String.format(Locale.ROOT, "%s %.2f", model.catalog().get(p.items().get(order[k])).displayTitle(),
                    row[order[k]]));
        }
        return sb.toString();
    }
}
