package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** The small operations the backbones share. */
final class Ops {
    private Ops() {}

    /**
     * A new handle on {@code a}'s storage, owned by {@code manager}, so that another thread's scope can
     * temp-attach it while {@code a} stays where it is. With gradient recording off (the view then records none).
     */
    static NDArray viewIn(NDArray a, ai.djl.ndarray.NDManager manager) {
        NDArray v = a.reshape(a.getShape());
        v.attach(manager);
        return v;
    }

    /** x @ W + b for the parameters named {@code weight} and {@code bias}. */
    static NDArray linear(ParameterSet params, NDArray x, String weight, String bias) {
        return x.matMul(params.get(weight)).add(params.get(bias));
    }

    /** LayerNorm over the last axis (width {@code dim}) with the parameters {@code prefix}.gamma and .beta. */
    static NDArray layerNorm(ParameterSet params, NDArray x, int dim, String prefix, float eps) {
        return LayerNorm.layerNorm(x, new Shape(dim), params.get(prefix + ".gamma"), params.get(prefix + ".beta"), eps)
                .singletonOrThrow();
    }

    /** (B, m, H·dh) to (B, H, m, dh). */
    static NDArray splitHeads(NDArray x, long batch, int m, int heads, int dh) {
        return x.reshape(batch, m, heads, dh).transpose(0, 2, 1, 3);
    }

    /** (B, H, m, dh) to (B, m, H·dh). */
    static NDArray mergeHeads(NDArray x, long batch, int m, int d) {
        return x.transpose(0, 2, 1, 3).reshape(batch, m, d);
    }

    /**
     * The last {@code n} rows of a (B, rows, x) or (B, H, rows, x) array (the row axis is the second last);
     * the array itself when it has n rows.
     */
    static NDArray lastRows(NDArray x, int n) {
        int axis = x.getShape().dimension() - 2;
        if (x.getShape().get(axis) == n) {
            return x;
        }
        return x.get(axis == 1 ? ":, -" + n + ":, :" : ":, :, -" + n + ":, :");
    }

    /** The value masking a logit: added to it, it makes the key's weight exactly 0 after the softmax. */
    static final float MASKED = -1e9f;

    /**
     * The masks of a left-padded window of items (B, m): which positions are real, which keys each query may
     * read (earlier or itself, real), the additive form of that, and how many keys each row reads (c_i).
     */
    record Masks(NDArray valid, NDArray validColumn, NDArray queryMask, NDArray allowed, NDArray additive,
                 NDArray keysPerRow) {
        /**
         * The masks of the query rows [from, m) only (each (B, .., m − from, ..)); the keys are every column.
         * {@link #valid} stays (B, m).
         */
        static Masks of(NDArray items, int from) {
            long batch = items.getShape().get(0);
            int m = Math.toIntExact(items.getShape().get(1));
            int rows = m - from;
            NDArray valid = Scalars.gt(items, 0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false); // (B, m)
            NDArray validRows = from == 0 ? valid : valid.get(":, " + from + ":");
            NDArray validColumn = validRows.expandDims(-1);                                    // (B, rows, 1)
            NDArray queryMask = validColumn.expandDims(1);                                     // (B, 1, rows, 1)
            NDArray causal = items.getManager().create(lowerTriangle(m, from), new Shape(1, 1, rows, m));
            NDArray allowed = causal.mul(valid.reshape(batch, 1, 1, m));                       // (B, 1, rows, m)
            NDArray additive = Scalars.mul(Scalars.sub(allowed, 1f), -MASKED);                 // 0 or -1e9
            NDArray keysPerRow = allowed.sum(new int[] {-1}, true);                            // (B, 1, rows, 1) = c_i
            return new Masks(valid, validColumn, queryMask, allowed, additive, keysPerRow);
        }

        /** The masks of the last {@code n} of these query rows; the keys stay every column. */
        Masks lastRows(int n) {
            return new Masks(valid, Ops.lastRows(validColumn, n), Ops.lastRows(queryMask, n), Ops.lastRows(allowed, n),
                    Ops.lastRows(additive, n), Ops.lastRows(keysPerRow, n));
        }
    }

    /** Rows [from, m) of the causal mask (1 where key j &le; query i), row-major (m − from) × m. */
    static float[] lowerTriangle(int m, int from) {
        float[] t = new float[(m - from) * m];
        for (int i = from; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                t[(i - from) * m + j] = 1f;
            }
        }
        return t;
    }
}
