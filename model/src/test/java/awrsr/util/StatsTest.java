package awrsr.util;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatsTest {
    @Test
    void nearestRankPercentilesByHand() {
        double[] tenths = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, Stats.percentile(tenths, 50));    // ceil(5.0) = rank 5
        assertEquals(9, Stats.percentile(tenths, 90));    // rank 9
        assertEquals(10, Stats.percentile(tenths, 99));   // ceil(9.9) = rank 10
        assertEquals(1, Stats.percentile(tenths, 0));     // rank 0 -> the first
        assertEquals(3, Stats.percentile(new double[] {3}, 75));
        assertEquals(5.5, Stats.median(new double[] {10, 1, 5, 6}));
        assertEquals(5, Stats.median(new double[] {9, 5, 1}));
    }

    @Test
    void spearmanByHandWithTies() {
        assertEquals(List.of(1.0, 2.5, 2.5, 4.0), java.util.Arrays.stream(Stats.ranks(new double[] {5, 7, 7, 9})).boxed().toList());
        // ranks of b = [1, 2, 3.5, 5, 3.5]; deviations from 3: a [-2,-1,0,1,2], b [-2,-1,0.5,2,0.5];
        // Σab = 8, Σa² = 10, Σb² = 9.5: r = 8 / √95
        assertEquals(8 / Math.sqrt(95), Stats.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}), 1e-12);
        assertEquals(-1, Stats.spearman(new double[] {1, 2, 3}, new double[] {30, 20, 10}), 1e-12);
        assertEquals(Double.NaN, Stats.spearman(new double[] {1, 2, 3}, new double[] {4, 4, 4}));
        // a pair with a NaN on either side is left out: the same 8 / √95 as the five pairs without them
        assertEquals(8 / Math.sqrt(95), Stats.spearman(new double[] {1, Double.NaN, 2, 3, 4, 9, 5},
                new double[] {5, 9, 6, 7, 8, Double.NaN, 7}), 1e-12);
        assertEquals(Double.NaN, Stats.spearman(new double[] {1, Double.NaN}, new double[] {2, 3}));
        assertEquals(2.0, Stats.mean(new double[] {1, Double.NaN, 3}));
        assertEquals(Math.sqrt(2), Stats.sd(new double[] {1, Double.NaN, 3}), 1e-12);
    }
}
