package awrsr.train;

import awrsr.checkpoint.Loss;
import awrsr.checkpoint.TrainingSettings;
import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;

/** How the toy worlds ({@link awrsr.data.ToyWorlds}) are trained: the Train tab's preset and the bench's "toy" section. */
public final class ToyRecipe {
    private ToyRecipe() {}

    /** AWRSR value, n = 20, d = 32, 2 layers of 2 heads, r = 16, dropout 0.1 (the item count is the world's). */
    public static final ModelConfig SHAPE = new ModelConfig(Variant.VALUE, 1, 20, 32, 2, 2, 16, 0.1f);
    /** 60 epochs at most (patience 60: all of them), seed 1, BCE, lr 0.005, batch 64. */
    public static final TrainingSettings SETTINGS = new TrainingSettings(60, 1, Loss.BCE, 5e-3f, 64, 60);
}
