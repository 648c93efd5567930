package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The first block's head outputs for a family of windows that are each two windows spliced: columns
 * [0, p] of a reference window and columns (p, m) of a later one (the leave-one-out variants of a history
 * are: removing the item at p + 1 leaves the reference's columns before it and the later window's after
 * it). In the first block every query, key and value is a function of its own column (item and
 * position), so every logit of a spliced window is a cell of one of three m × m products (reference rows
 * against reference keys; later rows against reference keys; later rows against later keys), and the
 * attention products a row needs (A·V, Â·U_q, Â·U_k) are a prefix sum over the reference's keys plus a
 * suffix sum over the later window's, each over exponentiated logits. For all m + 1 splice points that is
 * O(m² (d + 2r)) work, where computing each window's rows is O(m³ (d + 2r)); only R's second level stays
 * per window. SASRec only, for the mechanisms none, simple, value and additive; no padding; no dropout.
 *
 * <p>Per splice point p (−1..m−1) it keeps, for every head and row j, the row's A·V, c_j Â U_q / √r,
 * c_j Â U_k and the window's value at column j (each only where the mechanism reads it); rows j &le; p are
 * the reference's own rows.
 *
 * <p>{@link #masked} makes the same tables for the windows that are one window with one column p masked
 * (replaced by padding, a key no row reads: occlusion): rows j &gt; p read the window's keys [0, p) and
 * (p, j], a prefix and a suffix sum over one product, c_j = j of them.
 */
public final class Splice {
    private final Variant variant;
    /** Whether the windows are one window with a column masked ({@link #masked}) rather than two spliced. */
    private final boolean masked;
    private final int m;
    private final int heads;
    private final int dh;
    private final int r;
    private final int av;      // offsets into a row's fields, -1 when the mechanism does not read that field
    private final int qa;
    private final int ka;
    private final int val;
    private final int width;   // floats per (head, row)
    private final float[] referenceRows;   // [(h m + j) width + field]: the reference's own rows
    private final float[][] tables;        // [p + 1][(h (m − 1 − p) + j − p − 1) width + field]: rows j > p
    private final float[] gate;       // additive: sigmoid(gamma_h)

    /**
     * The least sum of a spliced row's weights (exponentiated against the largest logit of the row in either
     * window) that is kept: below it the row's own largest weight would be near float's smallest normal
     * value, and the passes compute the first block themselves ({@link #of} gives null).
     */
    private static final double SMALLEST_SUM = 1e-20;
    /** Set when a row's sum fell below {@link #SMALLEST_SUM}. */
    private volatile boolean lost;

    /** Whether {@link #of} can splice a network of this configuration. */
    public static boolean supports(ModelConfig c) {
        return c.backbone() == BackboneKind.SASREC && java.util.EnumSet.of(Variant.NONE, Variant.SIMPLE, Variant.VALUE,
                Variant.ADDITIVE).contains(c.variant());
    }

    /**
     * The splice tables of {@code network}'s first block for the windows spliced from {@code reference} and
     * {@code later} (item indices of width m, none 0), or null when a row's logits span too wide a range for
     * sums of exponentials against one largest logit (see {@link #SMALLEST_SUM}).
     */
    public static Splice of(AwrsrNetwork network, long[] reference, long[] later) {
        return of(network, reference, later, null);
    }

    /** {@link #of(AwrsrNetwork, long[], long[])} with the heads' tables filled on {@code executor} too (null: here). */
    public static Splice of(AwrsrNetwork network, long[] reference, long[] later,
                            java.util.concurrent.ExecutorService executor) {
        check(network.config(), reference, later);
        Splice splice = new Splice(network, reference, later, false, executor);
        return splice.lost ? null : splice;
    }

    /**
     * The first block's tables for the windows that are {@code window} (item indices of width m, none 0) with
     * the column p masked, for every p of 0..m−1 ({@link #heads} takes p as the window's point; its row p, the
     * padding's, is the window's own, which no later row reads and the block zeroes); null as {@link #of} gives it.
     */
    public static Splice masked(AwrsrNetwork network, long[] window, java.util.concurrent.ExecutorService executor) {
        check(network.config(), window, window);
        Splice splice = new Splice(network, window, window, true, executor);
        return splice.lost ? null : splice;
    }

    private static void check(ModelConfig c, long[] reference, long[] later) {
        if (!supports(c)) {
            throw new IllegalArgumentException("no splice for " + c.backbone() + " with " + c.variant().id());
        }
        if (reference.length != later.length || reference.length == 0 || reference.length > c.maxLen()) {
            throw new IllegalArgumentException("windows of " + reference.length + " and " + later.length + " items");
        }
        for (int k = 0; k < reference.length; k++) {
            if (reference[k] <= 0 || later[k] <= 0) {
                throw new IllegalArgumentException("a spliced window has padding at column " + k);
            }
        }
    }

    private Splice(AwrsrNetwork network, long[] reference, long[] later, boolean masked,
                   java.util.concurrent.ExecutorService executor) {
        ModelConfig c = network.config();
        this.masked = masked;
        variant = c.variant();
        m = reference.length;
        heads = c.heads();
        dh = c.headDim();
        boolean refines = variant.refines();
        r = refines ? c.refineDim() : 0;
        boolean readsAv = variant == Variant.NONE || variant == Variant.VALUE || variant == Variant.ADDITIVE;
        boolean readsV = variant == Variant.SIMPLE || variant == Variant.ADDITIVE;
        int at = 0;
        av = readsAv ? at : -1;
        at += readsAv ? dh : 0;
        qa = refines ? at : -1;
        at += refines ? r : 0;
        ka = refines ? at : -1;
        at += refines ? r : 0;
        val = readsV ? at : -1;
        at += readsV ? dh : 0;
        width = at;

        Products x = products(network, reference, masked ? null : later);
        gate = x.gate();
        float rootR = (float) Math.sqrt(Math.max(1, r));
        float[][] refKeys = new float[heads][];
        float[][] laterKeys = new float[heads][];
        for (int h = 0; h < heads; h++) {
            refKeys[h] = keyFields(h, x.refV(), x.uq(), x.uk());
            laterKeys[h] = keyFields(h, x.laterV(), x.uq(), x.uk());
        }
        referenceRows = new float[heads * m * width];
        tables = new float[m + 1][];
        for (int p = -1; p < m; p++) {
            tables[p + 1] = new float[heads * (m - 1 - p) * width];
        }
        java.util.List<java.util.concurrent.Future<?>> others = new java.util.ArrayList<>();
        for (int h = 1; h < heads && executor != null; h++) {
            int head = h;
            others.add(executor.submit(() -> fillHead(head, x, refKeys[head], laterKeys[head], rootR)));
        }
        for (int h = 0; h < (executor != null ? 1 : heads); h++) {
            fillHead(h, x, refKeys[h], laterKeys[h], rootR);
        }
        for (java.util.concurrent.Future<?> f : others) {
            awrsr.util.Uninterruptibly.result(f);
        }
    }

    /** Head h's rows of every table: the reference's own rows, and the spliced rows j > p of every p. */
    private void fillHead(int h, Products x, float[] xr, float[] xl, float rootR) {
        float[] s0 = x.s0();
        float[] s1 = x.s1();
        float[] s2 = x.s2();
        double[] e1 = new double[m];
        double[] e2 = new double[m];
        double[] z2 = new double[m + 1];
        float[] acc = new float[width];
        for (int j = 0; j < m; j++) {
            int cj = j + 1;
            // the reference's own row j: the row of every window spliced at p >= j
            double max = Double.NEGATIVE_INFINITY;
            for (int col = 0; col <= j; col++) {
                max = Math.max(max, s0[cell(h, j, col)]);
            }
            java.util.Arrays.fill(acc, 0f);
            double z = 0;
            for (int col = 0; col <= j; col++) {
                float e = (float) Math.exp(s0[cell(h, j, col)] - max);
                z += e;
                addScaled(acc, e, xr, col * width);
            }
            int row = (h * m + j) * width;
            System.arraycopy(acc, 0, referenceRows, row, width);
            finish(referenceRows, row, (float) (1 / z), cj, rootR, x.refV(), h, j);
            // later rows j > p: keys [0, p] of the reference's, (p, j] of the later window's
            max = Double.NEGATIVE_INFINITY;
            for (int col = 0; col <= j; col++) {
                max = Math.max(max, Math.max(s1[cell(h, j, col)], s2[cell(h, j, col)]));
            }
            for (int col = 0; col <= j; col++) {
                e1[col] = Math.exp(s1[cell(h, j, col)] - max);
                e2[col] = Math.exp(s2[cell(h, j, col)] - max);
            }
            // suffix sums over the later keys (p, j], written into the rows; z2[p + 1] their total
            java.util.Arrays.fill(acc, 0f);
            double zs = 0;
            for (int p = j - 1; p >= -1; p--) {
                float e = (float) e2[p + 1];
                zs += e;
                addScaled(acc, e, xl, (p + 1) * width);
                z2[p + 1] = zs;
                System.arraycopy(acc, 0, tables[p + 1], splicedRow(h, j, p), width);
            }
            // prefix sums over the reference keys [0, p] added (masked: [0, p), key p is the padding), then the
            // fields scaled
            java.util.Arrays.fill(acc, 0f);
            double zp = 0;
            for (int p = -1; p < j; p++) {
                int newest = masked ? p - 1 : p;           // the prefix's newest key
                if (newest >= 0) {
                    float e = (float) e1[newest];
                    zp += e;
                    addScaled(acc, e, xr, newest * width);
                }
                float[] t = tables[p + 1];
                int here = splicedRow(h, j, p);
                for (int f = 0; f < width; f++) {
                    t[here + f] += acc[f];
                }
                double sum = zp + z2[p + 1];
                if (sum < SMALLEST_SUM) {
                    lost = true;
                }
                finish(t, here, (float) (1 / sum), masked && p >= 0 ? j : cj, rootR, x.laterV(), h, j);
            }
        }
    }

    /** Where row j (> p) of head h is in the table of splice point p. */
    private int splicedRow(int h, int j, int p) {
        return (h * (m - 1 - p) + (j - p - 1)) * width;
    }

    /** acc += e x[from, from + width). */
    private void addScaled(float[] acc, float e, float[] x, int from) {
        for (int f = 0; f < width; f++) {
            acc[f] += e * x[from + f];
        }
    }

    /** Head h's per-key fields of every column, [col][width]: V, U_q, U_k where read (the value field 0). */
    private float[] keyFields(int h, float[] values, float[] uq, float[] uk) {
        float[] x = new float[m * width];
        for (int col = 0; col < m; col++) {
            if (av >= 0) {
                System.arraycopy(values, (h * m + col) * dh, x, col * width + av, dh);
            }
            if (qa >= 0) {
                System.arraycopy(uq, (h * m + col) * r, x, col * width + qa, r);
                System.arraycopy(uk, (h * m + col) * r, x, col * width + ka, r);
            }
        }
        return x;
    }

    /**
     * A row's sums made its fields: A·V times 1/Z, Â U_q times c_j/(√r Z), Â U_k times c_j/Z; and the
     * window's value at column j.
     */
    private void finish(float[] t, int row, float inverseZ, int cj, float rootR, float[] values, int h, int j) {
        if (av >= 0) {
            for (int f = 0; f < dh; f++) {
                t[row + av + f] *= inverseZ;
            }
        }
        if (qa >= 0) {
            float sq = cj * inverseZ / rootR;
            float sk = cj * inverseZ;
            for (int f = 0; f < r; f++) {
                t[row + qa + f] *= sq;
                t[row + ka + f] *= sk;
            }
        }
        if (val >= 0) {
            System.arraycopy(values, (h * m + j) * dh, t, row + val, dh);
        }
    }

    /**
     * What the tables are made of, as flat row-major arrays: the three logit products s0 = reference rows
     * against reference keys, s1 = later rows against reference keys, s2 = later against later (1, H, m, m);
     * both windows' values (1, H, m, dh); the window's slice of U_q and U_k (H, m, r; null without
     * refinement); the additive gate sigmoid(gamma) (H; null otherwise).
     */
    private record Products(float[] s0, float[] s1, float[] s2, float[] refV, float[] laterV, float[] uq, float[] uk,
                            float[] gate) {}

    /** {@code later} null: the windows are the reference masked, and s1 = s2 = s0, the later values the reference's. */
    private static Products products(AwrsrNetwork network, long[] reference, long[] later) {
        ModelConfig c = network.config();
        ParameterSet params = network.parameters();
        int m = reference.length;
        GradientMode.off();
        try (NDManager scope = network.scope()) {
            Columns ref = columns(c, params, scope.create(reference, new Shape(1, m)));
            float[] uq = null;
            float[] uk = null;
            if (c.variant().refines()) {
                String window = ":, " + (c.maxLen() - m) + ":, :";
                uq = params.get("block0.refine.uq").get(window).toFloatArray();
                uk = params.get("block0.refine.uk").get(window).toFloatArray();
            }
            float[] gate = c.variant() != Variant.ADDITIVE ? null
                    : params.get("block0.refine.gamma").getNDArrayInternal().sigmoid().toFloatArray();
            float[] s0 = ref.q.matMul(ref.k.transpose(0, 1, 3, 2)).toFloatArray();
            float[] refV = ref.v.toFloatArray();
            if (later == null) {
                return new Products(s0, s0, s0, refV, refV, uq, uk, gate);
            }
            Columns lat = columns(c, params, scope.create(later, new Shape(1, m)));
            return new Products(s0, lat.q.matMul(ref.k.transpose(0, 1, 3, 2)).toFloatArray(),
                    lat.q.matMul(lat.k.transpose(0, 1, 3, 2)).toFloatArray(), refV, lat.v.toFloatArray(), uq, uk, gate);
        }
    }

    /** One window's per-column first-block quantities: scaled queries, keys and values, (1, H, m, dh). */
    private record Columns(NDArray q, NDArray k, NDArray v) {}

    /** As {@link SasRec}'s first block computes them for a whole window without padding. */
    private static Columns columns(ModelConfig c, ParameterSet params, NDArray items) {
        int m = Math.toIntExact(items.getShape().get(1));
        NDArray x = SasRec.positioned(c, params, c.backbone().backbone().embed(c, params, items), c.maxLen() - m);
        NDArray y = Ops.layerNorm(params, x, c.dim(), "block0.ln_attn", SasRec.LN_EPS);
        NDArray q = SasRec.projected(c, params, y, "block0.", "q");
        return new Columns(Scalars.div(q, (float) Math.sqrt(c.headDim())), SasRec.projected(c, params, x, "block0.", "k"),
                SasRec.projected(c, params, x, "block0.", "v"));
    }

    private int cell(int h, int row, int col) {
        return (h * m + row) * m + col;
    }

    /** The window width m. */
    public int width() {
        return m;
    }

    /**
     * The first block's head outputs (B, H, queries, dh) of the last rows of the windows spliced at
     * {@code points} (each −1..m−1), given those rows' additive mask (B, 1, queries, m), in its manager.
     */
    NDArray heads(int[] points, NDArray additiveMask) {
        ai.djl.ndarray.NDManager manager = additiveMask.getManager();
        int queries = Math.toIntExact(additiveMask.getShape().get(2));
        int batch = points.length;
        int per = heads * m * width;
        float[] all = new float[batch * per];
        for (int b = 0; b < batch; b++) {
            int p = points[b];
            for (int h = 0; h < heads; h++) {
                int to = (b * heads + h) * m * width;
                System.arraycopy(referenceRows, h * m * width, all, to, (p + 1) * width);
                System.arraycopy(tables[p + 1], h * (m - 1 - p) * width, all, to + (p + 1) * width, (m - 1 - p) * width);
            }
        }
        NDArray t = manager.create(all, new Shape(batch, heads, m, width));
        String rows = ":, :, " + (m - queries) + ":, ";
        if (variant == Variant.NONE) {
            return t.get(rows + av + ":" + (av + dh));
        }
        NDArray q = t.get(rows + qa + ":" + (qa + r));
        NDArray k = t.get(":, :, :, " + ka + ":" + (ka + r));
        NDArray refinement = q.matMul(k.transpose(0, 1, 3, 2)).add(additiveMask).softmax(-1);   // R: (B, H, q, m)
        return switch (variant) {
            case SIMPLE -> refinement.matMul(t.get(":, :, :, " + val + ":" + (val + dh)));
            case VALUE -> refinement.matMul(t.get(":, :, :, " + av + ":" + (av + dh)));
            case ADDITIVE -> {
                NDArray g = manager.create(gate, new Shape(1, heads, 1, 1));
                NDArray mixed = refinement.matMul(t.get(":, :, :, " + val + ":" + (val + dh))).mul(g);
                yield t.get(rows + av + ":" + (av + dh)).mul(Scalars.add(g.neg(), 1f)).add(mixed);
            }
            default -> throw new IllegalStateException("no splice for " + variant.id());
        };
    }
}
