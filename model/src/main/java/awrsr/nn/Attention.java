package awrsr.nn;

import ai.djl.ndarray.NDArray;

/**
 * What a block hands its refinement mechanism: the raw map A, the values, the masks, and the block's
 * parameters. A pass may compute only the query rows [from, m) of its windows (see {@link KeyRows}): then
 * every (.., rows, ..) array below holds those rows, while the keys are still the m columns, and whatever
 * a mechanism computes per key row goes through {@link #keyRows}.
 *
 * @param raw A, (B, H, rows, m), rows softmax-normalised over the allowed keys
 * @param values how the backbone mixes its values with a map
 * @param additiveMask 0 where a query may read a key, -1e9 elsewhere, (B, 1, rows, m)
 * @param keysPerRow c_i, the number of keys row i may read, (B, 1, rows, 1)
 * @param queryMask 1 on real rows, 0 on padding, (B, 1, rows, 1)
 * @param offset n - m: column 0 of the window is absolute position {@code offset}
 * @param keepMaps whether the maps are wanted for display (then padded rows are zeroed)
 * @param keys where the rows before the pass's own come from
 * @param queryRows how many of the last rows are queries whose output is needed (see {@link #queries})
 */
public record Attention(ModelConfig config, ParameterSet params, String block, NDArray raw, Values values,
                        NDArray additiveMask, NDArray keysPerRow, NDArray queryMask, int offset,
                        boolean keepMaps, KeyRows keys, int queryRows) {
    /**
     * The query side of a (B, H|1, rows, x) array: its last {@link #queryRows} rows, those whose output the
     * pass needs (all of them but in the last block of a pass that reads only the newest row). Whatever a
     * mechanism computes per key row uses every row of {@link #raw}.
     */
    public NDArray queries(NDArray rows) {
        return Ops.lastRows(rows, queryRows);
    }

    /**
     * A per-row quantity the later rows read as keys ({@code name}, unique in the block), (B, H, m, x), from
     * its rows of this pass (B, H, rows, x).
     */
    public NDArray keyRows(String name, NDArray ownRows) {
        return keys.all(block + name, ownRows);
    }

    /**
     * Whether the pass needs one query row's output and nothing else of this block: no maps kept, no rows
     * recorded. A mechanism may then use the key rows through that one query (matrix-vector products) rather
     * than form per-row key-side quantities of every row of the pass.
     */
    public boolean oneQuery() {
        return oneQuery(queryRows, keepMaps, keys);
    }

    /** {@link #oneQuery()} for a block about to make its Attention (its {@link Values} decide by it too). */
    static boolean oneQuery(int queryRows, boolean keepMaps, KeyRows keys) {
        return queryRows == 1 && !keepMaps && !keys.records();
    }

    /** The block's parameter {@code name} ("refine.uq" in block 1 is "block1.refine.uq"). */
    public NDArray param(String name) {
        return params.get(block + name);
    }

    /** A map as it is shown: padded query rows zeroed when maps are kept (otherwise unused). */
    public NDArray shown(NDArray map) {
        return keepMaps ? map.mul(queryMask) : map;
    }
}
