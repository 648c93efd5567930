package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SASRec backbone of docs/model.md: item and position embeddings, L pre-norm blocks of H-head causal
 * self-attention and a feed-forward layer, scores by the dot product with the item embeddings.
 *
 * <p>Input: item indices (B, m), left-padded with 0, m &le; n. Because padded keys are masked, padded
 * queries are zeroed and every other operation is position-wise, the real positions of a window of
 * m columns give the same result as the same sequence padded to n; the window only saves work. Column
 * c of the window is absolute position {@code n - m + c}, so the newest item always sits at n-1. A pass may
 * compute only the rows [from, m) (see {@link KeyRows}): then the keys, values and A·V of the rows before
 * come from the pass's key rows.
 *
 * <pre>
 * item_emb            (V+1, d)   row 0 is padding and stays zero
 * pos_emb             (n, d)
 * block{l}.ln_attn.*  (d)        gamma, beta
 * block{l}.attn.w*    (d, d)     wq wk wv wo, applied as x @ W; b* (d)
 * block{l}.refine.*              the mechanism's parameters (see its class)
 * block{l}.ln_ffn.*   (d)
 * block{l}.ffn.w1/w2  (d, d), b1/b2 (d)
 * final_ln.*          (d)
 * </pre>
 */
final class SasRec implements Backbone {
    static final float LN_EPS = 1e-8f;

    @Override
    public Map<String, Shape> parameters(ModelConfig c) {
        Map<String, Shape> s = new LinkedHashMap<>();
        long d = c.dim();
        s.put("item_emb", new Shape(c.numItems() + 1L, d));
        s.put("pos_emb", new Shape(c.maxLen(), d));
        for (int l = 0; l < c.layers(); l++) {
            String b = block(l);
            s.put(b + "ln_attn.gamma", new Shape(d));
            s.put(b + "ln_attn.beta", new Shape(d));
            for (String w : new String[] {"q", "k", "v", "o"}) {
                s.put(b + "attn.w" + w, new Shape(d, d));
                s.put(b + "attn.b" + w, new Shape(d));
            }
            c.variant().mechanism().addParameters(c, b, s);
            s.put(b + "ln_ffn.gamma", new Shape(d));
            s.put(b + "ln_ffn.beta", new Shape(d));
            s.put(b + "ffn.w1", new Shape(d, d));
            s.put(b + "ffn.b1", new Shape(d));
            s.put(b + "ffn.w2", new Shape(d, d));
            s.put(b + "ffn.b2", new Shape(d));
        }
        s.put("final_ln.gamma", new Shape(d));
        s.put("final_ln.beta", new Shape(d));
        return s;
    }

    @Override
    public boolean supports(Init init) {
        return true;
    }

    /** {@link Init#PYTORCH}: the query, key and value projections and the feed-forward layers; null otherwise. */
    @Override
    public float[] initialValues(String name, Shape shape, java.util.Random random, Init init) {
        if (init != Init.PYTORCH || !name.startsWith("block")) {
            return null;
        }
        String local = name.substring(name.indexOf('.') + 1);
        double bound;
        if (local.equals("attn.wq") || local.equals("attn.wk") || local.equals("attn.wv")) {
            long d = shape.get(0);
            bound = Math.sqrt(6.0 / (d + 3 * d));         // Xavier-uniform over the stacked (3d, d) in-projection
        } else if (local.startsWith("ffn.w") || local.startsWith("ffn.b")) {
            bound = 1 / Math.sqrt(shape.get(0));          // Conv1d: fan-in d (kernel 1), weights and biases
        } else {
            return null;
        }
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return v;
    }

    private static String block(int l) {
        return "block" + l + ".";
    }

