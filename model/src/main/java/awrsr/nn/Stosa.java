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
import java.util.Random;

/**
 * STOSA (Fan et al., WWW 2022) as the design note stosa-model.md (section 2) defines it from the official
 * code: every item and position is a diagonal Gaussian (a mean and a covariance embedding); attention is
 * the softmax of the negated squared 2-Wasserstein distance between query and key Gaussians; the mean
 * stream is mixed with the map W, the covariance stream with W⊙W; items are ranked by their distance to
 * the sequence's last Gaussian.
 *
 * <p>The hidden output carries both streams side by side, (B, m, 2d): the means in the first d columns,
 * the covariances (all positive) in the last d. {@link #embed} likewise returns [E_mu[ids] | E_cov[ids]].
 *
 * <pre>
 * item_mu, item_cov          (V+1, d)   row 0 is padding (zero, never a candidate)
 * pos_mu, pos_cov            (n, d)
 * ln_emb.*                   (d)        one LayerNorm shared by both embedding paths (as the official code)
 * block{l}.attn.w{q,k,v,o}_{mu,cov} (d, d), b* (d)
 * block{l}.refine.*                     the mechanism's parameters
 * block{l}.ln_attn.*         (d)        shared by both streams' attention outputs
 * block{l}.ffn_{mu,cov}.w1   (d, 4d), b1 (4d), w2 (4d, d), b2 (d); ln_ffn_{mu,cov}.*
 * </pre>
 *
 * Deviations from the official code, each from the design note's table of quirks: the stacking of the mean
 * stream is fixed unless {@link ModelConfig#referenceMeanBug()}; the trace holds A before dropout; the
 * padding row is zero and never ranked; the mask constant is -1e9 (finite, as required).
 */
final class Stosa implements Backbone {
    private static final float LN_EPS = 1e-12f;
    /** sqrt(clamp(x, 1e-24)), as the official code, so that the gradient of the square root stays finite. */
    private static final float SQRT_FLOOR = 1e-24f;

    @Override
    public Map<String, Shape> parameters(ModelConfig c) {
        Map<String, Shape> s = new LinkedHashMap<>();
        long d = c.dim();
        s.put("item_mu", new Shape(c.numItems() + 1L, d));
        s.put("item_cov", new Shape(c.numItems() + 1L, d));
        s.put("pos_mu", new Shape(c.maxLen(), d));
        s.put("pos_cov", new Shape(c.maxLen(), d));
        s.put("ln_emb.gamma", new Shape(d));
        s.put("ln_emb.beta", new Shape(d));
        for (int l = 0; l < c.layers(); l++) {
            String b = block(l);
            for (String stream : new String[] {"mu", "cov"}) {
                for (String w : new String[] {"q", "k", "v", "o"}) {
                    s.put(b + "attn.w" + w + "_" + stream, new Shape(d, d));
                    s.put(b + "attn.b" + w + "_" + stream, new Shape(d));
                }
            }
            c.variant().mechanism().addParameters(c, b, s);
            s.put(b + "ln_attn.gamma", new Shape(d));
            s.put(b + "ln_attn.beta", new Shape(d));
            for (String stream : new String[] {"mu", "cov"}) {
                s.put(b + "ffn_" + stream + ".w1", new Shape(d, 4 * d));
                s.put(b + "ffn_" + stream + ".b1", new Shape(4 * d));
                s.put(b + "ffn_" + stream + ".w2", new Shape(4 * d, d));
                s.put(b + "ffn_" + stream + ".b2", new Shape(d));
                s.put(b + "ln_ffn_" + stream + ".gamma", new Shape(d));
                s.put(b + "ln_ffn_" + stream + ".beta", new Shape(d));
            }
        }
        return s;
    }

