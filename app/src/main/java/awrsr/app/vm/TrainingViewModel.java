package awrsr.app.vm;

import awrsr.util.Home;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.infer.AttentionTrace;
import awrsr.infer.Prediction;
import awrsr.infer.Recommender;
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
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The training pane: a form of hyperparameters with defaults and validation, a preview of the parsed data,
 * and a training run on its own thread with progress, per-epoch points for the charts, and the attention of
 * the editor's sequence snapshotted at every epoch. Cancel or a failure keeps the best checkpoint so far.
 */
public final class TrainingViewModel {
    /** One parsed interaction for the preview table. */
    public record PreviewRow(int user, int position, int item, String title) {}

    /** The attention of the edited sequence after one epoch. */
    /** One epoch on the charts: mean training loss, validation HR@10 and NDCG@10. */
    public record EpochPoint(int epoch, double loss, double validationHr10, double validationNdcg10) {}

    public record Snapshot(int epoch, List<Integer> items, List<String> titles, AttentionTrace trace) {}

    private final WorkbenchViewModel main;
    private final Executor fx;

    private final StringProperty data = new SimpleStringProperty(DatasetLoader.SHIPPED_NAME);
    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults();
    private final ObjectProperty<String> backbone = new SimpleObjectProperty<>(BackboneKind.SASREC.id());
    private final ObjectProperty<String> variant = new SimpleObjectProperty<>(Variant.VALUE.id());
    private final ObjectProperty<String> loss = new SimpleObjectProperty<>(DEFAULTS.loss().id());
    private final StringProperty epochs = new SimpleStringProperty(String.valueOf(DEFAULTS.epochs()));
    private final StringProperty seed = new SimpleStringProperty(String.valueOf(DEFAULTS.seed()));
    private final StringProperty maxLen = new SimpleStringProperty(String.valueOf(ModelConfig.DEFAULT_MAX_LEN));
    private final StringProperty dim = new SimpleStringProperty(String.valueOf(ModelConfig.DEFAULT_DIM));
    private final StringProperty layers = new SimpleStringProperty(String.valueOf(ModelConfig.DEFAULT_LAYERS));
    private final StringProperty heads = new SimpleStringProperty(String.valueOf(ModelConfig.DEFAULT_HEADS));
    private final StringProperty refineDim = new SimpleStringProperty(String.valueOf(ModelConfig.DEFAULT_REFINE_DIM));
    private final StringProperty dropout = new SimpleStringProperty(String.valueOf(ModelConfig.DEFAULT_DROPOUT));
    private final StringProperty lr = new SimpleStringProperty(String.valueOf(DEFAULTS.learningRate()));
    private final StringProperty batch = new SimpleStringProperty(String.valueOf(DEFAULTS.batchSize()));
    private final StringProperty patience = new SimpleStringProperty(String.valueOf(DEFAULTS.patience()));
    private final StringProperty weightDecay = new SimpleStringProperty(String.valueOf(DEFAULTS.weightDecay()));
    private final StringProperty beta2 = new SimpleStringProperty(String.valueOf(DEFAULTS.beta2()));
    private final ObjectProperty<String> init = new SimpleObjectProperty<>(DEFAULTS.init().id());
    /** Whether the backbone offers a choice of init: derived from it, never set. */
    private final javafx.beans.binding.BooleanBinding initChoosable = javafx.beans.binding.Bindings.createBooleanBinding(
            () -> offersInits(backbone.get()), backbone);
    /** STOSA's dropout on the attention maps; blank: the dropout rate, as on the command line. */
    private final StringProperty attnDropout = new SimpleStringProperty("");
    private final StringProperty pvnWeight = new SimpleStringProperty(String.valueOf(DEFAULTS.pvnWeight()));
    private final BooleanProperty referenceMeanBug = new javafx.beans.property.SimpleBooleanProperty(false);
    /** Whether the backbone has STOSA's options (attention dropout, pvn weight, the reference mean bug). */
    private final javafx.beans.binding.BooleanBinding stosaOptions = javafx.beans.binding.Bindings.createBooleanBinding(
            () -> isStosa(backbone.get()), backbone);
    private final StringProperty out = new SimpleStringProperty(defaultOut());

