package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key side of a forward pass that computes only the rows [from, m) of its windows: every per-row
 * quantity a later row reads (a block's keys and values, a refinement's key projections, A·V, ...), as
 * (B, H, rows, x) arrays under a name ("block0.k"). Under causal attention, rows [0, from) of a window are
 * a function of its columns [0, from) alone, so when those columns equal a reference window's, the rows
 * are the reference's: {@link #record} keeps them from one pass over the reference, {@link #extend} puts
 * them in front of another pass's own rows. The whole-window pass uses {@link #NONE}.
 */
public abstract class KeyRows {
    /** Rows [0, m) of {@code name}, given the pass's own rows [from, m) of it, {@code tail} (B, H, m − from, x). */
    abstract NDArray all(String name, NDArray tail);

    /**
     * The recorded rows [0, from) of {@code name} for a pass of {@code batch} windows, (batch, H, from, x), or
     * null when the pass computes every row.
     */
    abstract NDArray before(String name, long batch);

    /**
     * The first block's head outputs of the pass's last rows, (B, H, queries, dh), when this pass takes them
     * from a {@link Splice} rather than computing them; null otherwise.
     *
     * @param additiveMask the pass's mask of those query rows, (B, 1, queries, m) (see {@link Ops.Masks})
     */
    NDArray splicedHeads(NDArray additiveMask) {
        return null;
    }

    /** These rows, with the first block's head outputs of windows spliced at {@code points} from {@code splice}. */
    public static KeyRows spliced(KeyRows rows, Splice splice, int[] points) {
        return new KeyRows() {
            @Override NDArray all(String name, NDArray tail) {
                return rows.all(name, tail);
            }

            @Override NDArray before(String name, long batch) {
                return rows.before(name, batch);
            }

            @Override boolean records() {
                return rows.records();
            }

            @Override NDArray splicedHeads(NDArray additiveMask) {
                return splice.heads(points, additiveMask);
            }
        };
    }

    /** Whether this pass records its rows for later passes (then they must all be computed). */
    boolean records() {
        return false;
    }

    /** The whole window is computed: the tail is everything. */
    public static final KeyRows NONE = new KeyRows() {
        @Override NDArray all(String name, NDArray tail) {
            return tail;
        }

        @Override NDArray before(String name, long batch) {
            return null;
        }
    };

    /** Keeps every key-side array of a whole-window pass (over one reference window, B = 1). */
    public static Recorded record() {
        return new Recorded();
    }

    /** The key-side arrays of a reference window's pass; the arrays live in the scope that pass ran in. */
    public static final class Recorded extends KeyRows {
        private final Map<String, NDArray> rows = new LinkedHashMap<>();

        private Recorded() {}

        @Override NDArray all(String name, NDArray tail) {
            if (tail.getShape().get(0) != 1) {
                throw new IllegalArgumentException("a reference pass has one window, not " + tail.getShape().get(0));
            }
            rows.put(name, tail);
            return tail;
        }

        @Override NDArray before(String name, long batch) {
            return null;
        }

        @Override boolean records() {
            return true;
        }

        /** The arrays, e.g. to attach them to the scope of a pass that extends them. */
        public Collection<NDArray> arrays() {
            return rows.values();
        }

        /** The same rows on new handles owned by {@code manager} (see {@link ParameterSet#viewIn}). */
        public Recorded viewIn(ai.djl.ndarray.NDManager manager) {
            Recorded out = new Recorded();
            rows.forEach((name, a) -> out.rows.put(name, Ops.viewIn(a, manager)));
            return out;
        }

        /** For a pass over windows whose columns [0, from) equal the reference's. */
        public KeyRows extend(int from) {
            if (from == 0) {
                return NONE;
            }
            return new KeyRows() {
                @Override NDArray all(String name, NDArray tail) {
                    return before(name, tail.getShape().get(0)).concat(tail, 2);
                }

                @Override NDArray before(String name, long batch) {
                    NDArray recorded = rows.get(name);
                    if (recorded == null) {
                        throw new IllegalStateException("the reference pass recorded no " + name);
                    }
                    Shape r = recorded.getShape();
                    return recorded.get(new NDIndex(":, :, :" + from + ", :"))
                            .broadcast(new Shape(batch, r.get(1), from, r.get(3)));
                }
            };
        }
    }
}
