package awrsr.bench;

import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import awrsr.checkpoint.Loss;

/**
 * Floating-point operations of the network, counted from its matrix products (2 per multiply-add), the
 * way model FLOPs are usually quoted. Element-wise work (masks, softmax, layer norm, dropout, Adam) is left
 * out: for d = 64 it is a few percent of the total and bound by memory, not arithmetic.
 */
public final class FlopCount {
    private FlopCount() {}

    /**
     * One forward pass of one sequence over a window of {@code m} items.
     *
     * @param withTrace also form the effective map W = R·A of the value-weighted variant (the trace asks for
     *     it; training and plain scoring do not)
     * @param withScores also score every item against the newest representation
     */
    public static long forward(ModelConfig c, int m, boolean withTrace, boolean withScores) {
        long d = c.dim();
        long h = c.heads();
        long r = c.refineDim();
        long mm = (long) m * m;
        long perLayer = 6 * 2L * m * d * d       // Q, K, V, output and the two feed-forward projections
                + 2 * 2 * mm * d;                 // Q·K^T over all heads, and the attention map times V
        Variant v = c.variant();
        if (v.refines()) {
            perLayer += 2 * 2 * h * mm * r        // Â·U_q and Â·U_k
                    + 2 * h * mm * r;             // Q_a·K_a^T
        }
        if (v == Variant.VALUE) {
            perLayer += 2 * mm * d;               // R·(A·V)
            if (withTrace) {
                perLayer += 2 * h * mm * m;       // W = R·A, for display only
            }
        }
        long total = c.layers() * perLayer;
        if (withScores) {
            total += 2 * d * (c.numItems() + 1L);
        }
        return total;
    }

    /**
     * One training step on {@code batch} sequences padded to a window of {@code m}: forward, loss and a
     * backward pass that costs two forward passes (one product for the gradient of each operand).
     *
     * @param positions the real (unpadded) target positions of the batch; the cross-entropy loss scores
     *     every item at each of them, the BCE loss one positive and one negative
     */
    public static long trainingStep(ModelConfig c, int batch, int m, long positions, Loss loss) {
        long forward = batch * forward(c, m, false, false);
        long lossFlops = loss == Loss.BCE
                ? 2 * 2L * batch * m * c.dim()                      // F·E[pos] and F·E[neg] at every padded position
                : 2L * positions * c.dim() * (c.numItems() + 1L);  // logits over every item
        return 3 * (forward + lossFlops);
    }
}
