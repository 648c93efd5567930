package awrsr.nn;

import ai.djl.ndarray.NDArray;

/**
 * A block's value vectors as the backbone propagates them: a refinement mechanism says which map mixes
 * them, the backbone says how (SASRec: dropout(map) · V; STOSA will also carry the covariance stream).
 */
public interface Values {
    /** The head outputs (B, H, m, dh) of mixing the values with {@code map} (B, H, m, m). */
    NDArray through(NDArray map);

    /**
     * The head outputs of mixing with {@code second · first}. The default forms the product; SASRec
     * propagates twice instead (second · (first · V)), which needs no (m × m × m) product.
     */
    default NDArray throughTwoHops(NDArray second, NDArray first) {
        return through(second.matMul(first));
    }
}
