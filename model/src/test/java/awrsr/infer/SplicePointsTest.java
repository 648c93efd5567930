package awrsr.infer;

import awrsr.nn.SequenceBatch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Which leave-one-out (and occlusion) windows {@link Recommender#scoreSharing} reads from a splice, and at which
 * column.
 */
class SplicePointsTest {
    /** The n windows of {@code histories} and the reference's last, at width w, as scoreSharing lays them out. */
    private static long[] windows(int w, int[] reference, int[]... histories) {
        int[][] all = java.util.Arrays.copyOf(histories, histories.length + 1);
        all[histories.length] = reference;
        return SequenceBatch.leftPad(all, w);
    }

    @Test
    void leaveOneOutOfAHistoryShorterThanTheWindow() {
        // 5 items a..e (1..5), window 4: without a = [b c d e] is all later (-1); without e = the reference (3)
        int[] full = {1, 2, 3, 4, 5};
        int[] ref = {1, 2, 3, 4};
        long[] w = windows(4, ref, new int[] {2, 3, 4, 5}, new int[] {1, 3, 4, 5}, new int[] {1, 2, 4, 5},
                new int[] {1, 2, 3, 5}, ref);
        assertArrayEquals(new int[] {-1, 0, 1, 2, 3}, Recommender.splicePoints(w, 4, 5, full));
    }

    @Test
    void leaveOneOutInAFullWindowTakesTheOlderItemIn() {
        // 6 items 1..6, maxlen 4: the window is [3 4 5 6]; without 3 = [2 4 5 6] keeps the reference's column 0
        int[] full = {1, 2, 3, 4, 5, 6};
        int[] ref = {1, 2, 3, 4, 5};
        long[] w = windows(4, ref, new int[] {1, 2, 4, 5, 6}, new int[] {1, 2, 3, 5, 6}, new int[] {1, 2, 3, 4, 6}, ref);
        assertArrayEquals(new int[] {0, 1, 2, 3}, Recommender.splicePoints(w, 4, 4, full));
    }

    @Test
    void windowsThatAreNoSpliceOrHavePaddingAreNotSpliced() {
        int[] ref = {1, 2, 3};
        assertNull(Recommender.splicePoints(windows(3, ref, new int[] {1, 9, 3}), 3, 1, new int[] {1, 2, 3, 4}));
        // a window shorter than the width: left padding
        assertNull(Recommender.splicePoints(windows(4, ref, new int[] {1, 3, 4}), 4, 1, new int[] {1, 2, 3, 4}));
    }

    @Test
    void occlusionsWindowsAreMaskedAtTheirOwnColumn() {
        int[] ref = {7, 8, 9, 10};
        long[] w = windows(4, ref, new int[] {0, 8, 9, 10}, new int[] {7, 8, 0, 10}, new int[] {7, 0, 9, 10});
        assertArrayEquals(new int[] {0, 2, 1}, Recommender.maskedPoints(w, 4, 3));
    }

    @Test
    void windowsThatAreNoMaskOrHavePaddingAreNotMasked() {
        int[] ref = {7, 8, 9};
        // another item in place, two columns masked, the reference itself
        assertNull(Recommender.maskedPoints(windows(3, ref, new int[] {7, 5, 9}), 3, 1));
        assertNull(Recommender.maskedPoints(windows(3, ref, new int[] {0, 0, 9}), 3, 1));
        assertNull(Recommender.maskedPoints(windows(3, ref, ref), 3, 1));
        // the reference shorter than the width: left padding
        assertNull(Recommender.maskedPoints(windows(4, ref, new int[] {0, 0, 8, 9}), 4, 1));
    }
}
