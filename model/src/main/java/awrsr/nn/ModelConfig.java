package awrsr.nn;

/**
 * The network's shape. {@code numItems} is V: items are numbered 1..V inside the model, 0 is padding.
 *
 * @param maxLen n, the number of most recent items the model reads
 * @param dim d, the embedding width (divisible by heads)
 * @param layers L, the number of attention blocks
 * @param heads H, attention heads per block
 * @param refineDim r, width of the correlation space of the refinement
 * @param dropout dropout rate used in training (embeddings, attention, feed-forward)
 */
public record ModelConfig(Variant variant, int numItems, int maxLen, int dim, int layers, int heads,
                          int refineDim, float dropout) {
    public static final int DEFAULT_MAX_LEN = 200;
    public static final int DEFAULT_DIM = 64;
    public static final int DEFAULT_LAYERS = 2;
    public static final int DEFAULT_HEADS = 2;
    public static final int DEFAULT_REFINE_DIM = 32;
    public static final float DEFAULT_DROPOUT = 0.2f;

    public ModelConfig {
        require(numItems >= 1, "numItems must be at least 1, got " + numItems);
        require(maxLen >= 1, "maxlen must be at least 1, got " + maxLen);
        require(dim >= 1, "dim must be at least 1, got " + dim);
        require(layers >= 1, "layers must be at least 1, got " + layers);
        require(heads >= 1, "heads must be at least 1, got " + heads);
        require(dim % heads == 0, "dim (" + dim + ") must be divisible by heads (" + heads + ")");
        require(refineDim >= 1, "refine-dim must be at least 1, got " + refineDim);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }

    public static ModelConfig defaults(Variant variant, int numItems) {
        return new ModelConfig(variant, numItems, DEFAULT_MAX_LEN, DEFAULT_DIM, DEFAULT_LAYERS, DEFAULT_HEADS,
                DEFAULT_REFINE_DIM, DEFAULT_DROPOUT);
    }

    public int headDim() {
        return dim / heads;
    }

    /** The same shape for a catalog of {@code n} items. */
    public ModelConfig withNumItems(int n) {
        return new ModelConfig(variant, n, maxLen, dim, layers, heads, refineDim, dropout);
    }

    public ModelConfig withVariant(Variant v) {
        return new ModelConfig(v, numItems, maxLen, dim, layers, heads, refineDim, dropout);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
