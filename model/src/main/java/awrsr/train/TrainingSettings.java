package awrsr.train;

/**
 * @param epochs the most epochs to run
 * @param patience stop after this many epochs without a better validation NDCG@10, but never before
 *     {@link #MIN_EPOCHS}: early validation is noisy, and the refining variants often dip before they learn
 */
public record TrainingSettings(int epochs, long seed, Loss loss, float learningRate, int batchSize, int patience) {
    public static final int MIN_EPOCHS = 50;
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.98f;

    public TrainingSettings {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        if (!(learningRate > 0)) throw new IllegalArgumentException("lr must be positive, got " + learningRate);
        if (batchSize < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batchSize);
        if (patience < 1) throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(200, 1, Loss.BCE, 1e-3f, 128, 40);
    }

    public TrainingSettings withEpochs(int e) {
        return new TrainingSettings(e, seed, loss, learningRate, batchSize, patience);
    }
}
