package awrsr.train;

/** Hears training progress; called on the training thread. */
public interface TrainingListener {
    default void onStart(int firstEpoch, int lastEpoch, int batchesPerEpoch) {}

    default void onBatch(int epoch, int batch, int batches, double loss) {}

    default void onEpoch(EpochReport report) {}

    /** Asked between batches; returning true stops training after keeping the best checkpoint so far. */
    default boolean cancelRequested() {
        return false;
    }

    TrainingListener NONE = new TrainingListener() {};
}
