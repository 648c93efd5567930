package awrsr.nn;

/** How a fresh model's weights are drawn. */
public enum Init {
    /**
     * Xavier-normal matrices and embeddings, zero biases and mix logits, unit LayerNorm gains (STOSA: its
     * official code's own draws).
     */
    XAVIER,
    /**
     * SASRec as PyTorch implementations of it start (RecBoard's, the published Beauty figures' source): their
     * code re-draws Linear and Embedding weights Xavier-normal and leaves the rest to PyTorch's module defaults,
     * so the query, key and value projections (nn.MultiheadAttention's stacked 3d × d in-projection) are
     * Xavier-uniform over that stacked matrix, bound √(6 / 4d), variance 1/(2d), and the feed-forward
     * layers (Conv1d, kernel 1) have Kaiming-uniform weights and uniform biases, bound 1/√d, variance 1/(3d).
     * The output projection, embeddings and everything else as {@link #XAVIER}. SASRec backbone only.
     */
    PYTORCH;

    public String id() {
        return awrsr.util.EnumIds.id(this);
    }

    public static Init parse(String text) {
        return awrsr.util.EnumIds.parse(values(), text, "init");
    }
}