    @Override
    public NDArray embed(ModelConfig config, ParameterSet params, NDArray items) {
        return Embedding.embedding(items, params.get("item_emb"), SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    public AwrsrNetwork.Output encodeRows(ModelConfig config, ParameterSet params, NDArray items, NDArray embedded,
                                          Dropout dropout, boolean keepMaps, int from, KeyRows keys,
                                          boolean newestOnly) {
        Shape inShape = items.getShape();
        long batch = inShape.get(0);
        int m = Math.toIntExact(inShape.get(1));
        int rows = m - from;
        int offset = config.maxLen() - m;
        int d = config.dim();
        int dh = config.headDim();
        Mechanism mechanism = config.variant().mechanism();

        Ops.Masks masks = Ops.Masks.of(items, from);
        NDArray validCol = masks.validColumn();
        NDArray x;

        NDArray own = from == 0 ? embedded : embedded.get(":, " + from + ":, :");
        x = dropout.apply(positioned(config, params, own, offset + from)).mul(validCol);   // (B, rows, d)

        List<AwrsrNetwork.LayerMaps> maps = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            String b = block(l);
            // the rows whose output this block must give, and those whose A the mechanism reads as keys
            int queries = newestOnly && l == config.layers() - 1 ? 1 : rows;
            int mapRows = mechanism.refines() ? rows : queries;
            Ops.Masks mapMasks = masks.lastRows(mapRows);
            NDArray y = Ops.layerNorm(params, x, d, b + "ln_attn", LN_EPS);
            NDArray spliced = l == 0 && !keepMaps && !dropout.active()
                    ? keys.splicedHeads(masks.lastRows(queries).additive()) : null;
            NDArray queryCol = Ops.lastRows(validCol, queries);
            if (spliced != null) {
                validCol = queryCol;
                x = block(params, b, d, Ops.lastRows(y, queries), Ops.mergeHeads(spliced, batch, queries, d), validCol, dropout);
                continue;
            }
            NDArray q = projected(config, params, Ops.lastRows(y, mapRows), b, "q");                  // (B,H,mapRows,dh)
            NDArray k = keys.all(b + "k", projected(config, params, x, b, "k"));                      // (B,H,m,dh)
            NDArray v = keys.all(b + "v", projected(config, params, x, b, "v"));

            // Scalars and row factors are applied to the (B, H, m, dh|r) operands rather than to the
            // (B, H, m, m) maps: the maps are the largest arrays of a step, and every pass over them (forward
            // and backward) costs more than the products around them at d = 64.
            NDArray scaledQ = Scalars.div(q, (float) Math.sqrt(dh));
            NDArray logits = scaledQ.matMul(k.transpose(0, 1, 3, 2));
            NDArray raw = logits.add(mapMasks.additive()).softmax(-1);                // A: (B,H,mapRows,m)
            if (keepMaps) {
                raw = raw.mul(mapMasks.queryMask());      // padded query rows: zero for display (otherwise unused)
            }
            Values values = new Values() {
                @Override public NDArray through(NDArray map) {
                    return dropout.product(map, v);
                }

                @Override public NDArray throughTwoHops(NDArray second, NDArray first) {
                    if (Attention.oneQuery(queries, keepMaps, keys) && !dropout.active()) {
                        // one query row: R (A V) = R_before (A V)_before + (R_own A_own) V, no A V of the own rows
                        long own = first.getShape().get(2);
                        NDArray before = keys.before(b + "av", batch);
                        NDArray out = second.get(":, :, :, " + (m - own) + ":").matMul(first).matMul(v);
                        return before == null ? out
                                : second.get(":, :, :, :" + (m - own)).matMul(before).add(out);
                    }
                    return dropout.product(second, keys.all(b + "av", dropout.product(first, v)));
                }
            };
            Mechanism.Mixed mixed = mechanism.mix(new Attention(config, params, b, raw, values, mapMasks.additive(),
                    mapMasks.keysPerRow(), mapMasks.queryMask(), offset, keepMaps, keys, queries));
            if (keepMaps) {
                Map<MapKind, NDArray> layer = new EnumMap<>(MapKind.class);
                layer.put(MapKind.RAW, raw);
                layer.putAll(mixed.maps());
                Map<String, NDArray> factors = new java.util.LinkedHashMap<>();
                factors.put(AwrsrNetwork.Factors.QUERY, scaledQ);      // A_ij = softmax_j(q_i · k_j) over j <= i
                factors.put(AwrsrNetwork.Factors.KEY, k);
                factors.putAll(mixed.factors());
                maps.add(new AwrsrNetwork.LayerMaps(layer, factors));
            }
            NDArray merged = Ops.mergeHeads(mixed.output(), batch, queries, d);
            validCol = queryCol;
            x = block(params, b, d, Ops.lastRows(y, queries), merged, validCol, dropout);
        }
        return new AwrsrNetwork.Output(Ops.layerNorm(params, x, d, "final_ln", LN_EPS), maps);
    }

    /** A block's input rows: the item embeddings (B, rows, d) scaled by √d, plus the positions from {@code position}. */
    static NDArray positioned(ModelConfig config, ParameterSet params, NDArray embedded, int position) {
        return Scalars.mul(embedded, (float) Math.sqrt(config.dim())).add(params.get("pos_emb").get(position + ":"));
    }

    /** Block {@code b}'s query, key or value projection ({@code which} q, k or v) of rows (B, rows, d), per head. */
    static NDArray projected(ModelConfig config, ParameterSet params, NDArray rows, String b, String which) {
        Shape shape = rows.getShape();
        return Ops.splitHeads(Ops.linear(params, rows, b + "attn.w" + which, b + "attn.b" + which), shape.get(0),
                Math.toIntExact(shape.get(1)), config.heads(), config.headDim());
    }

    /** The rest of a block from its merged head outputs: output projection, residual, feed-forward layer. */
    private static NDArray block(ParameterSet params, String b, int d, NDArray residual, NDArray merged,
                                 NDArray validCol, Dropout dropout) {
        NDArray x = residual.add(Ops.linear(params, merged, b + "attn.wo", b + "attn.bo")).mul(validCol);
        NDArray z = Ops.layerNorm(params, x, d, b + "ln_ffn", LN_EPS);
        NDArray f = dropout.apply(Ops.linear(params, z, b + "ffn.w1", b + "ffn.b1").getNDArrayInternal().relu());
        f = dropout.apply(Ops.linear(params, f, b + "ffn.w2", b + "ffn.b2"));
        return x.add(f).mul(validCol);
    }

    @Override
    public NDArray scoreAt(ModelConfig config, ParameterSet params, NDArray hidden, NDArray items) {
        return hidden.mul(Embedding.embedding(items, params.get("item_emb"), SparseFormat.DENSE).singletonOrThrow())
                .sum(new int[] {-1});
    }

    @Override
    public NDArray scoreAll(ModelConfig config, ParameterSet params, NDArray representation) {
        NDArray scores = representation.matMul(params.get("item_emb").transpose());   // (B, V+1)
        NDArray padding = scores.getManager().zeros(new Shape(1, config.numItems() + 1L));
        padding.set(new NDIndex("0, 0"), Scalars.of(padding, Float.NEGATIVE_INFINITY));
        return scores.add(padding);
    }

}
