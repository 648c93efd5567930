package awrsr.train;

import awrsr.checkpoint.Checkpoint;
import awrsr.checkpoint.CheckpointLock;
import awrsr.checkpoint.Loss;
import awrsr.checkpoint.TrainingSettings;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import awrsr.data.Dataset;
import awrsr.data.LeaveOneOutSplit;
import awrsr.eval.Evaluator;
import awrsr.eval.Metrics;
import awrsr.eval.Protocol;
import awrsr.eval.RankTarget;
import awrsr.eval.TestEvaluation;
import awrsr.infer.Recommender;
import awrsr.nn.AwrsrNetwork;
import awrsr.nn.DropoutMasks;
import awrsr.nn.GradientMode;
import awrsr.nn.ItemIndex;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.Scalars;
import awrsr.nn.SequenceBatch;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Trains a network on the training part of a leave-one-out split: Adam, early stopping on validation
 * NDCG@10 (full protocol), the best state written as a checkpoint after every improvement. At the end the
 * best state is evaluated on the test targets under both protocols, beside the popularity baseline, and
 * the figures are written into the checkpoint.
 */
public final class ModelTrainer {
    /** Consecutive batches with a non-finite loss or gradient (each skipped) before training gives up. */
    static final int MAX_BAD_STEPS = 5;

    private final Dataset dataset;
    private final LeaveOneOutSplit split;
    private final Device device;
    private int microBatch;          // 0: every batch in one pass

    public ModelTrainer(Dataset dataset, Device device) {
        this.dataset = dataset;
        this.split = new LeaveOneOutSplit(dataset);
        this.device = device != null ? device : Engine.getInstance().defaultDevice();
    }

    /**
     * Attention-map cells (sequences × heads × window²) a training pass holds: a batch whose maps are larger
     * runs in passes of the largest halving of it that holds at most this many (one sequence at the least).
     * Every intermediate array of a pass lives until its scope closes and large maps cost more passes over
     * memory than arithmetic; measured with `awrsr bench --micro-batch N` on one thread, quiet machine
     * (AWRSR value, shipped data, n 200, 2 heads, batch 128: a whole batch of 10.2 M cells 3.02-3.04 s an epoch,
     * passes of 64 2.51 s, 32 2.14-2.15 s, 16 1.98-2.06 s; STOSA 6.18 / 4.91 / 4.54 s), while small maps lose
     * by splitting (SASRec on Beauty, n 50, 1 head, 0.3 M cells: 2.94 s whole, 3.25 s in passes of 64).
     */
    public static final long PASS_CELLS = 1L << 21;

    /** The sequences a pass of this batch holds: {@link #PASS_CELLS} and then {@code cap} (0: no cap) bound it. */
    public static int passSize(int batch, int width, int heads, int cap) {
        return passSize(batch, width, heads, cap, PASS_CELLS);
    }

    /** As {@link #passSize(int, int, int, int)} with a budget of {@code cells} (on a GPU, none: large passes win). */
    static int passSize(int batch, int width, int heads, int cap, long cells) {
        long perSequence = (long) heads * width * width;
        int pass = batch;
        while (pass > 1 && pass * perSequence > cells) {
            pass = (pass + 1) / 2;
        }
        return cap > 0 ? Math.min(pass, cap) : pass;
    }

    /** The cell budget of a pass on this trainer's device: {@link #PASS_CELLS} on the CPU, none on a GPU. */
    private long passCells() {
        return device.isGpu() ? Long.MAX_VALUE : PASS_CELLS;
    }

    /**
     * Runs each batch as passes of at most {@code sequences} sequences whose gradients add up before the one
     * update (0: only {@link #PASS_CELLS} splits a batch). The update is the same up to float rounding (and the
     * dropout masks drawn); the memory a step keeps for its backward pass, the attention maps above all,
     * shrinks in proportion. Not a training setting: the checkpoint does not record it.
     */
    public ModelTrainer microBatch(int sequences) {
        if (sequences < 0) {
            throw new IllegalArgumentException("micro-batch must be 0 or more, got " + sequences);
        }
        this.microBatch = sequences;
        return this;
    }

    /** The device training runs on, in words: "CPU" or "GPU n". */
    public String deviceDescription() {
        return Recommender.describe(device);
    }

