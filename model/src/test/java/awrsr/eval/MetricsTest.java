package awrsr.eval;

import awrsr.data.Dataset;
import awrsr.data.ItemCatalog;
import awrsr.data.LeaveOneOutSplit;
import awrsr.nn.ItemIndex;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {
    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void metricsFromRanksMatchHandComputedValues() {
        Metrics m = Metrics.fromRanks(new int[] {0, 1, 4, 9, 25});
        assertEquals(5, m.users());
        assertEquals(3 / 5.0, m.hr5(), 1e-12);
        assertEquals(4 / 5.0, m.hr10(), 1e-12);
        assertEquals(4 / 5.0, m.hr20(), 1e-12);
        assertEquals((1 + 1 / log2(3) + 1 / log2(6)) / 5, m.ndcg5(), 1e-12);
        assertEquals((1 + 1 / log2(3) + 1 / log2(6) + 1 / log2(11)) / 5, m.ndcg10(), 1e-12);
        assertEquals((1 + 0.5 + 0.2 + 0.1 + 1 / 26.0) / 5, m.mrr(), 1e-12);
    }

    @Test
    void fullRankCountsTiesAgainstTheTargetAndSkipsExcludedItems() {
        float[] scores = {Float.NEGATIVE_INFINITY, 1f, 3f, 3f, 2f, 5f, 3f};
        BitSet excluded = new BitSet();
        excluded.set(5);
        assertEquals(2, Evaluator.fullRank(scores, 2, excluded));   // items 3 and 6 tie with it
        assertEquals(0, Evaluator.fullRank(scores, 5, new BitSet()));
        assertEquals(5, Evaluator.fullRank(scores, 1, new BitSet()));
    }

    @Test
    void sampledRankUsesAllEligibleItemsWhenFewerThanAHundred() {
        float[] scores = {0f, 9f, 1f, 2f, 3f, 8f};
        BitSet excluded = new BitSet();
        excluded.set(1);
        // eligible: 2,3,4 (target 5 excluded from its own negatives): none scores >= 8
        assertEquals(0, Evaluator.sampledRank(scores, 5, excluded, new Random(1)));
        assertEquals(2, Evaluator.sampledRank(scores, 3, excluded, new Random(1)));   // items 4 and 5 beat it
    }

    @Test
    void sampledNegativesAreDistinctEligibleAndSeeded() {
        BitSet excluded = new BitSet();
        excluded.set(1, 50);
        int[] a = Evaluator.sampleNegatives(1000, 77, excluded, 100, new Random(5));
        int[] b = Evaluator.sampleNegatives(1000, 77, excluded, 100, new Random(5));
        assertArrayEquals(a, b);
        assertEquals(100, java.util.Arrays.stream(a).distinct().count());
        for (int j : a) {
            assertEquals(false, excluded.get(j) || j == 77 || j < 1 || j > 1000);
        }
    }

    /** Each user's rank, by the user's row. */
    private static int[] ranksByRow(Evaluation e, int users) {
        int[] ranks = new int[users];
        for (int i = 0; i < e.userRows().length; i++) {
            ranks[e.userRows()[i]] = e.ranks()[i];
        }
        return ranks;
    }

    private static final ItemIndex SIX_ITEMS = new ItemIndex(new int[] {1, 2, 3, 4, 5, 6});

    /** Every history gets the same scores: item 5 best, then 4, 6, 1, 3, 2. */
    private static final SequenceScorer SAME_SCORES = h -> {
        float[] table = {Float.NEGATIVE_INFINITY, 0.3f, 0.1f, 0.2f, 0.8f, 0.9f, 0.5f};
        float[][] out = new float[h.length][];
        java.util.Arrays.fill(out, table);
        return out;
    };

    @Test
    void evaluatorRanksTestTargetsFromAFixedScoreTable() {
        // user 1: 1 2 3 4 (valid 3, test 4); user 2: 2 3 1 (valid 3, test 1)
        Dataset d = new Dataset("t", "x", ItemCatalog.empty(), new int[] {1, 2},
                new int[][] {{1, 2, 3, 4}, {2, 3, 1}}, null);
        Evaluation e = Evaluator.evaluate(SAME_SCORES, new LeaveOneOutSplit(d), SIX_ITEMS, Protocol.FULL,
                RankTarget.TEST);
        // user 1, target 4: unseen 5, 6 -> only 5 beats it -> rank 1
        // user 2, target 1: unseen 4, 5, 6 -> all beat it -> rank 3
        assertArrayEquals(new int[] {1, 3}, ranksByRow(e, 2));
        assertEquals((1 / log2(3) + 1 / log2(5)) / 2, e.metrics().ndcg10(), 1e-12);
        assertEquals((0.5 + 0.25) / 2, e.metrics().mrr(), 1e-12);
    }

    @Test
    void validationRanksAgainstTheTestItemButNotTheHistoryBeforeIt() {
        // user 1: 1 2 3 4 (input 1 2, valid 3, test 4); user 2: 2 3 1 5 (input 2 3, valid 1, test 5)
        Dataset d = new Dataset("t", "x", ItemCatalog.empty(), new int[] {1, 2},
                new int[][] {{1, 2, 3, 4}, {2, 3, 1, 5}}, null);
        Evaluation e = Evaluator.evaluate(SAME_SCORES, new LeaveOneOutSplit(d), SIX_ITEMS, Protocol.FULL,
                RankTarget.VALIDATION);
        // user 1, target 3 (0.2): eligible 4, 5, 6 (the test item 4 included) and all beat it -> rank 3
        // user 2, target 1 (0.3): eligible 4, 5, 6 (the test item 5 included) -> rank 3
        // (leaving the test item out, as the evaluator once did, would give 2 and 2)
        assertArrayEquals(new int[] {3, 3}, ranksByRow(e, 2));
    }

    @Test
    void popularityCountsTrainingInteractionsOnly() {
        Dataset d = new Dataset("t", "x", ItemCatalog.empty(), new int[] {1, 2},
                new int[][] {{1, 1, 2, 3, 4}, {2, 2, 5, 6}}, null);
        ItemIndex index = new ItemIndex(new int[] {1, 2, 3, 4, 5, 6});
        float[] s = new PopularityBaseline(new LeaveOneOutSplit(d), index).score(new int[][] {{1}})[0];
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, 2, 3, 0, 0, 0, 0}, s);
    }
}
