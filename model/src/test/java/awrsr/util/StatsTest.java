package awrsr.util;

import org.junit.jupiter.api.Test;

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
}
