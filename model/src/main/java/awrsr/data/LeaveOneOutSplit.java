package awrsr.data;

/**
 * Leave-one-out per user: the last item is the test target, the one before it the validation target,
 * everything earlier is training data. Users with fewer than 3 interactions keep all of them for
 * training and have no validation or test target.
 */
public final class LeaveOneOutSplit {
    private final Dataset dataset;

    public LeaveOneOutSplit(Dataset dataset) {
        this.dataset = dataset;
    }

    public Dataset dataset() { return dataset; }

    public int userCount() { return dataset.userCount(); }

    public boolean hasTargets(int row) {
        return dataset.sequence(row).length >= 3;
    }

    /** Training part of the user's history (dataset item ids). */
    public int[] train(int row) {
        int[] s = dataset.sequence(row);
        return s.length >= 3 ? java.util.Arrays.copyOf(s, s.length - 2) : s;
    }

    /** History given to the model to predict the validation target: the training part. */
    public int[] validationInput(int row) {
        return train(row);
    }

    public int validationTarget(int row) {
        int[] s = dataset.sequence(row);
        return s[s.length - 2];
    }

    /** History given to the model to predict the test target: training part plus validation item. */
    public int[] testInput(int row) {
        int[] s = dataset.sequence(row);
        return java.util.Arrays.copyOf(s, s.length - 1);
    }

    public int testTarget(int row) {
        int[] s = dataset.sequence(row);
        return s[s.length - 1];
    }
}
