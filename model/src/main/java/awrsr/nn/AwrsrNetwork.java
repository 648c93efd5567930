package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;

import java.util.ArrayList;
import java.util.List;

/**
 * SASRec backbone with refined multi-head attention, exactly as docs/model.md defines it.
 *
 * <p>Input: item indices (B, m), left-padded with 0, m &le; n. Because padded keys are masked, padded
 * queries are zeroed and every other operation is position-wise, the real positions of a window of
 * m columns give the same result as the same sequence padded to n; the window only saves work. Column
 * c of the window is absolute position {@code n - m + c}, so the newest item always sits at n-1.
 *
 * <p>All arrays are created on the parameters' device. The caller owns memory: run inside an
 * {@link NDManager} scope with the parameters temp-attached (see {@link #scope}).
 */
public final class AwrsrNetwork {
    private static final float MASKED = -1e9f;
    private static final float LN_EPS = 1e-8f;

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

    /** One layer's maps, each (B, H, m, m); {@code refinement} is null for {@link Variant#NONE}. */
    public record LayerMaps(NDArray raw, NDArray refinement, NDArray refined) {}

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
        Shape inShape = items.getShape();
        long batch = inShape.get(0);
        int m = Math.toIntExact(inShape.get(1));
        if (m > config.maxLen()) {
            throw new IllegalArgumentException("window of " + m + " items exceeds maxlen " + config.maxLen());
        }
        int offset = config.maxLen() - m;
        int d = config.dim();
        int heads = config.heads();
        int dh = config.headDim();
        float drop = training ? config.dropout() : 0f;

        NDArray valid = items.gt(0).toType(DataType.FLOAT32, false);                 // (B, m)
        NDArray validCol = valid.expandDims(-1);                                      // (B, m, 1)
        NDArray queryMask = validCol.expandDims(1);                                   // (B, 1, m, 1)
        NDArray causal = items.getManager().create(lowerTriangle(m), new Shape(1, 1, m, m));
        NDArray allowed = causal.mul(valid.reshape(batch, 1, 1, m));                  // (B, 1, m, m)
        NDArray additiveMask = allowed.sub(1f).mul(-MASKED);                          // 0 or -1e9
        NDArray keysPerRow = allowed.sum(new int[] {-1}, true);                       // (B, 1, m, 1) = c_i

        NDArray x = Embedding.embedding(items, params.get("item_emb"), SparseFormat.DENSE).singletonOrThrow()
                .mul((float) Math.sqrt(d))
                .add(params.get("pos_emb").get(offset + ":"));                       // (B, m, d)
        x = dropout(x, drop).mul(validCol);

        List<LayerMaps> maps = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            String b = "block" + l + ".";
            NDArray y = layerNorm(x, b + "ln_attn");
            NDArray q = splitHeads(linear(y, b + "attn.wq", b + "attn.bq"), batch, m, heads, dh);   // (B,H,m,dh)
            NDArray k = splitHeads(linear(x, b + "attn.wk", b + "attn.bk"), batch, m, heads, dh);
            NDArray v = splitHeads(linear(x, b + "attn.wv", b + "attn.bv"), batch, m, heads, dh);

            // Scalars and row factors are applied to the (B, H, m, dh|r) operands rather than to the
            // (B, H, m, m) maps: the maps are the largest arrays of a step, and every pass over them (forward
            // and backward) costs more than the products around them at d = 64.
            NDArray logits = q.div((float) Math.sqrt(dh)).matMul(k.transpose(0, 1, 3, 2));
            NDArray raw = logits.add(additiveMask).softmax(-1);                       // A: (B,H,m,m)
            if (keepMaps) {
                raw = raw.mul(queryMask);      // padded query rows: zero for display (otherwise unused)
            }

