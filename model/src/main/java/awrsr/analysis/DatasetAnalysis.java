package awrsr.analysis;

import awrsr.data.LeaveOneOutSplit;
import awrsr.infer.Explanation;
import awrsr.infer.Recommender;
import awrsr.util.Stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Does attention explain, across a whole dataset? For every user's test history (all but the last item,
 * the items the model knows), the explanation of the model's top-1 prediction ({@link Recommender#explain}):
 * each signal's rank correlation with leave-one-out importance, how often its highest item is leave-one-out's,
 * and every head's {@link HeadStatistics}.
 */
public final class DatasetAnalysis {
    /** Told after each user; may ask to stop. */
    public interface Progress {
        void done(int users, int of);

        default boolean cancelled() {
            return false;
        }
    }

    /** A distribution's summary over users (NaN values, e.g. a one-item history, are left out). */
    public record Summary(int count, double mean, double sd, double p25, double median, double p75) {
        public static Summary of(double[] values) {
            double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
            if (v.length == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Summary(v.length, Stats.mean(v), Stats.sd(v), Stats.percentile(v, 25), Stats.median(v),
                    Stats.percentile(v, 75));
        }
    }

    /**
     * @param users the analysed users' ids, in dataset order
     * @param historyLengths how many items each user's window held
     * @param signalNames the signals' names by id, leave-one-out first
     * @param correlations each signal's Spearman correlation with leave-one-out, per user (same order as users)
     * @param occlusionCorrelations the same with occlusion (empty when it was not asked for)
     * @param topWithLoo which item each signal rates highest, against leave-one-out's
     * @param topWithOcclusion the same against occlusion's ({@link TopItems#NONE} when it was not asked for)
     * @param heads per layer and head, per statistic ({@link HeadStatistics#NAMES}), per user
     * @param seconds how long the analysis took
     */
    public record Result(int[] users, int[] historyLengths, Map<String, String> signalNames,
                         Map<String, double[]> correlations, Map<String, double[]> occlusionCorrelations,
                         TopItems topWithLoo, TopItems topWithOcclusion, double[][][][] heads, double seconds) {
        public Summary correlation(String signal) {
            return Summary.of(correlations.get(signal));
        }

        /** The share of users for whom a signal's highest item is leave-one-out's (NaN when none had both). */
        public double sameTopShare(String signal) {
            return topWithLoo.share(signal);
        }

        /** The same against occlusion (NaN when occlusion was not computed). */
        public double occlusionSameTopShare(String signal) {
            return topWithOcclusion.share(signal);
        }

        /**
         * The share {@link #sameTopShare} of a signal that always rates the newest item highest: how often
         * leave-one-out does (with {@code occlusion}: occlusion does; NaN when it was not computed).
         */
        public double sameTopRecency(boolean occlusion) {
            return (occlusion ? topWithOcclusion : topWithLoo).recency();
        }

        /**
         * The share {@link #sameTopShare} would have by chance: the mean over users with two or more items of
         * 1 / their window's length (a pick uniform over the window meets a given item that often).
         */
        public double sameTopChance() {
            return Arrays.stream(historyLengths).filter(m -> m > 1).mapToDouble(m -> 1.0 / m).average()
                    .orElse(Double.NaN);
        }

        /** A signal's correlation with occlusion over users (null when occlusion was not computed). */
        public Summary occlusionCorrelation(String signal) {
            double[] v = occlusionCorrelations.get(signal);
            return v == null ? null : Summary.of(v);
        }

        /** The mean over users of one head's statistic. */
        public double headMean(int layer, int head, int statistic) {
            return Stats.mean(heads[layer][head][statistic]);
        }

        /**
         * The users whose value of a head's statistic lies farthest from that head's mean over users,
         * farthest first: where to look when a head behaves unusually.
         */
        public int[] mostUnusualUsers(int layer, int head, int statistic, int count) {
            double[] v = heads[layer][head][statistic];
            double mean = Stats.mean(v);
            Integer[] order = new Integer[v.length];
            for (int i = 0; i < v.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(dev(v[y], mean), dev(v[x], mean)));
            return Arrays.stream(order).limit(count).mapToInt(i -> users[i]).toArray();
        }

        private static double dev(double x, double mean) {
            return Double.isNaN(x) ? -1 : Math.abs(x - mean);
        }
    }