    /** Trains a new model into {@code out}. {@code shape.numItems()} is replaced by the dataset's item count. */
    public TrainingResult train(ModelConfig shape, TrainingSettings settings, Path out, TrainingListener listener)
            throws IOException {
        ItemIndex index = new ItemIndex(dataset.itemIds());
        ModelConfig config = shape.withNumItems(index.size());
        Checkpoint.checkNewFolder(out);
        try (CheckpointLock lock = CheckpointLock.acquire(out);
             NDManager manager = NDManager.newBaseManager(device)) {
            ParameterSet params = ParameterSet.initialize(config, settings.seed(), settings.init(), manager);
            try (AdamOptimizer adam = new AdamOptimizer(settings.learningRate(), TrainingSettings.BETA1,
                    settings.beta2(), settings.weightDecay())) {
                return run(config, index, settings, params, adam, 1, -1, null, out, listener);
            }
        }
    }

    /**
     * Continues training from a checkpoint's saved state (parameters and optimizer moments), up to
     * {@code settings.epochs()} epochs in all, writing to the same folder.
     */
    public TrainingResult resume(Checkpoint checkpoint, TrainingSettings settings, TrainingListener listener)
            throws IOException {
        if (!checkpoint.datasetChecksum().equals(dataset.checksum())) {
            throw new IOException(checkpoint.folder() + ": was trained on dataset '" + checkpoint.datasetName()
                    + "' (sha256 " + checkpoint.datasetChecksum().substring(0, 12) + "...), not on '" + dataset.name()
                    + "' (" + dataset.checksum().substring(0, 12) + "...)");
        }
        if (checkpoint.datasetKcore() != dataset.kcore()) {
            throw new IOException(checkpoint.folder() + ": was trained on the " + checkpoint.datasetKcore()
                    + "-core of its data, not the " + dataset.kcore() + "-core");
        }
        try (CheckpointLock lock = CheckpointLock.acquire(checkpoint.folder());
             NDManager manager = NDManager.newBaseManager(device)) {
            ParameterSet params = checkpoint.loadParameters(manager);
            try (AdamOptimizer adam = new AdamOptimizer(settings.learningRate(), TrainingSettings.BETA1,
                    settings.beta2(), settings.weightDecay())) {
                adam.read(checkpoint, params);
                ResumeState draws = ResumeState.of(checkpoint.json().getAsJsonObject("training"),
                        checkpoint.folder().toString());
                return run(checkpoint.model(), checkpoint.itemIndex(), settings, params, adam, checkpoint.epochsRun() + 1,
                        bestValidationNdcg(checkpoint), draws, checkpoint.folder(), listener);
            }
        }
    }

    /**
     * The validation NDCG@10 of a checkpoint's saved epoch: a resumed run must beat it before it may
     * replace the saved state. A checkpoint without one (cancelled in its first epoch) is beaten by any.
     */
    static double bestValidationNdcg(Checkpoint checkpoint) {
        JsonObject validation = checkpoint.metrics().getAsJsonObject("validation");
        return validation != null && validation.has("NDCG@10") ? validation.get("NDCG@10").getAsDouble() : -1;
    }

