package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** The small operations the backbones share. */
final class Ops {
    private Ops() {}

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

    /** The causal mask: 1 where key j &le; query i, row-major m × m. */
    static float[] lowerTriangle(int m) {
        float[] t = new float[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                t[i * m + j] = 1f;
            }
        }
        return t;
    }
}
