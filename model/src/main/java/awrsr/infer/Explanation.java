package awrsr.infer;

import java.util.List;

/**
 * What drove one prediction: for every item the model read, how much the target's score depends on it
 * (leave-one-out, gradient × input, and when asked occlusion with the positions kept) beside what attention
 * says about it, and how well each attention summary ranks the items as leave-one-out (and occlusion) does.
 *
 * @param items the dataset ids the model read (the window), oldest first
 * @param droppedFromFront how many items of the request fell before the window
 * @param target the explained item: the pinned one, or the top-1 prediction
 * @param pinned whether the target was asked for
 * @param score the target's score for the whole sequence
 * @param rank the target's 0-based rank (among the items not in the history, as predict ranks)
 * @param rankWithout the target's rank with each item of the window left out (-1 where not computed)
 * @param signals per-position importance, leave-one-out first, then occlusion (when asked), gradient × input
 *     and the attention summaries; each with its Spearman correlation with leave-one-out (and occlusion)
 * @param trace the maps of the whole sequence the summaries were read from
 */
public record Explanation(List<Integer> items, int droppedFromFront, int target, boolean pinned, float score,
                          int rank, int[] rankWithout, List<Signal> signals, AttentionTrace trace) {
    /** Keys of the signals. */
    public static final String LEAVE_ONE_OUT = "loo";
    public static final String OCCLUSION = "occlusion";
    public static final String GRADIENT = "gradient_x_input";
    public static final String RAW_LAST = "raw_last_row";
    public static final String REFINED_LAST = "refined_last_row";
    public static final String ROLLOUT_RAW = "rollout_raw";
    public static final String ROLLOUT_REFINED = "rollout_refined";

    /**
     * @param id the key ({@link #LEAVE_ONE_OUT} and so on)
     * @param name what people read
     * @param how how the values are computed, in one sentence
     * @param values one per window position, oldest first
     * @param spearmanWithLoo the rank correlation of {@code values} with leave-one-out (NaN if undefined)
     * @param spearmanWithOcclusion the same with occlusion (NaN when it was not computed)
     */
    public record Signal(String id, String name, String how, double[] values, double spearmanWithLoo,
                         double spearmanWithOcclusion) {}

    /**
     * The position a signal rates highest, the older of a tie, NaN positions skipped; -1 when none has a value.
     * "Highest", not largest in size: for leave-one-out the item that supports the target most.
     */
    public static int topPosition(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && (best < 0 || values[i] > values[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Whether occlusion was computed (and the signals carry their correlations with it). */
    public boolean occluded() {
        return signal(OCCLUSION) != null;
    }

    /** The signal with this key, or null. */
    public Signal signal(String id) {
        return signal(signals, id);
    }

    /** The signal with this key among {@code signals}, or null. */
    public static Signal signal(List<Signal> signals, String id) {
        for (Signal s : signals) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
