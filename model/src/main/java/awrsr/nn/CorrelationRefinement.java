package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.EnumMap;
import java.util.Map;

/**
 * The second level the dot-product mechanisms share: each attention row, scaled by its key count
 * (Â = diag(c) A), is projected into an r-dimensional correlation space with the recency-aligned
 * matrices U_q, U_k (H, n, r), and R = softmax(mask(Â U_q (Â U_k)ᵀ / √r)). Subclasses say how R and A make
 * the head output.
 */
abstract class CorrelationRefinement implements Mechanism {
    @Override
    public final boolean refines() {
        return true;
    }

    @Override
    public void addParameters(ModelConfig c, String block, Map<String, Shape> specs) {
        specs.put(block + "refine.uq", new Shape(c.heads(), c.maxLen(), c.refineDim()));
        specs.put(block + "refine.uk", new Shape(c.heads(), c.maxLen(), c.refineDim()));
    }

    /** R, (B, H, rows, m), unmasked on padded rows (see {@link Attention#shown}); its factors go to {@code factors}. */
    static NDArray refinementWeights(Attention a, Map<String, NDArray> factors) {
        // Ahat U = c * (A U): the row counts scale the (B, H, m, r) products, not the (B, H, m, m) map.
        String window = ":, " + a.offset() + ":, :";
        NDArray qa = a.queries(a.raw()).matMul(a.param("refine.uq").get(window))
                .mul(Scalars.div(a.queries(a.keysPerRow()), (float) Math.sqrt(a.config().refineDim())));
        if (a.oneQuery()) {
            return oneRowOfR(a, qa, window);
        }
        NDArray ka = a.keyRows("refine.ka", a.raw().matMul(a.param("refine.uk").get(window)).mul(a.keysPerRow()));
        if (a.keepMaps()) {
            factors.put(AwrsrNetwork.Factors.REFINE_QUERY, qa);
            factors.put(AwrsrNetwork.Factors.REFINE_KEY, ka);
        }
        return qa.matMul(ka.transpose(0, 1, 3, 2)).add(a.queries(a.additiveMask())).softmax(-1);
    }

    /**
     * R's one query row without Â U_k of the pass's rows: its logits against key j are qa · c_j (A_j U_k)
     * = c_j A_j (U_k qaᵀ), a matrix-vector product per row (m products, not m r); the recorded rows keep their
     * Â U_k.
     */
    private static NDArray oneRowOfR(Attention a, NDArray qa, String window) {
        NDArray u = a.param("refine.uk").get(window).matMul(qa.transpose(0, 1, 3, 2));       // (B, H, m, 1)
        NDArray own = a.raw().matMul(u).mul(a.keysPerRow()).transpose(0, 1, 3, 2);            // (B, H, 1, rows)
        NDArray before = a.keys().before(a.block() + "refine.ka", qa.getShape().get(0));
        NDArray logits = before == null ? own
                : qa.matMul(before.transpose(0, 1, 3, 2)).concat(own, -1);                    // (B, H, 1, m)
        return logits.add(a.queries(a.additiveMask())).softmax(-1);
    }

    @Override
    public final Mixed mix(Attention a) {
        Map<String, NDArray> factors = new java.util.LinkedHashMap<>();
        NDArray r = a.shown(refinementWeights(a, factors));
        Map<MapKind, NDArray> maps = new EnumMap<>(MapKind.class);
        NDArray output = combine(a, r, maps, factors);
        if (a.keepMaps()) {
            maps.put(MapKind.REFINEMENT, r);
        }
        return new Mixed(output, maps, factors);
    }

    /** The head output from A and R; puts W in {@code maps} (and any factor of its own) when maps are kept. */
    abstract NDArray combine(Attention a, NDArray r, Map<MapKind, NDArray> maps, Map<String, NDArray> factors);
}
