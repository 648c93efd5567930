package awrsr.nn;

/**
 * The kinds of (B, H, m, m) map a network can report for each head. A backbone reports {@link #RAW}; a
 * refining mechanism adds the maps it computes. A new kind of map (STOSA's covariance map W⊙W, say) is one
 * constant here; the trace, the CSV export and the workbench draw whatever a model reports.
 */
public enum MapKind {
    /** A, the softmax attention of queries over keys. */
    RAW("raw", "A", "Raw attention A", "raw"),
    /** W, the effective item-to-item map the head's output is a weighted sum with (A when nothing refines). */
    REFINED("refined", "W", "Refined W", "refined"),
    /** R, the attention of attention rows over attention rows (refining mechanisms only). */
    REFINEMENT("refinement", "R", "Refinement weights R", "weights"),
    /** W⊙W, the squared weights a STOSA model mixes its covariance stream with. */
    COVARIANCE("covariance", "W⊙W", "Covariance map W⊙W", "covariance");

    private final String id;
    private final String symbol;
    private final String title;
    private final String fileStem;

    MapKind(String id, String symbol, String title, String fileStem) {
        this.id = id;
        this.symbol = symbol;
        this.title = title;
        this.fileStem = fileStem;
    }

    /** The key in traces and JSON ("raw", "refinement", "refined"). */
    public String id() { return id; }
    /** The paper's letter. */
    public String symbol() { return symbol; }
    /** The name people read. */
    public String title() { return title; }
    /** The word in exported file names (L1_H1_raw.csv). */
    public String fileStem() { return fileStem; }
}
