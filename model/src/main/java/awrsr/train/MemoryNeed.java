package awrsr.train;

import awrsr.checkpoint.Loss;
import awrsr.checkpoint.TrainingSettings;
import awrsr.nn.BackboneKind;
import awrsr.nn.ModelConfig;

/**
 * What a training step keeps in memory, estimated before anything is loaded: the (B, H, m, m) attention maps
 * a pass keeps for its backward pass, the (B, m, d) activations and, for the cross-entropy loss, the (B·m, V)
 * logits, all in proportion to the pass's sequences (bytes per sequence at the full window); and the
 * parameters with their gradients and Adam moments. Used to choose the passes of
 * {@link ModelTrainer#microBatch} and to refuse what cannot fit.
 */
public record MemoryNeed(double mapsPerSequence, double activationsPerSequence, double logitsPerSequence,
                         double parameters) {
    public static MemoryNeed of(ModelConfig c, TrainingSettings s) {
        double m = c.maxLen();
        boolean stosa = c.backbone() == BackboneKind.STOSA;
        // (B, H, m, m) maps a block keeps, calibrated on the resident size: training the shipped data at n 200,
        // d 64, 2 x 2 heads, batch 128 against passes of 32, the difference over the 96 sequences, less the
        // activations below, in maps: SASRec 11.9, simple 16.6, value 19.3, additive 19.9; STOSA 30.0, value
        // on it 34.2, stochastic 42.3 (`/usr/bin/time -v bin/awrsr train ... --epochs 1 [--micro-batch 32]`).
        // About a tenth is added so that the estimate errs high.
        double mapsPerLayer = stosa ? (c.variant() == awrsr.nn.Variant.STOCHASTIC ? 46 : c.variant().refines() ? 38 : 33)
                : c.variant().refines() ? 22 : 13;
        return new MemoryNeed(c.heads() * m * m * 4 * mapsPerLayer * c.layers(),
                m * c.dim() * 4.0 * 24 * c.layers() * (stosa ? 3 : 1),              // two streams, 4d FFNs
                s.loss() == Loss.CE ? m * (c.numItems() + 1.0) * 4 * 3 : 0,
                c.parameterCount() * 4.0 * 4);
    }

    public double maps(int pass) { return pass * mapsPerSequence; }

    public double logits(int pass) { return pass * logitsPerSequence; }

    public double bytes(int pass) {
        return parameters + pass * (mapsPerSequence + activationsPerSequence + logitsPerSequence);
    }

    /** The batch, or the largest ceil(batch / 2^k) whose pass fits in {@code budget} bytes (0 if none). */
    public int largestPass(int batch, double budget) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be 1 or more, got " + batch);
        }
        for (int pass = batch; ; pass = (pass + 1) / 2) {
            if (bytes(pass) <= budget) {
                return pass;
            }
            if (pass == 1) {
                return 0;
            }
        }
    }

    /**
     * The sequences a pass of {@code batch} may hold in {@code available} bytes of free memory (keeping a
     * tenth free): {@code batch} when the whole batch fits, else the largest halving that does, or 0 when not
     * even one sequence fits.
     */
    public int passFor(int batch, double available) {
        return largestPass(batch, 0.9 * available);
    }

    /**
     * The passes a training of {@code c} would run: {@code planned}, the sequences a pass holds at the full
     * window by the trainer's rule ({@link ModelTrainer#passSize}, {@code cap} 0: none), and {@code fitting}, the
     * largest halving of it that fits in {@code available} bytes ({@link #passFor}; 0: not one sequence).
     */
    public record Passes(int planned, int fitting) {}

    public Passes passes(ModelConfig c, int batch, int cap, double available) {
        int planned = ModelTrainer.passSize(batch, c.maxLen(), c.heads(), cap);
        return new Passes(planned, passFor(planned, available));
    }

    /** One line for a training that does not fit even one sequence a pass. */
    public String tooLarge(ModelConfig c, double available) {
        return String.format(java.util.Locale.ROOT, "this training needs about %.1f GB of memory (attention maps "
                        + "%.1f GB for 1 sequence a pass, maxlen %d, %d heads, %d layers; parameters %.1f GB) but %.1f GB "
                        + "are available", bytes(1) / 1e9, maps(1) / 1e9, c.maxLen(), c.heads(), c.layers(),
                parameters / 1e9, available / 1e9);
    }
}
