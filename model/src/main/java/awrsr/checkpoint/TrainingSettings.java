package awrsr.checkpoint;

/**
 * @param epochs the most epochs to run
 * @param patience stop after this many epochs without a better validation NDCG@10, but never before
 *     {@link #MIN_EPOCHS}: early validation is noisy, and the refining variants often dip before they learn
 * @param pvnWeight weight of the backbone's own pair regulariser (STOSA's "positive vs negative" term) in the
 *     sampled losses; a backbone without one ignores it
 * @param weightDecay λ of Adam's weight decay as PyTorch adds it (λ w to each gradient); 0: none
 * @param beta2 Adam's second-moment decay: {@link #BETA2} by default (SASRec's code), 0.999 PyTorch's and RecBoard's
 * @param init how the fresh model's weights were drawn
 */
public record TrainingSettings(int epochs, long seed, Loss loss, float learningRate, int batchSize, int patience,
                               float pvnWeight, float weightDecay, float beta2, awrsr.nn.Init init) {
    /** STOSA's README setting for Beauty. */
    public static final float DEFAULT_PVN_WEIGHT = 0.005f;
    public static final float MAX_PVN_WEIGHT = 1000f;

    public static final float MAX_WEIGHT_DECAY = 1f;

    public TrainingSettings(int epochs, long seed, Loss loss, float learningRate, int batchSize, int patience) {
        this(epochs, seed, loss, learningRate, batchSize, patience, DEFAULT_PVN_WEIGHT);
    }

    public TrainingSettings(int epochs, long seed, Loss loss, float learningRate, int batchSize, int patience,
                            float pvnWeight) {
        this(epochs, seed, loss, learningRate, batchSize, patience, pvnWeight, 0f);
    }

    public TrainingSettings(int epochs, long seed, Loss loss, float learningRate, int batchSize, int patience,
                            float pvnWeight, float weightDecay) {
        this(epochs, seed, loss, learningRate, batchSize, patience, pvnWeight, weightDecay, BETA2);
    }

    public TrainingSettings(int epochs, long seed, Loss loss, float learningRate, int batchSize, int patience,
                            float pvnWeight, float weightDecay, float beta2) {
        this(epochs, seed, loss, learningRate, batchSize, patience, pvnWeight, weightDecay, beta2, awrsr.nn.Init.XAVIER);
    }

    public static final int MIN_EPOCHS = 50;
    public static final float BETA1 = 0.9f;
    /** The default of {@link #beta2()}: the SASRec code's. */
    public static final float BETA2 = 0.98f;
    public static final float MAX_BETA2 = 0.99999f;
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
        if (!(pvnWeight >= 0 && pvnWeight <= MAX_PVN_WEIGHT)) {
            throw new IllegalArgumentException("pvn-weight must be from 0 to " + MAX_PVN_WEIGHT + ", got " + pvnWeight);
        }
        if (!(weightDecay >= 0 && weightDecay <= MAX_WEIGHT_DECAY)) {
            throw new IllegalArgumentException("weight-decay must be from 0 to " + MAX_WEIGHT_DECAY + ", got "
                    + weightDecay);
        }
        if (!(beta2 >= 0 && beta2 <= MAX_BETA2)) {
            throw new IllegalArgumentException("beta2 must be from 0 to " + MAX_BETA2 + ", got " + beta2);
        }
        if (init == null) {
            throw new IllegalArgumentException("init must be given");
        }
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(200, 1, Loss.BCE, 1e-3f, 128, 40);
    }

    public TrainingSettings withPatience(int p) {
        return new TrainingSettings(epochs, seed, loss, learningRate, batchSize, p, pvnWeight, weightDecay, beta2, init);
    }

    public TrainingSettings withEpochs(int e) {
        return new TrainingSettings(e, seed, loss, learningRate, batchSize, patience, pvnWeight, weightDecay, beta2, init);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(epochs, s, loss, learningRate, batchSize, patience, pvnWeight, weightDecay, beta2, init);
    }

    public TrainingSettings withLoss(Loss l) {
        return new TrainingSettings(epochs, seed, l, learningRate, batchSize, patience, pvnWeight, weightDecay, beta2, init);
    }
}