    private final ObservableList<PreviewRow> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ObservableList<EpochPoint> reports = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<double[]> popularity = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Snapshot> snapshots = FXCollections.observableArrayList();
    private final IntegerProperty shownSnapshot = new SimpleIntegerProperty(-1);
    private final ReadOnlyObjectWrapper<Checkpoint> checkpoint = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    private final AtomicBoolean cancel = new AtomicBoolean();
    private volatile Thread thread;
    private volatile List<Integer> watched = List.of();
    private final Map<String, Dataset> loaded = new ConcurrentHashMap<>();
    /** One worker for previews, in order; a preview started later wins over one started earlier. */
    private final java.util.concurrent.ExecutorService previewWorker = Workers.single("awrsr-preview");
    private final java.util.concurrent.atomic.AtomicLong previewGeneration = new java.util.concurrent.atomic.AtomicLong();

    public TrainingViewModel(WorkbenchViewModel main) {
        this.main = main;
        this.fx = main.fx();
        main.editor().addListener(() -> watched = List.copyOf(main.editor().items()));
        watched = List.copyOf(main.editor().items());
        variant.addListener((o, a, b) -> {
            if (!running.get()) {
                out.set(defaultOut());
            }
        });
        data.addListener((o, a, b) -> {
            if (!running.get() && b != null && awrsr.data.ToyWorlds.named(b) != null) {
                toyPreset();
            }
        });
        backbone.addListener((o, a, b) -> {
            if (!running.get() && b != null) {
                loss.set(Loss.defaultFor(BackboneKind.parse(b)).id());     // each backbone's own loss
                if (!offersInits(b)) {
                    init.set(awrsr.nn.Init.XAVIER.id());                       // STOSA draws as its code does
                }
                if (!isStosa(b)) {
                    referenceMeanBug.set(false);                 // not left ticked, greyed out, on a backbone without it
                }
                out.set(defaultOut());
            }
        });
    }

    /** Data the Train tab offers by name: the shipped MovieLens data and the toy worlds. */
    public List<String> dataChoices() {
        List<String> out = new ArrayList<>(List.of(DatasetLoader.SHIPPED_NAME));
        for (awrsr.data.ToyWorlds.World w : awrsr.data.ToyWorlds.World.values()) {
            out.add(w.id());
        }
        return out;
    }

    /** A toy world's recipe: a small model that learns the rule in well under a minute on two cores. */
    void toyPreset() {
        maxLen.set(String.valueOf(TOY_SHAPE.maxLen()));
        dim.set(String.valueOf(TOY_SHAPE.dim()));
        layers.set(String.valueOf(TOY_SHAPE.layers()));
        heads.set(String.valueOf(TOY_SHAPE.heads()));
        refineDim.set(String.valueOf(TOY_SHAPE.refineDim()));
        dropout.set(String.valueOf(TOY_SHAPE.dropout()));
        lr.set(String.valueOf(TOY_SETTINGS.learningRate()));
        batch.set(String.valueOf(TOY_SETTINGS.batchSize()));
        epochs.set(String.valueOf(TOY_SETTINGS.epochs()));
        patience.set(String.valueOf(TOY_SETTINGS.patience()));
        weightDecay.set(String.valueOf(TOY_SETTINGS.weightDecay()));
        beta2.set(String.valueOf(TOY_SETTINGS.beta2()));
        init.set(TOY_SETTINGS.init().id());
    }

    /** The toy worlds' recipe (also the bench's "toy" section). */
    public static final ModelConfig TOY_SHAPE = awrsr.train.ToyRecipe.SHAPE;
    public static final TrainingSettings TOY_SETTINGS = awrsr.train.ToyRecipe.SETTINGS;

