package awrsr.app.vm;

import ai.djl.Device;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.data.Item;
import awrsr.data.ItemCatalog;
import awrsr.infer.CellArithmetic;
import awrsr.infer.Explanation;
import awrsr.infer.HeadTrace;
import awrsr.infer.Prediction;
import awrsr.infer.RankedItem;
import awrsr.infer.Recommender;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the main window shows, as properties, and every command it offers, as methods; it never
 * touches a control, so it is tested without a screen. All methods are called on the FX thread; model
 * work runs on {@code worker}, and results come back through {@code fx}. When edits arrive faster than
 * inference, only the newest is computed and shown: a request that has been overtaken is skipped
 * before it starts and dropped if it finishes late.
 */
public final class WorkbenchViewModel {
    public static final int TITLE_CHARS = 28;
    /**
     * Threads an explanation's leave-one-out passes and the Analyse tab's users run on: the processors, at
     * most 4 (the engine's own intra-op threads stay 1, see Launcher).
     */
    public static final int EXPLAIN_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final Executor fx;
    private final ExecutorService worker;
    private final BooleanProperty showImportance = new SimpleBooleanProperty(true);
    private final BooleanProperty occlusion = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<ImportanceResult> importance = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper importanceStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ExplainedCell> explainedCell = new ReadOnlyObjectWrapper<>();
    private final java.util.concurrent.atomic.AtomicLong previewGeneration = new java.util.concurrent.atomic.AtomicLong();
    private final SequenceEditor editor = new SequenceEditor();
    private final AtomicLong generation = new AtomicLong();

    private final ReadOnlyObjectWrapper<Recommender> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> modelPath = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SequenceRow> sequence = FXCollections.observableArrayList();
    private final ObservableList<SequenceRow> sequenceView = FXCollections.unmodifiableObservableList(sequence);
    private final ObservableList<PredictionRow> predictions = FXCollections.observableArrayList();
    private final ObservableList<PredictionRow> predictionsView = FXCollections.unmodifiableObservableList(predictions);
    private final ReadOnlyObjectWrapper<InferenceResult> result = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty topK = new SimpleIntegerProperty(10);
    private final BooleanProperty excludeHistory = new SimpleBooleanProperty(true);
    private final BooleanProperty showWeights = new SimpleBooleanProperty(false);
    private final BooleanProperty forceCpu = new SimpleBooleanProperty(false);
    private final ObjectProperty<Integer> pinned = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper pinnedRank = new ReadOnlyStringWrapper("");
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(0);
    private final IntegerProperty selectedHead = new SimpleIntegerProperty(0);
    private final ObjectProperty<Cell> hovered = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper hoverReadout = new ReadOnlyStringWrapper("");
    private final StringProperty mapFocus = new javafx.beans.property.SimpleStringProperty();
    private final ObjectProperty<Double> lockedScale = new SimpleObjectProperty<>();
    private final ObjectProperty<double[]> mapZoom = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper modelSummary = new ReadOnlyStringWrapper("no model");
    private final ReadOnlyStringWrapper datasetSummary = new ReadOnlyStringWrapper("no dataset");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inferenceTime = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper editToScreen = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyStringWrapper engineTask = new javafx.beans.property.ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyDoubleWrapper engineProgress = new javafx.beans.property.ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<Integer> currentUser = new ReadOnlyObjectWrapper<>();

    /** What the Change column compares with: the previous prediction; null right after a new history is loaded. */
    private Prediction changeBase;
    private List<Integer> loadedItems = List.of();
    private final ReadOnlyStringWrapper historyLabel = new ReadOnlyStringWrapper("");
    private String datasetSpec;
    private Integer previousPinnedRank;
    private long lastRenderNanos = -1;
    private final ReadOnlyObjectWrapper<InferenceResult> rendered = new ReadOnlyObjectWrapper<>();

    public WorkbenchViewModel(Executor fx, ExecutorService worker) {
        this.fx = fx;
        this.worker = worker;
        editor.addListener(this::sequenceChanged);
        topK.addListener((o, a, b) -> requestInference());
        excludeHistory.addListener((o, a, b) -> requestInference());
        pinned.addListener((o, a, b) -> {
            previousPinnedRank = null;
            updatePinnedRank(result.get());
            requestImportance(result.get());
        });
        showImportance.addListener((o, a, b) -> requestImportance(result.get()));
        occlusion.addListener((o, a, b) -> requestImportance(result.get()));
        hovered.addListener((o, a, b) -> updateHoverReadout());
        result.addListener((o, a, b) -> updateHoverReadout());
        forceCpu.addListener((o, a, b) -> {
            if (modelPath.get() != null) {
                openModel(modelPath.get());
            }
        });
    }

