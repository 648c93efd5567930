package awrsr.infer;

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
}
