package awrsr.eval;

import awrsr.data.LeaveOneOutSplit;
import awrsr.nn.ItemIndex;

/** Ranks items by how often they occur in the training part of the split, whatever the history. */
public final class PopularityBaseline implements SequenceScorer {
    private final float[] counts;

    public PopularityBaseline(LeaveOneOutSplit split, ItemIndex index) {
        counts = new float[index.size() + 1];
        for (int row = 0; row < split.userCount(); row++) {
            for (int id : split.train(row)) {
                int i = index.indexOf(id);
                if (i > 0) {
                    counts[i]++;
                }
            }
        }
        counts[0] = Float.NEGATIVE_INFINITY;
    }

    /** How often the item with this model index occurs in the training part of the split. */
    public int count(int modelIndex) {
        return modelIndex <= 0 ? 0 : (int) counts[modelIndex];
    }

    @Override
    public float[][] score(int[][] histories) {
        float[][] out = new float[histories.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts;
        }
        return out;
    }
}
