package awrsr.nn;

import ai.djl.ndarray.NDArray;

/**
 * Inverted dropout at one rate: each element kept with probability 1 - rate and scaled by 1 / P(keep).
 * Without {@link DropoutMasks} the mask comes from uniform draws compared with the rate rather than from
 * the engine's dropout, whose CPU Bernoulli sampler draws a 64-bit number per element (about twice as slow).
 */
public final class Dropout {
    private final float rate;
    private final DropoutMasks masks;
    private final boolean training;

    /** @param masks where the masks come from; null: the engine's random generator */
    public Dropout(float rate, DropoutMasks masks) {
        this(rate, masks, true);
    }

    private Dropout(float rate, DropoutMasks masks, boolean training) {
        this.rate = rate;
        this.masks = masks;
        this.training = training;
    }

    /** No dropout (inference). */
    public static Dropout off() {
        return new Dropout(0f, null, false);
    }

    /** The same source at another rate (a backbone with a second rate, such as STOSA's attention dropout); off stays off. */
    public Dropout at(float otherRate) {
        return training ? new Dropout(otherRate, masks, true) : this;
    }

    /** Whether it drops anything (training at a rate above 0). */
    public boolean active() {
        return rate > 0;
    }

    public NDArray apply(NDArray x) {
        if (rate <= 0) {
            return x;
        }
        return Scalars.mul(x.mul(keepMask(x)), scale());
    }

    /** dropout(map) · right, with the scale applied to the smaller product, not the map. */
    public NDArray product(NDArray map, NDArray right) {
        if (rate <= 0) {
            return map.matMul(right);
        }
        return Scalars.mul(map.mul(keepMask(map)).matMul(right), scale());
    }

    private NDArray keepMask(NDArray x) {
        return masks != null ? masks.keep(x.getManager(), x.getShape(), rate)
                : Scalars.gte(x.getManager().randomUniform(0f, 1f, x.getShape()), rate);
    }

    private float scale() {
        return masks != null ? DropoutMasks.scale(rate) : 1f / (1f - rate);
    }
}
