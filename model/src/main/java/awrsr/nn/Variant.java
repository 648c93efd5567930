package awrsr.nn;

import java.util.function.Supplier;

/**
 * The registry of refinement mechanisms (docs/model.md, section 2): the name a config and the command line
 * use, and the {@link Mechanism} that implements it. A new mechanism is a class and a line here.
 */
public enum Variant {
    /** Plain backbone: O = A V, refined map W = A. */
    NONE(NoRefinement::new),
    /** O = R V, W = R. */
    SIMPLE(SimpleRefinement::new),
    /** Value-weighted: O = R (A V), W = R A. */
    VALUE(ValueRefinement::new),
    /** O = ((1-g) A + g R) V with g = sigmoid(gamma_h), W = (1-g) A + g R. */
    ADDITIVE(AdditiveRefinement::new),
    /** STOSA only: attention rows as Gaussians, R_s by their Wasserstein distance, W = R_s. */
    STOCHASTIC(StochasticRefinement::new);

    private final Mechanism mechanism;

    Variant(Supplier<Mechanism> mechanism) {
        this.mechanism = mechanism.get();
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    public boolean refines() {
        return mechanism.refines();
    }

    public String id() {
        return awrsr.util.EnumIds.id(this);
    }

    /** The ids, for messages: "none, simple, value or additive". */
    public static String choices() {
        return awrsr.util.EnumIds.choices(values());
    }

    public static Variant parse(String text) {
        for (Variant v : values()) {
            if (v.id().equalsIgnoreCase(text.trim()) || (v == NONE && text.trim().equalsIgnoreCase("sasrec"))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + text + "' (expected " + choices() + ")");
    }
}
