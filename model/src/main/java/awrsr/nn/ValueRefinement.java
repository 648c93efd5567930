package awrsr.nn;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/** M_value, value-weighted: O = R (A V), so W = R A (formed only when maps are kept). */
final class ValueRefinement extends CorrelationRefinement {
    @Override public String refinedFormula() { return "R·A"; }

    @Override
    NDArray combine(Attention a, NDArray r, Map<MapKind, NDArray> maps, Map<String, NDArray> factors) {
        if (a.keepMaps()) {
            maps.put(MapKind.REFINED, r.matMul(a.raw()));
        }
        return a.values().throughTwoHops(r, a.raw());
    }
}
