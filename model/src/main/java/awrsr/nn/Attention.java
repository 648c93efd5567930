package awrsr.nn;

import ai.djl.ndarray.NDArray;

/**
 * What a block hands its refinement mechanism: the raw map A, the values, the masks, and the block's
 * parameters.
 *
 * @param raw A, (B, H, m, m), rows softmax-normalised over the allowed keys
 * @param values how the backbone mixes its values with a map
 * @param additiveMask 0 where a query may read a key, -1e9 elsewhere, (B, 1, m, m)
 * @param keysPerRow c_i, the number of keys row i may read, (B, 1, m, 1)
 * @param queryMask 1 on real rows, 0 on padding, (B, 1, m, 1)
 * @param offset n - m: column 0 of the window is absolute position {@code offset}
 * @param keepMaps whether the maps are wanted for display (then padded rows are zeroed)
 */
public record Attention(ModelConfig config, ParameterSet params, String block, NDArray raw, Values values,
                        NDArray additiveMask, NDArray keysPerRow, NDArray queryMask, int offset,
                        boolean keepMaps) {
    /** The block's parameter {@code name} ("refine.uq" in block 1 is "block1.refine.uq"). */
    public NDArray param(String name) {
        return params.get(block + name);
    }

    /** A map as it is shown: padded query rows zeroed when maps are kept (otherwise unused). */
    public NDArray shown(NDArray map) {
        return keepMaps ? map.mul(queryMask) : map;
    }
}
