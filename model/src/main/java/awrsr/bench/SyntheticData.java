package awrsr.bench;

import awrsr.data.Dataset;
import awrsr.data.ItemCatalog;
import awrsr.data.LoadReport;

import java.util.Arrays;
import java.util.Random;

/**
 * Generated interaction data with the shape of MovieLens-1M, for measuring training at that size without
 * shipping it: 6,040 users, 3,416 items, about a million interactions. User lengths are log-normal
 * (median 96, mean ~165) clipped to [20, 2,314], the range MovieLens-1M has; each user's items are distinct
 * and drawn with Zipf(1) popularity (weighted sampling without replacement), in random order.
 */
public final class SyntheticData {
    public static final int ML1M_USERS = 6040;
    public static final int ML1M_ITEMS = 3416;
    static final int MIN_LENGTH = 20;
    static final int MAX_LENGTH = 2314;
    private static final double MEDIAN_LENGTH = 96;
    private static final double LENGTH_SIGMA = 1.044;   // mean/median of MovieLens-1M = 165.6/96 = exp(sigma^2/2)

    private SyntheticData() {}

    public static Dataset movieLens1mLike(long seed) {
        return generate(ML1M_USERS, ML1M_ITEMS, seed);
    }

    static Dataset generate(int users, int items, long seed) {
        Random random = new Random(seed);
        double[] logWeight = new double[items];
        for (int i = 0; i < items; i++) {
            logWeight[i] = -Math.log(i + 1.0);           // Zipf(1): item i+1 is the (i+1)-th most popular
        }
        int[] userIds = new int[users];
        int[][] sequences = new int[users][];
        int indexBits = 32 - Integer.numberOfLeadingZeros(items);
        long indexMask = (1L << indexBits) - 1;
        long[] packed = new long[items];
        for (int u = 0; u < users; u++) {
            userIds[u] = u + 1;
            int length = (int) Math.round(MEDIAN_LENGTH * Math.exp(LENGTH_SIGMA * random.nextGaussian()));
            length = Math.max(MIN_LENGTH, Math.min(Math.min(MAX_LENGTH, items), length));
            // Efraimidis-Spirakis: the items with the largest u^(1/w), i.e. log(u)/w, form a weighted sample
            // without replacement. Sorting -log(u)/w >= 0 ascending by its bits (monotone for positive
            // doubles), with the item index in the lowest bits, gives that order without boxing.
            for (int i = 0; i < items; i++) {
                double cost = -Math.log(random.nextDouble()) * Math.exp(-logWeight[i]);
                packed[i] = (Double.doubleToLongBits(cost) & ~indexMask) | i;
            }
            Arrays.sort(packed);
            int[] seq = new int[length];
            for (int k = 0; k < length; k++) {
                seq[k] = (int) (packed[k] & indexMask) + 1;
            }
            for (int k = length - 1; k > 0; k--) {          // the history's order: random
                int j = random.nextInt(k + 1);
                int t = seq[k];
                seq[k] = seq[j];
                seq[j] = t;
            }
            sequences[u] = seq;
        }
        return new Dataset("generated-ml1m-like-seed" + seed, "generated:" + users + "x" + items + ":seed=" + seed,
                ItemCatalog.empty(), userIds, sequences, new LoadReport());
    }
}
