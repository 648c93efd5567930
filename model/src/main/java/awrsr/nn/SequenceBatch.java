package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Turns histories of model indices into one left-padded (B, m) array, m = the longest kept history. */
public final class SequenceBatch {
    private SequenceBatch() {}

    /** Width of the window: the longest history, capped at maxLen, at least 1. */
    public static int width(int[][] histories, int maxLen) {
        int m = 1;
        for (int[] h : histories) {
            m = Math.max(m, Math.min(h.length, maxLen));
        }
        return m;
    }

    /** Row-major (B, m) values: the last m items of each history, right-aligned, 0 before them. */
    public static long[] leftPad(int[][] histories, int m) {
        long[] out = new long[histories.length * m];
        for (int b = 0; b < histories.length; b++) {
            int[] h = histories[b];
            int keep = Math.min(h.length, m);
            for (int k = 0; k < keep; k++) {
                out[b * m + (m - keep) + k] = h[h.length - keep + k];
            }
        }
        return out;
    }

    public static NDArray create(NDManager manager, int[][] histories, int maxLen) {
        int m = width(histories, maxLen);
        return manager.create(leftPad(histories, m), new Shape(histories.length, m));
    }
}
