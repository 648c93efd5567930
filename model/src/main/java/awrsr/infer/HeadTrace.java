package awrsr.infer;

import awrsr.nn.MapKind;

import java.util.List;

/**
 * One head's maps over the real positions of a sequence, rows = reading position, columns = item read:
 * whatever maps the model reports, in the order it reports them (A first), each with its name, and the
 * factors they were computed from. A viewer draws {@link #maps()} without knowing the model's kind.
 */
public record HeadTrace(List<TraceMap> maps, java.util.Map<String, float[][]> factors) {
    /** Keys of the maps a model may report. */
    public static final String RAW = MapKind.RAW.id();
    public static final String REFINED = MapKind.REFINED.id();
    public static final String REFINEMENT = MapKind.REFINEMENT.id();

    /**
     * @param id the key: {@link #RAW}, {@link #REFINED}, {@link #REFINEMENT}, ...
     * @param symbol the paper's letter ("A", "W", "R")
     * @param title what people read ("Refined W = R·A")
     * @param fileStem the word in exported file names
     * @param values (m, m)
     */
    public record TraceMap(String id, String symbol, String title, String fileStem, float[][] values) {}

    public HeadTrace {
        maps = List.copyOf(maps);
        factors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(factors));
        if (maps.isEmpty() || !maps.get(0).id().equals(RAW)) {
            throw new IllegalArgumentException("a head trace starts with its raw map");
        }
    }

    /** A head's maps without the factors they were computed from. */
    public HeadTrace(List<TraceMap> maps) {
        this(maps, java.util.Map.of());
    }

    /**
     * A factor of the maps (see {@code awrsr.nn.AwrsrNetwork.Factors}): "q" and "k" (m × d_h), "qa" and "ka"
     * (m × r) for a refining model, "gate" (1 × 1) for the additive one; null when the model has none.
     */
    public float[][] factor(String name) {
        return factors.get(name);
    }

    /** The map with this key, or null when the model does not report it. */
    public TraceMap find(String id) {
        for (TraceMap m : maps) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }

    /** A, the softmax attention. */
    public float[][] raw() {
        return maps.get(0).values();
    }

    /** W, the effective item-to-item map; A when the model does not refine. */
    public float[][] refined() {
        TraceMap w = find(REFINED);
        return w == null ? raw() : w.values();
    }

    /** R, the attention over attention rows; null when the model does not refine. */
    public float[][] refinement() {
        TraceMap r = find(REFINEMENT);
        return r == null ? null : r.values();
    }

    /** Whether the model refines: reports a W of its own (STOSA's W⊙W alone does not count). */
    public boolean refines() {
        return find(REFINED) != null;
    }
}