    // ---------------------------------------------------------------- properties

    /** Hands work back to the UI thread (for the pane view-models that share this one's threads). */
    Executor fx() { return fx; }

    /** Hands work to the model thread; after {@link #shutdown} late requests (say, a load finishing) are dropped. */
    void onWorker(Runnable task) {
        if (worker.isShutdown()) {
            return;
        }
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the window is closing: nothing is waiting for this any more
        }
    }

    public SequenceEditor editor() { return editor; }
    public ReadOnlyObjectProperty<Recommender> modelProperty() { return model.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Dataset> datasetProperty() { return dataset.getReadOnlyProperty(); }
    // one read-only view each: a view made per call is only weakly held by its list, so a listener added to it
    // disappeared with the next garbage collection (the history's count line never appeared)
    public ObservableList<SequenceRow> sequence() { return sequenceView; }
    public ObservableList<PredictionRow> predictions() { return predictionsView; }
    /** "User 11 · 38 items", "User 11, edited · 39 items", "A new history · 3 items". */
    public ReadOnlyStringProperty historyLabelProperty() { return historyLabel.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<InferenceResult> resultProperty() { return result.getReadOnlyProperty(); }
    public IntegerProperty topKProperty() { return topK; }
    public BooleanProperty excludeHistoryProperty() { return excludeHistory; }
    public BooleanProperty showWeightsProperty() { return showWeights; }
    /** Whether each prediction is explained (leave-one-out, gradient × input, attention summaries). */
    public BooleanProperty showImportanceProperty() { return showImportance; }
    /**
     * Whether explanations also mask each item in place (occlusion: the other items keep their positions) and
     * give every signal's correlation with that; about twice their time.
     */
    public BooleanProperty occlusionProperty() { return occlusion; }
    /** The explanation of the result on screen, or null while it is computed (or switched off). */
    public ReadOnlyObjectProperty<ImportanceResult> importanceProperty() { return importance.getReadOnlyProperty(); }
    /**
     * A clicked cell's arithmetic, with the layer and head it belongs to.
     *
     * @param arithmetic how the cell is computed (its map, row, column and value)
     */
    public record ExplainedCell(int layer, int head, CellArithmetic.Cell arithmetic) {}

    /** The clicked cell and how it is computed (see {@link #explainCell}), or null. */
    public ReadOnlyObjectProperty<ExplainedCell> explainedCellProperty() { return explainedCell.getReadOnlyProperty(); }

    /**
     * Shows how a cell of the shown result's map {@code mapId} is computed, with this sequence's numbers
     * ({@link CellArithmetic}); a few thousand multiplications, done at once.
     */
    public void explainCell(int layer, int head, String mapId, int row, int column) {
        InferenceResult r = result.get();
        if (r == null || r.prediction().trace() == null) {
            return;
        }
        try {
            explainedCell.set(new ExplainedCell(layer, head,
                    CellArithmetic.explain(r.prediction().trace().head(layer, head), mapId, row, column)));
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
        }
    }

    public void closeCellArithmetic() {
        explainedCell.set(null);
    }

    /** The what-if on screen (see {@link #previewEdit}), or null. */
    public ReadOnlyObjectProperty<Preview> previewProperty() { return preview.getReadOnlyProperty(); }
    /** "importance: computing…", "importance 31 ms", or a failure. */
    public ReadOnlyStringProperty importanceStatusProperty() { return importanceStatus.getReadOnlyProperty(); }
    public BooleanProperty forceCpuProperty() { return forceCpu; }
    public ObjectProperty<Integer> pinnedProperty() { return pinned; }
    public ReadOnlyStringProperty pinnedRankProperty() { return pinnedRank.getReadOnlyProperty(); }
    public IntegerProperty selectedLayerProperty() { return selectedLayer; }
    public IntegerProperty selectedHeadProperty() { return selectedHead; }
    public ObjectProperty<Cell> hoveredProperty() { return hovered; }
    /**
     * The top of the colour scale A and W share, when locked (across edits and models, so that a class
     * compares like with like); null: each head's maps are scaled to their own values.
     */
    public ObjectProperty<Double> lockedScaleProperty() { return lockedScale; }
    /** The maps' zoom and pan {factor, first row, first column}, as the view last set it; null: whole maps. */
    public ObjectProperty<double[]> mapZoomProperty() { return mapZoom; }
    /** The map of the selected head drawn alone, by the start of its title ("Refined W"); null: all of them. */
    public StringProperty mapFocusProperty() { return mapFocus; }
    public ReadOnlyStringProperty hoverReadoutProperty() { return hoverReadout.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelSummaryProperty() { return modelSummary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty datasetSummaryProperty() { return datasetSummary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty deviceProperty() { return device.getReadOnlyProperty(); }
    public ReadOnlyStringProperty inferenceTimeProperty() { return inferenceTime.getReadOnlyProperty(); }
    public ReadOnlyStringProperty editToScreenProperty() { return editToScreen.getReadOnlyProperty(); }
    /** The last problem to tell the user about (background failures included), or "". */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** What the engine's start is doing ("" once it is up): unpacking libtorch on the first start. */
    public ReadOnlyStringProperty engineTaskProperty() { return engineTask.getReadOnlyProperty(); }
    /** The engine start's progress in [0, 1], or -1 when unknown. */
    public javafx.beans.property.ReadOnlyDoubleProperty engineProgressProperty() { return engineProgress.getReadOnlyProperty(); }

    /**
     * Shows the engine's start (FX thread): "Unpacking the PyTorch engine (first start only): 120 of 427 MB"
     * with its fraction, "Starting the PyTorch engine" when nothing needs unpacking, nothing once it is up.
     * A failed start is said in the notification bar.
     */
    public void showEngineStart(awrsr.util.EngineStartup.Progress p) {
        if (p == null) {
            return;
        }
        if (p.done()) {
            engineTask.set("");
            engineProgress.set(0);
            if (p.error() != null) {
                message.set("The PyTorch engine could not start: " + p.error().getMessage() + " (engine cache: "
                        + awrsr.util.EngineStartup.engineCacheDir() + ")");
            }
            return;
        }
        if (p.unpacking()) {
            engineTask.set(String.format(Locale.ROOT, "Unpacking the PyTorch engine (first start only): %d of %d MB",
                    p.bytes() >> 20, p.expected() >> 20));
            engineProgress.set(p.fraction());
        } else {
            engineTask.set("Starting the PyTorch engine…");
            engineProgress.set(-1);
        }
    }
    public ReadOnlyObjectProperty<Integer> currentUserProperty() { return currentUser.getReadOnlyProperty(); }
    /** The last result known to be on screen. */
    public ReadOnlyObjectProperty<InferenceResult> renderedProperty() { return rendered.getReadOnlyProperty(); }

    /** Runs {@code action} once, on the FX thread, when the next inference result is on screen. */
    public void onNextRender(Runnable action) {
        rendered.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends InferenceResult> o, InferenceResult a,
                                InferenceResult b) {
                rendered.removeListener(this);
                action.run();
            }
        });
    }

    public Recommender model() { return model.get(); }

    /** Whether the loaded model's scores are minus distances (STOSA ranks items by closeness). */
    public boolean scoresAreDistances() {
        Recommender m = model.get();
        return m != null && m.scoresAreDistances();
    }
    public InferenceResult result() { return result.get(); }

    /** The loaded model's name for people ("AWRSR value", "SASRec"), or "" when none is loaded. */
    public String modelName() {
        return model.get() == null ? "" : model.get().config().displayName();
    }

    /** The last edit-to-screen time in nanoseconds, or -1 before the first render. */
    public long lastRenderNanos() {
        return lastRenderNanos;
    }

    public void clearMessage() {
        message.set("");
    }

    /** Tells the user something (a refused input, say) through the notification bar. */
    public void say(String text) {
        message.set(text);
    }

    // ---------------------------------------------------------------- loading

    /** Loads a checkpoint off the FX thread; on failure the model already loaded stays loaded. */
    public CompletableFuture<Recommender> openModel(Path folder) {
        return openModel(folder, true);
    }

    /**
     * @param predictNow whether the current history is predicted with the new model at once (false when a
     *     caller sets another history right after, as restoring a session does: the old one may hold items
     *     the new model does not know)
     */
    private CompletableFuture<Recommender> openModel(Path folder, boolean predictNow) {
        busy.set(true);
        Device target = forceCpu.get() ? Device.cpu() : null;
        CompletableFuture<Recommender> done = new CompletableFuture<>();
        onWorker(() -> {
            try {
                awrsr.util.EngineStartup.start().join();    // its own thread: data loads meanwhile
                Recommender loaded = Recommender.load(folder, target);
                Dataset data = dataset.get();
                String mismatch = data == null ? null : loaded.mismatch(data);
                if (mismatch != null) {
                    loaded.close();
                    throw new java.io.IOException(mismatch + ". Open that dataset first (File → Open dataset)");
                }
                fx.execute(() -> {
                    Recommender old = model.get();
                    model.set(loaded);
                    modelPath.set(folder);
                    var c = loaded.config();
                    modelSummary.set(folder.getFileName() + " · " + c.displayName() + " · " + c.shapeSummary());
                    device.set(loaded.deviceDescription());
                    selectedLayer.set(Math.min(selectedLayer.get(), c.layers() - 1));
                    selectedHead.set(Math.min(selectedHead.get(), c.heads() - 1));
                    busy.set(false);
                    if (old != null) {
                        onWorker(old::close);
                    }
                    changeBase = null;
                    if (predictNow) {
                        sequenceChanged();
                    }
                    done.complete(loaded);
                });
            } catch (Exception e) {
                fail("Could not open model " + folder + ": " + e.getMessage(), e, done);
            }
        });
        return done;
    }

    /** Loads a dataset (a folder, file, or "movielens-small") off the FX thread. */
    public CompletableFuture<Dataset> openDataset(String spec) {
        busy.set(true);
        CompletableFuture<Dataset> done = new CompletableFuture<>();
        onWorker(() -> {
            try {
                Dataset d = DatasetLoader.load(spec);
                // here, not on the FX thread: both sort every interaction of the data
                String summary = String.format(Locale.ROOT, "%s · %d users · %d items%s", d.name(), d.userCount(),
                        d.itemIds().length, d.report().skippedLines() > 0
                                ? " · " + d.report().skippedLines() + " lines skipped" : "");
                Recommender current = model.get();
                String mismatch = current == null ? null : current.mismatch(d);
                fx.execute(() -> {
                    datasetSpec = spec;
                    dataset.set(d);
                    datasetSummary.set(summary);
                    if (d.report().skippedLines() > 0 || d.report().duplicateInteractions() > 0) {
                        message.set("Loaded " + d.name() + ": " + d.report());
                    }
                    if (mismatch != null) {
                        message.set("Note: " + mismatch + ". Open a model trained on this data (File → Open model)");
                    }
                    busy.set(false);
                    done.complete(d);
                });
            } catch (Exception e) {
                fail("Could not open dataset " + spec + ": " + e.getMessage(), e, done);
            }
        });
        return done;
    }

    private <T> void fail(String text, Exception e, CompletableFuture<T> done) {
        fx.execute(() -> {
            message.set(text);
            busy.set(false);
            done.completeExceptionally(e);
        });
    }

    // ---------------------------------------------------------------- the sequence

    /** Users of the loaded dataset as (user id, history length), in id order. */
    public List<int[]> users() {
        Dataset d = dataset.get();
        List<int[]> out = new ArrayList<>();
        if (d != null) {
            for (int r = 0; r < d.userCount(); r++) {
                out.add(new int[] {d.userId(r), d.sequence(r).length});
            }
        }
        return out;
    }

    /** Replaces the history by a user's whole history (undoable). */
    public void loadUser(int userId) {
        Dataset d = dataset.get();
        if (d == null) {
            message.set("Open a dataset first");
            return;
        }
        int row = d.rowOfUser(userId);
        if (row < 0) {
            message.set("No user " + userId + " in " + d.name());
            return;
        }
        List<Integer> items = new ArrayList<>();
        for (int id : d.sequence(row)) {
            items.add(id);
        }
        currentUser.set(userId);
        startNewHistory(items);
        editor.load(items, "load user " + userId);
    }

    /**
     * The error-analysis view of a user: their history up to the validation item (what the model read to
     * predict the test item), with the test item pinned as the target.
     */
    public void loadTestHistory(int userId) {
        Dataset d = dataset.get();
        int row = d == null ? -1 : d.rowOfUser(userId);
        if (row < 0) {
            message.set("No user " + userId + " in the loaded dataset");
            return;
        }
        awrsr.data.LeaveOneOutSplit split = new awrsr.data.LeaveOneOutSplit(d);
        if (!split.hasTargets(row)) {
            message.set("User " + userId + " has fewer than 3 interactions: no test item");
            return;
        }
        List<Integer> items = new ArrayList<>();
        for (int id : split.testInput(row)) {
            items.add(id);
        }
        currentUser.set(userId);
        pinned.set(split.testTarget(row));
        startNewHistory(items);
        editor.load(items, "load user " + userId + " (test history)");
    }

    public void newEmpty() {
        currentUser.set(null);
        startNewHistory(List.of());
        editor.load(List.of(), "clear the history");
    }

    /** A history from elsewhere: the Change column starts afresh, the label names it unedited. */
    private void startNewHistory(List<Integer> items) {
        changeBase = null;
        loadedItems = List.copyOf(items);
    }

    private void updateHistoryLabel() {
        Integer user = currentUser.get();
        List<Integer> items = editor.items();
        boolean edited = !items.equals(loadedItems);
        historyLabel.set((user == null ? "A new history" : "User " + user + (edited ? ", edited" : ""))
                + " · " + items.size() + " items");
    }

    /** Adds an item at the end; refuses items the model does not know, by name. */
    public boolean addItem(int id) {
        if (!known(id)) {
            return false;
        }
        editor.add(id);
        return true;
    }

    public boolean replaceAt(int position, int id) {
        if (!known(id)) {
            return false;
        }
        editor.replace(position, id);
        return true;
    }

    public void removeAt(int position) {
        editor.remove(position);
    }

    public void move(int from, int to) {
        editor.move(from, to);
    }

    public boolean undo() {
        return editor.undo();
    }

    public boolean redo() {
        return editor.redo();
    }

    private boolean known(int id) {
        Recommender m = model.get();
        if (m != null && !m.itemIndex().contains(id)) {
            message.set("Item " + id + " is not among the model's " + m.itemIndex().size() + " items");
            return false;
        }
        return true;
    }

    /**
     * An item as the search field offers it.
     *
     * @param label "Title (year)  #id", what the field shows and matches
     */
    public record ItemChoice(int id, String label) {
        static ItemChoice of(Item i) {
            return new ItemChoice(i.id(), i.displayTitle() + (i.year() == null ? "" : " (" + i.year() + ")") + "  #" + i.id());
        }

        @Override public String toString() { return label; }
    }

    /** The catalog items whose title contains all words of {@code text} (or whose id is it), best first. */
    public List<ItemChoice> searchItems(String text, int limit) {
        Recommender m = model.get();
        List<ItemChoice> out = new ArrayList<>();
        if (m == null || text == null || text.isBlank()) {
            return out;
        }
        String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        ItemCatalog catalog = m.catalog();
        for (int id : m.itemIndex().ids()) {
            Item item = catalog.get(id);
            String hay = (item.displayTitle() + " " + (item.year() == null ? "" : item.year()) + " #" + id)
                    .toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                if (!hay.contains(w)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(ItemChoice.of(item));
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** The item with this id as the search field offers it. */
    public ItemChoice itemChoice(int id) {
        return ItemChoice.of(item(id));
    }

    /** Pins an item as the target; an id the model does not know is refused in words. */
    public boolean pin(int id) {
        if (!known(id)) {
            return false;
        }
        pinned.set(id);
        return true;
    }

    /** An item's full display title ("Matrix, The" becomes "The Matrix"). */
    public String title(int id) {
        return item(id).displayTitle();
    }

    /** An item's title cut to the maps' label width. */
    public String shortTitle(int id) {
        return shortTitle(item(id));
    }

    Item item(int id) {
        Recommender m = model.get();
        if (m != null) {
            return m.catalog().get(id);
        }
        Dataset d = dataset.get();
        return d != null ? d.catalog().get(id) : Item.untitled(id);
    }

    public static String shortTitle(Item item) {
        return cut(item.displayTitle(), TITLE_CHARS);
    }

    private static String cut(String t, int chars) {
        return t.length() <= chars ? t : t.substring(0, Math.max(1, chars - 1)) + "…";
    }

    /**
     * The items' labels for the maps: each title cut to {@link #TITLE_CHARS}, and where two different items
     * would get the same label ("Lord of the Rings: The Tw…" and "… The Re…"), their year is appended, or
     * their id when the years do not tell them apart either. The same item keeps the same label.
     */
    public static List<String> shortTitles(List<Item> items) {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            out.add(shortTitle(i));
        }
        for (int pass = 0; pass < 2; pass++) {
            java.util.Map<String, java.util.Set<Integer>> ids = new java.util.HashMap<>();
            for (int k = 0; k < items.size(); k++) {
                ids.computeIfAbsent(out.get(k), x -> new java.util.HashSet<>()).add(items.get(k).id());
            }
            for (int k = 0; k < items.size(); k++) {
                if (ids.get(out.get(k)).size() > 1) {
                    Item i = items.get(k);
                    String tag = pass == 0 && i.year() != null ? " (" + i.year() + ")" : " #" + i.id();
                    out.set(k, cut(i.displayTitle(), TITLE_CHARS - tag.length()) + tag);
                }
            }
        }
        return out;
    }

    /**
     * What-if: the prediction with the item at {@code windowColumn} of the shown result removed from the
     * history, or moved to its end, without making the edit; {@link #commitPreview} makes it,
     * {@link #dropPreview} (or any other edit) forgets it.
     */
    public void previewEdit(int windowColumn, boolean moveToEnd) {
        InferenceResult r = result.get();
        Recommender m = model.get();
        if (r == null || m == null || windowColumn < 0 || windowColumn >= r.prediction().items().size()) {
            return;
        }
        int position = r.prediction().droppedFromFront() + windowColumn;
        List<Integer> items = new ArrayList<>(editor.items());
        int item = items.remove(position);
        if (moveToEnd) {
            if (position == items.size()) {
                return;                                   // already the newest item
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            return;
        }
        String description = (moveToEnd ? "with " + shortTitle(m.catalog().get(item)) + " moved to the end"
                : "without " + shortTitle(m.catalog().get(item)));
        int k = Math.max(1, topK.get());
        boolean exclude = excludeHistory.get();
        ImportanceResult x = importance.get();
        Integer explained = x == null ? null : x.explanation().target();
        long gen = previewGeneration.incrementAndGet();
        onWorker(() -> {
            Prediction p = m.predict(items, k, exclude, false);
            String targetLine = "";
            if (explained != null) {
                int before = m.rankOf(r.prediction(), explained) + 1;
                int after = m.rankOf(p, explained) + 1;
                targetLine = shortTitle(m.catalog().get(explained)) + ": rank " + before + " → " + after;
            }
            List<PredictionRow> rows = rows(m, p, r.prediction());
            Preview pv = new Preview(description, position, moveToEnd, List.copyOf(rows), targetLine);
            fx.execute(() -> {
                if (previewGeneration.get() == gen && result.get() == r) {
                    preview.set(pv);
                }
            });
        });
    }

    /** Makes the previewed edit (undoable like any other); false when there is none. */
    public boolean commitPreview() {
        Preview p = preview.get();
        if (p == null) {
            return false;
        }
        dropPreview();
        if (p.moveToEnd()) {
            editor.move(p.position(), editor.size() - 1);
        } else {
            editor.remove(p.position());
        }
        return true;
    }

    /** Forgets the preview; false when there was none. */
    public boolean dropPreview() {
        previewGeneration.incrementAndGet();
        boolean had = preview.get() != null;
        preview.set(null);
        return had;
    }

    private void sequenceChanged() {
        dropPreview();
        closeCellArithmetic();                         // its numbers were those of the old history
        updateHistoryLabel();
        List<Integer> items = editor.items();
        int n = model.get() == null ? Integer.MAX_VALUE : model.get().config().maxLen();
        int firstInWindow = Math.max(0, items.size() - n);
        List<SequenceRow> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = item(items.get(i));
            rows.add(new SequenceRow(i, item.id(), item.displayTitle(), item.year(), String.join(", ", item.genres()),
                    i >= firstInWindow));
        }
        sequence.setAll(rows);
        requestInference();
    }

    // ---------------------------------------------------------------- inference

    /** Asks for a new prediction of the current state; only the newest request is shown. */
    public void requestInference() {
        Recommender m = model.get();
        long gen = generation.incrementAndGet();
        long requestedAt = System.nanoTime();
        if (m == null) {
            return;
        }
        List<Integer> items = List.copyOf(editor.items());
        if (items.isEmpty()) {
            result.set(null);
            predictions.clear();
            pinnedRank.set("");
            inferenceTime.set("");
            return;
        }
        int k = Math.max(1, topK.get());
        boolean exclude = excludeHistory.get();
        onWorker(() -> {
            if (generation.get() != gen) {
                return;   // overtaken before it started
            }
            try {
                Prediction p = m.predict(items, k, exclude, true);
                List<Item> read = new ArrayList<>();
                for (int id : p.items()) {
                    read.add(m.catalog().get(id));
                }
                InferenceResult r = new InferenceResult(gen, p, List.copyOf(shortTitles(read)), requestedAt);
                fx.execute(() -> publish(r, m));
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (generation.get() == gen) {
                        message.set("Prediction failed: " + e.getMessage());
                    }
                });
            }
        });
    }

    /**
     * The predictions as rows, each with its move against {@code base}: its rank in the whole previous
     * ranking, not only among the items shown then (raising k marks nothing); "new" for an item that was
     * left out of the previous ranking (it was in the history); no mark at all without a base.
     */
    private static List<PredictionRow> rows(Recommender m, Prediction p, Prediction base) {
        List<PredictionRow> rows = new ArrayList<>();
        for (RankedItem item : p.top()) {
            Integer before = item.rank();
            if (base != null) {
                int index = m.itemIndex().indexOf(item.item());
                before = base.excluded().get(index) ? null : m.rankOf(base, item.item());
            }
            rows.add(new PredictionRow(item.rank(), item.item(), item.title(), item.score(),
                    PredictionRow.change(before, item.rank())));
        }
        return rows;
    }

    private void publish(InferenceResult r, Recommender m) {
        if (generation.get() != r.generation() || model.get() != m) {
            return;   // a newer edit is on its way
        }
        Prediction p = r.prediction();
        predictions.setAll(rows(m, p, changeBase));
        changeBase = p;
        inferenceTime.set(String.format(Locale.ROOT, "inference %.1f ms", p.nanos() / 1e6));
        if (p.droppedFromFront() > 0) {
            message.set("The model reads the last " + m.config().maxLen() + " items; " + p.droppedFromFront()
                    + " earlier item(s) are outside its window");
        }
        result.set(r);
        updatePinnedRank(r);
        requestImportance(r);
    }

    /**
     * Explains the result on screen on the model thread, after its prediction: the pinned target, or the
     * top-1 prediction. Dropped when a newer edit overtakes it before it starts.
     */
    private void requestImportance(InferenceResult r) {
        importance.set(null);
        Recommender m = model.get();
        if (r == null || m == null || !showImportance.get()) {
            importanceStatus.set("");
            return;
        }
        Integer t = pinnedOrNull(m);
        List<Integer> items = List.copyOf(editor.items());
        boolean occluding = occlusion.get();
        importanceStatus.set("importance: computing…");
        onWorker(() -> {
            if (generation.get() != r.generation()) {
                return;
            }
            try {
                long start = System.nanoTime();
                Explanation x = m.explain(items, t, EXPLAIN_THREADS, occluding);
                long nanos = System.nanoTime() - start;
                fx.execute(() -> {
                    if (generation.get() == r.generation() && model.get() == m && result.get() == r
                            && java.util.Objects.equals(pinnedOrNull(m), t) && occlusion.get() == occluding) {
                        importance.set(new ImportanceResult(r.generation(), x));
                        importanceStatus.set(String.format(Locale.ROOT, "explains %s (%s) · %.0f ms",
                                shortTitle(m.catalog().get(x.target())), x.pinned() ? "the target"
                                        : "the top prediction", nanos / 1e6));
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> importanceStatus.set("importance failed: " + e.getMessage()));
            }
        });
    }

    private Integer pinnedOrNull(Recommender m) {
        Integer p = pinned.get();
        return p != null && m.itemIndex().contains(p) ? p : null;
    }

    /**
     * The leave-one-out importance of the item at {@code position} of the whole history (score of the
     * explained target minus its score without the item), or null when not known (outside the window, or
     * not computed yet).
     */
    public Double importanceAt(int position) {
        ImportanceResult x = importance.get();
        if (x == null) {
            return null;
        }
        int i = position - x.explanation().droppedFromFront();
        double[] loo = x.explanation().signal(Explanation.LEAVE_ONE_OUT).values();
        return i < 0 || i >= loo.length || Double.isNaN(loo[i]) ? null : loo[i];
    }

    /** Called by the view once a result is on screen: the edit-to-screen latency. */
    public void reportRendered(InferenceResult r) {
        if (r == null || r == rendered.get()) {
            return;   // drawn again (another head, R shown): not an edit, nothing to time
        }
        lastRenderNanos = System.nanoTime() - r.requestedAt();
        rendered.set(r);
        editToScreen.set(String.format(Locale.ROOT, "edit→screen %.0f ms", lastRenderNanos / 1e6));
    }

    private void updatePinnedRank(InferenceResult r) {
        Integer target = pinned.get();
        Recommender m = model.get();
        if (target == null || r == null || m == null) {
            pinnedRank.set("");
            return;
        }
        if (!m.itemIndex().contains(target)) {
            pinnedRank.set("target " + target + " is unknown to the model");
            return;
        }
        int rank = m.rankOf(r.prediction(), target) + 1;
        String was = previousPinnedRank == null || previousPinnedRank == rank ? "" : " (was " + previousPinnedRank + ")";
        pinnedRank.set("target " + shortTitle(m.catalog().get(target)) + ": rank " + rank + was);
        previousPinnedRank = rank;
    }

    private void updateHoverReadout() {
        Cell c = hovered.get();
        InferenceResult r = result.get();
        if (c == null || r == null || r.prediction().trace() == null
                || c.layer() >= r.prediction().trace().layerCount() || c.row() >= r.titles().size()
                || c.column() >= r.titles().size()) {
            hoverReadout.set("");
            return;
        }
        hoverReadout.set(readout(r, c));
    }

    /** "query → key | raw a  refined w  diff d  [R r]" for one cell, values to 4 decimals. */
    public String readout(InferenceResult r, Cell c) {
        HeadTrace h = r.prediction().trace().head(c.layer(), c.head());
        Recommender m = model.get();
        String query = m.catalog().get(r.prediction().items().get(c.row())).displayTitle();
        String key = m.catalog().get(r.prediction().items().get(c.column())).displayTitle();
        float a = h.raw()[c.row()][c.column()];
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "L%d H%d  %s (#%d) reads %s (#%d)  raw %.4f",
                c.layer() + 1, c.head() + 1, query, c.row() + 1, key, c.column() + 1, a));
        if (h.refinement() != null) {
            float w = h.refined()[c.row()][c.column()];
            sb.append(String.format(Locale.ROOT, "  refined %.4f  diff %+.4f  R %.4f", w, w - a,
                    h.refinement()[c.row()][c.column()]));
        }
        if (h.factor("q_mu") != null && c.column() <= c.row()) {
            // STOSA: the squared Wasserstein distance behind A's cell, its mean and covariance parts
            var cell = awrsr.infer.CellArithmetic.explain(h, HeadTrace.RAW, c.row(), c.column());
            sb.append(String.format(Locale.ROOT, "  W2 %.3f = mean %.3f + cov %.3f", cell.steps().get(2).value(),
                    cell.steps().get(0).value(), cell.steps().get(1).value()));
        }
        return sb.toString();
    }

    /** The current state, for the autosave. Null before a model is loaded. */
    public awrsr.app.io.SessionStore.Session session() {
        if (modelPath.get() == null) {
            return null;
        }
        return new awrsr.app.io.SessionStore.Session(modelPath.get().toString(), datasetSpec, currentUser.get(),
                List.copyOf(editor.items()), pinned.get(), selectedLayer.get(), selectedHead.get(), topK.get(),
                excludeHistory.get(), mapFocus.get(), showImportance.get(), lockedScale.get(), mapZoom.get(),
                occlusion.get());
    }

    /** Brings a saved session back: its model and data (when different), history, target and view. */
    public CompletableFuture<Void> restore(awrsr.app.io.SessionStore.Session s) {
        CompletableFuture<Dataset> data = s.data() == null || s.data().equals(datasetSpec)
                ? CompletableFuture.completedFuture(dataset.get()) : openDataset(s.data());
        // a model or data that is gone is said so by the loaders; the history comes back regardless
        return data.handle((d, e) -> d).thenCompose(d -> modelPath.get() != null
                        && modelPath.get().toString().equals(s.model())
                        ? CompletableFuture.completedFuture(model.get()) : openModel(Path.of(s.model()), false))
                .handle((m, e) -> m)
                .thenAccept(m -> fx.execute(() -> {
                    topK.set(s.topK());
                    excludeHistory.set(s.excludeHistory());
                    selectedLayer.set(s.layer());
                    selectedHead.set(s.head());
                    mapFocus.set(s.map());
                    lockedScale.set(s.lockedScale());
                    mapZoom.set(s.zoom() != null && s.zoom().length == 3 ? s.zoom().clone() : null);
                    if (s.importance() != null) {
                        showImportance.set(s.importance());
                    }
                    if (s.occlusion() != null) {
                        occlusion.set(s.occlusion());
                    }
                    currentUser.set(s.user());
                    pinned.set(s.pinned());
                    Dataset d = dataset.get();
                    int row = s.user() == null || d == null ? -1 : d.rowOfUser(s.user());
                    startNewHistory(row < 0 ? s.items()
                            : java.util.Arrays.stream(d.sequence(row)).boxed().toList());   // "edited" if it was
                    editor.load(s.items(), "restore the last session");
                }));
    }

    /** Stops the model thread (letting a running inference finish) and frees the model. */
    public void shutdown() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Recommender m = model.get();
        if (m != null) {
            m.close();
        }
    }
}
