package awrsr.eval;

import awrsr.data.LeaveOneOutSplit;
import awrsr.nn.ItemIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/** Ranks each user's held-out item under a {@link Protocol} and averages the metrics. */
public final class Evaluator {
    public static final int BATCH = 128;
    public static final long DEFAULT_SEED = 42;

    private Evaluator() {}

    public static Evaluation evaluate(SequenceScorer scorer, LeaveOneOutSplit split, ItemIndex index,
                                      Protocol protocol, RankTarget target) {
        return evaluate(scorer, split, index, protocol, target, DEFAULT_SEED);
    }

    public static Evaluation evaluate(SequenceScorer scorer, LeaveOneOutSplit split, ItemIndex index,
                                      Protocol protocol, RankTarget target, long seed) {
        List<Integer> rows = new ArrayList<>();
        int skipped = 0;
        for (int row = 0; row < split.userCount(); row++) {
            if (!split.hasTargets(row)) {
                skipped++;
                continue;
            }
            int item = target.item(split, row);
            int[] input = index.toIndices(target.input(split, row));
            if (index.indexOf(item) == 0 || Arrays.stream(input).noneMatch(i -> i > 0)) {
                skipped++;
                continue;
            }
            rows.add(row);
        }
        // Batches of similar history length keep each batch's window narrow; results do not depend on it.
        rows.sort(java.util.Comparator.comparingInt(r -> split.dataset().sequence(r).length));
        int[] userRows = rows.stream().mapToInt(Integer::intValue).toArray();
        int[] ranks = new int[userRows.length];
        for (int start = 0; start < userRows.length; start += BATCH) {
            int end = Math.min(userRows.length, start + BATCH);
            int[][] histories = new int[end - start][];
            int[][] inputs = new int[end - start][];
            for (int i = start; i < end; i++) {
                int row = userRows[i];
                histories[i - start] = target.input(split, row);
                inputs[i - start] = Arrays.stream(index.toIndices(histories[i - start])).filter(x -> x > 0).toArray();
            }
            float[][] scores = scorer.score(inputs);
            for (int i = start; i < end; i++) {
                int row = userRows[i];
                int item = index.indexOf(target.item(split, row));
                // Left out: what the user had interacted with by then, the ranked input. Validation must not
                // also leave out the test item, which is the future (it raised validation NDCG@10 on Beauty by
                // about 1 %; see the README).
                BitSet seen = seen(histories[i - start], index);
                seen.clear(item);
                ranks[i] = protocol == Protocol.FULL
                        ? fullRank(scores[i - start], item, seen)
                        : sampledRank(scores[i - start], item, seen, new Random(seed * 1_000_003L + row));
            }
        }
        return new Evaluation(protocol, target, Metrics.fromRanks(ranks), userRows, ranks, skipped);
    }

    /** Model indices of every item of a history ({@link ItemIndex#seen}). */
    static BitSet seen(int[] history, ItemIndex index) {
        return index.seen(history);
    }

    /** How many eligible items (1..V, not in {@code excluded}, not the target) score at least the target. */
    public static int fullRank(float[] scores, int target, BitSet excluded) {
        float t = scores[target];
        int rank = 0;
        for (int j = 1; j < scores.length; j++) {
            if (j != target && !excluded.get(j) && !(scores[j] < t)) {
                rank++;
            }
        }
        return rank;
    }

    /** Rank of the target among up to 100 distinct eligible items drawn uniformly. */
    public static int sampledRank(float[] scores, int target, BitSet excluded, Random random) {
        int[] negatives = sampleNegatives(scores.length - 1, target, excluded, Protocol.SAMPLED_NEGATIVES, random);
        float t = scores[target];
        int rank = 0;
        for (int j : negatives) {
            if (!(scores[j] < t)) {
                rank++;
            }
        }
        return rank;
    }

    static int[] sampleNegatives(int numItems, int target, BitSet excluded, int count, Random random) {
        int eligible = numItems - excluded.cardinality() - (excluded.get(target) ? 0 : 1);
        if (eligible <= count) {
            int[] all = new int[Math.max(0, eligible)];
            int k = 0;
            for (int j = 1; j <= numItems; j++) {
                if (j != target && !excluded.get(j)) {
                    all[k++] = j;
                }
            }
            return all;
        }
        BitSet chosen = new BitSet(numItems + 1);
        int[] out = new int[count];
        int k = 0;
        while (k < count) {
            int j = 1 + random.nextInt(numItems);
            if (j != target && !excluded.get(j) && !chosen.get(j)) {
                chosen.set(j);
                out[k++] = j;
            }
        }
        return out;
    }
}