    private String defaultOut() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Variant v = variant == null || variant.get() == null ? Variant.VALUE : Variant.parse(variant.get());
        BackboneKind b = backbone == null || backbone.get() == null ? BackboneKind.SASREC : BackboneKind.parse(backbone.get());
        String on = b == BackboneKind.SASREC ? "" : "-" + b.id();
        return Home.userModels().resolve((v == Variant.NONE ? b.id() : "awrsr-" + v.id() + on) + "-" + stamp).toString();
    }

    public StringProperty dataProperty() { return data; }
    /** The backbone, by id ("sasrec", "stosa"). */
    public ObjectProperty<String> backboneProperty() { return backbone; }
    public List<String> backboneChoices() { return Arrays.stream(BackboneKind.values()).map(BackboneKind::id).toList(); }
    /** The refinement mechanism, by id ("none", "value", ...; see {@link #variantChoices()}). */
    public ObjectProperty<String> variantProperty() { return variant; }
    /** The ids the variant may take, in the order the registry lists them. */
    public List<String> variantChoices() { return Arrays.stream(Variant.values()).map(Variant::id).toList(); }
    /** The training loss, by id ("bce", "ce"). */
    public ObjectProperty<String> lossProperty() { return loss; }
    public List<String> lossChoices() { return Arrays.stream(Loss.values()).map(Loss::id).toList(); }
    public StringProperty epochsProperty() { return epochs; }
    public StringProperty seedProperty() { return seed; }
    public StringProperty maxLenProperty() { return maxLen; }
    public StringProperty dimProperty() { return dim; }
    public StringProperty layersProperty() { return layers; }
    public StringProperty headsProperty() { return heads; }
    public StringProperty refineDimProperty() { return refineDim; }
    public StringProperty dropoutProperty() { return dropout; }
    public StringProperty lrProperty() { return lr; }
    public StringProperty batchProperty() { return batch; }
    public StringProperty patienceProperty() { return patience; }
    public StringProperty weightDecayProperty() { return weightDecay; }
    public StringProperty beta2Property() { return beta2; }
    /** How the fresh weights are drawn, by id ("xavier", "pytorch"). */
    public ObjectProperty<String> initProperty() { return init; }
    public List<String> initChoices() { return Arrays.stream(awrsr.nn.Init.values()).map(awrsr.nn.Init::id).toList(); }
    /** Whether the backbone offers a choice of init (SASRec does; STOSA draws as its official code does). */
    public javafx.beans.binding.BooleanExpression initChoosable() { return initChoosable; }
    public StringProperty attnDropoutProperty() { return attnDropout; }
    public StringProperty pvnWeightProperty() { return pvnWeight; }
    public BooleanProperty referenceMeanBugProperty() { return referenceMeanBug; }
    /** Whether the STOSA options apply: derived from the backbone, never set. */
    public javafx.beans.binding.BooleanExpression stosaOptions() { return stosaOptions; }
    public StringProperty outProperty() { return out; }
    public ObservableList<PreviewRow> previewRows() { return preview; }
    public ReadOnlyStringProperty previewSummaryProperty() { return previewSummary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty deviceProperty() { return device.getReadOnlyProperty(); }
    public ObservableList<EpochPoint> reports() { return reports; }
    /** The popularity baseline's validation HR@10 and NDCG@10 on the training data (null until it is known). */
    public ReadOnlyObjectProperty<double[]> popularityProperty() { return popularity.getReadOnlyProperty(); }
    public ObservableList<Snapshot> snapshots() { return snapshots; }
    public IntegerProperty shownSnapshotProperty() { return shownSnapshot; }
    public ReadOnlyObjectProperty<Checkpoint> checkpointProperty() { return checkpoint.getReadOnlyProperty(); }
    /** The last problem with the form or the run, or "". */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** The form as a model shape; names the field of a bad value. */
    public ModelConfig shape() {
        float rate = number("dropout", dropout);
        BackboneKind kind = BackboneKind.parse(backbone.get());
        boolean stosa = kind == BackboneKind.STOSA;
        float attention = stosa && !attnDropout.get().isBlank() ? number("attn-dropout", attnDropout) : rate;
        return new ModelConfig(Variant.parse(variant.get()), 1, integer("maxlen", maxLen), integer("dim", dim),
                integer("layers", layers), integer("heads", heads), integer("refine-dim", refineDim),
                rate, kind, attention, stosa && referenceMeanBug.get());
    }

    private static boolean isStosa(String backbone) {
        return backbone != null && BackboneKind.parse(backbone) == BackboneKind.STOSA;
    }

    private static boolean offersInits(String backbone) {
        return backbone == null || BackboneKind.parse(backbone).backbone().supports(awrsr.nn.Init.PYTORCH);
    }

    public TrainingSettings settings() {
        return new TrainingSettings(integer("epochs", epochs), integer("seed", seed), Loss.parse(loss.get()), number("lr", lr),
                integer("batch", batch), integer("patience", patience),
                isStosa(backbone.get()) ? number("pvn-weight", pvnWeight) : DEFAULTS.pvnWeight(),
                number("weight-decay", weightDecay), number("beta2", beta2), awrsr.nn.Init.parse(init.get()));
    }

    private static int integer(String name, StringProperty p) {
        try {
            return Integer.parseInt(p.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + p.get() + "' is not a whole number");
        }
    }

    private static float number(String name, StringProperty p) {
        try {
            return Float.parseFloat(p.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + p.get() + "' is not a number");
        }
    }

    /** Parses the dataset in the background and shows its first rows, or why it cannot be read. */
    public void loadPreview() {
        String spec = data.get().trim();
        previewSummary.set("Reading " + spec + "…");
        long gen = previewGeneration.incrementAndGet();
        previewWorker.execute(() -> {
            if (gen != previewGeneration.get()) {
                return;                                      // a newer preview was asked for: skip the read
            }
            try {
                Dataset d = dataset(spec);
                List<PreviewRow> rows = new ArrayList<>();
                for (int r = 0; r < d.userCount() && rows.size() < 50; r++) {
                    int[] seq = d.sequence(r);
                    for (int k = 0; k < seq.length && rows.size() < 50 && k < 10; k++) {
                        rows.add(new PreviewRow(d.userId(r), k + 1, seq[k], d.catalog().get(seq[k]).displayTitle()));
                    }
                }
                String text = String.format(Locale.ROOT, "%s: %d users, %d items, %d interactions; %s", d.name(),
                        d.userCount(), d.itemIds().length, d.interactionCount(), d.report());
                fx.execute(() -> {
                    if (gen == previewGeneration.get()) {
                        preview.setAll(rows);
                        previewSummary.set(text);
                        error.set("");
                    }
                });
            } catch (Exception e) {
                fx.execute(() -> {
                    if (gen == previewGeneration.get()) {
                        preview.clear();
                        previewSummary.set("");
                        error.set(e.getMessage());
                    }
                });
            }
        });
    }

    private Dataset dataset(String spec) throws java.io.IOException {
        Dataset d = loaded.get(spec);
        if (d == null) {
            d = DatasetLoader.load(spec);
            loaded.put(spec, d);
        }
        return d;
    }

    /** Starts a run on its own thread; returns false (and says why) when the form has a bad value. */
    public boolean start() {
        if (running.get()) {
            return false;
        }
        ModelConfig shape;
        TrainingSettings settings;
        Path folder;
        try {
            shape = shape();
            settings = settings();
            folder = Path.of(out.get().trim());
            if (Files.exists(folder.resolve(Checkpoint.CONFIG))) {
                throw new IllegalArgumentException("output folder " + folder + " already holds a checkpoint; "
                        + "choose another folder");
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        error.set("");
        reports.clear();
        snapshots.clear();
        shownSnapshot.set(-1);
        checkpoint.set(null);
        cancel.set(false);
        running.set(true);
        progress.set(0);
        progressText.set("Loading data…");
        String spec = data.get().trim();
        Thread t = new Thread(() -> run(spec, shape, settings, folder), "awrsr-training");
        t.setDaemon(true);
        thread = t;
        t.start();
        return true;
    }

    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            progressText.set(progressText.get() + " · cancelling after this batch…");
        }
    }

    /**
     * Cancels a run and waits for it to stop, so the program never exits while the engine is mid-step
     * (libtorch crashes when the JVM shuts down under a running kernel).
     */
    public void shutdown(long timeoutMillis) {
        cancel.set(true);
        Thread t = thread;
        if (t != null) {
            try {
                t.join(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Opens the trained (best) checkpoint in the explorer. */
    public void openTrained() {
        if (checkpoint.get() != null) {
            main.openModel(checkpoint.get().folder());
        }
    }

    private void run(String spec, ModelConfig shape, TrainingSettings settings, Path folder) {
        long start = System.nanoTime();
        try {
            Dataset d = dataset(spec);
            // the line to beat: popularity's validation HR@10 and NDCG@10, ranked as the epochs are
            awrsr.data.LeaveOneOutSplit split = new awrsr.data.LeaveOneOutSplit(d);
            awrsr.nn.ItemIndex index = new awrsr.nn.ItemIndex(d.itemIds());
            awrsr.eval.Metrics pop = awrsr.eval.Evaluator.evaluate(new awrsr.eval.PopularityBaseline(split, index), split,
                    index, awrsr.eval.Protocol.FULL, awrsr.eval.RankTarget.VALIDATION).metrics();
            fx.execute(() -> popularity.set(new double[] {pop.hr10(), pop.ndcg10()}));
            ModelTrainer trainer = new ModelTrainer(d, main.forceCpuProperty().get() ? ai.djl.Device.cpu() : null);
            // a batch too large for the free memory runs in passes that fit (the same updates), as on the command line
            long available = awrsr.util.SystemMemory.availableBytes();
            String passes = "";
            if (available > 0) {
                ModelConfig sized = shape.withNumItems(d.itemIds().length);
                awrsr.train.MemoryNeed need = awrsr.train.MemoryNeed.of(sized, settings);
                awrsr.train.MemoryNeed.Passes plan = need.passes(sized, settings.batchSize(), 0, available);
                int planned = plan.planned();
                int pass = plan.fitting();
                if (pass == 0) {
                    throw new java.io.IOException(need.tooLarge(sized, available) + "; lower the maximum length");
                }
                trainer.microBatch(pass < planned ? pass : 0);
                if (pass < planned) {
                    passes = String.format(Locale.ROOT, " · passes of %d sequences to fit the free memory (%.1f GB)",
                            pass, available / 1e9);
                }
            }
            String where = trainer.deviceDescription() + passes;
            fx.execute(() -> device.set(where));
            int[] plan = new int[3];   // first epoch, last epoch, batches per epoch
            long[] lastShown = {0};   // progress reaches the screen at most ten times a second
            TrainingResult result = trainer.train(shape, settings, folder, new TrainingListener() {
                @Override
                public void onStart(int first, int last, int batches) {
                    plan[0] = first;
                    plan[1] = last;
                    plan[2] = batches;
                }

                @Override
                public void onBatch(int epoch, int b, int batches, double value) {
                    long now = System.nanoTime();
                    if (now - lastShown[0] < 100_000_000L && b < batches) {
                        return;
                    }
                    lastShown[0] = now;
                    long done = (long) (epoch - plan[0]) * batches + b;
                    long total = (long) (plan[1] - plan[0] + 1) * batches;
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double eta = seconds / done * (total - done);
                    String text = String.format(Locale.ROOT, "epoch %d of at most %d · batch %d/%d · loss %.4f · %s left at most",
                            epoch, plan[1], b, batches, value, duration(eta));
                    fx.execute(() -> {
                        progress.set((double) done / total);
                        if (running.get() && !cancel.get()) {
                            progressText.set(text);
                        }
                    });
                }

                @Override
                public void onEpoch(EpochReport r) {
                    EpochPoint point = new EpochPoint(r.epoch(), r.loss(), r.validationHr10(), r.validationNdcg10());
                    fx.execute(() -> reports.add(point));
                }

                @Override
                public void onEpochModel(int epoch, java.util.function.Supplier<Recommender> snapshot) {
                    List<Integer> seq = watched;
                    if (seq.isEmpty()) {
                        return;
                    }
                    try (Recommender model = snapshot.get()) {
                        List<Integer> known = seq.stream().filter(model.itemIndex()::contains).toList();
                        if (known.isEmpty()) {
                            return;
                        }
                        Prediction p = model.predict(known, 10, true, true);
                        List<String> titles = WorkbenchViewModel.shortTitles(p.items().stream()
                                .map(id -> model.catalog().get(id)).toList());
                        Snapshot s = new Snapshot(epoch, p.items(), titles, p.trace());
                        fx.execute(() -> {
                            boolean follow = shownSnapshot.get() == snapshots.size() - 1;
                            snapshots.add(s);
                            if (follow) {
                                shownSnapshot.set(snapshots.size() - 1);
                            }
                        });
                    }
                }

                @Override
                public boolean cancelRequested() {
                    return cancel.get();
                }
            });
            Checkpoint best = result.checkpoint();
            String summary = String.format(Locale.ROOT, "%s after %d epoch(s): best epoch %d, test NDCG@10 %.4f (full protocol); saved to %s",
                    result.cancelled() ? "Cancelled" : "Finished", result.epochs().size(), best.bestEpoch(),
                    best.metrics().has("test_full") ? best.metrics().getAsJsonObject("test_full").get("NDCG@10").getAsDouble() : Double.NaN,
                    best.folder());
            fx.execute(() -> {
                checkpoint.set(best);
                progressText.set(summary);
                progress.set(1);
                running.set(false);
            });
        } catch (Exception e) {
            Checkpoint saved = null;                         // read here, on the training thread
            try {
                if (Files.exists(folder.resolve(Checkpoint.CONFIG))) {
                    saved = Checkpoint.read(folder);
                }
            } catch (java.io.IOException ignored) {
                // nothing loadable: the message says so by omission
            }
            Checkpoint kept = saved;
            String keptText = kept != null ? " The best checkpoint so far is kept in " + folder + "." : "";
            fx.execute(() -> {
                error.set("Training failed: " + e.getMessage() + keptText);
                progressText.set("Failed.");
                running.set(false);
                if (kept != null) {
                    checkpoint.set(kept);
                }
            });
        }
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
