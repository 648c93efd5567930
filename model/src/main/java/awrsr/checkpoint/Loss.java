package awrsr.checkpoint;

public enum Loss {
    /** SASRec's: binary cross-entropy of the next item against one sampled negative, at every position. */
    BCE,
    /** Softmax cross-entropy over all items at every real position. */
    CE,
    /**
     * Bayesian personalised ranking against one sampled negative at every position, -log σ(s_pos − s_neg),
     * plus the backbone's pair regulariser times pvn-weight (STOSA's loss; the default on STOSA).
     */
    BPR;

    /** The loss a backbone's own paper trains with: BPR for STOSA, BCE for SASRec. */
    public static Loss defaultFor(awrsr.nn.BackboneKind backbone) {
        return backbone == awrsr.nn.BackboneKind.STOSA ? BPR : BCE;
    }

    public String id() {
        return awrsr.util.EnumIds.id(this);
    }

    public static Loss parse(String text) {
        return awrsr.util.EnumIds.parse(values(), text, "loss");
    }
}
