package awrsr.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ranking metrics averaged over users, from 0-based ranks of the true next item:
 * HR@k = [rank &lt; k], NDCG@k = [rank &lt; k] / log2(rank + 2), MRR = 1 / (rank + 1).
 */
public record Metrics(int users, double hr5, double hr10, double hr20, double ndcg5, double ndcg10, double ndcg20,
                      double mrr) {
    public static final int[] CUTOFFS = {5, 10, 20};

    public static Metrics fromRanks(int[] ranks) {
        if (ranks.length == 0) {
            return new Metrics(0, 0, 0, 0, 0, 0, 0, 0);
        }
        double[] hr = new double[3];
        double[] ndcg = new double[3];
        double mrr = 0;
        for (int rank : ranks) {
            if (rank < 0) {
                throw new IllegalArgumentException("rank must be >= 0, got " + rank);
            }
            for (int c = 0; c < CUTOFFS.length; c++) {
                if (rank < CUTOFFS[c]) {
                    hr[c] += 1;
                    ndcg[c] += 1.0 / log2(rank + 2);
                }
            }
            mrr += 1.0 / (rank + 1);
        }
        double n = ranks.length;
        return new Metrics(ranks.length, hr[0] / n, hr[1] / n, hr[2] / n, ndcg[0] / n, ndcg[1] / n, ndcg[2] / n,
                mrr / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Name to value, in a fixed order: HR@5, HR@10, HR@20, NDCG@5, NDCG@10, NDCG@20, MRR. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("HR@5", hr5);
        m.put("HR@10", hr10);
        m.put("HR@20", hr20);
        m.put("NDCG@5", ndcg5);
        m.put("NDCG@10", ndcg10);
        m.put("NDCG@20", ndcg20);
        m.put("MRR", mrr);
        return m;
    }
}
