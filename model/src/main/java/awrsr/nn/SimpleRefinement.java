package awrsr.nn;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/** M_simp: O = R V, W = R. */
final class SimpleRefinement extends CorrelationRefinement {
    @Override public String refinedFormula() { return "R"; }

    @Override
    NDArray combine(Attention a, NDArray r, Map<MapKind, NDArray> maps, Map<String, NDArray> factors) {
        if (a.keepMaps()) {
            maps.put(MapKind.REFINED, r);
        }
        return a.values().through(r);
    }
}
