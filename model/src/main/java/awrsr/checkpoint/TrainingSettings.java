package awrsr.checkpoint;

/**
 * @param epochs the most epochs to run
 * @param patience stop after this many epochs without a better validation NDCG@10, but never before
 *     {@link #MIN_EPOCHS}: early validation is noisy, and the refining variants often dip before they learn
 */
public record TrainingSettings(int epochs, long seed, Loss loss, float learningRate, int batchSize, int patience) {
    public static final int MIN_EPOCHS = 50;
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.98f;
    public static final int MAX_EPOCHS = 100_000;
    public static final int MAX_BATCH = 65_536;
    public static final float MAX_LR = 10f;

    public TrainingSettings {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be from 1 to " + MAX_EPOCHS + ", got " + epochs);
        }
        if (!(learningRate > 0 && learningRate <= MAX_LR)) {
            throw new IllegalArgumentException("lr must be above 0 and at most " + MAX_LR + ", got " + learningRate);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch must be from 1 to " + MAX_BATCH + ", got " + batchSize);
        }
        if (patience < 1 || patience > MAX_EPOCHS) {
            throw new IllegalArgumentException("patience must be from 1 to " + MAX_EPOCHS + ", got " + patience);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must be given");
        }
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(200, 1, Loss.BCE, 1e-3f, 128, 40);
    }

    public TrainingSettings withPatience(int p) {
        return new TrainingSettings(epochs, seed, loss, learningRate, batchSize, p);
    }

    public TrainingSettings withEpochs(int e) {
        return new TrainingSettings(e, seed, loss, learningRate, batchSize, patience);
    }
}
