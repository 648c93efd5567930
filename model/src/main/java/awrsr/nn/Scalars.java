package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic of an array with a constant, through a scalar whose memory the engine owns. Use these instead
 * of DJL's {@code NDArray} methods that take a {@code Number} (an ArchUnit rule keeps it so).
 *
 * <p>Why: DJL 0.36's PyTorch engine makes the constant of {@code x.mul(3f)} from a Java direct buffer that
 * the tensor reads in place ({@code torch::from_blob}, no copy), and closes it as soon as the operation
 * returns; closing drops the buffer's last reference. The autograd graph still holds that tensor (the
 * backward of a product needs the other factor; clamp needs its bounds), so once a garbage collection frees
 * the buffer, the backward pass reads freed memory: a gradient of 3e14 or 2e-38 instead of 3, in a run
 * where a collection happened to fall between forward and backward (about one test run in seven here).
 * A scalar from {@code NDManager.full} is allocated by libtorch and lives as long as any tensor uses it.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-d array of {@code like}'s type and manager holding {@code value}, allocated by the engine. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** x + value. */
    public static NDArray add(NDArray x, double value) {
        return with(x, value, NDArray::add);
    }

    /** x − value. */
    public static NDArray sub(NDArray x, double value) {
        return with(x, value, NDArray::sub);
    }

    /** x · value. */
    public static NDArray mul(NDArray x, double value) {
        return with(x, value, NDArray::mul);
    }

    /** x / value. */
    public static NDArray div(NDArray x, double value) {
        return with(x, value, NDArray::div);
    }

    /** x ← x · value, in place; returns x. */
    public static NDArray muli(NDArray x, double value) {
        return with(x, value, NDArray::muli);
    }

    /** x &gt; value, as booleans. */
    public static NDArray gt(NDArray x, double value) {
        return with(x, value, NDArray::gt);
    }

    /** x &ge; value, as booleans. */
    public static NDArray gte(NDArray x, double value) {
        return with(x, value, NDArray::gte);
    }

    /** {@code op(x, s)} for the engine's scalar s = value, which op may keep (the graph holds its own reference). */
    private static NDArray with(NDArray x, double value, java.util.function.BinaryOperator<NDArray> op) {
        try (NDArray s = of(x, value)) {
            return op.apply(x, s);
        }
    }

    /**
     * max(x, value), element by element, as PyTorch's clamp_min: the gradient flows to x where x &ge; value
     * (at a tie too, where {@code maximum} would split it).
     */
    public static NDArray atLeast(NDArray x, double value) {
        try (NDArray s = of(x, value); NDArray keep = x.gte(s)) {
            return ai.djl.ndarray.NDArrays.where(keep, x, s);
        }
    }
}
