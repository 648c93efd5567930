package awrsr.eval;

/** Which held-out item of the leave-one-out split is ranked. */
public enum RankTarget {
    TEST, VALIDATION;

    /** The history this target follows in {@code split}'s row (test: all but the last item). */
    public int[] input(awrsr.data.LeaveOneOutSplit split, int row) {
        return this == TEST ? split.testInput(row) : split.validationInput(row);
    }

    /** The held-out item (a dataset id) of {@code split}'s row. */
    public int item(awrsr.data.LeaveOneOutSplit split, int row) {
        return this == TEST ? split.testTarget(row) : split.validationTarget(row);
    }

    public String id() {
        return awrsr.util.EnumIds.id(this);
    }

    public static RankTarget parse(String text) {
        return awrsr.util.EnumIds.parse(values(), text, "split");
    }
}