    /**
     * Which item each signal rates highest, against a reference importance (leave-one-out or occlusion), per
     * user (same order as {@link Result#users}).
     *
     * @param sameTop per signal: 1 when the item it rates highest is the one the reference rates highest, 0 when
     *     not, NaN when either has no value ({@link #sameTopItem})
     * @param newestOnTop 1 when the reference rates the newest item highest, 0 when not, NaN when undefined: what
     *     a signal that always names the newest item would score in {@code sameTop}
     */
    public record TopItems(Map<String, double[]> sameTop, double[] newestOnTop) {
        /** For a reference that was not computed: every share NaN. */
        public static final TopItems NONE = new TopItems(Map.of(), new double[0]);

        /** The share of users for whom the signal's highest item is the reference's (NaN when none had both). */
        public double share(String signal) {
            double[] v = sameTop.get(signal);
            return v == null ? Double.NaN : Stats.mean(v);
        }

        /** The share of users for whom the reference rates the newest item highest (NaN when none had one). */
        public double recency() {
            return Stats.mean(newestOnTop);
        }

        /** Gathered user by user; {@link #NONE} when no user was added. */
        private static final class Builder {
            final Map<String, List<Double>> sameTop = new LinkedHashMap<>();
            final List<Double> newest = new ArrayList<>();

            void add(List<Explanation.Signal> signals, double[] reference) {
                double[] recency = java.util.stream.IntStream.range(0, reference.length).asDoubleStream().toArray();
                newest.add(sameTopItem(recency, reference));
                for (Explanation.Signal s : signals) {
                    sameTop.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(sameTopItem(s.values(), reference));
                }
            }

            TopItems build() {
                return newest.isEmpty() ? NONE
                        : new TopItems(arrays(sameTop), newest.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
    }

    private DatasetAnalysis() {}

    /**
     * 1 when the highest value of {@code signal} and of {@code reference} sit at the same position (the first
     * such where values tie), 0 when not; NaN when either has no value at all or there is only one position.
     */
    static double sameTopItem(double[] signal, double[] reference) {
        int a = Explanation.topPosition(signal);
        int b = Explanation.topPosition(reference);
        return a < 0 || b < 0 || signal.length < 2 ? Double.NaN : a == b ? 1 : 0;
    }

    /**
     * What the analysis keeps of a user's explanation: its signals (with their rank correlations with
     * leave-one-out) and the statistics of every head ([layer][head][statistic]). Made on the thread that
     * explained, so that the explanation's maps are garbage at once (holding every user's maps until the end
     * kept some 600 MB alive and the collector copying them).
     */
    private record UserResult(int items, List<Explanation.Signal> signals, double[][][] stats) {
        Explanation.Signal signal(String id) {
            return Explanation.signal(signals, id);
        }

        static UserResult of(Explanation x, int layers, int heads) {
            double[][][] stats = new double[layers][heads][];
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    stats[l][h] = HeadStatistics.of(x.trace().head(l, h)).values();
                }
            }
            return new UserResult(x.items().size(), x.signals(), stats);
        }
    }

