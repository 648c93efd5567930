package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * M_stoc, the STOSA-only mechanism (our reconstruction, design note stosa-model.md 3.3): each scaled
 * attention row Â_i = c_i A_i becomes a diagonal Gaussian in an r-dimensional correlation space, mean
 * Â U^μ and covariance ELU(Â U^Σ) + 1, separately for queries and keys; the second level is the softmax of
 * the negated squared 2-Wasserstein distance between them, R_s = softmax(mask(−DA / √r)), and W = R_s
 * (the backbone mixes means with W and covariances with W⊙W).
 */
final class StochasticRefinement implements Mechanism {
    @Override public boolean refines() { return true; }
    @Override public String refinedFormula() { return "R_s"; }

    @Override
    public void addParameters(ModelConfig c, String block, Map<String, Shape> specs) {
        for (String name : new String[] {"uq_mu", "uk_mu", "uq_cov", "uk_cov"}) {
            specs.put(block + "refine." + name, new Shape(c.heads(), c.maxLen(), c.refineDim()));
        }
    }

    @Override
    public Mixed mix(Attention a) {
        String window = ":, " + a.offset() + ":, :";
        NDArray c = a.keysPerRow();
        NDArray muQ = a.queries(a.raw()).matMul(a.param("refine.uq_mu").get(window)).mul(a.queries(c));   // (B, H, q, r)
        NDArray muK = a.keyRows("refine.ka_mu", a.raw().matMul(a.param("refine.uk_mu").get(window)).mul(c));
        NDArray covQ = Stosa.eluPlusOne(a.queries(a.raw()).matMul(a.param("refine.uq_cov").get(window)).mul(a.queries(c)));
        NDArray covK = a.keyRows("refine.ka_cov",
                Stosa.eluPlusOne(a.raw().matMul(a.param("refine.uk_cov").get(window)).mul(c)));
        NDArray distance = Stosa.wasserstein(muQ, covQ, muK, covK);
        NDArray r = a.shown(Scalars.div(distance, (float) -Math.sqrt(a.config().refineDim())).add(a.queries(a.additiveMask())).softmax(-1));
        Map<MapKind, NDArray> maps = new EnumMap<>(MapKind.class);
        Map<String, NDArray> factors = new LinkedHashMap<>();
        if (a.keepMaps()) {
            maps.put(MapKind.REFINEMENT, r);
            maps.put(MapKind.REFINED, r);
            factors.put(AwrsrNetwork.Factors.REFINE_MEAN_QUERY, muQ);
            factors.put(AwrsrNetwork.Factors.REFINE_MEAN_KEY, muK);
            factors.put(AwrsrNetwork.Factors.REFINE_COV_QUERY, covQ);
            factors.put(AwrsrNetwork.Factors.REFINE_COV_KEY, covK);
        }
        return new Mixed(a.values().through(r), maps, factors);
    }
}
