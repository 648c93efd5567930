package awrsr.analysis;

import awrsr.data.DatasetLoader;
import awrsr.data.ItemCatalog;
import awrsr.data.LeaveOneOutSplit;
import awrsr.infer.Recommender;
import awrsr.nn.ItemIndex;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.TestModels;
import awrsr.nn.Variant;
import awrsr.testing.PlantedData;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetAnalysisTest {
    @TempDir
    Path dir;

    private static Recommender model(NDManager manager) {
        ModelConfig config = new ModelConfig(Variant.VALUE, PlantedData.ITEMS, 12, 8, 2, 2, 4, 0.2f);
        try (ParameterSet params = TestModels.random(config, 5, manager)) {
            return Recommender.of(config, new ItemIndex(IntStream.rangeClosed(1, PlantedData.ITEMS).toArray()),
                    ItemCatalog.empty(), params);
        }
    }

    /** Users explained on three threads at a time give the one-thread analysis, user for user, in order. */
    @Test
    void threadsChangeNothingButTheTime() throws IOException {
        LeaveOneOutSplit split = new LeaveOneOutSplit(DatasetLoader.load(PlantedData.write(dir, 40, 3)));
        try (NDManager manager = NDManager.newBaseManager(); Recommender model = model(manager)) {
            List<Integer> told = new ArrayList<>();
            DatasetAnalysis.Result one = DatasetAnalysis.run(model, split, Integer.MAX_VALUE, 1, (d, of) -> {});
            DatasetAnalysis.Result three = DatasetAnalysis.run(model, split, Integer.MAX_VALUE, 3,
                    (d, of) -> told.add(d));
            assertEquals(40, one.users().length);
            assertArrayEquals(one.users(), three.users());
            assertArrayEquals(one.historyLengths(), three.historyLengths());
            assertEquals(one.correlations().keySet(), three.correlations().keySet());
            one.correlations().forEach((k, v) -> assertArrayEquals(v, three.correlations().get(k), 1e-9, k));
            for (int l = 0; l < 2; l++) {
                for (int h = 0; h < 2; h++) {
                    for (int s = 0; s < HeadStatistics.NAMES.length; s++) {
                        assertArrayEquals(one.heads()[l][h][s], three.heads()[l][h][s], 1e-9);
                    }
                }
            }
            assertEquals(IntStream.rangeClosed(1, 40).boxed().toList(), told, "progress once per user, in order");
        }
    }

    /** By hand: the highest values' positions, the first of a tie, NaN positions skipped, undefined when empty. */
    @Test
    void sameTopItemComparesTheHighestPositions() {
        double nan = Double.NaN;
        assertEquals(1, DatasetAnalysis.sameTopItem(new double[] {0.1, 0.7, 0.2}, new double[] {-3, 2, 1}));
        assertEquals(0, DatasetAnalysis.sameTopItem(new double[] {0.1, 0.7, 0.2}, new double[] {-3, 1, 2}));
        assertEquals(1, DatasetAnalysis.sameTopItem(new double[] {0.5, 0.5, 0.2}, new double[] {4, 1, 2}), "tie: first");
        assertEquals(0, DatasetAnalysis.sameTopItem(new double[] {0.5, 0.5, 0.2}, new double[] {1, 4, 2}));
        // a NaN position is no candidate: the reference's top is position 1, then the signal's is
        assertEquals(0, DatasetAnalysis.sameTopItem(new double[] {0.1, 0.2, 0.9}, new double[] {1, 2, nan}));
        assertEquals(1, DatasetAnalysis.sameTopItem(new double[] {0.1, 0.9, 0.2}, new double[] {1, 2, nan}));
        assertEquals(0, DatasetAnalysis.sameTopItem(new double[] {nan, 0.2, 0.1}, new double[] {5, 2, 1}));
        assertEquals(1, DatasetAnalysis.sameTopItem(new double[] {nan, 0.2, 0.1}, new double[] {1, 5, 2}));
        assertTrue(Double.isNaN(DatasetAnalysis.sameTopItem(new double[] {nan, nan}, new double[] {1, 2})));
        assertTrue(Double.isNaN(DatasetAnalysis.sameTopItem(new double[] {0.3}, new double[] {1})), "one item");
    }

    /**
     * Each signal's share of users whose highest item is leave-one-out's (and occlusion's) is what the users'
     * own explanations give, counted here from their values; the chance level is the mean of 1 / length, and
     * recency's the share of users whose reference rates the newest item highest.
     */
    @Test
    void theSameTopShareCountsTheUsersWhoseExplanationsAgree() throws IOException {
        LeaveOneOutSplit split = new LeaveOneOutSplit(DatasetLoader.load(PlantedData.write(dir, 12, 3)));
        try (NDManager manager = NDManager.newBaseManager(); Recommender model = model(manager)) {
            DatasetAnalysis.Result r = DatasetAnalysis.run(model, split, Integer.MAX_VALUE, 1, true, (d, of) -> {});
            java.util.Map<String, int[]> agree = new java.util.LinkedHashMap<>();
            java.util.Map<String, int[]> agreeOcclusion = new java.util.LinkedHashMap<>();
            double chance = 0;
            int counted = 0;
            int newestOnTop = 0;
            int newestOnTopOcclusion = 0;
            for (int row = 0; row < split.userCount(); row++) {
                List<Integer> h = java.util.Arrays.stream(split.testInput(row)).boxed().toList();
                awrsr.infer.Explanation x = model.explain(h, null, 1, true);
                double[] loo = x.signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values();
                double[] occ = x.signal(awrsr.infer.Explanation.OCCLUSION).values();
                for (awrsr.infer.Explanation.Signal s : x.signals()) {
                    agree.computeIfAbsent(s.id(), k -> new int[2]);
                    agreeOcclusion.computeIfAbsent(s.id(), k -> new int[2]);
                    agree.get(s.id())[0] += argmax(s.values()) == argmax(loo) ? 1 : 0;
                    agree.get(s.id())[1]++;
                    agreeOcclusion.get(s.id())[0] += argmax(s.values()) == argmax(occ) ? 1 : 0;
                    agreeOcclusion.get(s.id())[1]++;
                }
                chance += 1.0 / x.items().size();
                newestOnTop += argmax(loo) == loo.length - 1 ? 1 : 0;
                newestOnTopOcclusion += argmax(occ) == occ.length - 1 ? 1 : 0;
                counted++;
            }
            assertEquals(12, counted, "every planted history has several items");
            for (String id : agree.keySet()) {
                assertEquals((double) agree.get(id)[0] / agree.get(id)[1], r.sameTopShare(id), 1e-12, id);
                assertEquals((double) agreeOcclusion.get(id)[0] / agreeOcclusion.get(id)[1],
                        r.occlusionSameTopShare(id), 1e-12, id + " against occlusion");
            }
            assertEquals(1.0, r.sameTopShare(awrsr.infer.Explanation.LEAVE_ONE_OUT), 0);
            assertEquals(chance / counted, r.sameTopChance(), 1e-12);
            assertEquals((double) newestOnTop / counted, r.sameTopRecency(false), 1e-12);
            assertEquals((double) newestOnTopOcclusion / counted, r.sameTopRecency(true), 1e-12);
            assertTrue(Double.isNaN(DatasetAnalysis.run(model, split, Integer.MAX_VALUE, 1, false, (d, of) -> {})
                    .occlusionSameTopShare(awrsr.infer.Explanation.RAW_LAST)), "no occlusion, no share against it");
            assertTrue(Double.isNaN(DatasetAnalysis.run(model, split, 3, 1, false, (d, of) -> {}).sameTopRecency(true)));
        }
    }

    /** The position of the largest value (every planted history is long enough that none is NaN). */
    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    /** Asked to stop, the analysis stops (and waits for the explanations in flight before it returns). */
    @Test
    void cancelStopsItOnEveryThreadCount() throws IOException {
        LeaveOneOutSplit split = new LeaveOneOutSplit(DatasetLoader.load(PlantedData.write(dir, 40, 3)));
        try (NDManager manager = NDManager.newBaseManager(); Recommender model = model(manager)) {
            for (int threads : new int[] {1, 2}) {
                int[] seen = {0};
                CancellationException e = assertThrows(CancellationException.class, () ->
                        DatasetAnalysis.run(model, split, Integer.MAX_VALUE, threads, new DatasetAnalysis.Progress() {
                            @Override public void done(int users, int of) {
                                seen[0] = users;
                            }

                            @Override public boolean cancelled() {
                                return seen[0] >= 5;
                            }
                        }));
                assertTrue(e.getMessage().contains("after 5 of 40"), e.getMessage());
            }
        }
    }
}
