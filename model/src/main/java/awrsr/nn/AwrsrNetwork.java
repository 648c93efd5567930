package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.Map;

/**
 * A model's network: its config's {@link Backbone} with its config's refinement {@link Mechanism}, over one
 * {@link ParameterSet}. Training, inference and the benches use this class and never the parts.
 *
 * <p>All arrays are created on the parameters' device. The caller owns memory: run inside an
 * {@link NDManager} scope with the parameters temp-attached (see {@link #scope}).
 */
public final class AwrsrNetwork {
    private final ModelConfig config;
    private final ParameterSet params;
    private final DropoutMasks masks;

    public AwrsrNetwork(ModelConfig config, ParameterSet params) {
        this(config, params, null);
    }

    /**
     * @param masks where training draws its dropout masks; null: the engine's random generator (the right
     *     choice on a GPU, which draws them on the device)
     */
    public AwrsrNetwork(ModelConfig config, ParameterSet params, DropoutMasks masks) {
        this.config = config;
        this.params = params;
        this.masks = masks;
    }

    public ModelConfig config() { return config; }

    /** Before each training step, once the previous step's arrays are closed (dropout masks are reused). */
    public void startStep() {
        if (masks != null) {
            masks.newStep();
        }
    }
    public ParameterSet parameters() { return params; }

    /** This network over views of its parameters owned by {@code manager} (see {@link ParameterSet#viewIn}). */
    public AwrsrNetwork viewIn(NDManager manager) {
        return new AwrsrNetwork(config, params.viewIn(manager), masks);
    }

    /**
     * One block's maps, each (B, H, m, m): {@link MapKind#RAW} and whatever the mechanism reports; and the
     * factors they are computed from, each (B, H, m, x) (a per-head scalar as (1, H, 1, 1)), by the names of
     * {@link Factors}, so that a viewer can show how a cell comes about.
     */
    public record LayerMaps(Map<MapKind, NDArray> maps, Map<String, NDArray> factors) {
        public LayerMaps {
            maps = Map.copyOf(maps);
            factors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(factors));
        }

        public LayerMaps(Map<MapKind, NDArray> maps) {
            this(maps, Map.of());
        }

        public NDArray raw() { return maps.get(MapKind.RAW); }
        /** R; null when the model does not refine. */
        public NDArray refinement() { return maps.get(MapKind.REFINEMENT); }
        /** W; A when the model does not refine. */
        public NDArray refined() { return maps.getOrDefault(MapKind.REFINED, raw()); }
    }

    /** Names of the factors in {@link LayerMaps#factors}. */
    public static final class Factors {
        /** q_i / √d_h, the scaled queries: A's logits are q_i · k_j. */
        public static final String QUERY = "q";
        /** k_j, the keys. */
        public static final String KEY = "k";
        /** Â U_q / √r: R's logits are qa_i · ka_j. */
        public static final String REFINE_QUERY = "qa";
        /** Â U_k. */
        public static final String REFINE_KEY = "ka";
        /** g = σ(γ_h), the additive mix (one per head). */
        public static final String GATE = "gate";
        /** STOSA: the query and key means and covariances A's Wasserstein distances are computed from. */
        public static final String MEAN_QUERY = "q_mu";
        public static final String MEAN_KEY = "k_mu";
        public static final String COV_QUERY = "q_cov";
        public static final String COV_KEY = "k_cov";
        /** STOSA: each position's mean covariance entering the block, (B, H, m, 1), equal across heads. */
        public static final String UNCERTAINTY = "uncertainty";
        /** The stochastic mechanism's Gaussian correlation representations: means Â U^μ, covariances ELU(Â U^Σ) + 1. */
        public static final String REFINE_MEAN_QUERY = "qa_mu";
        public static final String REFINE_MEAN_KEY = "ka_mu";
        public static final String REFINE_COV_QUERY = "qa_cov";
        public static final String REFINE_COV_KEY = "ka_cov";

        private Factors() {}
    }

    /** @param hidden F, (B, m, d); @param layers the maps of every block, empty unless asked for */
    public record Output(NDArray hidden, List<LayerMaps> layers) {}

    /**
     * A sub-manager with every parameter temp-attached, so that all arrays the forward pass creates are
     * freed when it closes while the parameters return to their owner.
     */
    public NDManager scope() {
        NDManager base = params.all().iterator().next().getManager();
        NDManager scope = base.newSubManager();
        for (NDArray p : params.all()) {
            scope.tempAttachAll(p);
        }
        return scope;
    }

    public Output forward(NDArray items, boolean training, boolean keepMaps) {
        window(items);
        Dropout dropout = training ? new Dropout(config.dropout(), masks) : Dropout.off();
        return config.backbone().backbone().forward(config, params, items, dropout, keepMaps);
    }

    /** The width m of a window of items (B, m); refused when it exceeds maxlen. */
    private int window(NDArray items) {
        int m = Math.toIntExact(items.getShape().get(1));
        if (m > config.maxLen()) {
            throw new IllegalArgumentException("window of " + m + " items exceeds maxlen " + config.maxLen());
        }
        return m;
    }

    /** The item embedding rows of the input (B, m, d), as the forward pass reads them. */
    public NDArray embed(NDArray items) {
        return config.backbone().backbone().embed(config, params, items);
    }

    /** The forward pass (no dropout) from given item embeddings, e.g. a copy of {@link #embed} that records gradients. */
    public Output forwardFrom(NDArray items, NDArray embedded, boolean keepMaps) {
        return config.backbone().backbone().encode(config, params, items, embedded, Dropout.off(), keepMaps);
    }

    /**
     * The inference pass (no dropout, no maps) over the rows [from, m) of {@code items} (B, m): the hidden
     * output (B, m − from, D). The rows before come from {@code keys}: {@link KeyRows.Recorded#extend} of a
     * whole pass (from = 0) that recorded one window whose columns [0, from) equal those of every window
     * here. Under causal attention the rows equal the whole pass's rows of the same windows.
     *
     * @param newestOnly give only the newest row, (B, 1, D), which saves the last block's queries but one
     */
    public Output forwardRows(NDArray items, int from, KeyRows keys, boolean newestOnly) {
        int m = window(items);
        if (from < 0 || from >= m) {
            throw new IllegalArgumentException("rows from " + from + " of a window of " + m);
        }
        Backbone backbone = config.backbone().backbone();
        return backbone.encodeRows(config, params, items, backbone.embed(config, params, items), Dropout.off(), false,
                from, keys, newestOnly);
    }

    /** Scores of every item index 0..V for each row's representation; index 0 (padding) is -inf. */
    public NDArray scoreAll(NDArray representation /* (B, D) */) {
        return config.backbone().backbone().scoreAll(config, params, representation);
    }

    /** The score of {@code items} (B, m) at each position of {@code hidden} (B, m, D). */
    public NDArray scoreAt(NDArray hidden, NDArray items) {
        return config.backbone().backbone().scoreAt(config, params, hidden, items);
    }

    /**
     * The backbone's regulariser per position for positives and negatives (B, m), or null when it has none;
     * {@code positiveScore} is {@link #scoreAt} of the positives.
     */
    public NDArray pairRegulariser(NDArray positiveScore, NDArray positive, NDArray negative) {
        return config.backbone().backbone().pairRegulariser(config, params, positiveScore, positive, negative);
    }

    /** The representation F at the newest position of each row: (B, d). */
    public static NDArray last(NDArray hidden) {
        return hidden.get(":, -1, :");
    }
}
