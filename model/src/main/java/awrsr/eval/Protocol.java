package awrsr.eval;

/** How the target is ranked (docs/model.md, section 5). */
public enum Protocol {
    /** Against every item the user has not interacted with; ties count against the target. */
    FULL,
    /** Against 100 such items drawn uniformly with a fixed seed (SASRec's protocol). */
    SAMPLED;

    public static final int SAMPLED_NEGATIVES = 100;

    public String id() {
        return awrsr.util.EnumIds.id(this);
    }

    public static Protocol parse(String text) {
        return awrsr.util.EnumIds.parse(values(), text, "protocol");
    }
}
