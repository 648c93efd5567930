package awrsr.infer;

import java.util.BitSet;
import java.util.List;

/**
 * What one forward pass over one sequence gives.
 *
 * @param items the dataset ids the model read (the last n of the request), oldest first
 * @param droppedFromFront how many of the requested items fell outside the window of n
 * @param top the top-k items, best first
 * @param scores the score of every model index 0..V (index 0, padding, is -inf)
 * @param excluded model indices left out of {@code top} (the sequence's own items unless asked otherwise)
 * @param trace the attention maps, or null when not asked for
 * @param nanos how long the forward pass took
 */
public record Prediction(List<Integer> items, int droppedFromFront, List<RankedItem> top, float[] scores,
                         BitSet excluded, AttentionTrace trace, long nanos) {}
