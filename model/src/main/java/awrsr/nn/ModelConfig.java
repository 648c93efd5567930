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
 * @param backbone the network the refinement {@code variant} is applied to
 * @param attentionDropout dropout on the attention maps, where the backbone has a rate of its own for them
 *     (STOSA); SASRec uses {@code dropout} everywhere
 * @param referenceMeanBug STOSA only: reproduce the official code's stacking, where every layer reads the
 *     mean embedding and the encoder's mean output is that embedding (design note stosa-model.md, 2.7)
 */
public record ModelConfig(Variant variant, int numItems, int maxLen, int dim, int layers, int heads,
                          int refineDim, float dropout, BackboneKind backbone, float attentionDropout,
                          boolean referenceMeanBug) {
    public static final int DEFAULT_MAX_LEN = 200;
    public static final int DEFAULT_DIM = 64;
    public static final int DEFAULT_LAYERS = 2;
    public static final int DEFAULT_HEADS = 2;
    public static final int DEFAULT_REFINE_DIM = 32;
    public static final float DEFAULT_DROPOUT = 0.2f;
    /** Upper bounds: far beyond any model this program can train, low enough that no size overflows. */
    public static final int MAX_ITEMS = 50_000_000;
    public static final int MAX_MAX_LEN = 5_000;
    public static final int MAX_DIM = 4_096;
    public static final int MAX_LAYERS = 64;
    public static final int MAX_HEADS = 64;
    public static final int MAX_REFINE_DIM = 4_096;

    /** A model on the SASRec backbone. */
    public ModelConfig(Variant variant, int numItems, int maxLen, int dim, int layers, int heads, int refineDim,
                       float dropout) {
        this(variant, numItems, maxLen, dim, layers, heads, refineDim, dropout, BackboneKind.SASREC);
    }

    /** One dropout rate everywhere, the official stacking fixed. */
    public ModelConfig(Variant variant, int numItems, int maxLen, int dim, int layers, int heads, int refineDim,
                       float dropout, BackboneKind backbone) {
        this(variant, numItems, maxLen, dim, layers, heads, refineDim, dropout, backbone, dropout, false);
    }

    public ModelConfig {
        require(variant != null && backbone != null, "variant and backbone are required");
        require(numItems >= 1 && numItems <= MAX_ITEMS, "numItems must be from 1 to " + MAX_ITEMS + ", got " + numItems);
        require(maxLen >= 1 && maxLen <= MAX_MAX_LEN, "maxlen must be from 1 to " + MAX_MAX_LEN + ", got " + maxLen);
        require(dim >= 1 && dim <= MAX_DIM, "dim must be from 1 to " + MAX_DIM + ", got " + dim);
        require(layers >= 1 && layers <= MAX_LAYERS, "layers must be from 1 to " + MAX_LAYERS + ", got " + layers);
        require(heads >= 1 && heads <= MAX_HEADS, "heads must be from 1 to " + MAX_HEADS + ", got " + heads);
        require(dim % heads == 0, "dim (" + dim + ") must be divisible by heads (" + heads + ")");
        require(refineDim >= 1 && refineDim <= MAX_REFINE_DIM,
                "refine-dim must be from 1 to " + MAX_REFINE_DIM + ", got " + refineDim);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(attentionDropout >= 0 && attentionDropout < 1,
                "attention dropout must be in [0, 1), got " + attentionDropout);
        require(backbone.backbone().supports(variant), "the " + variant.id() + " mechanism is not defined on "
                + backbone.displayName() + " (it is defined for " + supportingBackbones(variant) + ")");
        require(!referenceMeanBug || backbone == BackboneKind.STOSA,
                "the reference mean-stream bug is a STOSA option, not " + backbone.displayName() + "'s");
        if (backbone == BackboneKind.SASREC) {
            attentionDropout = dropout;        // one rate: a second one would not be used
        }
    }

    private static String supportingBackbones(Variant variant) {
        StringBuilder s = new StringBuilder();
        for (BackboneKind b : BackboneKind.values()) {
            if (b.backbone().supports(variant)) {
                s.append(s.length() == 0 ? "" : ", ").append(b.displayName());
            }
        }
        return s.toString();
    }

    public static ModelConfig defaults(Variant variant, int numItems) {
        return new ModelConfig(variant, numItems, DEFAULT_MAX_LEN, DEFAULT_DIM, DEFAULT_LAYERS, DEFAULT_HEADS,
                DEFAULT_REFINE_DIM, DEFAULT_DROPOUT);
    }

    /**
     * Every field that changes what the network computes, in words. A parameter file records it, so that
     * a config.json edited to another variant or head count (same array shapes) is refused.
     */
    public String signature() {
        // SASRec, the first backbone, is not named: parameter files written before backbones had names match.
        return "variant=" + variant.id() + " numItems=" + numItems + " maxLen=" + maxLen + " dim=" + dim
                + " layers=" + layers + " heads=" + heads + " refineDim=" + refineDim + " dropout=" + dropout
                + (backbone == BackboneKind.SASREC ? "" : " backbone=" + backbone.id()
                        + " attentionDropout=" + attentionDropout + " referenceMeanBug=" + referenceMeanBug);
    }

    /**
     * The model's name for people: the backbone's ("SASRec") when nothing refines, "AWRSR value" and so on
     * for the mechanisms, with "on STOSA" for another backbone.
     */
    public String displayName() {
        if (!variant.refines()) {
            return backbone.displayName() + (referenceMeanBug ? " (reference mean bug)" : "");
        }
        return "AWRSR " + variant.id() + (backbone == BackboneKind.SASREC ? "" : " on " + backbone.displayName())
                + (referenceMeanBug ? " (reference mean bug)" : "");
    }

    /** The shape in the paper's letters: "L=2 H=2 d=64 n=200", and " r=32" for a refining model. */
    public String shapeSummary() {
        return "L=" + layers + " H=" + heads + " d=" + dim + " n=" + maxLen + (variant.refines() ? " r=" + refineDim : "");
    }

    /** Parameter values a model of this shape holds. */
    public long parameterCount() {
        return ParameterSet.specs(this).values().stream().mapToLong(ai.djl.ndarray.types.Shape::size).sum();
    }

    public int headDim() {
        return dim / heads;
    }

    /** The same shape for a catalog of {@code n} items. */
    public ModelConfig withNumItems(int n) {
        return new ModelConfig(variant, n, maxLen, dim, layers, heads, refineDim, dropout, backbone,
                attentionDropout, referenceMeanBug);
    }

    public ModelConfig withVariant(Variant v) {
        return new ModelConfig(v, numItems, maxLen, dim, layers, heads, refineDim, dropout, backbone,
                attentionDropout, referenceMeanBug);
    }

    public ModelConfig withBackbone(BackboneKind b, float attnDropout, boolean meanBug) {
        return new ModelConfig(variant, numItems, maxLen, dim, layers, heads, refineDim, dropout, b, attnDropout, meanBug);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
