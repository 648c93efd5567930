package awrsr.nn;

import ai.djl.ndarray.NDArray;

/**
 * A block's value vectors as the backbone propagates them: a refinement mechanism says which map mixes
 * them, the backbone says how (SASRec: dropout(map) · V; STOSA will also carry the covariance stream).
 */
public interface Values {
    /** The head outputs (B, H, rows, dh) of mixing the values (all m rows) with {@code map} (B, H, rows, m). */
    NDArray through(NDArray map);

    /**
     * The head outputs of mixing with {@code second · first}, both (B, H, rows, m): the first map's other
     * rows come from the pass's {@link KeyRows}. SASRec propagates twice (second · (first · V)), which needs
     * no (m × m × m) product; STOSA forms the product, as its covariances need its square.
     */
    NDArray throughTwoHops(NDArray second, NDArray first);
}
