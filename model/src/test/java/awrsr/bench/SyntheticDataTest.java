package awrsr.bench;

import awrsr.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated data has the shape of MovieLens-1M that the training benchmark relies on. */
class SyntheticDataTest {
    static Dataset data;

    @BeforeAll
    static void generate() {
        data = SyntheticData.movieLens1mLike(1);
    }

    @Test
    void hasMovieLens1mCountsAndLengthRange() {
        assertEquals(6040, data.userCount());
        assertTrue(data.itemIds().length <= 3416 && data.itemIds().length > 3000, "items " + data.itemIds().length);
        long n = data.interactionCount();
        assertTrue(n > 900_000 && n < 1_100_000, "about a million interactions, got " + n);
        int[] lengths = new int[data.userCount()];
        for (int u = 0; u < lengths.length; u++) {
            lengths[u] = data.sequence(u).length;
        }
        Arrays.sort(lengths);
        assertEquals(20, lengths[0]);
        assertTrue(lengths[lengths.length - 1] <= 2314 && lengths[lengths.length - 1] > 1500,
                "longest user " + lengths[lengths.length - 1]);
        int median = lengths[lengths.length / 2];
        assertTrue(median >= 85 && median <= 110, "median length " + median);
    }

    @Test
    void eachUserRatesAnItemOnceAndPopularityIsSkewed() {
        int[] count = new int[3417];
        for (int u = 0; u < data.userCount(); u++) {
            int[] s = data.sequence(u);
            assertEquals(s.length, Arrays.stream(s).distinct().count(), "user " + u + " repeats an item");
            for (int item : s) {
                count[item]++;
            }
        }
        long total = data.interactionCount();
        long top = Arrays.stream(count).boxed().sorted((a, b) -> b - a).limit(342).mapToLong(Integer::longValue).sum();
        assertTrue(top > 0.3 * total, "the top 10% of items hold " + top + " of " + total);
        assertTrue(count[1] > count[100] && count[100] > count[3000], "popularity falls with the item's rank");
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOther() {
        Dataset again = SyntheticData.generate(50, 300, 1);
        Dataset same = SyntheticData.generate(50, 300, 1);
        Dataset other = SyntheticData.generate(50, 300, 2);
        for (int u = 0; u < 50; u++) {
            assertArrayEquals(again.sequence(u), same.sequence(u));
        }
        assertFalse(Arrays.equals(again.sequence(0), other.sequence(0)));
    }
}