            NDArray refinement = null;
            NDArray out;                                                              // (B,H,m,dh)
            NDArray refined;
            if (config.variant().refines()) {
                // Ahat = diag(c) A, so Ahat U = c * (A U): the row counts scale the (B,H,m,r) products.
                NDArray qa = raw.matMul(params.get(b + "refine.uq").get(":, " + offset + ":, :"))
                        .mul(keysPerRow.div((float) Math.sqrt(config.refineDim())));       // (B,H,m,r)
                NDArray ka = raw.matMul(params.get(b + "refine.uk").get(":, " + offset + ":, :")).mul(keysPerRow);
                refinement = qa.matMul(ka.transpose(0, 1, 3, 2)).add(additiveMask).softmax(-1);   // R
                if (keepMaps) {
                    refinement = refinement.mul(queryMask);
                }
            }
            switch (config.variant()) {
                case NONE -> {
                    out = dropoutProduct(raw, v, drop);
                    refined = raw;
                }
                case SIMPLE -> {
                    out = dropoutProduct(refinement, v, drop);
                    refined = refinement;
                }
                case VALUE -> {
                    out = dropoutProduct(refinement, dropoutProduct(raw, v, drop), drop);
                    refined = keepMaps ? refinement.matMul(raw) : null;
                }
                case ADDITIVE -> {
                    NDArray g = params.get(b + "refine.gamma").getNDArrayInternal().sigmoid()
                            .reshape(1, heads, 1, 1);
                    NDArray mix = raw.mul(g.neg().add(1f)).add(refinement.mul(g));
                    out = dropoutProduct(mix, v, drop);
                    refined = mix;
                }
                default -> throw new IllegalStateException();
            }
            if (keepMaps) {
                maps.add(new LayerMaps(raw, refinement, refined));
            }
            NDArray merged = out.transpose(0, 2, 1, 3).reshape(batch, m, d);
            x = y.add(linear(merged, b + "attn.wo", b + "attn.bo")).mul(validCol);

            NDArray z = layerNorm(x, b + "ln_ffn");
            NDArray f = dropout(linear(z, b + "ffn.w1", b + "ffn.b1").getNDArrayInternal().relu(), drop);
            f = dropout(linear(f, b + "ffn.w2", b + "ffn.b2"), drop);
            x = x.add(f).mul(validCol);
        }
        return new Output(layerNorm(x, "final_ln"), maps);
    }

    /** Scores of every item index 0..V for each row's representation; index 0 (padding) is -inf. */
    public NDArray scoreAll(NDArray representation /* (B, d) */) {
        NDArray scores = representation.matMul(params.get("item_emb").transpose());   // (B, V+1)
        NDArray padding = scores.getManager().zeros(new Shape(1, config.numItems() + 1L));
        padding.set(new ai.djl.ndarray.index.NDIndex("0, 0"), Float.NEGATIVE_INFINITY);
        return scores.add(padding);
    }

    /** The representation F at the newest position of each row: (B, d). */
    public static NDArray last(NDArray hidden) {
        return hidden.get(":, -1, :");
    }

    private NDArray linear(NDArray x, String weight, String bias) {
        return x.matMul(params.get(weight)).add(params.get(bias));
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        return LayerNorm.layerNorm(x, new Shape(config.dim()), params.get(prefix + ".gamma"),
                params.get(prefix + ".beta"), LN_EPS).singletonOrThrow();
    }

    private static NDArray splitHeads(NDArray x, long batch, int m, int heads, int dh) {
        return x.reshape(batch, m, heads, dh).transpose(0, 2, 1, 3);
    }

    /**
     * Inverted dropout: each element kept with probability 1 - rate and scaled by 1 / P(keep). Without
     * {@link DropoutMasks} the mask comes from uniform draws compared with the rate rather than from the
     * engine's dropout, whose CPU Bernoulli sampler draws a 64-bit number per element (about twice as slow).
     */
    private NDArray dropout(NDArray x, float rate) {
        if (rate <= 0) {
            return x;
        }
        return x.mul(keepMask(x, rate)).mul(scale(rate));
    }

    /** dropout(map) · right, with the scale applied to the smaller product, not the map. */
    private NDArray dropoutProduct(NDArray map, NDArray right, float rate) {
        if (rate <= 0) {
            return map.matMul(right);
        }
        return map.mul(keepMask(map, rate)).matMul(right).mul(scale(rate));
    }

    private NDArray keepMask(NDArray x, float rate) {
        return masks != null ? masks.keep(x.getManager(), x.getShape(), rate)
                : x.getManager().randomUniform(0f, 1f, x.getShape()).gte(rate);
    }

    private float scale(float rate) {
        return masks != null ? DropoutMasks.scale(rate) : 1f / (1f - rate);
    }

    private static float[] lowerTriangle(int m) {
        float[] t = new float[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                t[i * m + j] = 1f;
            }
        }
        return t;
    }
}
