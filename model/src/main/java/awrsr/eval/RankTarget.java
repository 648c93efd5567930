package awrsr.eval;

/** Which held-out item of the leave-one-out split is ranked. */
public enum RankTarget {
    TEST, VALIDATION;

    public String id() {
        return awrsr.util.EnumIds.id(this);
    }

    public static RankTarget parse(String text) {
        return awrsr.util.EnumIds.parse(values(), text, "split");
    }
}
