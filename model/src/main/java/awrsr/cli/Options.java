package awrsr.cli;

import awrsr.checkpoint.Checkpoint;
import awrsr.checkpoint.TrainingSettings;
import awrsr.eval.Protocol;
import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import awrsr.util.Home;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * The options of every {@code awrsr} command, declared for picocli: types, help text and, through
 * {@link Defaults}, the defaults of the model and training records (ModelConfig, TrainingSettings), so the
 * help, the Train tab and the program share one value each. What a command does is in {@link Main}.
 */
final class Options {
    private Options() {}

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Root());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(100);
        return cl;
    }

    @Command(name = "awrsr", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Trains, evaluates and explains AWRSR sequential recommenders.",
            subcommands = {Train.class, Evaluate.class, Predict.class, Attention.class, Explain.class, Analyse.class,
                    Summary.class, Slim.class,
                    Bench.class,
                    Doctor.class, CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
            footer = {"", "Run 'awrsr COMMAND --help' for a command's options. Without --model, the shipped AWRSR "
                    + "model (" + Home.DEFAULT_MODEL + ")."})
    static final class Root {
        @Option(names = "--verbose", scope = ScopeType.INHERIT,
                description = "Log everything, also on stderr (or set AWRSR_DEBUG=1).")
        boolean verbose;
    }

    /** What every command that starts the engine takes. */
    static final class Engine {
        @Option(names = "--threads", paramLabel = "N",
                description = "Intra-op threads, 1 to 4 × the processors (default 1, or -Dai.djl.pytorch.num_threads); "
                        + "explain and analyse run that many passes (users) at a time instead, each on one.")
        Integer threads;

        @Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", defaultValue = "auto",
                description = "Where to compute (default: ${DEFAULT-VALUE}: a usable GPU, else the CPU).")
        String device;
    }

    /** --model, for every command that reads a checkpoint. */
    static final class ModelFolder {
        @Option(names = "--model", paramLabel = "DIR", description = "A checkpoint folder (default: the shipped AWRSR "
                + "model).")
        Path given;

        /** The folder given, or the shipped default model (AWRSR, value-weighted). */
        Path folder() {
            return given != null ? given : Home.defaultModel();
        }
    }

    /** A command's picocli model, to ask which options were given (rather than defaulted). */
    abstract static class Given {
        @Spec
        CommandSpec spec;

        boolean given(String option) {
            return spec.commandLine().getParseResult().hasMatchedOption(option);
        }

        /** Refuses any of {@code options} that was given, saying why. */
        void refuse(Collection<String> options, String why) {
            for (String o : options) {
                if (given(o)) {
                    throw new Usage.UsageException(o + " " + why);
                }
            }
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = Defaults.class,
            description = {"Trains a model on interaction data and saves it as a checkpoint folder.",
                    "With --resume, continues a checkpoint's training (parameters and optimizer state)."})
    static final class Train extends Given {
        @Mixin Engine engine;
        @Option(names = "--data", paramLabel = "FOLDER|FILE|movielens-small", description = "The interactions.")
        String data;
        @Option(names = "--variant", paramLabel = "MECHANISM",
                description = "The refinement mechanism: ${COMPLETION-CANDIDATES} (stochastic: STOSA only).",
                completionCandidates = VariantIds.class)
        String variant;
        @Option(names = "--backbone", paramLabel = "NAME", completionCandidates = BackboneIds.class,
                description = "The network refined: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        String backbone;
        @Option(names = "--attn-dropout", paramLabel = "RATE", description = "STOSA: dropout on the attention maps "
                + "(default: the --dropout rate).") Float attnDropout;
        @Option(names = "--pvn-weight", paramLabel = "W", description = "STOSA with --loss bpr: weight of the "
                + "positive-vs-negative regulariser (default ${DEFAULT-VALUE}).") float pvnWeight;
        @Option(names = "--weight-decay", paramLabel = "L", description = "Adam's weight decay as PyTorch adds it, "
                + "L × w to every gradient (default ${DEFAULT-VALUE}: none).") float weightDecay;
        @Option(names = "--beta2", paramLabel = "B", description = "Adam's second-moment decay (default "
                + "${DEFAULT-VALUE}, the SASRec code's; PyTorch's is 0.999).") float beta2;
        @Option(names = "--init", paramLabel = "SCHEME", description = "How the fresh weights are drawn: xavier "
                + "(default: Xavier-normal matrices, zero biases) or pytorch (SASRec only: the query, key, value and "
                + "feed-forward weights as PyTorch's modules draw them when a SASRec implementation leaves them "
                + "alone, as RecBoard's does).") String init;
        @Option(names = "--stosa-reference-mean-bug", description = "STOSA: reproduce the official code's stacking, "
                + "where the mean stream is never contextualised (for comparisons with published numbers).")
        boolean referenceMeanBug;
        @Option(names = "--out", paramLabel = "DIR", description = "A new or empty folder for the checkpoint.")
        String out;
        @Option(names = "--resume", paramLabel = "DIR", description = "Continue this checkpoint's training.")
        String resume;
        @Option(names = "--epochs", description = "Most epochs (default ${DEFAULT-VALUE}).") int epochs;
        @Option(names = "--patience", description = "Stop after this many epochs without a better validation "
                + "NDCG@10 (default ${DEFAULT-VALUE}).") int patience;
        @Option(names = "--seed", description = "Seed of every random draw (default ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--loss", paramLabel = "bce|ce|bpr", description = "Training loss (default: bpr on STOSA, "
                + "bce otherwise).")
        String loss;
        @Option(names = "--maxlen", paramLabel = "n", description = "Items the model reads (default ${DEFAULT-VALUE}).")
        int maxLen;
        @Option(names = "--dim", paramLabel = "d", description = "Embedding width (default ${DEFAULT-VALUE}).") int dim;
        @Option(names = "--layers", paramLabel = "L", description = "Attention blocks (default ${DEFAULT-VALUE}).")
        int layers;
        @Option(names = "--heads", paramLabel = "H", description = "Heads per block (default ${DEFAULT-VALUE}).")
        int heads;
        @Option(names = "--refine-dim", paramLabel = "r", description = "Width of the refinement's correlation "
                + "space (default ${DEFAULT-VALUE}).") int refineDim;
        @Option(names = "--dropout", description = "Dropout rate in [0, 1) (default ${DEFAULT-VALUE}).") float dropout;
        @Option(names = "--lr", description = "Adam's learning rate (default ${DEFAULT-VALUE}).") float lr;
        @Option(names = "--batch", description = "Sequences per step (default ${DEFAULT-VALUE}).") int batch;
        @Option(names = "--micro-batch", paramLabel = "N", description = "Run each step in passes of at most N "
                + "sequences whose gradients add up (the same update in less memory; default: the whole batch, "
                + "or the largest halving that fits in the free memory).") Integer microBatch;
        @Option(names = "--kcore", paramLabel = "K", description = "Keep only users and items with at least K "
                + "interactions, repeatedly (default ${DEFAULT-VALUE}: all).") int kcore;
        @Option(names = "--json", description = "The result as JSON on stdout (epochs on stderr).") boolean json;
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Test (or validation) metrics of a model (HR, NDCG, MRR) beside the popularity baseline.")
    static final class Evaluate extends Given {
        @Mixin Engine engine;
        @Mixin ModelFolder model;
        @Option(names = "--data", paramLabel = "FOLDER|FILE|movielens-small",
                description = "Default: the data the model was trained on.") String data;
        @Option(names = "--protocol", defaultValue = "full", paramLabel = "full|sampled",
                description = "Rank against all unseen items, or " + Protocol.SAMPLED_NEGATIVES
                        + " sampled ones (default ${DEFAULT-VALUE}).") String protocol;
        @Option(names = "--split", defaultValue = "test", paramLabel = "test|validation",
                description = "Rank each user's test item (history up to the validation item) or validation "
                        + "item (history before it; what training selects epochs on) (default ${DEFAULT-VALUE}).")
        String split;
        @Option(names = "--json", description = "JSON on stdout.") boolean json;
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, defaultValueProvider = Defaults.class,
            description = "The top items a model predicts next for a history (oldest item first).")
    static final class Predict extends Given {
        @Mixin Engine engine;
        @Mixin ModelFolder model;
        @Option(names = "--items", paramLabel = "ID,ID,...", description = "The history: item ids, oldest first.")
        String items;
        @Option(names = "--input", paramLabel = "FILE", description = "One history per line; one JSON line out each.")
        Path input;
        @Option(names = "--top", paramLabel = "K", description = "How many items (default ${DEFAULT-VALUE}).") int top;
        @Option(names = "--include-seen", description = "Also list items of the history.") boolean includeSeen;
        @Option(names = "--json", description = "JSON on stdout.") boolean json;
    }

    @Command(name = "attention", mixinStandardHelpOptions = true, defaultValueProvider = Defaults.class,
            description = "Every layer's and head's maps (raw A, refinement R, refined W) for a history.")
    static final class Attention extends Given {
        @Mixin Engine engine;
        @Mixin ModelFolder model;
        @Option(names = "--items", paramLabel = "ID,ID,...", required = true,
                description = "The history: item ids, oldest first.") String items;
        @Option(names = "--top", paramLabel = "K", description = "How many items (default ${DEFAULT-VALUE}).") int top;
        @Option(names = "--include-seen", description = "Also list items of the history.") boolean includeSeen;
        @Option(names = "--json", description = "Maps and predictions as JSON on stdout.") boolean json;
        @Option(names = "--csv", paramLabel = "DIR", description = "Write one CSV file per layer, head and map "
                + "(and per layer, a STOSA model's uncertainty of each item).")
        String csv;
        @Option(names = "--overwrite", description = "With --csv: replace files of the same names.") boolean overwrite;
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"What drove a prediction: for every item read, leave-one-out importance, gradient × input "
                    + "and the attention summaries, with each summary's rank correlation with leave-one-out.",
                    "Format of --json: README, section \"Explanations\"."})
    static final class Explain extends Given {
        @Mixin Engine engine;
        @Mixin ModelFolder model;
        @Option(names = "--items", paramLabel = "ID,ID,...", description = "The history: item ids, oldest first.")
        String items;
        @Option(names = "--user", paramLabel = "ID", description = "Or a user's whole history in the model's data "
                + "(or --data).") Integer user;
        @Option(names = "--data", paramLabel = "FOLDER|FILE|movielens-small",
                description = "With --user: where the user is (default: the data the model was trained on).")
        String data;
        @Option(names = "--target", paramLabel = "ID", description = "The item to explain (default: the top prediction).")
        Integer target;
        @Option(names = "--occlusion", description = "Also mask each item in place (the others keep their positions) "
                + "and compare every signal with that too; about twice the time.") boolean occlusion;
        @Option(names = "--json", description = "JSON on stdout.") boolean json;
    }

    @Command(name = "analyse", aliases = "analyze", mixinStandardHelpOptions = true,
            description = {"Does attention explain, across the whole dataset? For every user's test history, each "
                    + "attention summary's rank correlation with leave-one-out importance (of the top-1 prediction), "
                    + "and per-head statistics: entropy, distance read, attention sink, diagonal, and for refining "
                    + "models KL(W||A) and the mass W moves.", "Format of --json: README, section \"Explanations\"."})
    static final class Analyse extends Given {
        @Mixin Engine engine;
        @Mixin ModelFolder model;
        @Option(names = "--data", paramLabel = "FOLDER|FILE|movielens-small",
                description = "Default: the data the model was trained on.") String data;
        @Option(names = "--occlusion", description = "Also each signal's correlation with occlusion (each item masked "
                + "in place, the others keeping their positions); about twice the time.") boolean occlusion;
        @Option(names = "--json", description = "JSON on stdout.") boolean json;
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Test metrics stored in checkpoints, per model and as mean ± sd per variant (markdown).")
    static final class Summary extends Given {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Checkpoint folders.") List<Path> folders;
    }

    @Command(name = "slim", mixinStandardHelpOptions = true,
            description = {"Copies a model without its optimizer state (the moments --resume needs), for sharing or "
                    + "shipping: a third of the size.",
                    "The copy has the same parameters, byte for byte: it predicts, explains and evaluates as the "
                    + "original, but its training cannot be resumed."})
    static final class Slim extends Given {
        @Mixin ModelFolder model;
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "A new or empty folder for the "
                + "copy.") Path out;
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, defaultValueProvider = Defaults.class,
            description = "Latency, evaluation and training speed, FLOPs and memory, as one JSON object.")
    static final class Bench extends Given {
        @Mixin Engine engine;
        @Mixin ModelFolder model;
        @Option(names = "--data", paramLabel = "FOLDER|FILE|movielens-small",
                description = "Default: the data the model was trained on.") String data;
        @Option(names = "--calls", description = "Timed predictions (default ${DEFAULT-VALUE}).") int calls;
        @Option(names = "--warmup", description = "Untimed predictions first (default ${DEFAULT-VALUE}).") int warmup;
        @Option(names = "--memory-calls", description = "Predictions of the memory section (default "
                + "${DEFAULT-VALUE}).") int memoryCalls;
        @Option(names = "--epochs", description = "Timed training epochs (default ${DEFAULT-VALUE}).") int epochs;
        @Option(names = "--batch", description = "Training batch (default ${DEFAULT-VALUE}).") int batch;
        @Option(names = "--micro-batch", paramLabel = "N", description = "Train in passes of at most N sequences "
                + "(default: the whole batch).") Integer microBatch;
        @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--backbone", paramLabel = "NAME", completionCandidates = BackboneIds.class,
                description = "The training sections time the model's shape on this backbone: "
                        + "${COMPLETION-CANDIDATES} (default: the model's).") String backbone;
        @Option(names = "--skip", paramLabel = "SECTION,...", split = ",",
                description = "Sections to leave out: " + "${COMPLETION-CANDIDATES}.",
                completionCandidates = BenchSections.class) List<String> skip = List.of();
    }

    @Command(name = "doctor", mixinStandardHelpOptions = true,
            description = "Engine, devices, memory, cache and log; what to do to use a GPU.")
    static final class Doctor extends Given {
        @Mixin Engine engine;
        @Option(names = "--json", description = "JSON on stdout.") boolean json;
    }

    /**
     * The defaults of the options that set a model's shape or training recipe: those of {@link ModelConfig}
     * and {@link TrainingSettings#defaults()}, never a literal of their own.
     */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option)) {
                return null;
            }
            TrainingSettings t = TrainingSettings.defaults();
            String command = arg.command().name();
            Object value = switch (command + " " + option.longestName()) {
                case "train --epochs" -> t.epochs();
                case "train --patience" -> t.patience();
                case "train --seed", "bench --seed" -> t.seed();
                // not bench --backbone: without it the training sections time the model's own backbone
                case "train --backbone" -> awrsr.nn.BackboneKind.SASREC.id();
                case "train --pvn-weight" -> t.pvnWeight();
                case "train --weight-decay" -> t.weightDecay();
                case "train --beta2" -> t.beta2();
                case "train --init" -> t.init().id();
                case "train --lr" -> t.learningRate();
                case "train --batch", "bench --batch" -> t.batchSize();
                case "train --maxlen" -> ModelConfig.DEFAULT_MAX_LEN;
                case "train --dim" -> ModelConfig.DEFAULT_DIM;
                case "train --layers" -> ModelConfig.DEFAULT_LAYERS;
                case "train --heads" -> ModelConfig.DEFAULT_HEADS;
                case "train --refine-dim" -> ModelConfig.DEFAULT_REFINE_DIM;
                case "train --dropout" -> ModelConfig.DEFAULT_DROPOUT;
                case "train --kcore" -> 0;
                case "predict --top", "attention --top" -> Main.DEFAULT_TOP;
                case "bench --calls" -> awrsr.bench.Bench.DEFAULT_CALLS;
                case "bench --warmup" -> awrsr.bench.Bench.DEFAULT_WARMUP;
                case "bench --memory-calls" -> awrsr.bench.Bench.DEFAULT_MEMORY_CALLS;
                case "bench --epochs" -> awrsr.bench.Bench.DEFAULT_EPOCHS;
                default -> null;
            };
            return value == null ? null : String.valueOf(value);
        }
    }

    /** The mechanisms' ids, from their registry. */
    static final class VariantIds extends java.util.ArrayList<String> {
        VariantIds() {
            for (Variant v : Variant.values()) {
                add(v.id());
            }
        }
    }

    /** The backbones' ids, from their registry. */
    static final class BackboneIds extends java.util.ArrayList<String> {
        BackboneIds() {
            for (awrsr.nn.BackboneKind b : awrsr.nn.BackboneKind.values()) {
                add(b.id());
            }
        }
    }

    /** The bench's sections. */
    static final class BenchSections extends java.util.ArrayList<String> {
        BenchSections() {
            addAll(new java.util.TreeSet<>(awrsr.bench.Bench.SECTIONS));
        }
    }

    /** The version the build wrote into awrsr/version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("/awrsr/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"awrsr " + p.getProperty("version", "(version unknown)") + " (checkpoint format "
                    + Checkpoint.FORMAT_VERSION + ")"};
        }
    }
}
