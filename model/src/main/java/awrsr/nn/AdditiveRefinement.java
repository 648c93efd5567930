package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Map;

/** M_add: O = ((1-g) A + g R) V with g = sigmoid(gamma_h) per head (gamma starts at 0), W = the mix. */
final class AdditiveRefinement extends CorrelationRefinement {
    @Override public String refinedFormula() { return "(1−g)A + gR"; }

    @Override
    public void addParameters(ModelConfig c, String block, Map<String, Shape> specs) {
        super.addParameters(c, block, specs);
        specs.put(block + "refine.gamma", new Shape(c.heads()));
    }

    @Override
    NDArray combine(Attention a, NDArray r, Map<MapKind, NDArray> maps, Map<String, NDArray> factors) {
        NDArray g = a.param("refine.gamma").getNDArrayInternal().sigmoid().reshape(1, a.config().heads(), 1, 1);
        NDArray mix = a.queries(a.raw()).mul(Scalars.add(g.neg(), 1f)).add(r.mul(g));
        if (a.keepMaps()) {
            maps.put(MapKind.REFINED, mix);
            factors.put(AwrsrNetwork.Factors.GATE, g);
        }
        return a.values().through(mix);
    }
}
