package awrsr.nn;

import java.util.Map;

/** The plain backbone: O = A V, W = A. */
final class NoRefinement implements Mechanism {
    @Override public boolean refines() { return false; }
    @Override public String refinedFormula() { return "A"; }

    @Override
    public Mixed mix(Attention a) {
        return new Mixed(a.values().through(a.queries(a.raw())), Map.of());
    }
}
