package awrsr.nn;

import java.util.Locale;

/** How a head's raw attention A and refinement weights R become its output (docs/model.md, section 2). */
public enum Variant {
    /** Plain SASRec: O = A V, refined map W = A. */
    NONE,
    /** O = R V, W = R. */
    SIMPLE,
    /** Value-weighted: O = R (A V), W = R A. */
    VALUE,
    /** O = ((1-g) A + g R) V with g = sigmoid(gamma_h), W = (1-g) A + g R. */
    ADDITIVE;

    public boolean refines() {
        return this != NONE;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Variant parse(String text) {
        for (Variant v : values()) {
            if (v.id().equalsIgnoreCase(text.trim()) || (v == NONE && text.trim().equalsIgnoreCase("sasrec"))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + text + "' (expected none, simple, value or additive)");
    }
}
