package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import awrsr.data.ItemCatalog;
import awrsr.infer.AttentionTrace;
import awrsr.infer.HeadTrace;
import awrsr.infer.Prediction;
import awrsr.infer.Recommender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invariants of docs/model.md, section 6, for every variant. */
class AwrsrNetworkTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static ItemIndex identity(int v) {
        return new ItemIndex(IntStream.rangeClosed(1, v).toArray());
    }

    static Recommender recommender(Variant variant, long seed) {
        return recommender(TestModels.small(variant), seed);
    }

    static Recommender recommender(ModelConfig config, long seed) {
        try (ParameterSet params = TestModels.random(config, seed, manager)) {
            return Recommender.of(config, identity(config.numItems()), ItemCatalog.empty(), params);
        }
    }

    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void scoresAndMapsMatchTheReferenceDefinition(ModelConfig config) {
        Variant variant = config.variant();
        Map<String, float[]> values = TestModels.randomValues(config, 11);
        List<Integer> items = List.of(3, 17, 5, 5, 29, 1, 8);
        Prediction p;
        try (ParameterSet params = ParameterSet.fromValues(config, values, manager);
             Recommender model = Recommender.of(config, identity(config.numItems()), ItemCatalog.empty(), params)) {
            p = model.predict(items, 5, false, true);
        }
        int n = config.maxLen();
        int offset = n - items.size();
        int[] padded = new int[n];
        for (int i = 0; i < items.size(); i++) {
            padded[offset + i] = items.get(i);
        }
        ReferenceForward ref = ReferenceForward.of(config, values, padded);
        for (int i = 1; i <= config.numItems(); i++) {
            assertEquals(ref.scores[i], p.scores()[i], 1e-4 * Math.max(1, Math.abs(ref.scores[i])), "score of item " + i);
        }
        AttentionTrace t = p.trace();
        assertEquals(config.layers(), t.layerCount());
        assertEquals(config.heads(), t.headCount());
        for (int l = 0; l < config.layers(); l++) {
            for (int h = 0; h < config.heads(); h++) {
                HeadTrace head = t.head(l, h);
                assertClose(ref.raw[l][h], offset, head.raw(), "A l" + l + " h" + h);
                assertClose(ref.refined[l][h], offset, head.refined(), "W l" + l + " h" + h);
                if (variant.refines()) {
                    assertClose(ref.refinement[l][h], offset, head.refinement(), "R l" + l + " h" + h);
                } else {
                    assertNull(head.refinement());
                }
                if (config.backbone() == BackboneKind.STOSA) {
                    double[][] squared = new double[n][n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            squared[i][j] = ref.refined[l][h][i][j] * ref.refined[l][h][i][j];
                        }
                    }
                    assertClose(squared, offset, head.find(MapKind.COVARIANCE.id()).values(), "W⊙W l" + l + " h" + h);
                    float[][] uncertainty = head.factor(AwrsrNetwork.Factors.UNCERTAINTY);
                    for (int i = 0; i < items.size(); i++) {
                        double mean = java.util.Arrays.stream(ref.covarianceIn[l][offset + i]).average().orElseThrow();
                        assertEquals(mean, uncertainty[i][0], 1e-5, "uncertainty of position " + i + " entering layer " + l);
                    }
                }
            }
        }
    }

    @Test
    void plainSasrecsRefinedMapIsItsRawAttention() {
        try (Recommender model = recommender(Variant.NONE, 3)) {
            HeadTrace head = model.predict(List.of(1, 2, 3), 3, true, true).trace().head(1, 1);
            assertSame(head.raw(), head.refined());
        }
    }

    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void laterItemsNeverChangeEarlierPositions(ModelConfig config) {
        Variant variant = config.variant();
        int t = 4;
        long[] a = {4, 9, 2, 7, 7, 13, 21, 30, 1, 5};
        long[] b = a.clone();
        b[5] = 22;
        b[8] = 3;
        b[9] = 30;
        try (ParameterSet params = TestModels.random(config, 5, manager)) {
            AwrsrNetwork net = new AwrsrNetwork(config, params);
            try (NDManager scope = net.scope()) {
                long[] both = new long[20];
                System.arraycopy(a, 0, both, 0, 10);
                System.arraycopy(b, 0, both, 10, 10);
                AwrsrNetwork.Output out = net.forward(scope.create(both, new Shape(2, 10)), false, true);
                assertPrefixRowsEqual(out.hidden(), t, "F");
                for (AwrsrNetwork.LayerMaps maps : out.layers()) {
                    assertPrefixRowsEqual(maps.raw().get(":, 0, :, :"), t, "A");
                    assertPrefixRowsEqual(maps.refined().get(":, 1, :, :"), t, "W");
                    if (variant.refines()) {
                        assertPrefixRowsEqual(maps.refinement().get(":, 0, :, :"), t, "R");
                    }
                }
                // and the change does reach later positions, or the test would prove nothing
                float[] last = out.hidden().get(":, 9, :").toFloatArray();
                assertNotEquals(Arrays.toString(Arrays.copyOf(last, last.length / 2)),
                        Arrays.toString(Arrays.copyOfRange(last, last.length / 2, last.length)));
            }
        }
    }

    /**
     * A pass over the rows [from, m) of windows whose columns [0, from) equal a reference window's, with the
     * earlier rows' keys recorded from the reference's pass, gives the whole pass's rows; and leave-one-out
     * style scoring through it equals scoring each history alone.
     */
    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void rowsAfterASharedPrefixEqualTheWholePass(ModelConfig config) {
        int w = 10;
        long[] reference = {0, 0, 4, 9, 2, 7, 13, 21, 30, 5};
        long[][] windows = {
                reference.clone(),                        // the same window: only the newest row is computed
                {0, 0, 4, 9, 2, 7, 1, 3, 8, 11},          // shares 6 columns
                {0, 0, 4, 17, 2, 7, 13, 21, 30, 5},       // shares 3; the same items after
                {0, 0, 6, 9, 2, 7, 13, 21, 30, 5}};       // shares only the padding
        int[] shared = {9, 6, 3, 2};
        try (ParameterSet params = TestModels.random(config, 13, manager)) {
            AwrsrNetwork net = new AwrsrNetwork(config, params);
            try (NDManager scope = net.scope()) {
                KeyRows.Recorded prefix = KeyRows.record();
                net.forwardRows(scope.create(reference, new Shape(1, w)), 0, prefix, true);
                long[] all = new long[windows.length * w];
                for (int b = 0; b < windows.length; b++) {
                    System.arraycopy(windows[b], 0, all, b * w, w);
                }
                NDArray whole = net.forward(scope.create(all, new Shape(windows.length, w)), false, false).hidden();
                for (int b = 0; b < windows.length; b++) {
                    NDArray rows = net.forwardRows(scope.create(windows[b], new Shape(1, w)), shared[b],
                            prefix.extend(shared[b]), false).hidden();
                    assertArrayEquals(whole.get(b + ", " + shared[b] + ":, :").toFloatArray(), rows.toFloatArray(),
                            1e-5f, "window " + b + " from column " + shared[b]);
                    NDArray newest = net.forwardRows(scope.create(windows[b], new Shape(1, w)), shared[b],
                            prefix.extend(shared[b]), true).hidden();
                    assertArrayEquals(whole.get(b + ", -1:, :").toFloatArray(), newest.toFloatArray(), 1e-5f,
                            "the newest row of window " + b + " from column " + shared[b]);
                }
                // all four in one pass from the smallest shared prefix
                NDArray together = net.forwardRows(scope.create(all, new Shape(windows.length, w)), 2,
                        prefix.extend(2), false).hidden();
                assertArrayEquals(whole.get(":, 2:, :").toFloatArray(), together.toFloatArray(), 1e-5f);
                NDArray newest = net.forwardRows(scope.create(all, new Shape(windows.length, w)), 2,
                        prefix.extend(2), true).hidden();
                assertArrayEquals(whole.get(":, -1:, :").toFloatArray(), newest.toFloatArray(), 1e-5f);
            }
            int[][] histories = {{4, 9, 2, 7, 13, 21, 30}, {4, 9, 2, 7, 13, 30, 5}, {4, 9, 2, 7, 21, 30, 5},
                    {9, 2, 7, 13, 21, 30, 5}, {4, 9, 2, 7, 13, 21, 30, 5, 6, 7, 8, 9, 10, 11, 12, 13}, {8}};
            float[][] alone = Recommender.scoreWith(net, histories);
            float[][] sharing = Recommender.scoreSharing(net, new int[] {4, 9, 2, 7, 13, 21, 5}, histories);
            for (int b = 0; b < histories.length; b++) {
                try (NDManager scope = net.scope()) {     // scoreWith's newest-row pass against the whole pass
                    NDArray whole = net.forward(SequenceBatch.create(scope, new int[][] {histories[b]},
                            config.maxLen()), false, false).hidden();
                    float[] direct = net.scoreAll(AwrsrNetwork.last(whole)).toFloatArray();
                    direct[0] = 0;
                    float[] viaScoreWith = alone[b].clone();
                    viaScoreWith[0] = 0;
                    assertArrayEquals(direct, viaScoreWith, 1e-5f, "scoreWith, history " + b);
                }
                float[] expected = alone[b].clone();
                float[] actual = sharing[b].clone();
                expected[0] = actual[0] = 0;              // padding: -inf in both
                assertArrayEquals(expected, actual, 1e-5f, "history " + b);
            }
        }
    }

    /**
     * Explanations through the shared passes, for every backbone and mechanism: each leave-one-out value is
     * the score difference of two separate predictions (to 1e-5), for histories shorter than the window,
     * filling it, one longer (the window slides) and with repeated items.
     */
    /**
     * An item whose embedding is the target's scores exactly as the target does: the rank without each item
     * counts it, as fullRank does (a score not below the target's), and the target's score is that of a
     * separate prediction.
     */
    @Test
    void leaveOneOutRanksCountTiesAsFullRankDoes() {
        ModelConfig config = TestModels.small(Variant.VALUE);
        java.util.Map<String, float[]> values = TestModels.randomValues(config, 41);
        int d = config.dim();
        float[] items = values.get("item_emb");
        System.arraycopy(items, 7 * d, items, 19 * d, d);             // item 19 scores as item 7 does
        List<Integer> h = List.of(5, 1, 28, 13, 2, 22, 9, 30, 11);
        try (ParameterSet params = ParameterSet.fromValues(config, values, manager);
             Recommender model = Recommender.of(config, identity(config.numItems()), ItemCatalog.empty(), params)) {
            awrsr.infer.Explanation x = model.explain(h, 7);
            for (int i = 0; i < h.size(); i++) {
                List<Integer> without = new java.util.ArrayList<>(h);
                without.remove(i);
                awrsr.infer.Prediction separate = model.predict(without, 1, true, false);
                assertEquals(separate.scores()[7], separate.scores()[19], "the twin's score");
                int rank = awrsr.eval.Evaluator.fullRank(separate.scores(), 7, model.predict(h, 1, true, false).excluded());
                assertEquals(rank, x.rankWithout()[i], "rank without position " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void leaveOneOutEqualsSeparatePredictions(ModelConfig config) {
        List<List<Integer>> histories = List.of(List.of(3, 9), List.of(4, 4, 17, 2, 4),
                List.of(5, 1, 28, 13, 13, 7, 22, 9, 30, 2, 11, 6),
                List.of(8, 14, 3, 3, 26, 19, 1, 12, 7, 21, 29, 4, 16, 8, 2, 25, 10));
        try (Recommender model = recommender(config, 17)) {
            for (List<Integer> h : histories) {
                awrsr.infer.Explanation x = model.explain(h, null);
                int ti = model.itemIndex().indexOf(x.target());
                float whole = model.predict(h, 1, false, false).scores()[ti];
                double[] loo = x.signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values();
                for (int i = 0; i < loo.length; i++) {
                    List<Integer> without = new java.util.ArrayList<>(h);
                    without.remove(x.droppedFromFront() + i);
                    awrsr.infer.Prediction separate = model.predict(without, 1, true, false);
                    float alone = separate.scores()[ti];
                    assertEquals(whole - alone, loo[i], 1e-5, h.size() + " items, position " + i);
                    // the rank among the items outside the whole history, as a separate prediction ranks it
                    assertEquals(awrsr.eval.Evaluator.fullRank(separate.scores(), ti,
                            model.predict(h, 1, true, false).excluded()), x.rankWithout()[i],
                            h.size() + " items, rank without position " + i);
                }
                // the same passes dealt out to three threads (each over its own views) give the same numbers, and
                // gradient × input, then made on a pool thread beside them, too
                awrsr.infer.Explanation spread = model.explain(h, null, 3);
                assertArrayEquals(loo, spread.signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values(), 1e-6,
                        h.size() + " items, passes on 3 threads");
                assertArrayEquals(x.signal(awrsr.infer.Explanation.GRADIENT).values(),
                        spread.signal(awrsr.infer.Explanation.GRADIENT).values(), 1e-6,
                        h.size() + " items, gradient × input beside passes on 3 threads");
            }
        }
    }

    /**
     * Occlusion against the plain-Java reference forward, for every backbone and mechanism: each item but the
     * newest, replaced by padding at its own column of the window, changes the target's score by the value
     * explain reports (the window stays the window: in the 17-item history, longer than the 12 the model reads,
     * no older item moves in); the newest, masked, changes it by its score from the row before (n − 2, the
     * reference's own row, not the network's); and the correlations with occlusion read every position.
     */
    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void occlusionMasksAnItemInPlaceAsTheReferenceDefinitionDoes(ModelConfig config) {
        Map<String, float[]> values = TestModels.randomValues(config, 17);
        List<List<Integer>> histories = List.of(List.of(3, 9), List.of(5, 1, 28, 13, 13, 7, 22, 9, 30, 2, 11),
                List.of(8, 14, 3, 3, 26, 19, 1, 12, 7, 21, 29, 4, 16, 8, 2, 25, 10));
        int n = config.maxLen();
        try (ParameterSet params = ParameterSet.fromValues(config, values, manager);
             Recommender model = Recommender.of(config, identity(config.numItems()), ItemCatalog.empty(), params)) {
            for (List<Integer> h : histories) {
                awrsr.infer.Explanation x = model.explain(h, null, 1, true);
                awrsr.infer.Explanation.Signal occlusion = x.signal(awrsr.infer.Explanation.OCCLUSION);
                int m = x.items().size();
                int[] padded = new int[n];
                for (int i = 0; i < m; i++) {
                    padded[n - m + i] = x.items().get(i);
                }
                int t = x.target();
                double whole = ReferenceForward.of(config, values, padded).scores[t];
                for (int i = 0; i < m - 1; i++) {
                    int[] masked = padded.clone();
                    masked[n - m + i] = 0;
                    double expected = whole - ReferenceForward.of(config, values, masked).scores[t];
                    assertEquals(expected, occlusion.values()[i], 1e-4 * Math.max(1, Math.abs(whole)),
                            h.size() + " items, position " + i);
                }
                int[] withoutNewest = padded.clone();
                withoutNewest[n - 1] = 0;
                double newest = whole - ReferenceForward.of(config, values, withoutNewest).scoresBefore[t];
                assertEquals(newest, occlusion.values()[m - 1], 1e-4 * Math.max(1, Math.abs(whole)),
                        h.size() + " items, the newest");
                double[] loo = x.signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values();
                assertEquals(awrsr.util.Stats.spearman(loo, occlusion.values()), occlusion.spearmanWithLoo(), 1e-12);
                // on three threads, the same values
                assertArrayEquals(occlusion.values(), model.explain(h, null, 3, true)
                        .signal(awrsr.infer.Explanation.OCCLUSION).values(), 1e-6, h.size() + " items, 3 threads");
                assertNull(model.explain(h, null).signal(awrsr.infer.Explanation.OCCLUSION), "only when asked");
            }
        }
    }

    /**
     * Calls on several threads at once run over their own lanes: each thread's leave-one-out values and
     * gradient × input equal those made one at a time (a call that read another's arrays, or a scope that freed
     * them, would not). The gradients were left out while the garbage gradients of DJL's Number constants were
     * open (fixed with {@link Scalars}).
     */
    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void callsOnManyThreadsAtOnceEqualThoseOneAtATime(ModelConfig config) throws Exception {
        List<List<Integer>> histories = List.of(List.of(4, 4, 17, 2, 4), List.of(5, 1, 28, 13, 13, 7, 22, 9, 30),
                List.of(8, 14, 3, 3, 26, 19, 1, 12, 7, 21, 29, 4, 16, 8), List.of(11, 2, 6));
        try (Recommender model = recommender(config, 23)) {
            List<double[][]> alone = new java.util.ArrayList<>();
            for (List<Integer> h : histories) {
                alone.add(signals(model.explain(h, null)));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<double[][]>> together = new java.util.ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    for (List<Integer> h : histories) {
                        together.add(pool.submit(() -> {
                            model.predict(h, 3, true, true);
                            return signals(model.explain(h, null, 2));
                        }));
                    }
                }
                for (int k = 0; k < together.size(); k++) {
                    double[][] got = together.get(k).get();
                    for (int s = 0; s < got.length; s++) {
                        assertArrayEquals(alone.get(k % histories.size())[s], got[s], 1e-6, (s == 0 ? "leave-one-out"
                                : "gradient") + ", history " + k % histories.size() + ", round " + k / histories.size());
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    /** An explanation's leave-one-out values and its gradient × input. */
    private static double[][] signals(awrsr.infer.Explanation x) {
        return new double[][] {x.signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values(),
                x.signal(awrsr.infer.Explanation.GRADIENT).values()};
    }

    /** Rows 0..t of batch element 0 and 1 of a (2, m, k) array are identical. */
    private static void assertPrefixRowsEqual(NDArray pair, int t, String what) {
        float[] x = pair.get("0, :" + (t + 1)).toFloatArray();
        float[] y = pair.get("1, :" + (t + 1)).toFloatArray();
        assertArrayEquals(x, y, 1e-6f, what + " rows up to " + t + " changed when later items changed");
    }

    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void leftPaddingAndBatchingNeverChangeRealPositions(ModelConfig config) {
        int n = config.maxLen();
        long[] shortSeq = {6, 2, 19, 8};
        long[] longSeq = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        try (ParameterSet params = TestModels.random(config, 9, manager)) {
            AwrsrNetwork net = new AwrsrNetwork(config, params);
            try (NDManager scope = net.scope()) {
                AwrsrNetwork.Output alone = net.forward(scope.create(shortSeq, new Shape(1, 4)), false, true);
                long[] padded = new long[n];
                System.arraycopy(shortSeq, 0, padded, n - 4, 4);
                AwrsrNetwork.Output full = net.forward(scope.create(padded, new Shape(1, n)), false, true);
                long[] batch = new long[2 * 11];
                System.arraycopy(shortSeq, 0, batch, 11 - 4, 4);
                System.arraycopy(longSeq, 0, batch, 11, 11);
                AwrsrNetwork.Output mixed = net.forward(scope.create(batch, new Shape(2, 11)), false, true);

                float[] f = alone.hidden().toFloatArray();
                assertArrayEquals(f, full.hidden().get("0, " + (n - 4) + ":, :").toFloatArray(), 1e-5f);
                assertArrayEquals(f, mixed.hidden().get("0, 7:, :").toFloatArray(), 1e-5f);
                for (int l = 0; l < config.layers(); l++) {
                    float[] w = alone.layers().get(l).refined().toFloatArray();
                    assertArrayEquals(w, full.layers().get(l).refined()
                            .get("0:1, :, " + (n - 4) + ":, " + (n - 4) + ":").toFloatArray(), 1e-6f);
                    assertArrayEquals(w, mixed.layers().get(l).refined().get("0:1, :, 7:, 7:").toFloatArray(), 1e-6f);
                    // padded rows and columns are exactly zero
                    float[] padRows = full.layers().get(l).raw().get("0, :, :" + (n - 4) + ", :").toFloatArray();
                    assertTrue(allZero(padRows), "padded query rows of A must be zero");
                    float[] padCols = full.layers().get(l).refined().get("0, :, :, :" + (n - 4)).toFloatArray();
                    assertTrue(allZero(padCols), "padded key columns of W must be zero");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("awrsr.nn.TestModels#all")
    void everyRowIsADistributionOverEarlierItems(ModelConfig config) {
        Variant variant = config.variant();
        try (Recommender model = recommender(config, 21)) {
            AttentionTrace t = model.predict(List.of(2, 4, 6, 8, 10, 12, 14, 16, 18), 5, true, true).trace();
            for (List<HeadTrace> layer : t.layers()) {
                for (HeadTrace head : layer) {
                    assertStochasticCausal(head.raw());
                    assertStochasticCausal(head.refined());
                    if (variant.refines()) {
                        assertStochasticCausal(head.refinement());
                    }
                }
            }
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        ModelConfig config = TestModels.small(Variant.VALUE);
        try (ParameterSet params = TestModels.random(config, 2, manager)) {
            AwrsrNetwork net = new AwrsrNetwork(config, params);
            try (NDManager scope = net.scope()) {
                NDArray in = scope.create(new long[] {3, 4, 5, 6}, new Shape(1, 4));
                float[] eval1 = net.forward(in, false, false).hidden().toFloatArray();
                float[] eval2 = net.forward(in, false, false).hidden().toFloatArray();
                float[] train = net.forward(in, true, false).hidden().toFloatArray();
                assertArrayEquals(eval1, eval2);
                assertNotEquals(Arrays.toString(eval1), Arrays.toString(train));
            }
        }
    }

    private static void assertStochasticCausal(float[][] m) {
        for (int i = 0; i < m.length; i++) {
            double sum = 0;
            for (int j = 0; j < m.length; j++) {
                if (j > i) {
                    assertEquals(0f, m[i][j], "row " + i + " reads a later position " + j);
                }
                assertTrue(m[i][j] >= 0, "negative weight");
                sum += m[i][j];
            }
            assertEquals(1.0, sum, 1e-5, "row " + i + " sums to " + sum);
        }
    }

    private static void assertClose(double[][] ref, int offset, float[][] actual, String what) {
        int m = actual.length;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                assertEquals(ref[offset + i][offset + j], actual[i][j], 1e-5, what + " [" + i + "," + j + "]");
            }
        }
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
