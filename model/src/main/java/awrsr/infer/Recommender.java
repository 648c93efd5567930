package awrsr.infer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import awrsr.data.ItemCatalog;
import awrsr.eval.SequenceScorer;
import awrsr.nn.AwrsrNetwork;
import awrsr.nn.GradientMode;
import awrsr.nn.ItemIndex;
import awrsr.nn.KeyRows;
import awrsr.nn.MapKind;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.SequenceBatch;
import awrsr.nn.Splice;
import awrsr.checkpoint.Checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A trained model ready for questions: one item sequence in, scores, the top-k and the attention trace
 * out, from a single forward pass. Thread-safe: calls on different threads run at the same time, each over
 * its own views of the parameters (a lane); {@link #close} waits for them.
 */
public final class Recommender implements SequenceScorer, AutoCloseable {
    private volatile boolean closed;
    /** Held (shared) by every call, (exclusively) by close. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock open = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** Idle lanes: networks over views of the parameters, one per call running at a time, made on demand. */
    private final java.util.concurrent.ConcurrentLinkedDeque<AwrsrNetwork> lanes = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final ModelConfig config;
    private final ItemIndex index;
    private final ItemCatalog catalog;
    private final NDManager manager;
    /** The network over the parameters themselves: no call runs on it, each on a lane made from it. */
    private final AwrsrNetwork source;
    private final Checkpoint checkpoint;

    private Recommender(Checkpoint checkpoint, ModelConfig config, ItemIndex index, ItemCatalog catalog,
                        NDManager manager, ParameterSet params) {
        this.checkpoint = checkpoint;
        this.config = config;
        this.index = index;
        this.catalog = catalog;
        this.manager = manager;
        this.source = new AwrsrNetwork(config, params);
    }

    /** Runs {@code call} on a lane of its own, with the model open throughout. */
    private <T> T onLane(java.util.function.Function<AwrsrNetwork, T> call) {
        open.readLock().lock();
        try {
            checkOpen();
            AwrsrNetwork lane = lanes.pollFirst();
            if (lane == null) {
                synchronized (lanes) {
                    GradientMode.off();
                    lane = source.viewIn(manager.newSubManager());
                }
            }
            try {
                return call.apply(lane);
            } finally {
                lanes.addFirst(lane);
            }
        } finally {
            open.readLock().unlock();
        }
    }

    /** Loads a checkpoint folder onto the given device (null: the engine's default, a GPU when usable). */
    public static Recommender load(Path folder, Device device) throws IOException {
        Checkpoint checkpoint = Checkpoint.read(folder);
        Device target = device != null ? device : Engine.getInstance().defaultDevice();
        NDManager manager = NDManager.newBaseManager(target);
        try {
            ParameterSet params = checkpoint.loadParameters(manager);
            return new Recommender(checkpoint, checkpoint.model(), checkpoint.itemIndex(), checkpoint.catalog(),
                    manager, params);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Wraps parameters already in memory (they are copied, so later training steps do not change it). */
    public static Recommender of(ModelConfig config, ItemIndex index, ItemCatalog catalog, ParameterSet params) {
        NDManager manager = NDManager.newBaseManager(params.device());
        return new Recommender(null, config, index, catalog, manager, params.copyTo(manager));
    }

    public ModelConfig config() { return config; }
    public ItemIndex itemIndex() { return index; }
    public ItemCatalog catalog() { return catalog; }
    /** The checkpoint it was loaded from, or null. */
    public Checkpoint checkpoint() { return checkpoint; }
    public Device device() { return manager.getDevice(); }

    /**
     * Native arrays this model holds, counting any that a call left behind: constant from call to call
     * (every call's arrays live in a scope closed before it returns), or -1 where the engine cannot say.
     */
    public int liveArrays() {
        return manager instanceof BaseNDManager base ? base.getManagedArrays().size() : -1;
    }

    /** How many of the given dataset item ids this model knows. */
    public int knownItems(int[] datasetItemIds) {
        int known = 0;
        for (int id : datasetItemIds) {
            known += index.contains(id) ? 1 : 0;
        }
        return known;
    }

    /**
     * Why this model does not fit a dataset (it knows fewer than half of the dataset's items), or null when
     * it fits. The model only ranks items it was trained on, so a mostly foreign dataset means nothing.
     */
    public String mismatch(awrsr.data.Dataset data) {
        int[] ids = data.itemIds();
        int known = knownItems(ids);
        if (2L * known >= ids.length) {
            return null;
        }
        return "the model knows only " + known + " of the " + ids.length + " items of dataset '" + data.name()
                + "'; it was trained on '" + (checkpoint == null ? "other data" : checkpoint.datasetName()) + "'";
    }

    /** Whether this model's scores are minus distances (STOSA ranks items by closeness), not similarities. */
    public boolean scoresAreDistances() {
        return config.backbone() == awrsr.nn.BackboneKind.STOSA;
    }

    /** Where the arrays live, in words: "CPU" or "GPU 0". */
    public String deviceDescription() {
        return describe(manager.getDevice());
    }

    /** A device in words: "CPU" or "GPU n". */
    public static String describe(Device d) {
        return d.isGpu() ? "GPU " + d.getDeviceId() : "CPU";
    }

    /**
     * Scores the sequence {@code itemIds} (dataset ids, oldest first).
     *
     * @param topK how many items to list
     * @param excludeSeen leave every item of the sequence out of the list, also those before the window
     * @param withTrace also return A, R and W of every layer and head
     * @throws UnknownItemException when an id is not among the model's items
     * @throws IllegalArgumentException when the sequence is empty
     */
    public Prediction predict(List<Integer> itemIds, int topK, boolean excludeSeen, boolean withTrace) {
        return onLane(lane -> predict(lane, itemIds, topK, excludeSeen, withTrace));
    }

    private Prediction predict(AwrsrNetwork network, List<Integer> itemIds, int topK, boolean excludeSeen,
                               boolean withTrace) {
        if (itemIds.isEmpty()) {
            throw new IllegalArgumentException("the sequence is empty: add at least one item");
        }
        List<Integer> unknown = new ArrayList<>();
        for (int id : itemIds) {
            if (!index.contains(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownItemException(unknown, index.size());
        }
        int dropped = Math.max(0, itemIds.size() - config.maxLen());
        List<Integer> window = List.copyOf(itemIds.subList(dropped, itemIds.size()));
        int[] indices = window.stream().mapToInt(index::indexOf).toArray();
        int m = indices.length;
        GradientMode.off();
        long start = System.nanoTime();
        float[] scores;
        AttentionTrace trace = null;
        try (NDManager scope = network.scope()) {
            NDArray input = scope.create(SequenceBatch.leftPad(new int[][] {indices}, m), new Shape(1, m));
            // without the trace only the newest row is read: the last block computes no other query
            AwrsrNetwork.Output out = withTrace ? network.forward(input, false, true)
                    : network.forwardRows(input, 0, KeyRows.NONE, true);
            scores = network.scoreAll(AwrsrNetwork.last(out.hidden())).toFloatArray();
            if (withTrace) {
                trace = toTrace(out.layers(), m);
            }
        }
        long nanos = System.nanoTime() - start;
        BitSet excluded = excludeSeen ? index.seen(itemIds.stream().mapToInt(Integer::intValue).toArray())
                : new BitSet(scores.length);
        excluded.set(0);
        return new Prediction(window, dropped, top(scores, excluded, topK), scores, excluded, trace, nanos);
    }

    /**
     * Why the model predicts {@code target} (null: its top-1 item) after {@code itemIds}: leave-one-out
     * importance of every item of the window (the target's score and rank with that item removed from the
     * history, all in batched forward passes), gradient × input on the item embeddings (one backward pass),
     * and the attention summaries (the last layer's head-averaged predicting row and the rollout through
     * every layer, of A and of W), each compared with leave-one-out by Spearman's rank correlation.
     *
     * @throws UnknownItemException when an id (or the target) is not among the model's items
     */
    public Explanation explain(List<Integer> itemIds, Integer target) {
        return explain(itemIds, target, 1);
    }

    /** {@link #explain(List, Integer)} with its leave-one-out passes on {@code threads} threads. */
    public Explanation explain(List<Integer> itemIds, Integer target, int threads) {
        return explain(itemIds, target, threads, false);
    }

    /**
     * {@link #explain(List, Integer, int)}, and with {@code occlusion} also the target's score change when each
     * item is masked in place (replaced by padding, which no row may read) while every other item keeps its
     * position: leave-one-out moves the earlier items one position on (and lets an older item into a full
     * window), occlusion does not, so the two apart show how much of leave-one-out is the shift. The newest
     * item's row is the one the model predicts from, so masking it leaves nothing to predict from there: its
     * occlusion is the score change when the prediction comes from the row before instead, the prediction after
     * the earlier items at their own positions (as the model learnt to make at every row). About as many rows of work
     * again as leave-one-out (its passes share the window's rows before the masked item, and on SASRec take their
     * first block from {@link Splice#masked}): an explanation takes 1.8-1.9 times as long with it.
     */
    public Explanation explain(List<Integer> itemIds, Integer target, int threads, boolean occlusion) {
        return onLane(lane -> explain(lane, itemIds, target, threads, occlusion));
    }

    private Explanation explain(AwrsrNetwork network, List<Integer> itemIds, Integer target, int threads,
                                boolean occlusion) {
        Prediction p = predict(network, itemIds, 1, true, true);
        boolean pinned = target != null;
        int t = pinned ? target : p.top().get(0).item();
        int ti = index.indexOf(t);
        if (ti == 0) {
            throw new UnknownItemException(List.of(t), index.size());
        }
        int m = p.items().size();
        int dropped = p.droppedFromFront();
        int[] full = itemIds.stream().mapToInt(index::indexOf).toArray();

        double[] loo = new double[m];
        int[] rankWithout = new int[m];
        java.util.Arrays.fill(rankWithout, -1);
        java.util.Arrays.fill(loo, Double.NaN);
        int[] window = java.util.Arrays.copyOfRange(full, dropped, full.length);
        double[] gradient;
        if (full.length > 1) {
            int[][] without = new int[m][];
            for (int i = 0; i < m; i++) {
                int at = dropped + i;
                int[] h = new int[full.length - 1];
                System.arraycopy(full, 0, h, 0, at);
                System.arraycopy(full, at + 1, h, at, full.length - at - 1);
                without[i] = h;
            }
            // every variant's window shares its columns before the removed item with the newest item's variant;
            // with more than one thread, gradient × input runs on a pool thread meanwhile (over its own views)
            TargetRanks alone;
            if (threads > 1) {
                GradientMode.off();
                try (NDManager outer = network.scope()) {
                    AwrsrNetwork view = network.viewIn(outer.newSubManager());
                    java.util.concurrent.Future<double[]> g = WORKERS.submit(() -> gradientTimesInput(view, window, ti));
                    // the view is freed with outer: never while the task runs, whatever failed
                    try {
                        alone = targetRanks(network, without[m - 1], without, threads, full, ti, p.excluded());
                    } catch (RuntimeException | Error e) {
                        try {
                            awrsr.util.Uninterruptibly.result(g);
                        } catch (RuntimeException | Error second) {
                            e.addSuppressed(second);
                        }
                        throw e;
                    }
                    gradient = awrsr.util.Uninterruptibly.result(g);
                }
            } else {
                alone = targetRanks(network, without[m - 1], without, threads, full, ti, p.excluded());
                gradient = gradientTimesInput(network, window, ti);
            }
            for (int i = 0; i < m; i++) {
                loo[i] = (double) p.scores()[ti] - alone.scores()[i];
                rankWithout[i] = alone.ranks()[i];
            }
        } else {
            gradient = gradientTimesInput(network, window, ti);
        }
        double[] occluded = occlusion ? maskedInPlace(network, window, threads, p.scores()[ti], ti, p.excluded()) : null;

        List<Explanation.Signal> signals = new ArrayList<>();
        signals.add(signal(Explanation.LEAVE_ONE_OUT, "Leave-one-out",
                "the target's score minus its score with this item removed from the history", loo, loo, occluded));
        if (occluded != null) {
            signals.add(signal(Explanation.OCCLUSION, "Occlusion",
                    "the target's score minus its score with this item masked in place, the others keeping their "
                            + "positions (for the newest item, whose row the model predicts from: its score from "
                            + "the row before)",
                    occluded, loo, occluded));
        }
        signals.add(signal(Explanation.GRADIENT, "Gradient × input",
                "the target score's gradient with respect to this item's embedding, times the embedding, summed",
                gradient, loo, occluded));
        AttentionTrace trace = p.trace();
        boolean refines = trace.head(0, 0).refines();
        int last = trace.layerCount() - 1;
        signals.add(signal(Explanation.RAW_LAST, "A, last row",
                "raw attention of the predicting row in the last layer, averaged over its heads",
                Rollout.headMean(maps(trace, last, false))[m - 1], loo, occluded));
        if (refines) {
            signals.add(signal(Explanation.REFINED_LAST, "W, last row",
                    "refined attention of the predicting row in the last layer, averaged over its heads",
                    Rollout.headMean(maps(trace, last, true))[m - 1], loo, occluded));
        }
        signals.add(signal(Explanation.ROLLOUT_RAW, "Rollout of A",
                "the predicting row of the attention rollout (0.5 A + 0.5 I per layer, heads averaged) through A",
                Rollout.row(allMaps(trace, false), m - 1), loo, occluded));
        if (refines) {
            signals.add(signal(Explanation.ROLLOUT_REFINED, "Rollout of W",
                    "the predicting row of the attention rollout through W", Rollout.row(allMaps(trace, true), m - 1),
                    loo, occluded));
        }
        int rank = awrsr.eval.Evaluator.fullRank(p.scores(), ti, p.excluded());
        return new Explanation(p.items(), dropped, t, pinned, p.scores()[ti], rank, rankWithout, List.copyOf(signals),
                trace);
    }

    private static Explanation.Signal signal(String id, String name, String how, double[] values, double[] loo,
                                             double[] occluded) {
        return new Explanation.Signal(id, name, how, values, awrsr.util.Stats.spearman(values, loo),
                occluded == null ? Double.NaN : awrsr.util.Stats.spearman(values, occluded));
    }

    /**
     * The target's score for {@code window} ({@code whole}) minus its score with each item but the newest
     * replaced by padding (index 0, a key no row reads) at its own column, and for the newest minus its score
     * from the row before ({@link #scoreFromRowBefore}); NaN for a window of one item. The variants share the
     * window's columns before the masked one, so they run as {@link #targetRanks} passes over its rows, their
     * first block read from {@link Splice#masked} where it applies.
     */
    private static double[] maskedInPlace(AwrsrNetwork network, int[] window, int threads, float whole, int target,
                                          BitSet excluded) {
        int m = window.length;
        double[] occluded = new double[m];
        java.util.Arrays.fill(occluded, Double.NaN);
        if (m > 1) {
            int[][] masked = new int[m - 1][];
            for (int i = 0; i < m - 1; i++) {
                masked[i] = window.clone();
                masked[i][i] = 0;
            }
            float[] scores = targetRanks(network, window, masked, threads, null, true, target, excluded).scores();
            for (int i = 0; i < m - 1; i++) {
                occluded[i] = (double) whole - scores[i];
            }
            occluded[m - 1] = (double) whole - scoreFromRowBefore(network, window, target);
        }
        return occluded;
    }

    /**
     * Item index {@code target}'s score from the row before the newest of {@code window} (at least two items):
     * the prediction after all items but the newest, each at its own position. Causal attention keeps that row
     * blind to the newest item, so it is the newest item masked in place, read where a prediction remains.
     */
    private static float scoreFromRowBefore(AwrsrNetwork network, int[] window, int target) {
        GradientMode.off();
        try (NDManager scope = network.scope()) {
            AwrsrNetwork frozen = new AwrsrNetwork(network.config(), network.parameters().detachedView());
            long[] ids = java.util.Arrays.stream(window).asLongStream().toArray();
            NDArray hidden = frozen.forward(scope.create(ids, new Shape(1, ids.length)), false, false).hidden();
            return frozen.scoreAll(hidden.get(":, -2, :")).getFloat(0, target);
        }
    }

    private static List<float[][]> maps(AttentionTrace trace, int layer, boolean refined) {
        List<float[][]> heads = new ArrayList<>();
        for (HeadTrace h : trace.layers().get(layer)) {
            heads.add(refined ? h.refined() : h.raw());
        }
        return heads;
    }

    private static List<List<float[][]>> allMaps(AttentionTrace trace, boolean refined) {
        List<List<float[][]>> layers = new ArrayList<>();
        for (int l = 0; l < trace.layerCount(); l++) {
            layers.add(maps(trace, l, refined));
        }
        return layers;
    }

    /**
     * Σ_k e_ik ∂s/∂e_ik for every position i of the window: e_i is the item embedding the network reads at
     * position i, s the target's score. One forward and one backward pass.
     */
    private double[] gradientTimesInput(AwrsrNetwork network, int[] window, int target) {
        int m = window.length;
        double[] out = new double[m];
        try (NDManager scope = network.scope()) {
            // the parameters as constants: only the input embeddings record gradients
            AwrsrNetwork frozen = new AwrsrNetwork(config, network.parameters().detachedView());
            NDArray input = scope.create(SequenceBatch.leftPad(new int[][] {window}, m), new Shape(1, m));
            NDArray embedded = frozen.embed(input).duplicate();
            embedded.setRequiresGradient(true);
            // on this thread only: explanations on other threads and a training step run meanwhile
            GradientMode.backwardHere(() -> frozen.scoreAll(AwrsrNetwork.last(frozen.forwardFrom(input, embedded,
                    false).hidden())).get("0, " + target));
            float[] e = embedded.toFloatArray();
            float[] g = embedded.getGradient().toFloatArray();
            int d = e.length / m;
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (double) e[i * d + k] * g[i * d + k];
                }
                out[i] = s;
            }
        }
        return out;
    }

    /** 0-based rank of an item in a prediction's ranking, with the same exclusions and ties against it. */
    public int rankOf(Prediction prediction, int itemId) {
        int i = index.indexOf(itemId);
        if (i == 0) {
            throw new UnknownItemException(List.of(itemId), index.size());
        }
        return awrsr.eval.Evaluator.fullRank(prediction.scores(), i, prediction.excluded());
    }

    private List<RankedItem> top(float[] scores, BitSet excluded, int k) {
        PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> {
            int c = Float.compare(scores[a], scores[b]);
            return c != 0 ? c : Integer.compare(b, a);
        });
        for (int j = 1; j < scores.length; j++) {
            if (excluded.get(j)) {
                continue;
            }
            heap.add(j);
            if (heap.size() > k) {
                heap.poll();
            }
        }
        List<Integer> best = new ArrayList<>(heap);
        best.sort((a, b) -> {
            int c = Float.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<RankedItem> out = new ArrayList<>();
        for (int r = 0; r < best.size(); r++) {
            int id = index.idOf(best.get(r));
            out.add(new RankedItem(r, id, catalog.get(id).displayTitle(), scores[best.get(r)]));
        }
        return out;
    }

    private AttentionTrace toTrace(List<AwrsrNetwork.LayerMaps> maps, int m) {
        String formula = config.variant().mechanism().refinedFormula();
        List<List<HeadTrace>> layers = new ArrayList<>();
        for (AwrsrNetwork.LayerMaps layer : maps) {
            Map<MapKind, float[]> flat = new EnumMap<>(MapKind.class);
            layer.maps().forEach((kind, array) -> flat.put(kind, array.toFloatArray()));
            Map<String, float[]> factorValues = new java.util.LinkedHashMap<>();
            Map<String, long[]> factorShapes = new java.util.LinkedHashMap<>();
            layer.factors().forEach((name, array) -> {
                factorValues.put(name, array.toFloatArray());
                factorShapes.put(name, array.getShape().getShape());
            });
            List<HeadTrace> heads = new ArrayList<>();
            for (int h = 0; h < config.heads(); h++) {
                List<HeadTrace.TraceMap> named = new ArrayList<>();
                for (Map.Entry<MapKind, float[]> e : flat.entrySet()) {
                    MapKind kind = e.getKey();
                    String title = kind == MapKind.REFINED ? kind.title() + " = " + formula : kind.title();
                    named.add(new HeadTrace.TraceMap(kind.id(), kind.symbol(), title, kind.fileStem(),
                            square(e.getValue(), h, m)));
                }
                Map<String, float[][]> factors = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, float[]> f : factorValues.entrySet()) {
                    long[] shape = factorShapes.get(f.getKey());             // (1, H, rows, cols)
                    int rows = (int) shape[2];
                    int cols = (int) shape[3];
                    float[][] block = new float[rows][cols];
                    for (int i = 0; i < rows; i++) {
                        System.arraycopy(f.getValue(), (h * rows + i) * cols, block[i], 0, cols);
                    }
                    factors.put(f.getKey(), block);
                }
                heads.add(new HeadTrace(named, factors));
            }
            layers.add(List.copyOf(heads));
        }
        return new AttentionTrace(List.copyOf(layers));
    }

    private static float[][] square(float[] flat, int head, int m) {
        float[][] out = new float[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(flat, (head * m + i) * m, out[i], 0, m);
        }
        return out;
    }

    /** Batched scoring of histories given as model indices (for evaluation). */
    @Override
    public float[][] score(int[][] histories) {
        return onLane(lane -> scoreWith(lane, histories));
    }

    /**
     * Attention-map cells (sequences × heads × window²) one forward pass of {@link #scoreWith} may hold: every
     * intermediate array of a pass lives until its scope closes, some twenty maps of a block, so a batch of
     * 128 at n = 200 held about 0.8 GB. 2^21 cells is 8 MB a map: 26 histories of 200 items with 2 heads.
     */
    static final long SCORE_CELLS = 1L << 21;

    /** Scores histories with any network (used for validation while its parameters still train). */
    public static float[][] scoreWith(AwrsrNetwork network, int[][] histories) {
        ModelConfig config = network.config();
        long window = SequenceBatch.width(histories, config.maxLen());
        int rows = (int) Math.max(1, Math.min(histories.length, SCORE_CELLS / (config.heads() * window * window)));
        float[][] out = new float[histories.length][];
        for (int from = 0; from < histories.length; from += rows) {
            int to = Math.min(histories.length, from + rows);
            float[][] part = scorePass(network, java.util.Arrays.copyOfRange(histories, from, to));
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    /**
     * Rows a pass of {@link #scoreSharing} is charged for its fixed cost: measured on the shipped AWRSR model
     * (n = 200, 1 thread), a row of a window costs some 8 µs and a pass about 1 ms besides, so passes that
     * would save fewer rows than this are merged.
     */
    static final int PASS_OVERHEAD_ROWS = 128;

    /**
     * {@link #PASS_OVERHEAD_ROWS} for passes whose first block comes from a {@link Splice}: their rows are
     * cheaper, and smaller passes ran faster. Leave-one-out of the shipped AWRSR model's 200-item window
     * (1 thread, quiet machine, two runs each, median of 40 calls): 123-125 ms at 32, 124-125 at 16, 141-142
     * at 64, 148 at 128, 169-171 at 384.
     */
    static final int SPLICED_PASS_OVERHEAD_ROWS = 32;

    /**
     * Scores histories that share their oldest items with {@code reference} (as leave-one-out variants of one
     * history do): the reference is run once, and each history only from the first column where its window
     * differs from the reference's, its earlier rows taken from the reference's pass ({@link KeyRows}; exact
     * under causal attention). The histories are grouped into passes that start at the same column (the
     * smallest of the group), chosen to minimise the rows computed plus {@link #PASS_OVERHEAD_ROWS} a pass
     * ({@link #SPLICED_PASS_OVERHEAD_ROWS} when spliced), with at most {@link #SCORE_CELLS} map cells a pass.
     * Equals {@link #scoreWith} to float rounding.
     *
     * @return the scores of every history, and of the reference last
     */
    public static float[][] scoreSharing(AwrsrNetwork network, int[] reference, int[][] histories) {
        return scoreSharing(network, reference, histories, 1);
    }

    /**
     * {@link #scoreSharing(AwrsrNetwork, int[], int[][])} with its passes spread over {@code workers} threads
     * (this one and pool threads), each over its own views of the parameters and of the reference's rows, the
     * passes dealt out longest first to the least loaded thread.
     */
    public static float[][] scoreSharing(AwrsrNetwork network, int[] reference, int[][] histories, int workers) {
        return scoreSharing(network, reference, histories, workers, null);
    }

    /**
     * {@link #scoreSharing(AwrsrNetwork, int[], int[][], int)} for histories whose windows are each the
     * reference's up to some column and {@code later}'s window after it (leave-one-out variants of
     * {@code later}): where {@link Splice} applies, the first block of every pass is read from its tables
     * instead of computed. Null, or windows that are not such splices: as without it.
     */
    public static float[][] scoreSharing(AwrsrNetwork network, int[] reference, int[][] histories, int workers,
                                         int[] later) {
        float[][] out = new float[histories.length + 1][];
        sharing(network, reference, histories, workers, later, false, (frozen, representations, which) -> {
            float[][] part = rows(frozen.scoreAll(representations).toFloatArray(), which.length);
            for (int r = 0; r < which.length; r++) {
                out[which[r]] = part[r];
            }
        });
        return out;
    }

    /** The target's score after each history, and its rank as {@link awrsr.eval.Evaluator#fullRank} counts it. */
    public record TargetRanks(float[] scores, int[] ranks) {}

    /**
     * {@link #scoreSharing(AwrsrNetwork, int[], int[][], int, int[])}, but only the score and the full rank of
     * item index {@code target} among the items not {@code excluded} (the reference's last), counted where the
     * scores are rather than copied out: for leave-one-out, which needs nothing else.
     */
    public static TargetRanks targetRanks(AwrsrNetwork network, int[] reference, int[][] histories, int workers,
                                          int[] later, int target, BitSet excluded) {
        return targetRanks(network, reference, histories, workers, later, false, target, excluded);
    }

    /**
     * {@link #targetRanks(AwrsrNetwork, int[], int[][], int, int[], int, BitSet)}; with {@code masked}, for
     * histories that are the reference with one item masked (occlusion's), whose first block then comes from
     * {@link Splice#masked} where it applies.
     */
    static TargetRanks targetRanks(AwrsrNetwork network, int[] reference, int[][] histories, int workers,
                                   int[] later, boolean masked, int target, BitSet excluded) {
        int n = histories.length;
        float[] scores = new float[n + 1];
        int[] ranks = new int[n + 1];
        int items = network.config().numItems() + 1;
        float[] indicator = new float[items];
        int candidates = 0;
        for (int j = 1; j < items; j++) {
            indicator[j] = j == target || excluded.get(j) ? 0f : 1f;
            candidates += (int) indicator[j];
        }
        int eligibleItems = candidates;
        sharing(network, reference, histories, workers, later, masked, (frozen, representations, which) -> {
            NDArray all = frozen.scoreAll(representations);                        // (count, V + 1)
            NDArray t = all.get(":, " + target + ":" + (target + 1));
            // fullRank counts the eligible items whose score is not below the target's (a NaN score is counted):
            // all of them less those below, the latter one product with the eligible items' indicator
            float[] below = all.lt(t).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .matMul(all.getManager().create(indicator, new Shape(items, 1))).toFloatArray();
            float[] own = t.toFloatArray();
            for (int r = 0; r < which.length; r++) {
                scores[which[r]] = own[r];
                ranks[which[r]] = eligibleItems - Math.round(below[r]);
            }
        });
        return new TargetRanks(scores, ranks);
    }

    /** What each thread of {@link #sharing} does with the representations of the windows it ran. */
    @FunctionalInterface
    private interface Finish {
        /**
         * @param frozen the thread's network (its view)
         * @param representations the newest row of each of its windows, (count, D), in a scope of its own
         * @param which the histories they are (indices into the histories; n: the reference)
         */
        void rows(AwrsrNetwork frozen, NDArray representations, int[] which);
    }

    /**
     * The shared passes of {@link #scoreSharing}: each thread hands the representations (newest rows) of the
     * histories its passes ran to {@code finish} once, after them (one scoring product a thread: scoring each
     * pass apart read all item embeddings for every few windows, and was slower); the calling thread's include
     * the reference's (as history n). Different threads write different histories. The first block comes from
     * a {@link Splice} where one applies: of the reference and {@code later} (leave-one-out), or with
     * {@code masked} of the reference masked at one column each (occlusion).
     */
    private static void sharing(AwrsrNetwork network, int[] reference, int[][] histories, int workers, int[] later,
                                boolean masked, Finish finish) {
        ModelConfig config = network.config();
        int n = histories.length;
        int[][] all = java.util.Arrays.copyOf(histories, n + 1);
        all[n] = reference;
        int w = SequenceBatch.width(all, config.maxLen());
        long[] windows = SequenceBatch.leftPad(all, w);
        int[] shared = new int[n];
        Integer[] order = new Integer[n];
        for (int b = 0; b < n; b++) {
            int c = 0;
            while (c < w && windows[b * w + c] == windows[n * w + c]) {
                c++;
            }
            shared[b] = Math.min(c, w - 1);           // at least the newest row is computed
            order[b] = b;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(b -> shared[b]));
        int[] points = !Splice.supports(config) ? null
                : masked ? maskedPoints(windows, w, n)
                : later == null ? null : splicePoints(windows, w, n, later);
        int overhead = points != null ? SPLICED_PASS_OVERHEAD_ROWS : PASS_OVERHEAD_ROWS;
        int[] starts = passStarts(order, shared, w, config.heads(), overhead);
        List<List<Integer>> shares = deal(starts, order, shared, w, workers, overhead);
        GradientMode.off();
        try (NDManager outer = network.scope()) {
            AwrsrNetwork frozen = new AwrsrNetwork(config, network.parameters().detachedView());
            KeyRows.Recorded prefix = KeyRows.record();
            long[] referenceWindow = java.util.Arrays.copyOfRange(windows, n * w, (n + 1) * w);
            NDArray ref = outer.create(referenceWindow, new Shape(1, w));
            float[] referenceRow = AwrsrNetwork.last(frozen.forwardRows(ref, 0, prefix, true).hidden()).toFloatArray();
            java.util.concurrent.ExecutorService executor = workers > 1 ? WORKERS : null;
            Splice splice = points == null ? null
                    : masked ? Splice.masked(frozen, referenceWindow, executor)
                    : Splice.of(frozen, referenceWindow, SequenceBatch.leftPad(new int[][] {later}, w), executor);
            Passes passes = new Passes(windows, w, order, starts, shared, finish, splice, points);
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            Throwable failure = null;
            try {
                for (int k = 1; k < shares.size(); k++) {
                    // the views are made here, between this thread's passes; each pool thread owns its own
                    NDManager lane = outer.newSubManager();
                    AwrsrNetwork view = frozen.viewIn(lane);
                    KeyRows.Recorded rows = prefix.viewIn(lane);
                    List<Integer> share = shares.get(k);
                    running.add(WORKERS.submit(() -> {
                        GradientMode.off();
                        passes.run(view, rows, share, null, n);
                    }));
                }
                passes.run(frozen, prefix, shares.get(0), referenceRow, n);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (java.util.concurrent.Future<?> f : running) {    // none may still run when outer closes,
                try {                                              // not even when this thread is interrupted
                    awrsr.util.Uninterruptibly.result(f);
                } catch (RuntimeException | Error e) {
                    failure = failure != null ? failure : e;
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            } else if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    /**
     * For each of the n windows (rows of {@code windows}, the reference's after them), the last column it
     * takes from the reference when its later columns are {@code later}'s window (-1: none), or null when a
     * window is no such splice or the reference's or later's window has padding.
     */
    static int[] splicePoints(long[] windows, int w, int n, int[] later) {
        long[] after = SequenceBatch.leftPad(new int[][] {later}, w);
        for (int c = 0; c < w; c++) {
            if (after[c] <= 0 || windows[n * w + c] <= 0) {
                return null;
            }
        }
        int[] points = new int[n];
        for (int b = 0; b < n; b++) {
            int c = 0;
            while (c < w && windows[b * w + c] == windows[n * w + c]) {
                c++;
            }
            points[b] = c - 1;
            for (int k = c; k < w; k++) {
                if (windows[b * w + k] != after[k]) {
                    return null;
                }
            }
        }
        return points;
    }

    /**
     * For each of the n windows (rows of {@code windows}, the reference's after them), the column where it is
     * the reference's window masked (0 there, the reference's elsewhere), or null when a window is no such mask
     * or the reference's window has padding.
     */
    static int[] maskedPoints(long[] windows, int w, int n) {
        for (int c = 0; c < w; c++) {
            if (windows[n * w + c] <= 0) {
                return null;
            }
        }
        int[] points = new int[n];
        for (int b = 0; b < n; b++) {
            int at = -1;
            for (int c = 0; c < w; c++) {
                if (windows[b * w + c] != windows[n * w + c]) {
                    if (at >= 0 || windows[b * w + c] != 0) {
                        return null;
                    }
                    at = c;
                }
            }
            if (at < 0) {
                return null;
            }
            points[b] = at;
        }
        return points;
    }

    /** The passes of one {@link #scoreSharing} call; each thread runs its share with its own network and rows. */
    private record Passes(long[] windows, int w, Integer[] order, int[] starts, int[] shared, Finish finish,
                          Splice splice, int[] points) {
        /** Runs {@code share}, then finishes its windows (and {@code referenceRow} as history n, when given). */
        void run(AwrsrNetwork frozen, KeyRows.Recorded prefix, List<Integer> share, float[] referenceRow, int n) {
            List<float[]> rows = new ArrayList<>();
            List<Integer> which = new ArrayList<>();
            for (int p : share) {
                int from = shared[order[starts[p]]];
                int count = starts[p + 1] - starts[p];
                long[] batch = new long[count * w];
                for (int r = 0; r < count; r++) {
                    System.arraycopy(windows, order[starts[p] + r] * w, batch, r * w, w);
                    which.add(order[starts[p] + r]);
                }
                try (NDManager scope = frozen.scope()) {
                    scope.tempAttachAll(prefix.arrays().toArray(new NDArray[0]));
                    NDArray items = scope.create(batch, new Shape(count, w));
                    KeyRows keys = prefix.extend(from);
                    if (splice != null) {
                        int[] at = new int[count];
                        for (int r = 0; r < count; r++) {
                            at[r] = points[order[starts[p] + r]];
                        }
                        keys = KeyRows.spliced(keys, splice, at);
                    }
                    rows.add(AwrsrNetwork.last(frozen.forwardRows(items, from, keys, true).hidden()).toFloatArray());
                }
            }
            if (referenceRow != null) {
                rows.add(referenceRow);
                which.add(n);
            }
            int size = 0;
            for (float[] r : rows) {
                size += r.length;
            }
            float[] flat = new float[size];
            int at = 0;
            for (float[] r : rows) {
                System.arraycopy(r, 0, flat, at, r.length);
                at += r.length;
            }
            try (NDManager scope = frozen.scope()) {
                finish.rows(frozen, scope.create(flat, new Shape(which.size(), size / which.size())),
                        which.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    /** Pool threads for {@link #scoreSharing}'s passes beyond the calling thread's (daemons, made on demand). */
    private static final java.util.concurrent.ExecutorService WORKERS =
            java.util.concurrent.Executors.newCachedThreadPool(awrsr.util.DaemonThreads.named("awrsr-passes"));

    /**
     * The passes (indices into {@code starts}) each of up to {@code workers} threads runs: longest first
     * (rows computed plus {@code overhead} rows a pass) to the least loaded; never an empty share.
     */
    static List<List<Integer>> deal(int[] starts, Integer[] order, int[] shared, int w, int workers, int overhead) {
        int passes = starts.length - 1;
        int threads = Math.max(1, Math.min(workers, passes));
        long[] cost = new long[passes];
        Integer[] byCost = new Integer[passes];
        for (int p = 0; p < passes; p++) {
            cost[p] = overhead + (long) (starts[p + 1] - starts[p]) * (w - shared[order[starts[p]]]);
            byCost[p] = p;
        }
        java.util.Arrays.sort(byCost, (a, b) -> Long.compare(cost[b], cost[a]));
        List<List<Integer>> shares = new ArrayList<>();
        long[] load = new long[threads];
        for (int k = 0; k < threads; k++) {
            shares.add(new ArrayList<>());
        }
        for (int p : byCost) {
            int least = 0;
            for (int k = 1; k < threads; k++) {
                least = load[k] < load[least] ? k : least;
            }
            shares.get(least).add(p);
            load[least] += cost[p];
        }
        return shares;
    }

    /**
     * Where each pass of {@link #scoreSharing} starts in {@code order} (histories by shared columns, ascending),
     * and the end: the partition of the fewest rows plus overheads (dynamic programming over the cut points;
     * a pass computes, for each of its histories, the rows from its first history's shared columns).
     */
    static int[] passStarts(Integer[] order, int[] shared, int w, int heads, int overhead) {
        int n = order.length;
        long[] best = new long[n + 1];             // best[e]: cost of the first e histories
        int[] cut = new int[n + 1];
        for (int e = 1; e <= n; e++) {
            best[e] = Long.MAX_VALUE;
            for (int s = e - 1; s >= 0; s--) {
                long rows = w - shared[order[s]];
                long count = e - s;
                if (count > 1 && count * heads * rows * w > SCORE_CELLS) {
                    break;                         // larger passes from further back hold more cells still
                }
                long cost = best[s] + overhead + count * rows;
                if (cost < best[e]) {
                    best[e] = cost;
                    cut[e] = s;
                }
            }
        }
        java.util.ArrayDeque<Integer> starts = new java.util.ArrayDeque<>();
        starts.push(n);
        for (int e = n; e > 0; e = cut[e]) {
            starts.push(cut[e]);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Scores of every item for the newest row of each window of a pass's hidden output. */
    private static float[][] scores(AwrsrNetwork frozen, AwrsrNetwork.Output output, int count) {
        return rows(frozen.scoreAll(AwrsrNetwork.last(output.hidden())).toFloatArray(), count);
    }

    /** A row-major (count, x) array as its rows. */
    private static float[][] rows(float[] flat, int count) {
        int cols = flat.length / count;
        float[][] out = new float[count][];
        for (int b = 0; b < count; b++) {
            out[b] = java.util.Arrays.copyOfRange(flat, b * cols, (b + 1) * cols);
        }
        return out;
    }

    private static float[][] scorePass(AwrsrNetwork network, int[][] histories) {
        GradientMode.off();
        try (NDManager scope = network.scope()) {
            AwrsrNetwork frozen = new AwrsrNetwork(network.config(), network.parameters().detachedView());
            NDArray input = SequenceBatch.create(scope, histories, network.config().maxLen());
            return scores(frozen, frozen.forwardRows(input, 0, KeyRows.NONE, true), histories.length);
        }
    }

    @Override
    /** Frees the model; waits for the calls in progress on other threads. */
    public void close() {
        open.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                manager.close();
            }
        } finally {
            open.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the model was closed");
        }
    }
}
