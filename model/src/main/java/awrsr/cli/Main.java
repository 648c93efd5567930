package awrsr.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import awrsr.analysis.DatasetAnalysis;
import awrsr.analysis.HeadStatistics;
import awrsr.bench.Bench;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.data.LeaveOneOutSplit;
import awrsr.eval.Evaluation;
import awrsr.eval.Protocol;
import awrsr.eval.RankTarget;
import awrsr.eval.TestEvaluation;
import awrsr.infer.AttentionTrace;
import awrsr.infer.Explanation;
import awrsr.infer.HeadTrace;
import awrsr.infer.Prediction;
import awrsr.infer.RankedItem;
import awrsr.infer.Recommender;
import awrsr.infer.TraceCsv;
import awrsr.nn.BackboneKind;
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
import awrsr.util.Relaunch;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The command line: train | evaluate | predict | attention | explain | analyse | summary | slim | bench | doctor.
 * The options are declared in {@link Options} and parsed by picocli; bad input: one line on stderr, exit code 2
 * for bad usage and 1 for a failure.
 */
public final class Main {
    /** How many items predict and attention list unless --top says otherwise. */
    static final int DEFAULT_TOP = 10;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Main.class);

    private final PrintStream out;
    private final PrintStream err;

    public Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] argv) {
        if (argv.length > 0 && Set.of("train", "bench", "evaluate").contains(argv[0])) {
            // the bench times explanations and the analysis on several threads, as their commands run them
            OptionalInt relaunched = Relaunch.withAllocatorSettings(!argv[0].equals("bench"));
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
        CommandLine cl = Options.commandLine();
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        String command = argv.length > 0 ? argv[0] : "";
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(argv);
        } catch (CommandLine.ParameterException e) {
            LOG.info("awrsr {}: refused: {}", command, e.getMessage());
            err.println("awrsr: " + awrsr.util.Text.oneLine(e, 400) + " (see awrsr " + helpTopic(e.getCommandLine())
                    + "--help)");
            return 2;
        }
        Integer helped = CommandLine.executeHelpRequest(parsed);
        if (helped != null) {
            return helped;
        }
        if (!parsed.hasSubcommand()) {
            cl.usage(err);
            return 2;
        }
        CommandLine.ParseResult sub = parsed.subcommand();
        Object options = sub.commandSpec().userObject();
        command = sub.commandSpec().name();
        LOG.debug("awrsr {}", String.join(" ", argv));
        try {
            if (options instanceof Runnable r) {                 // generate-completion
                r.run();
            } else if (options instanceof CommandLine.HelpCommand h) {
                h.run();
            } else {
                dispatch(options);
            }
            return 0;
        } catch (Usage.UsageException e) {
            LOG.info("awrsr {}: refused: {}", command, e.getMessage());
            err.println("awrsr: " + e.getMessage() + " (see awrsr " + command + " --help)");
            return 2;
        } catch (IOException e) {
            LOG.warn("awrsr {} failed: {}", command, e.getMessage(), e);
            err.println("awrsr " + command + ": " + oneLine(e));
            return 1;
        } catch (RuntimeException e) {
            LOG.error("awrsr {} failed", command, e);
            boolean ours = e instanceof IllegalArgumentException || e instanceof IllegalStateException;
            err.println("awrsr " + command + ": " + oneLine(e) + (ours ? "" : logHint()));
            return 1;
        } catch (OutOfMemoryError e) {
            LOG.error("awrsr {}: out of memory", command, e);
            err.println("awrsr " + command + ": out of memory (Java heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB): the input is too large for this machine; use smaller data or settings, or give Java more"
                    + " memory with JAVA_TOOL_OPTIONS=-Xmx...");
            return 1;
        } catch (StackOverflowError | InternalError | ExceptionInInitializerError | NoClassDefFoundError
                 | UnsatisfiedLinkError e) {
            LOG.error("awrsr {}: internal error", command, e);
            err.println("awrsr " + command + ": internal error: " + oneLine(e) + logHint());
            return 1;
        }
    }

    /** "train " for a subcommand's parse error, "" for the top level's. */
    private static String helpTopic(CommandLine where) {
        return where == null || where.getParent() == null ? "" : where.getCommandName() + " ";
    }

    private void dispatch(Object options) throws IOException {
        if (options instanceof Options.Train o) {
            train(o);
        } else if (options instanceof Options.Evaluate o) {
            evaluate(o);
        } else if (options instanceof Options.Predict o) {
            predict(o);
        } else if (options instanceof Options.Attention o) {
            attention(o);
        } else if (options instanceof Options.Explain o) {
            explain(o);
        } else if (options instanceof Options.Analyse o) {
            analyse(o);
        } else if (options instanceof Options.Summary o) {
            summary(o);
        } else if (options instanceof Options.Slim o) {
            slim(o);
        } else if (options instanceof Options.Bench o) {
            bench(o);
        } else if (options instanceof Options.Doctor o) {
            doctor(o);
        } else {
            throw new IllegalStateException("no code for " + options.getClass().getSimpleName());
        }
    }

    /** Where the details are, for a failure the user cannot fix from the message alone. */
    private static String logHint() {
        Path f = awrsr.util.Logs.file();
        return f == null ? " (run with --verbose for details)" : " (details in " + f + ")";
    }

    // ------------------------------------------------------------------ doctor

    private void doctor(Options.Doctor a) {
        threads(a.engine);
        setUpEngine(a.engine, false, false);
        java.util.Map<String, String> facts = awrsr.util.Diagnostics.collect();
        if (a.json) {
            JsonObject o = new JsonObject();
            facts.forEach(o::addProperty);
            out.println(GSON.toJson(o));
        } else {
            facts.forEach((k, v) -> out.printf(Locale.ROOT, "%-16s %s%n", k, v));
        }
    }

    private static String oneLine(Throwable e) {
        return awrsr.util.Text.oneLine(e, 400);
    }

    /** Engine settings must be in place before the engine first loads. */
    Device setUpEngine(Options.Engine args) {
        return setUpEngine(args, false);
    }

    /**
     * @param inParallel the command runs --threads independent passes at a time (explain, analyse), each on one
     *     intra-op thread: two passes on one thread each took 30 % less time than either on two threads
     */
    Device setUpEngine(Options.Engine args, boolean inParallel) {
        return setUpEngine(args, inParallel, true);
    }

    /**
     * @param checked whether a libtorch that cannot run the binding is refused here with one line (every
     *     command but doctor, which reports it instead)
     */
    private Device setUpEngine(Options.Engine args, boolean inParallel, boolean checked) {
        EngineStartup.configureCache();
        Allocator.tune();
        int threads = inParallel ? 1 : threads(args);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        String device = device(args);
        EngineStartup.Progress p = EngineStartup.progressBeforeStart();
        if (p.unpacking()) {
            err.printf(Locale.ROOT, "awrsr: first start: unpacking the PyTorch engine (%d MB) into %s%n",
                    p.expected() >> 20, EngineStartup.engineCacheDir());
        }
        if (checked) {
            awrsr.util.LibtorchCheck.refuseOtherRelease();
        }
        Engine engine = Engine.getInstance();
        Device chosen;
        try {
            chosen = awrsr.util.DeviceChoice.choose(device, engine.getGpuCount());
            LOG.debug("device {} (asked: {}, GPUs seen: {})", chosen, device, engine.getGpuCount());
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException(e.getMessage());
        }
        if (checked) {
            awrsr.util.LibtorchCheck.probe(chosen);
        }
        return chosen;
    }

    // ------------------------------------------------------------------ train

    /** Options that fix a model's shape or training recipe: a resumed run takes them from its checkpoint. */
    private static final List<String> RECIPE = List.of("--variant", "--backbone", "--maxlen", "--dim", "--layers",
            "--heads", "--refine-dim", "--dropout", "--attn-dropout", "--loss", "--pvn-weight", "--weight-decay", "--beta2",
            "--init", "--stosa-reference-mean-bug", "--lr", "--batch", "--seed", "--out");

    private void train(Options.Train a) throws IOException {
        PrintStream log = a.json ? err : out;
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                log.println(r.logLine());
                log.flush();
            }
        };
        threads(a.engine);
        device(a.engine);
        int epochs = Usage.between("--epochs", a.epochs, 1, TrainingSettings.MAX_EPOCHS);
        int patience = Usage.between("--patience", a.patience, 1, TrainingSettings.MAX_EPOCHS);
        int kcore = Usage.between("--kcore", a.kcore, 0, Checkpoint.MAX_KCORE);
        if (a.resume != null) {
            a.refuse(RECIPE, "cannot be given with --resume: a resumed run keeps its checkpoint's model and settings");
            Checkpoint checkpoint = Checkpoint.read(Path.of(a.resume));
            if (!checkpoint.hasOptimizerState()) {
                throw new IOException(checkpoint.folder() + ": saved without its optimizer state (a slim copy), so "
                        + "its training cannot be resumed; train a new model with --out");
            }
            if (a.given("--kcore") && kcore != checkpoint.datasetKcore()) {
                throw new Usage.UsageException("--kcore: " + checkpoint.folder() + " was trained with --kcore "
                        + checkpoint.datasetKcore() + "; resume it with the same filter (or leave --kcore out)");
            }
            TrainingSettings s = checkpoint.settings();
            s = s.withEpochs(a.given("--epochs") ? epochs : s.epochs())
                    .withPatience(a.given("--patience") ? patience : s.patience());
            int pass = passSize(checkpoint.model(), s, a.microBatch, true);
            Dataset data = dataOf(checkpoint, a.data, "train --resume");
            Device device = setUpEngine(a.engine);
            log.println("resuming " + checkpoint.folder() + " after epoch " + checkpoint.epochsRun() + " on " + device);
            report(new ModelTrainer(data, device).microBatch(pass).resume(checkpoint, s, listener), a.json, data);
            return;
        }
        if (a.variant == null) {
            throw new Usage.UsageException("--variant is required (" + Variant.choices() + ")");
        }
        Variant variant = variant(a.variant);
        if (a.out == null || a.out.isBlank()) {
            throw new Usage.UsageException(a.out == null ? "--out is required" : "--out must name a folder");
        }
        if (a.data == null) {
            throw new Usage.UsageException("--data is required");
        }
        Path outDir = Path.of(a.out);
        Checkpoint.checkNewFolder(outDir);                    // before any data is read or anything written
        ModelConfig shape;
        TrainingSettings settings;
        try {
            BackboneKind backbone = backbone(a.backbone);
            if (backbone != BackboneKind.STOSA) {
                a.refuse(List.of("--attn-dropout", "--pvn-weight", "--stosa-reference-mean-bug"),
                        "is a STOSA option (add --backbone stosa)");
            }
            float dropout = Usage.between("--dropout", a.dropout, 0, 1, false, true);
            shape = new ModelConfig(variant, 1,
                    Usage.between("--maxlen", a.maxLen, 1, ModelConfig.MAX_MAX_LEN),
                    Usage.between("--dim", a.dim, 1, ModelConfig.MAX_DIM),
                    Usage.between("--layers", a.layers, 1, ModelConfig.MAX_LAYERS),
                    Usage.between("--heads", a.heads, 1, ModelConfig.MAX_HEADS),
                    Usage.between("--refine-dim", a.refineDim, 1, ModelConfig.MAX_REFINE_DIM),
                    dropout, backbone,
                    a.attnDropout == null ? dropout : Usage.between("--attn-dropout", a.attnDropout, 0, 1, false, true),
                    a.referenceMeanBug);
            settings = new TrainingSettings(epochs, a.seed, a.loss == null ? Loss.defaultFor(backbone) : loss(a.loss),
                    Usage.between("--lr", a.lr, 0, TrainingSettings.MAX_LR, true, false),
                    Usage.between("--batch", a.batch, 1, TrainingSettings.MAX_BATCH), patience,
                    Usage.between("--pvn-weight", a.pvnWeight, 0, TrainingSettings.MAX_PVN_WEIGHT, false, false),
                    Usage.between("--weight-decay", a.weightDecay, 0, TrainingSettings.MAX_WEIGHT_DECAY, false, false),
                    Usage.between("--beta2", a.beta2, 0, TrainingSettings.MAX_BETA2, false, false),
                    init(a.init, backbone));
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException(e.getMessage());
        }
        passSize(shape.withNumItems(1), settings, a.microBatch, false);          // the model's size without the items
        Dataset data = loadData(a.data, kcore);
        noteSkipped(data, "train");
        int pass = passSize(shape.withNumItems(data.itemIds().length), settings, a.microBatch, true);
        Device device = setUpEngine(a.engine);
        log.printf(Locale.ROOT, "training %s on %s (%d users, %d items, %d interactions) on %s%n", shape.displayName(),
                data.name(), data.userCount(), data.itemIds().length, data.interactionCount(), device);
        report(new ModelTrainer(data, device).microBatch(pass).train(shape, settings, outDir, listener), a.json, data);
    }

    /** The --init scheme (xavier when not given), refused with one line when unknown or not for the backbone. */
    private static awrsr.nn.Init init(String text, BackboneKind backbone) {
        if (text == null) {
            return awrsr.nn.Init.XAVIER;
        }
        awrsr.nn.Init init;
        try {
            init = awrsr.nn.Init.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException("--init: " + e.getMessage());
        }
        if (!backbone.backbone().supports(init)) {
            throw new Usage.UsageException("--init " + init.id() + " is for the SASRec backbone; "
                    + backbone.displayName() + " draws its weights as its official code does");
        }
        return init;
    }

    /**
     * The cap on a training pass's sequences to give the trainer (0: none beyond its own rule,
     * {@link ModelTrainer#PASS_CELLS}), checked before anything is loaded. The passes the trainer would run at
     * the full window ({@code --micro-batch} caps them) must fit in this machine's free memory
     * ({@link awrsr.train.MemoryNeed}); when they do not and no cap was asked, the largest halving that fits is
     * used (said on stderr); a cap that does not fit, or a training that does not fit one sequence a pass, is
     * refused with the figures.
     */
    int passSize(ModelConfig c, TrainingSettings s, Integer asked, boolean say) {
        return passCap(c, s, asked, awrsr.util.SystemMemory.availableBytes(), say ? err : null);
    }

    /** {@link #passSize} with the free memory given ({@code available} &le; 0: not known) and where to say it. */
    static int passCap(ModelConfig c, TrainingSettings s, Integer asked, long available, PrintStream say) {
        if (asked != null) {
            Usage.between("--micro-batch", asked, 1, s.batchSize());
        }
        int cap = asked == null ? 0 : asked;
        if (available <= 0) {
            return cap;                                            // not known on this platform
        }
        awrsr.train.MemoryNeed need = awrsr.train.MemoryNeed.of(c, s);
        awrsr.train.MemoryNeed.Passes passes = need.passes(c, s.batchSize(), cap, available);
        int planned = passes.planned();
        int pass = passes.fitting();
        if (asked != null && pass < planned) {
            throw new Usage.UsageException(String.format(Locale.ROOT, "--micro-batch %d: a pass of %d sequences needs "
                    + "about %.1f GB of memory but %.1f GB are available; lower --micro-batch%s", asked, planned,
                    need.bytes(planned) / 1e9, available / 1e9, pass > 0 ? " (" + pass + " fits)" : " or --maxlen"));
        }
        if (pass == 0) {
            throw new Usage.UsageException(need.tooLarge(c, available) + "; lower --maxlen");
        }
        if (pass < planned) {
            if (say != null) {
                say.printf(Locale.ROOT, "a pass of %d sequences needs about %.1f GB of memory and %.1f GB are "
                                + "available: training in passes of %d (the same updates; --micro-batch sets it)%n",
                        planned, need.bytes(planned) / 1e9, available / 1e9, pass);
            }
            return pass;
        }
        return cap;
    }

    static BackboneKind backbone(String text) {
        try {
            return BackboneKind.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException("--backbone: " + e.getMessage());
        }
    }

    private static Variant variant(String text) {
        try {
            return Variant.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException("--variant: " + e.getMessage());
        }
    }

    private static Loss loss(String text) {
        try {
            return Loss.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException("--loss: " + e.getMessage());
        }
    }

    /** --threads N: intra-op threads, 1 to 4 times the processors. */
    private static int threads(Options.Engine a) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return a.threads == null ? Integer.getInteger("ai.djl.pytorch.num_threads", 1)
                : Usage.between("--threads", a.threads, 1, Math.max(4, 4 * cpus));
    }

    /** --device, checked for its form before anything loads (whether the GPU exists is known later). */
    private static String device(Options.Engine a) {
        String device = a.device.toLowerCase(Locale.ROOT);
        if (!device.matches("auto|cpu|gpu|gpu:\\d{1,3}")) {
            throw new Usage.UsageException("--device must be auto, cpu, gpu or gpu:N, got " + awrsr.util.Text.quote(device));
        }
        return device;
    }

    /**
     * The data a checkpoint was trained on: --data when given, else where the checkpoint says it came from
     * (never its name, which is a label); with the checkpoint's k-core filter applied.
     */
    private Dataset dataOf(Checkpoint c, String given, String command) throws IOException {
        String spec = given != null ? given : c.datasetSource();
        if (spec == null && DatasetLoader.SHIPPED_NAME.equals(c.datasetName())) {
            spec = DatasetLoader.SHIPPED_NAME;                // written before checkpoints recorded the source
        }
        if (spec == null) {
            throw new IOException(c.folder() + ": does not record where its data came from (dataset '"
                    + c.datasetName() + "'); give --data");
        }
        if (given == null && !spec.equals(DatasetLoader.SHIPPED_NAME) && awrsr.data.ToyWorlds.named(spec) == null
                && !Files.exists(Path.of(spec))) {
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

    /** The model in {@code modelDir}, refused in one line when it does not know the data's items. */
    private static Recommender loadFor(Path modelDir, Dataset data, Device device) throws IOException {
        Recommender model = Recommender.load(modelDir, device);
        String mismatch = model.mismatch(data);
        if (mismatch != null) {
            model.close();
            throw new IOException(modelDir + ": " + mismatch);
        }
        return model;
    }

    private void evaluate(Options.Evaluate a) throws IOException {
        Path modelDir = a.model.folder();
        Protocol protocol;
        RankTarget target;
        try {
            protocol = Protocol.parse(a.protocol);
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException("--protocol: " + e.getMessage());
        }
        try {
            target = RankTarget.parse(a.split);
        } catch (IllegalArgumentException e) {
            throw new Usage.UsageException("--split: " + e.getMessage());
        }
        threads(a.engine);
        device(a.engine);
        Checkpoint checkpoint = Checkpoint.read(modelDir);
        Dataset data = dataOf(checkpoint, a.data, "evaluate");
        Device device = setUpEngine(a.engine);
        LeaveOneOutSplit split = new LeaveOneOutSplit(data);
        try (Recommender model = loadFor(modelDir, data, device)) {
            if (!data.checksum().equals(checkpoint.datasetChecksum())) {
                err.println("awrsr evaluate: note: " + data.name() + " is not the data the model was trained on");
            }
            TestEvaluation t = TestEvaluation.run(model, split, model.itemIndex(), protocol, target);
            Evaluation e = t.model();
            Evaluation p = t.popularity();
            JsonObject o = new JsonObject();
            o.addProperty("model", modelDir.toString());
            o.addProperty("variant", model.config().variant().id());
            o.addProperty("dataset", data.name());
            o.addProperty("protocol", protocol.id());
            o.addProperty("target", target.id());
            o.addProperty("users", e.metrics().users());
            o.addProperty("skippedUsers", e.skippedUsers());
            o.addProperty("skippedLines", data.report().skippedLines());
            if (data.report().skippedLines() > 0) {
                o.addProperty("firstSkippedLine", data.report().firstProblem());
            }
            o.addProperty("device", model.deviceDescription());
            o.add("metrics", metricsObject(e));
            o.add("popularity", metricsObject(p));
            if (a.json) {
                out.println(GSON.toJson(o));
            } else {
                out.printf(Locale.ROOT, "%s (%s) on %s, %s targets, %s protocol, %d users%n", modelDir,
                        model.config().variant().id(), data.name(), target.id(), protocol.id(), e.metrics().users());
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

    private void predict(Options.Predict a) throws IOException {
        Path modelDir = a.model.folder();
        if ((a.items != null) == (a.input != null)) {
            throw new Usage.UsageException("give exactly one of --items and --input");
        }
        int top = Usage.between("--top", a.top, 1, MAX_TOP);
        boolean exclude = !a.includeSeen;
        List<Integer> items = a.items != null ? Usage.parseIds(a.items, "--items") : null;
        Path input = a.input;
        if (input != null && !Files.isRegularFile(input)) {
            throw new IOException(input + (Files.exists(input) ? ": not a regular file" : ": no such file"));
        }
        Device device = setUpEngine(a.engine);
        try (Recommender model = Recommender.load(modelDir, device)) {
            if (items != null) {
                Prediction p = model.predict(items, top, exclude, false);
                if (a.json) {
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
                    List<Integer> seq = Usage.parseIds(line, input + ":" + number);
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

    private void bench(Options.Bench a) throws IOException {
        Path modelDir = a.model.folder();
        Set<String> skip = new java.util.TreeSet<>();
        for (String part : a.skip) {
            String sec = part.trim().toLowerCase(Locale.ROOT);
            if (sec.isEmpty()) {
                continue;
            }
            if (!Bench.SECTIONS.contains(sec)) {
                throw new Usage.UsageException("--skip: unknown section '" + sec + "'; sections: "
                        + String.join(",", new java.util.TreeSet<>(Bench.SECTIONS)));
            }
            skip.add(sec);
        }
        int calls = Usage.between("--calls", a.calls, 1, 10_000_000);
        int memoryCalls = Usage.between("--memory-calls", a.memoryCalls, 1, 10_000_000);
        int epochs = Usage.between("--epochs", a.epochs, 1, 1_000);
        int batch = Usage.between("--batch", a.batch, 1, TrainingSettings.MAX_BATCH);
        int microBatch = a.microBatch == null ? 0 : Usage.between("--micro-batch", a.microBatch, 1, batch);
        int warmup = Usage.between("--warmup", a.warmup, 0, 10_000_000);
        Checkpoint.read(modelDir);   // a clear message before the engine starts
        Device device = setUpEngine(a.engine);
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
        Bench.Options options = new Bench.Options(modelDir, a.data, calls, warmup, memoryCalls, epochs, batch, a.seed,
                threads, skip, a.backbone == null ? null : backbone(a.backbone), microBatch == batch ? 0 : microBatch);
        JsonObject result = new Bench(options, device, err).run();
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeSpecialFloatingPointValues().create().toJson(result));
    }

    // ------------------------------------------------------------------ slim

    private void slim(Options.Slim a) throws IOException {
        Checkpoint from = Checkpoint.read(a.model.folder());
        Checkpoint copy = from.copyWithoutOptimizerState(a.out);
        out.printf(Locale.ROOT, "%s: %s without its optimizer state, %.1f MB (was %.1f MB)%n", copy.folder(),
                from.folder(), megabytes(copy), megabytes(from));
    }

    /** The size of a checkpoint's own files (config.json and those it names that are there). */
    private static double megabytes(Checkpoint c) throws IOException {
        Path folder = c.folder();
        long bytes = Files.size(folder.resolve(Checkpoint.CONFIG));
        JsonObject files = c.json().getAsJsonObject("files");
        for (String key : files.keySet()) {
            Path f = folder.resolve(files.getAsJsonObject(key).get("name").getAsString());
            bytes += Files.isRegularFile(f) ? Files.size(f) : 0;
        }
        return bytes / 1e6;
    }

    // ------------------------------------------------------------------ summary

    /**
     * A markdown table of the test metrics that training stored in each checkpoint, and per-recipe means. A
     * run without test metrics yet (still training, or stopped) shows "-" and stays out of the means.
     */
    private void summary(Options.Summary a) throws IOException {
        String[] keys = {"test_full", "test_sampled"};
        String[] metrics = {"HR@10", "NDCG@10"};
        // grouped by recipe: the same model, data and training settings but the seed (runs of one study)
        java.util.Map<String, java.util.List<double[]>> byRecipe = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> prefixes = new java.util.LinkedHashMap<>();
        out.println("| model | variant | seed | best epoch | validation NDCG@10 | full HR@10 | full NDCG@10 "
                + "| sampled HR@10 | sampled NDCG@10 |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        double[] popularity = null;
        for (Path folder : a.folders) {
            Checkpoint c = Checkpoint.read(folder);
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
            TrainingSettings t = c.settings();
            String recipe = c.model() + " " + c.datasetChecksum() + " " + t.withSeed(0);
            String variant = c.model().displayName();         // "SASRec", "AWRSR value", "AWRSR stochastic on STOSA"
            java.util.List<double[]> finished = byRecipe.computeIfAbsent(recipe, r -> new java.util.ArrayList<>());
            if (m.has("test_full")) {
                finished.add(row);
            }
            names.putIfAbsent(recipe, variant);
            prefixes.putIfAbsent(recipe, folder.getFileName().toString().replaceFirst("-s\\d+$", ""));
            double validation = m.has("validation") ? m.getAsJsonObject("validation").get("NDCG@10").getAsDouble()
                    : Double.NaN;
            out.printf(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %s |%n", folder.getFileName(),
                    variant + (m.has("test_full") ? "" : " (no test yet)"), t.seed(), c.bestEpoch(), cell(validation),
                    cell(row[0]), cell(row[1]), cell(row[2]), cell(row[3]));
        }
        out.println();
        out.println("| model | runs | full HR@10 | full NDCG@10 | sampled HR@10 | sampled NDCG@10 |");
        out.println("|---|---|---|---|---|---|");
        for (var e : byRecipe.entrySet()) {
            String name = names.get(e.getKey());
            boolean shared = java.util.Collections.frequency(names.values(), name) > 1;
            StringBuilder sb = new StringBuilder("| " + name + (shared ? " (" + prefixes.get(e.getKey()) + ")" : "")
                    + " | " + e.getValue().size());
            if (e.getValue().isEmpty()) {
                out.println(sb.append(" | - | - | - | - |"));
                continue;
            }
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

    /** A metric with four decimals, or "-" when there is none. */
    private static String cell(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    // ------------------------------------------------------------------ explain

    private void explain(Options.Explain a) throws IOException {
        Path modelDir = a.model.folder();
        if ((a.items != null) == (a.user != null)) {
            throw new Usage.UsageException("give exactly one of --items and --user");
        }
        List<Integer> items;
        if (a.user != null) {
            Dataset data = dataOf(Checkpoint.read(modelDir), a.data, "explain");
            int row = data.rowOfUser(a.user);
            if (row < 0) {
                throw new Usage.UsageException("--user: no user " + a.user + " in " + data.name());
            }
            items = java.util.Arrays.stream(data.sequence(row)).boxed().toList();
        } else {
            items = Usage.parseIds(a.items, "--items");
        }
        int passes = threads(a.engine);            // read before the engine's own threads are set to 1
        Device device = setUpEngine(a.engine, true);
        try (Recommender model = Recommender.load(modelDir, device)) {
            Explanation x = model.explain(items, a.target, passes, a.occlusion);
            if (a.json) {
                out.println(GSON.toJson(explanationJson(model, x)));
                return;
            }
            out.printf(Locale.ROOT, "target %d %s: score %.4f, rank %d%s%n", x.target(),
                    model.catalog().get(x.target()).displayTitle(), x.score(), x.rank() + 1,
                    x.pinned() ? "" : " (the top prediction)");
            if (x.droppedFromFront() > 0) {
                out.println("note: the model reads the last " + x.items().size() + " items; "
                        + x.droppedFromFront() + " earlier item(s) were left out");
            }
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%4s  %-32s %9s", "#", "item", "rank w/o"));
            for (Explanation.Signal s : x.signals()) {
                head.append(String.format(Locale.ROOT, " %12s", abbreviate(s.name(), 12)));
            }
            out.println(head);
            for (int i = 0; i < x.items().size(); i++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%4d  %-32s %9s", i + 1,
                        abbreviate(model.catalog().get(x.items().get(i)).displayTitle(), 32),
                        x.rankWithout()[i] < 0 ? "-" : String.valueOf(x.rankWithout()[i] + 1)));
                for (Explanation.Signal s : x.signals()) {
                    double v = s.values()[i];
                    row.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %12s", "-")
                            : String.format(Locale.ROOT, " %12.5f", v));
                }
                out.println(row);
            }
            StringBuilder rho = new StringBuilder("Spearman with leave-one-out:");
            for (Explanation.Signal s : x.signals()) {
                if (!s.id().equals(Explanation.LEAVE_ONE_OUT)) {
                    rho.append(String.format(Locale.ROOT, "  %s %+.3f", s.name(), s.spearmanWithLoo()));
                }
            }
            out.println(rho);
            if (x.occluded()) {
                StringBuilder withOcclusion = new StringBuilder("Spearman with occlusion:");
                for (Explanation.Signal s : x.signals()) {
                    if (!s.id().equals(Explanation.OCCLUSION)) {
                        withOcclusion.append(String.format(Locale.ROOT, "  %s %+.3f", s.name(), s.spearmanWithOcclusion()));
                    }
                }
                out.println(withOcclusion);
            }
        }
    }

    private void analyse(Options.Analyse a) throws IOException {
        Path modelDir = a.model.folder();
        threads(a.engine);
        device(a.engine);
        Checkpoint checkpoint = Checkpoint.read(modelDir);
        Dataset data = dataOf(checkpoint, a.data, "analyse");
        int users = threads(a.engine);             // read before the engine's own threads are set to 1
        Device device = setUpEngine(a.engine, true);
        try (Recommender model = loadFor(modelDir, data, device)) {
            int[] shown = {-1};
            DatasetAnalysis.Result r = DatasetAnalysis.run(model, new LeaveOneOutSplit(data), Integer.MAX_VALUE,
                    users, a.occlusion, (done, of) -> {
                int tenth = done * 10 / of;
                if (tenth != shown[0]) {
                    shown[0] = tenth;
                    err.printf(Locale.ROOT, "analyse: %d of %d users%n", done, of);
                    err.flush();
                }
            });
            JsonObject o = analysisJson(model, modelDir, data.name(), r);
            if (a.json) {
                out.println(GSON.toJson(o));
                return;
            }
            out.printf(Locale.ROOT, "%s (%s) on %s: %d users, %.1f s%n", modelDir, model.config().displayName(),
                    data.name(), r.users().length, r.seconds());
            out.println("Spearman correlation with leave-one-out importance of the top-1 prediction, over users:");
            String columns = String.format(Locale.ROOT, "  %-18s %6s %8s %7s %8s %8s %8s %9s", "signal", "users", "mean",
                    "sd", "p25", "median", "p75", "same top");
            out.println(columns);
            r.signalNames().forEach((id, name) -> {
                if (!id.equals(Explanation.LEAVE_ONE_OUT)) {
                    printSummary(name, r.correlation(id), r.sameTopShare(id));
                }
            });
            if (a.occlusion) {
                out.println("Spearman correlation with occlusion (positions kept), over users:");
                out.println(columns);
                r.signalNames().forEach((id, name) -> {
                    if (!id.equals(Explanation.OCCLUSION)) {
                        printSummary(name, r.occlusionCorrelation(id), r.occlusionSameTopShare(id));
                    }
                });
            }
            out.printf(Locale.ROOT, "same top: the share of users whose highest-rated item is the reference's; "
                    + "by chance %.3f, by always naming the newest item %.3f%s%n", r.sameTopChance(),
                    r.sameTopRecency(false), a.occlusion ? String.format(Locale.ROOT, " (%.3f with occlusion)",
                            r.sameTopRecency(true)) : "");
            out.println("Per head, means over users (rows reading two or more items):");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-6s", "head"));
            for (String n : HeadStatistics.NAMES) {
                head.append(String.format(Locale.ROOT, " %9s", n));
            }
            out.println(head);
            for (int l = 0; l < r.heads().length; l++) {
                for (int h = 0; h < r.heads()[l].length; h++) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  L%d H%d ", l + 1, h + 1));
                    for (int s = 0; s < HeadStatistics.NAMES.length; s++) {
                        row.append(String.format(Locale.ROOT, " %9.4f", r.headMean(l, h, s)));
                    }
                    out.println(row);
                }
            }
        }
    }

    private void printSummary(String name, DatasetAnalysis.Summary s, double sameTop) {
        out.printf(Locale.ROOT, "  %-18s %6d %+8.3f %7.3f %+8.3f %+8.3f %+8.3f %9.3f%n", name, s.count(), s.mean(), s.sd(),
                s.p25(), s.median(), s.p75(), sameTop);
    }

    /** The documented JSON of a dataset analysis (README, "Explanations"). */
    static JsonObject analysisJson(Recommender model, Path modelDir, String dataset, DatasetAnalysis.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("model", modelDir.toString());
        o.addProperty("name", model.config().displayName());
        o.addProperty("dataset", dataset);
        o.addProperty("explained", "top-1 prediction for each user's test history");
        o.addProperty("users", r.users().length);
        o.addProperty("seconds", Math.round(r.seconds() * 100) / 100.0);
        JsonObject corr = new JsonObject();
        JsonObject withOcclusion = new JsonObject();
        r.signalNames().forEach((id, name) -> {
            if (!id.equals(Explanation.LEAVE_ONE_OUT)) {
                corr.add(id, summaryJson(name, r.correlation(id), r.sameTopShare(id)));
            }
            DatasetAnalysis.Summary occluded = r.occlusionCorrelation(id);
            if (!id.equals(Explanation.OCCLUSION) && occluded != null) {
                withOcclusion.add(id, summaryJson(name, occluded, r.occlusionSameTopShare(id)));
            }
        });
        o.add("spearmanWithLoo", corr);
        o.addProperty("sameTopItemByChance", r.sameTopChance());
        o.addProperty("sameTopItemByRecency", r.sameTopRecency(false));
        if (!r.occlusionCorrelations().isEmpty()) {
            o.add("spearmanWithOcclusion", withOcclusion);
            o.addProperty("sameTopItemByRecencyWithOcclusion", r.sameTopRecency(true));
        }
        JsonArray heads = new JsonArray();
        for (int l = 0; l < r.heads().length; l++) {
            for (int h = 0; h < r.heads()[l].length; h++) {
                JsonObject j = new JsonObject();
                j.addProperty("layer", l + 1);
                j.addProperty("head", h + 1);
                JsonObject unusual = new JsonObject();
                for (int s = 0; s < HeadStatistics.NAMES.length; s++) {
                    double mean = r.headMean(l, h, s);
                    if (!Double.isNaN(mean)) {                  // KL and mass moved: refining models only
                        j.addProperty(HeadStatistics.NAMES[s], mean);
                        unusual.add(HeadStatistics.NAMES[s], GSON.toJsonTree(r.mostUnusualUsers(l, h, s, 5)));
                    }
                }
                j.add("mostUnusualUsers", unusual);
                heads.add(j);
            }
        }
        o.add("heads", heads);
        return o;
    }

    private static String abbreviate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static JsonObject summaryJson(String name, DatasetAnalysis.Summary s, double sameTop) {
        JsonObject j = new JsonObject();
        j.addProperty("name", name);
        j.addProperty("users", s.count());
        j.addProperty("mean", s.mean());
        j.addProperty("sd", s.sd());
        j.addProperty("p25", s.p25());
        j.addProperty("median", s.median());
        j.addProperty("p75", s.p75());
        j.addProperty("sameTopItem", sameTop);
        return j;
    }

    /** The documented JSON of an explanation (README, "Explanations"). */
    static JsonObject explanationJson(Recommender model, Explanation x) {
        JsonObject o = new JsonObject();
        o.add("items", GSON.toJsonTree(x.items()));
        JsonArray titles = new JsonArray();
        x.items().forEach(id -> titles.add(model.catalog().get(id).displayTitle()));
        o.add("titles", titles);
        if (x.droppedFromFront() > 0) {
            o.addProperty("truncated", x.droppedFromFront());
        }
        o.addProperty("target", x.target());
        o.addProperty("targetTitle", model.catalog().get(x.target()).displayTitle());
        o.addProperty("pinned", x.pinned());
        o.addProperty("score", x.score());
        o.addProperty("rank", x.rank() + 1);
        JsonArray without = new JsonArray();
        for (int r : x.rankWithout()) {
            without.add(r < 0 ? null : Integer.valueOf(r + 1));
        }
        o.add("rankWithout", without);
        JsonArray signals = new JsonArray();
        for (Explanation.Signal s : x.signals()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", s.id());
            j.addProperty("name", s.name());
            j.addProperty("how", s.how());
            JsonArray values = new JsonArray();
            for (double v : s.values()) {
                values.add(Double.isNaN(v) ? null : Double.valueOf(v));     // none: a window of one item
            }
            j.add("values", values);
            j.addProperty("spearmanWithLoo", s.spearmanWithLoo());
            if (x.occluded()) {
                j.addProperty("spearmanWithOcclusion", s.spearmanWithOcclusion());
            }
            signals.add(j);
        }
        o.add("signals", signals);
        return o;
    }

    // ------------------------------------------------------------------ attention

    private void attention(Options.Attention a) throws IOException {
        Path modelDir = a.model.folder();
        List<Integer> items = Usage.parseIds(a.items, "--items");
        int top = Usage.between("--top", a.top, 1, MAX_TOP);
        Device device = setUpEngine(a.engine);
        try (Recommender model = Recommender.load(modelDir, device)) {
            Prediction p = model.predict(items, top, !a.includeSeen, true);
            if (a.csv != null) {
                Path dir = Path.of(a.csv);
                if (Files.exists(dir) && !Files.isDirectory(dir)) {
                    throw new IOException(dir + ": exists and is not a folder");
                }
                if (!a.overwrite) {
                    for (String name : TraceCsv.names(p.trace())) {
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
            for (int l = 0; l < p.trace().layerCount(); l++) {
                JsonArray heads = new JsonArray();
                for (HeadTrace h : p.trace().layers().get(l)) {
                    JsonObject head = new JsonObject();
                    for (HeadTrace.TraceMap map : h.maps()) {
                        head.add(map.fileStem(), GSON.toJsonTree(map.values()));
                    }
                    heads.add(head);
                }
                JsonObject layer = new JsonObject();
                layer.add("heads", heads);
                float[] uncertainty = p.trace().uncertainty(l);
                if (uncertainty != null) {
                    layer.add("uncertainty", GSON.toJsonTree(uncertainty));
                }
                layers.add(layer);
            }
            o.add("layers", layers);
            if (a.json) {
                out.println(GSON.toJson(o));
            } else {
                printAttentionSummary(model, p);
            }
        }
    }

    /**
     * Human-readable: for the last position of every map, the three items read most; for a STOSA model also
     * the three items most uncertain entering each layer.
     */
    private void printAttentionSummary(Recommender model, Prediction p) {
        AttentionTrace t = p.trace();
        int last = p.items().size() - 1;
        for (int l = 0; l < t.layerCount(); l++) {
            float[] uncertainty = t.uncertainty(l);
            if (uncertainty != null) {
                out.printf(Locale.ROOT, "layer %d, most uncertain entering (mean covariance): %s%n", l,
                        strongest(model, p, uncertainty, 3));
            }
            for (int h = 0; h < t.headCount(); h++) {
                HeadTrace head = t.head(l, h);
                out.printf(Locale.ROOT, "layer %d head %d, last position reads: raw %s%s%n", l, h,
                        strongest(model, p, head.raw()[last], 2),
                        head.refines() ? " | refined " + strongest(model, p, head.refined()[last], 2) : "");
            }
        }
        printPrediction(model, p);
    }

    /**
     * The three items of {@code row} (one value per item of the history) with the largest values, and those
     * to {@code decimals} places.
     */
    private static String strongest(Recommender model, Prediction p, float[] row, int decimals) {
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
            sb.append(String.format(Locale.ROOT, "%s %." + decimals + "f",
                    model.catalog().get(p.items().get(order[k])).displayTitle(), row[order[k]]));
        }
        return sb.toString();
    }
}
