package awrsr.train;

/** Hears training progress; called on the training thread. */
public interface TrainingListener {
    default void onStart(int firstEpoch, int lastEpoch, int batchesPerEpoch) {}

    default void onBatch(int epoch, int batch, int batches, double loss) {}

    default void onEpoch(EpochReport report) {}

    /**
     * After each epoch, a way to look at the model as it is now: {@code snapshot.get()} returns an independent
     * copy (the caller closes it). Only take one when needed: it copies every parameter.
     */
    default void onEpochModel(int epoch, java.util.function.Supplier<awrsr.infer.Recommender> snapshot) {}

    /** Asked between batches; returning true stops training after keeping the best checkpoint so far. */
    default boolean cancelRequested() {
        return false;
    }

    TrainingListener NONE = new TrainingListener() {};
}