    /** The official initialisation: embeddings and matrices ~ Normal(mean 0.01, std 0.02); row 0 zero. */
    @Override
    public float[] initialValues(String name, Shape shape, Random random, Init init) {
        boolean own = name.startsWith("item_") || name.startsWith("pos_")
                || (name.contains(".attn.w") || name.contains(".ffn_")) && shape.dimension() == 2;
        if (!own) {
            return null;
        }
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.01 + 0.02 * random.nextGaussian());
        }
        if (name.startsWith("item_")) {
            java.util.Arrays.fill(v, 0, (int) shape.get(1), 0f);
        }
        return v;
    }

    @Override
    public boolean supports(Variant variant) {
        return true;
    }

    private static String block(int l) {
        return "block" + l + ".";
    }

    @Override
    public NDArray embed(ModelConfig config, ParameterSet params, NDArray items) {
        NDArray mu = Embedding.embedding(items, params.get("item_mu"), SparseFormat.DENSE).singletonOrThrow();
        NDArray cov = Embedding.embedding(items, params.get("item_cov"), SparseFormat.DENSE).singletonOrThrow();
        return mu.concat(cov, -1);
    }

    @Override
    public AwrsrNetwork.Output encodeRows(ModelConfig config, ParameterSet params, NDArray items, NDArray embedded,
                                          Dropout hidden, boolean keepMaps, int from, KeyRows keys,
                                          boolean newestOnly) {
        Shape inShape = items.getShape();
        long batch = inShape.get(0);
        int m = Math.toIntExact(inShape.get(1));
        int rows = m - from;
        int offset = config.maxLen() - m;
        int d = config.dim();
        int heads = config.heads();
        int dh = config.headDim();
        Dropout attention = hidden.at(config.attentionDropout());
        Mechanism mechanism = config.variant().mechanism();

        Ops.Masks masks = Ops.Masks.of(items, from);

        NDArray embMu = embedded.get(new NDIndex(":, " + from + ":, :" + d));
        NDArray embCov = embedded.get(new NDIndex(":, " + from + ":, " + d + ":"));
        NDArray xMu = elu(hidden.apply(layerNorm(params,
                embMu.add(params.get("pos_mu").get((offset + from) + ":")), "ln_emb")));
        NDArray xCov = eluPlusOne(hidden.apply(layerNorm(params,
                embCov.add(params.get("pos_cov").get((offset + from) + ":")), "ln_emb")));

        NDArray mu = xMu;
        NDArray cov = xCov;
        List<AwrsrNetwork.LayerMaps> maps = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            String b = block(l);
            // the rows whose output this block must give, and those whose A the mechanism reads as keys
            int queries = newestOnly && l == config.layers() - 1 ? 1 : rows;
            int mapRows = mechanism.refines() ? rows : queries;
            Ops.Masks mapMasks = masks.lastRows(mapRows);
            NDArray qMu = Ops.splitHeads(Ops.linear(params, Ops.lastRows(mu, mapRows), b + "attn.wq_mu", b + "attn.bq_mu"),
                    batch, mapRows, heads, dh);
            NDArray kMu = keys.all(b + "k_mu",
                    Ops.splitHeads(Ops.linear(params, mu, b + "attn.wk_mu", b + "attn.bk_mu"), batch, rows, heads, dh));
            NDArray vMu = keys.all(b + "v_mu",
                    Ops.splitHeads(Ops.linear(params, mu, b + "attn.wv_mu", b + "attn.bv_mu"), batch, rows, heads, dh));
            NDArray qCov = Ops.splitHeads(eluPlusOne(Ops.linear(params, Ops.lastRows(cov, mapRows), b + "attn.wq_cov",
                    b + "attn.bq_cov")), batch, mapRows, heads, dh);
            NDArray kCov = keys.all(b + "k_cov", Ops.splitHeads(
                    eluPlusOne(Ops.linear(params, cov, b + "attn.wk_cov", b + "attn.bk_cov")), batch, rows, heads, dh));
            NDArray vCov = keys.all(b + "v_cov", Ops.splitHeads(
                    eluPlusOne(Ops.linear(params, cov, b + "attn.wv_cov", b + "attn.bv_cov")), batch, rows, heads, dh));

            NDArray distance = wasserstein(qMu, qCov, kMu, kCov);                           // (B, H, mapRows, m)
            NDArray raw = Scalars.div(distance, (float) -Math.sqrt(dh)).add(mapMasks.additive()).softmax(-1);
            if (keepMaps) {
                raw = raw.mul(mapMasks.queryMask());
            }
            Values values = new Values() {
                @Override public NDArray through(NDArray map) {
                    // The covariance of a weighted sum of independent Gaussians: the weights squared.
                    NDArray w = attention.apply(map);
                    return w.matMul(vMu).concat(w.mul(w).matMul(vCov), -1);                // (B, H, rows, 2dh)
                }

                @Override public NDArray throughTwoHops(NDArray second, NDArray first) {
                    return through(second.matMul(keys.all(b + "A", first)));
                }
            };
            Mechanism.Mixed mixed = mechanism.mix(new Attention(config, params, b, raw, values, mapMasks.additive(),
                    mapMasks.keysPerRow(), mapMasks.queryMask(), offset, keepMaps, keys, queries));
            if (keepMaps) {
                Map<MapKind, NDArray> layer = new EnumMap<>(MapKind.class);
                layer.put(MapKind.RAW, raw);
                layer.putAll(mixed.maps());
                NDArray w = layer.getOrDefault(MapKind.REFINED, raw);
                layer.put(MapKind.COVARIANCE, w.mul(w));
                Map<String, NDArray> factors = new LinkedHashMap<>();
                factors.put(AwrsrNetwork.Factors.MEAN_QUERY, qMu);
                factors.put(AwrsrNetwork.Factors.MEAN_KEY, kMu);
                factors.put(AwrsrNetwork.Factors.COV_QUERY, qCov);
                factors.put(AwrsrNetwork.Factors.COV_KEY, kCov);
                // each position's uncertainty entering this block: the mean of its diagonal covariance (the same for every head)
                factors.put(AwrsrNetwork.Factors.UNCERTAINTY, cov.mean(new int[] {-1}, true).expandDims(1)
                        .broadcast(new Shape(batch, heads, m, 1)));
                factors.putAll(mixed.factors());
                maps.add(new AwrsrNetwork.LayerMaps(layer, factors));
            }
            NDArray out = mixed.output();                                                    // (B, H, m, 2dh)
            NDArray cMu = Ops.mergeHeads(out.get(new NDIndex(":, :, :, :" + dh)), batch, queries, d);
            NDArray cCov = Ops.mergeHeads(out.get(new NDIndex(":, :, :, " + dh + ":")), batch, queries, d);
            NDArray hMu = layerNorm(params, hidden.apply(Ops.linear(params, cMu, b + "attn.wo_mu", b + "attn.bo_mu"))
                    .add(Ops.lastRows(mu, queries)), b + "ln_attn");
            NDArray hCov = layerNorm(params, hidden.apply(Ops.linear(params, cCov, b + "attn.wo_cov", b + "attn.bo_cov"))
                    .add(Ops.lastRows(cov, queries)), b + "ln_attn");
            NDArray fMu = layerNorm(params, hidden.apply(feedForward(params, hMu, b + "ffn_mu")).add(hMu),
                    b + "ln_ffn_mu");
            NDArray fCov = eluPlusOne(layerNorm(params, hidden.apply(feedForward(params, hCov, b + "ffn_cov")).add(hCov),
                    b + "ln_ffn_cov"));
            // The official code assigns the new means to a misspelt variable: every layer reads the embedding.
            mu = config.referenceMeanBug() ? Ops.lastRows(xMu, queries) : fMu;
            cov = fCov;
        }
        return new AwrsrNetwork.Output(mu.concat(cov, -1), maps);
    }

    /**
     * Squared 2-Wasserstein distance between diagonal Gaussians (B, H, m, m) in matmul form:
     * |μq|² + |μk|² − 2 μq·μk + Σ σq + Σ σk − 2 √σq·√σk = ‖μq − μk‖² + ‖√σq − √σk‖².
     */
    static NDArray wasserstein(NDArray qMu, NDArray qCov, NDArray kMu, NDArray kCov) {
        NDArray rows = qMu.square().sum(new int[] {-1}, true).add(qCov.sum(new int[] {-1}, true));      // (.., m, 1)
        NDArray cols = kMu.square().sum(new int[] {-1}, true).add(kCov.sum(new int[] {-1}, true))
                .transpose(0, 1, 3, 2);                                                                  // (.., 1, m)
        NDArray cross = qMu.matMul(kMu.transpose(0, 1, 3, 2))
                .add(sqrt(qCov).matMul(sqrt(kCov).transpose(0, 1, 3, 2)));
        return rows.add(cols).sub(Scalars.mul(cross, 2f));
    }

    @Override
    public NDArray scoreAll(ModelConfig config, ParameterSet params, NDArray representation) {
        int d = config.dim();
        NDArray mu = representation.get(new NDIndex(":, :" + d));                               // (B, d)
        NDArray cov = representation.get(new NDIndex(":, " + d + ":"));
        NDArray itemMu = params.get("item_mu");                                                   // (V+1, d)
        NDArray itemCov = eluPlusOne(params.get("item_cov"));
        NDArray rows = mu.square().sum(new int[] {-1}, true).add(cov.sum(new int[] {-1}, true));  // (B, 1)
        NDArray cols = itemMu.square().sum(new int[] {-1}).add(itemCov.sum(new int[] {-1}));      // (V+1)
        NDArray cross = mu.matMul(itemMu.transpose()).add(sqrt(cov).matMul(sqrt(itemCov).transpose()));
        NDArray distance = rows.add(cols).sub(Scalars.mul(cross, 2f));                                 // (B, V+1)
        NDArray padding = distance.getManager().zeros(new Shape(1, config.numItems() + 1L));
        padding.set(new NDIndex("0, 0"), Scalars.of(padding, Float.NEGATIVE_INFINITY));
        return distance.neg().add(padding);
    }

    @Override
    public NDArray scoreAt(ModelConfig config, ParameterSet params, NDArray hidden, NDArray items) {
        int d = config.dim();
        NDArray mu = hidden.get(new NDIndex(":, :, :" + d));
        NDArray cov = hidden.get(new NDIndex(":, :, " + d + ":"));
        return itemDistance(mu, cov, params, items).neg();
    }

    /** max(0, d(seq, pos) − d(pos, neg)): the positive must be nearer the sequence than the negative is to it. */
    @Override
    public NDArray pairRegulariser(ModelConfig config, ParameterSet params, NDArray positiveScore, NDArray positive,
                                   NDArray negative) {
        NDArray seqToPos = positiveScore.neg();
        NDArray posMu = Embedding.embedding(positive, params.get("item_mu"), SparseFormat.DENSE).singletonOrThrow();
        NDArray posCov = eluPlusOne(Embedding.embedding(positive, params.get("item_cov"), SparseFormat.DENSE).singletonOrThrow());
        NDArray posToNeg = itemDistance(posMu, posCov, params, negative);
        return seqToPos.sub(posToNeg).getNDArrayInternal().relu();
    }

    /** ‖μ − E_mu[j]‖² + ‖√σ − √(ELU(E_cov[j]) + 1)‖² for the item j at each position. */
    private static NDArray itemDistance(NDArray mu, NDArray cov, ParameterSet params, NDArray items) {
        NDArray itemMu = Embedding.embedding(items, params.get("item_mu"), SparseFormat.DENSE).singletonOrThrow();
        NDArray itemCov = eluPlusOne(Embedding.embedding(items, params.get("item_cov"), SparseFormat.DENSE).singletonOrThrow());
        return mu.sub(itemMu).square().sum(new int[] {-1})
                .add(sqrt(cov).sub(sqrt(itemCov)).square().sum(new int[] {-1}));
    }

    private static NDArray feedForward(ParameterSet params, NDArray x, String prefix) {
        NDArray inner = elu(Ops.linear(params, x, prefix + ".w1", prefix + ".b1"));
        return Ops.linear(params, inner, prefix + ".w2", prefix + ".b2");
    }

    static NDArray elu(NDArray x) {
        return x.getNDArrayInternal().elu(1f);
    }

    /** ELU(x) + 1: STOSA's map from a real number to a positive variance. */
    static NDArray eluPlusOne(NDArray x) {
        return Scalars.add(elu(x), 1f);
    }

    private static NDArray sqrt(NDArray x) {
        return Scalars.atLeast(x, SQRT_FLOOR).sqrt();
    }

    private static NDArray layerNorm(ParameterSet params, NDArray x, String prefix) {
        return Ops.layerNorm(params, x, Math.toIntExact(x.getShape().tail()), prefix, LN_EPS);
    }

}