    /** A user's result: computed on this thread ({@code here}: a task no pool runs), else waited for. */
    private static UserResult result(java.util.concurrent.Future<UserResult> f, boolean here) {
        if (here) {
            ((java.util.concurrent.FutureTask<UserResult>) f).run();
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("analysis interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @throws CancellationException when {@code progress} asks to stop */
    public static Result run(Recommender model, LeaveOneOutSplit split, Progress progress) {
        return run(model, split, Integer.MAX_VALUE, 1, progress);
    }

    /**
     * The analysis of the first {@code limit} users with a test target (in dataset order), their explanations
     * computed on {@code threads} threads at a time (this one waits, and tells {@code progress} in user order).
     *
     * @throws CancellationException when {@code progress} asks to stop
     */
    public static Result run(Recommender model, LeaveOneOutSplit split, int limit, int threads, Progress progress) {
        return run(model, split, limit, threads, false, progress);
    }

    /**
     * {@link #run(Recommender, LeaveOneOutSplit, int, int, Progress)}, with {@code occlusion} also every signal's
     * correlation with occlusion ({@link Recommender#explain(List, Integer, int, boolean)}).
     */
    public static Result run(Recommender model, LeaveOneOutSplit split, int limit, int threads, boolean occlusion,
                             Progress progress) {
        long start = System.nanoTime();
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < split.userCount() && rows.size() < limit; row++) {
            if (split.hasTargets(row)) {
                rows.add(row);
            }
        }
        int layers = model.config().layers();
        int heads = model.config().heads();
        List<int[]> kept = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<Double>> rho = new LinkedHashMap<>();
        Map<String, List<Double>> rhoOcclusion = new LinkedHashMap<>();
        TopItems.Builder top = new TopItems.Builder();
        TopItems.Builder topOcclusion = new TopItems.Builder();
        List<double[][][]> headRows = new ArrayList<>();   // per user: [layer][head][statistic]
        java.util.concurrent.ExecutorService pool = threads > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(threads,
                        awrsr.util.DaemonThreads.named("awrsr-analysis")) : null;
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<java.util.concurrent.Future<UserResult>> explained = new ArrayList<>();
        try {
            for (int row : rows) {
                List<Integer> history = Arrays.stream(split.testInput(row)).filter(model.itemIndex()::contains)
                        .boxed().toList();
                java.util.concurrent.Callable<UserResult> explain = () -> history.isEmpty() || stop.get() ? null
                        : UserResult.of(model.explain(history, null, 1, occlusion), layers, heads);
                // without a pool, each runs here when its turn comes (result)
                explained.add(pool != null ? pool.submit(explain) : new java.util.concurrent.FutureTask<>(explain));
            }
            for (int u = 0; u < rows.size(); u++) {
                if (progress.cancelled()) {
                    stop.set(true);
                    throw new CancellationException("analysis cancelled after " + u + " of " + rows.size() + " users");
                }
                UserResult x = result(explained.get(u), pool == null);
                explained.set(u, null);
                if (x != null) {
                    kept.add(new int[] {split.dataset().userId(rows.get(u)), x.items()});
                    top.add(x.signals(), x.signal(Explanation.LEAVE_ONE_OUT).values());
                    if (occlusion) {
                        topOcclusion.add(x.signals(), x.signal(Explanation.OCCLUSION).values());
                    }
                    for (Explanation.Signal s : x.signals()) {
                        names.putIfAbsent(s.id(), s.name());
                        rho.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(s.spearmanWithLoo());
                        if (occlusion) {
                            rhoOcclusion.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(s.spearmanWithOcclusion());
                        }
                    }
                    headRows.add(x.stats());
                }
                progress.done(u + 1, rows.size());
            }
        } finally {
            stop.set(true);
            if (pool != null) {
                // the model must not be closed under a running explanation's feet, interrupted or not
                awrsr.util.Uninterruptibly.shutDownAndWait(pool);
            }
        }
        int n = kept.size();
        double[][][][] perHead = new double[layers][heads][HeadStatistics.NAMES.length][n];
        for (int u = 0; u < n; u++) {
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    for (int s = 0; s < HeadStatistics.NAMES.length; s++) {
                        perHead[l][h][s][u] = headRows.get(u)[l][h][s];
                    }
                }
            }
        }
        return new Result(kept.stream().mapToInt(k -> k[0]).toArray(), kept.stream().mapToInt(k -> k[1]).toArray(),
                names, arrays(rho), arrays(rhoOcclusion), top.build(), topOcclusion.build(), perHead,
                (System.nanoTime() - start) / 1e9);
    }

    /** Each signal's values over users as an array, in the signals' order. */
    private static Map<String, double[]> arrays(Map<String, List<Double>> perSignal) {
        Map<String, double[]> out = new LinkedHashMap<>();
        perSignal.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }
}