    /**
     * @param draws where the random draws stood after the saved epoch (resumed: the run retraces the
     *     uninterrupted one); null: fresh draws from the seed and the first epoch
     */
    private TrainingResult run(ModelConfig config, ItemIndex index, TrainingSettings settings, ParameterSet params,
                               AdamOptimizer adam, int firstEpoch, double savedBest, ResumeState draws, Path out,
                               TrainingListener listener)
            throws IOException {
        GradientMode.off();
        Engine.getInstance().setRandomSeed((int) (settings.seed() * 7919 + firstEpoch));
        Random random = draws != null ? draws.shuffle() : new Random(settings.seed() * 31 + firstEpoch);
        params.setRequiresGradient(true);
        DropoutMasks masks = masksFor(draws != null && draws.dropout() != null ? draws.dropout()
                : settings.seed() * 7919 + firstEpoch);
        AwrsrNetwork network = new AwrsrNetwork(config, params, masks);

        List<int[]> sequences = new ArrayList<>();
        List<BitSet> seen = new ArrayList<>();
        trainingSequences(index, config, sequences, seen);
        int batches = (sequences.size() + settings.batchSize() - 1) / settings.batchSize();
        listener.onStart(firstEpoch, settings.epochs(), batches);

        List<EpochReport> reports = new ArrayList<>();
        Checkpoint best = null;
        double bestNdcg = savedBest;
        int bestEpoch = firstEpoch - 1;
        boolean cancelled = false;
        int sinceBest = 0;
        int badSteps = 0;
        for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = lengthBucketed(sequences, config.maxLen(), random, settings.batchSize());
            double lossSum = 0;
            int lossCount = 0;
            for (int b = 0; b < batches; b++) {
                if (listener.cancelRequested()) {
                    cancelled = true;
                    break;
                }
                int from = b * settings.batchSize();
                int to = Math.min(sequences.size(), from + settings.batchSize());
                double loss = step(network, adam, settings, sequences, seen, order, from, to, random, microBatch,
                        passCells());
                if (Double.isFinite(loss)) {
                    lossSum += loss;
                    lossCount++;
                    badSteps = 0;
                } else if (++badSteps >= MAX_BAD_STEPS) {
                    throw new IllegalStateException("training diverged at epoch " + epoch + ": " + MAX_BAD_STEPS
                            + " batches in a row gave a non-finite loss or gradient; try a smaller --lr");
                }
                listener.onBatch(epoch, b + 1, batches, loss);
            }
            if (cancelled) {
                break;
            }
            Metrics validation = Evaluator.evaluate(h -> Recommender.scoreWith(network, h), split, index,
                    Protocol.FULL, RankTarget.VALIDATION).metrics();
            boolean improved = validation.ndcg10() > bestNdcg;
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (improved) {
                bestNdcg = validation.ndcg10();
                bestEpoch = epoch;
                sinceBest = 0;
                JsonObject metrics = new JsonObject();
                metrics.add("validation", metricsJson(Protocol.FULL, validation));
                ResumeState now = new ResumeState(random, masks == null ? null : masks.state());
                best = Checkpoint.write(out, info(config, index, settings, epoch, epoch, metrics, now.toJson()), params,
                        adam::write);
            } else {
                sinceBest++;
            }
            EpochReport report = new EpochReport(epoch, lossSum / Math.max(1, lossCount), validation.hr10(),
                    validation.ndcg10(), seconds, improved);
            reports.add(report);
            listener.onEpoch(report);
            listener.onEpochModel(epoch, () -> Recommender.of(config, index, dataset.catalog(), params));
            if (sinceBest >= settings.patience() && epoch >= TrainingSettings.MIN_EPOCHS) {
                break;
            }
        }
        if (best == null) {
            // Cancelled before the first epoch ended, or resumed without improving: keep what exists.
            if (firstEpoch > 1) {
                best = Checkpoint.read(out);
            } else {
                JsonObject metrics = new JsonObject();
                best = Checkpoint.write(out, info(config, index, settings, firstEpoch - 1, bestEpoch, metrics, null), params,
                        adam::write);
            }
        }
        best = best.withMetrics(finalMetrics(best));
        awrsr.util.Allocator.trim();     // the allocator keeps a training run's peak otherwise
        return new TrainingResult(best, reports, cancelled);
    }

    /** Dropout masks drawn in Java on the CPU (much faster than libtorch's serial sampler); on a GPU, the engine's. */
    private DropoutMasks masksFor(long seed) {
        boolean engine = device.isGpu() || "engine".equals(System.getProperty("awrsr.dropout"));  // for A/B runs
        return engine ? null : new DropoutMasks(seed);
    }

    /** Every user's training part as model indices (users with two or more items), and the items each has seen. */
    private void trainingSequences(ItemIndex index, ModelConfig config, List<int[]> sequences, List<BitSet> seen)
            throws IOException {
        for (int row = 0; row < split.userCount(); row++) {
            int[] train = index.toIndices(split.train(row));
            if (train.length >= 2) {
                sequences.add(train);
                BitSet s = new BitSet(config.numItems() + 1);
                for (int i : train) {
                    s.set(i);
                }
                seen.add(s);
            }
        }
        if (sequences.isEmpty()) {
            throw new IOException(dataset.name() + ": no user has two or more training interactions");
        }
    }

    /** One forward and backward pass of an epoch: its sequences, its window and its real target positions. */
    public record BatchShape(int size, int width, long positions) {}

    /**
     * The network timed, wall-clock seconds of each timed epoch, its number of batches (optimisation steps)
     * and the shapes of one epoch's passes (a batch runs in one or more, {@link #PASS_CELLS}).
     */
    public record EpochTiming(ModelConfig config, int sequences, int steps, List<BatchShape> batches, double[] seconds) {}

    /**
     * Times plain training epochs of a freshly initialised model: optimisation steps only, no validation
     * and no checkpoint (what a training epoch costs beyond those). The first {@code warmup} epochs run
     * untimed.
     */
    public EpochTiming timeEpochs(ModelConfig shape, TrainingSettings settings, int warmup, int epochs)
            throws IOException {
        ItemIndex index = new ItemIndex(dataset.itemIds());
        ModelConfig config = shape.withNumItems(index.size());
        List<int[]> sequences = new ArrayList<>();
        List<BitSet> seen = new ArrayList<>();
        trainingSequences(index, config, sequences, seen);
        Random random = new Random(settings.seed());
        Engine.getInstance().setRandomSeed((int) settings.seed());
        int batchSize = settings.batchSize();
        int batches = (sequences.size() + batchSize - 1) / batchSize;
        List<BatchShape> shapes = new ArrayList<>();
        double[] seconds = new double[epochs];
        try (NDManager manager = NDManager.newBaseManager(device);
             AdamOptimizer adam = new AdamOptimizer(settings.learningRate(), TrainingSettings.BETA1, settings.beta2(),
                     settings.weightDecay())) {
            ParameterSet params = ParameterSet.initialize(config, settings.seed(), settings.init(), manager);
            params.setRequiresGradient(true);
            AwrsrNetwork network = new AwrsrNetwork(config, params, masksFor(settings.seed()));
            GradientMode.off();
            for (int e = 0; e < warmup + epochs; e++) {
                int[] order = lengthBucketed(sequences, config.maxLen(), random, batchSize);
                if (e == warmup) {
                    for (int b = 0; b < batches; b++) {
                        int from = b * batchSize;
                        int to = Math.min(sequences.size(), from + batchSize);
                        int pass = passSize(to - from, batchWidth(sequences, order, from, to, config.maxLen()),
                                config.heads(), microBatch, passCells());
                        for (int start = from; start < to; start += pass) {
                            int end = Math.min(to, start + pass);
                            long positions = 0;
                            for (int i = start; i < end; i++) {
                                positions += Math.min(sequences.get(order[i]).length - 1, config.maxLen());
                            }
                            shapes.add(new BatchShape(end - start, batchWidth(sequences, order, start, end,
                                    config.maxLen()), positions));
                        }
                    }
                }
                long t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    int from = b * batchSize;
                    step(network, adam, settings, sequences, seen, order, from,
                            Math.min(sequences.size(), from + batchSize), random, microBatch, passCells());
                }
                if (e >= warmup) {
                    seconds[e - warmup] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        return new EpochTiming(config, sequences.size(), batches, List.copyOf(shapes), seconds);
    }

    /** Test metrics of the saved best state under both protocols, with the popularity baseline beside them. */
    private JsonObject finalMetrics(Checkpoint best) throws IOException {
        JsonObject metrics = best.metrics();
        try (Recommender model = Recommender.load(best.folder(), device)) {
            for (Protocol protocol : Protocol.values()) {
                TestEvaluation t = TestEvaluation.run(model, split, model.itemIndex(), protocol);
                metrics.add("test_" + protocol.id(), metricsJson(protocol, t.model().metrics()));
                metrics.add("popularity_test_" + protocol.id(), metricsJson(protocol, t.popularity().metrics()));
            }
        }
        return metrics;
    }

    public static JsonObject metricsJson(Protocol protocol, Metrics m) {
        JsonObject o = new JsonObject();
        o.addProperty("protocol", protocol.id());
        o.addProperty("users", m.users());
        m.asMap().forEach(o::addProperty);
        return o;
    }

    private Checkpoint.Info info(ModelConfig config, ItemIndex index, TrainingSettings settings, int epochsRun,
                                 int bestEpoch, JsonObject metrics, JsonObject resumeState) {
        return new Checkpoint.Info(config, index, dataset.catalog(), dataset.name(), dataset.checksum(),
                dataset.source(), dataset.kcore(), dataset.userCount(), dataset.interactionCount(), settings,
                epochsRun, bestEpoch, metrics, resumeState);
    }

    /** One optimisation step on the users order[from..to); returns the batch's mean loss. */
    private static double step(AwrsrNetwork network, AdamOptimizer adam, TrainingSettings settings,
                               List<int[]> sequences, List<BitSet> seen, int[] order, int from, int to, Random random,
                               int microBatch, long cells) {
        double value = backward(network, settings, sequences, seen, order, from, to, random, microBatch, cells);
        if (!Double.isFinite(value) || !adam.update(network.parameters())) {
            adam.discardGradients(network.parameters());
            return Double.NaN;   // skipped: the parameters stay as they were
        }
        return value;
    }

    /** The window of the batch order[from..to): its longest training input, at most {@code maxLen}. */
    private static int batchWidth(List<int[]> sequences, int[] order, int from, int to, int maxLen) {
        int width = 1;
        for (int i = from; i < to; i++) {
            width = Math.max(width, Math.min(sequences.get(order[i]).length - 1, maxLen));
        }
        return width;
    }

    /**
     * The batch's loss and its gradient, left in the parameters: in the passes of {@link #passSize} under a
     * budget of {@code cells} (at most {@code microBatch} sequences when it is above 0), each pass's loss divided by the whole batch's real
     * positions so that the gradients add up to the batch's. Negatives are drawn in the same order whatever
     * the split.
     */
    static double backward(AwrsrNetwork network, TrainingSettings settings, List<int[]> sequences,
                           List<BitSet> seen, int[] order, int from, int to, Random random, int microBatch,
                           long cells) {
        ModelConfig config = network.config();
        int pass = passSize(to - from, batchWidth(sequences, order, from, to, config.maxLen()), config.heads(),
                microBatch, cells);
        int passes = (to - from + pass - 1) / pass;
        long[][] in = new long[passes][];
        long[][] pos = new long[passes][];
        int[] width = new int[passes];
        long positions = 0;
        for (int p = 0; p < passes; p++) {
            int start = from + p * pass;
            int batch = Math.min(to, start + pass) - start;
            int[][] inputs = new int[batch][];
            int[][] targets = new int[batch][];
            for (int b = 0; b < batch; b++) {
                int[] s = sequences.get(order[start + b]);
                inputs[b] = java.util.Arrays.copyOf(s, s.length - 1);
                targets[b] = java.util.Arrays.copyOfRange(s, 1, s.length);
            }
            width[p] = SequenceBatch.width(inputs, config.maxLen());
            in[p] = SequenceBatch.leftPad(inputs, width[p]);
            pos[p] = SequenceBatch.leftPad(targets, width[p]);
            for (long t : pos[p]) {
                positions += t != 0 ? 1 : 0;
            }
        }
        double value = 0;
        for (int p = 0; p < passes; p++) {
            int start = from + p * pass;
            int m = width[p];
            int batch = in[p].length / m;
            network.startStep();
            try (NDManager scope = network.scope()) {
                NDArray input = scope.create(in[p], new Shape(batch, m));
                NDArray positive = scope.create(pos[p], new Shape(batch, m));
                try (GradientCollector collector = GradientMode.collector()) {
                    NDArray hidden = network.forward(input, true, false).hidden();           // (B, m, d)
                    NDArray objective;
                    if (settings.loss() == Loss.BCE || settings.loss() == Loss.BPR) {
                        long[] neg = new long[pos[p].length];
                        for (int i = 0; i < neg.length; i++) {
                            if (pos[p][i] != 0) {
                                neg[i] = negative(seen.get(order[start + i / m]), config.numItems(), random);
                            }
                        }
                        NDArray negative = scope.create(neg, new Shape(batch, m));
                        objective = sampled(network, settings.loss(), settings.pvnWeight(), hidden, positive, negative,
                                positions);
                    } else {
                        objective = crossEntropy(network, hidden, pos[p], positions);
                    }
                    collector.backward(objective);
                    value += objective.getFloat();
                }
            } finally {
                GradientMode.off();   // the collector leaves recording on in threads where it found it on
            }
        }
        return value;
    }

    /**
     * A loss against one sampled negative summed over this pass's real positions and divided by the
     * batch's ({@code positions}), with stable softplus: BCE -log σ(s_pos) - log(1 - σ(s_neg)); BPR
     * -log σ(s_pos - s_neg), plus {@code pvnWeight} times the backbone's pair regulariser when it has one.
     */
    private static NDArray sampled(AwrsrNetwork network, Loss loss, float pvnWeight, NDArray hidden,
                                   NDArray positive, NDArray negative, long positions) {
        NDArray mask = Scalars.gt(positive, 0).toType(DataType.FLOAT32, false);
        NDArray posScore = network.scoreAt(hidden, positive);
        NDArray negScore = network.scoreAt(hidden, negative);
        NDArray perPosition = loss == Loss.BCE
                ? softplus(posScore.neg()).add(softplus(negScore))
                : softplus(negScore.sub(posScore));
        float count = positions;
        NDArray objective = Scalars.div(perPosition.mul(mask).sum(), count);
        if (loss == Loss.BPR && pvnWeight > 0) {
            NDArray regulariser = network.pairRegulariser(posScore, positive, negative);
            if (regulariser != null) {
                objective = objective.add(Scalars.mul(Scalars.div(regulariser.mul(mask).sum(), count), pvnWeight));
            }
        }
        return objective;
    }

    /**
     * Softmax cross-entropy over all items at every real position of this pass (the rows where {@code targets}
     * is not 0), summed and divided by the batch's real positions.
     */
    private static NDArray crossEntropy(AwrsrNetwork network, NDArray hidden, long[] targets, long positions) {
        long d = hidden.getShape().get(2);
        long[] where = java.util.stream.IntStream.range(0, targets.length).filter(i -> targets[i] != 0)
                .asLongStream().toArray();
        long[] labels = java.util.Arrays.stream(where).map(i -> targets[(int) i]).toArray();
        NDManager scope = hidden.getManager();
        NDArray rows = hidden.reshape(-1, d).get(new NDIndex("{}", scope.create(where)));     // (M, d)
        NDArray logits = network.scoreAll(rows);                             // (M, V+1), padding -inf
        NDArray logProb = logits.logSoftmax(-1).gather(scope.create(labels).reshape(-1, 1), 1);
        return Scalars.div(logProb.sum(), (float) positions).neg();
    }

    private static NDArray softplus(NDArray z) {
        return z.getNDArrayInternal().relu().add(Scalars.add(z.abs().neg().exp(), 1f).log());
    }

    private static int negative(BitSet seen, int numItems, Random random) {
        if (seen.cardinality() >= numItems) {
            return 1 + random.nextInt(numItems);    // the user has seen everything: no true negative exists
        }
        while (true) {
            int j = 1 + random.nextInt(numItems);
            if (!seen.get(j)) {
                return j;
            }
        }
    }

    /**
     * An epoch's user order: sorted by a randomly jittered window length, so that a batch holds users of
     * similar length and its window (and the quadratic attention cost) is no wider than it must be.
     * The jitter changes batch composition from epoch to epoch; the caller's batches are then visited in
     * the order given, so the batches themselves are shuffled here too.
     */
    static int[] lengthBucketed(List<int[]> sequences, int maxLen, Random random, int batchSize) {
        int n = sequences.size();
        double[] key = new double[n];
        Integer[] users = new Integer[n];
        for (int i = 0; i < n; i++) {
            users[i] = i;
            key[i] = Math.min(sequences.get(i).length - 1, maxLen) * Math.exp(0.3 * random.nextGaussian());
        }
        java.util.Arrays.sort(users, (a, b) -> Double.compare(key[a], key[b]));
        int batches = (n + batchSize - 1) / batchSize;
        int[] batchOrder = new int[batches];
        for (int i = 0; i < batches; i++) {
            batchOrder[i] = i;
        }
        for (int i = batches - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = batchOrder[i];
            batchOrder[i] = batchOrder[j];
            batchOrder[j] = t;
        }
        int[] order = new int[n];
        int k = 0;
        for (int b : batchOrder) {
            for (int i = b * batchSize; i < Math.min(n, (b + 1) * batchSize); i++) {
                order[k++] = users[i];
            }
        }
        return order;
    }
}
