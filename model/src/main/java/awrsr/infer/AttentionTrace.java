package awrsr.infer;

import awrsr.nn.AwrsrNetwork;

import java.util.List;

/** A, R and W of every block and head for one sequence: {@code layers.get(l).get(h)}. Never averaged. */
public record AttentionTrace(List<List<HeadTrace>> layers) {
    public int layerCount() {
        return layers.size();
    }

    public int headCount() {
        return layers.isEmpty() ? 0 : layers.get(0).size();
    }

    public HeadTrace head(int layer, int head) {
        return layers.get(layer).get(head);
    }

    /**
     * A STOSA model's uncertainty of each item read, entering block {@code layer}: the mean of the item's
     * diagonal covariance there (the same for every head), one value per item of the window, oldest first;
     * null for a model without covariances.
     */
    public float[] uncertainty(int layer) {
        float[][] u = head(layer, 0).factor(AwrsrNetwork.Factors.UNCERTAINTY);
        if (u == null) {
            return null;
        }
        float[] out = new float[u.length];
        for (int j = 0; j < u.length; j++) {
            out[j] = u[j][0];
        }
        return out;
    }
}
