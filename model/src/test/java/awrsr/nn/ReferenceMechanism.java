package awrsr.nn;

import java.util.Map;

/** The refinement mechanisms of docs/model.md, section 2, in plain double loops, one head at a time. */
interface ReferenceMechanism {
    /**
     * @param a the head's raw map A (n, n)
     * @param count c_i, the keys row i may read
     * @return {R or null, W}
     */
    double[][][] mix(ModelConfig c, Map<String, float[]> p, String block, int head, double[][] a, int[] count,
                     boolean[][] allowed);

    /** The registry, as {@link Variant} is the network's. */
    static ReferenceMechanism of(Variant v) {
        Map<Variant, ReferenceMechanism> all = Map.of(
                Variant.NONE, (c, p, b, h, a, count, allowed) -> new double[][][] {null, a},
                Variant.SIMPLE, (c, p, b, h, a, count, allowed) -> {
                    double[][] r = refinement(c, p, b, h, a, count, allowed);
                    return new double[][][] {r, r};
                },
                Variant.VALUE, (c, p, b, h, a, count, allowed) -> {
                    double[][] r = refinement(c, p, b, h, a, count, allowed);
                    return new double[][][] {r, ReferenceForward.matmul(r, a)};
                },
                Variant.ADDITIVE, (c, p, b, h, a, count, allowed) -> {
                    double[][] r = refinement(c, p, b, h, a, count, allowed);
                    double g = 1 / (1 + Math.exp(-p.get(b + "refine.gamma")[h]));
                    int n = a.length;
                    double[][] w = new double[n][n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            w[i][j] = (1 - g) * a[i][j] + g * r[i][j];
                        }
                    }
                    return new double[][][] {r, w};
                },
                Variant.STOCHASTIC, (c, p, b, h, a, count, allowed) -> {
                    double[][] r = stochastic(c, p, b, h, a, count, allowed);
                    return new double[][][] {r, r};
                });
        ReferenceMechanism m = all.get(v);
        if (m == null) {
            throw new IllegalArgumentException("no reference for variant " + v);
        }
        return m;
    }

    /**
     * R_s = softmax(mask(−W2(Gq_i, Gk_j) / √r)) where the Gaussians have means Â U^μ and covariances
     * ELU(Â U^Σ) + 1 (design note stosa-model.md 3.3), the distance in its pairwise form.
     */
    static double[][] stochastic(ModelConfig c, Map<String, float[]> p, String b, int h, double[][] a, int[] count,
                                 boolean[][] allowed) {
        int n = c.maxLen();
        int r = c.refineDim();
        double[][] muQ = project(a, count, p.get(b + "refine.uq_mu"), h, n, r);
        double[][] muK = project(a, count, p.get(b + "refine.uk_mu"), h, n, r);
        double[][] covQ = ReferenceStosa.elu(project(a, count, p.get(b + "refine.uq_cov"), h, n, r), 1);
        double[][] covK = ReferenceStosa.elu(project(a, count, p.get(b + "refine.uk_cov"), h, n, r), 1);
        double[][] logits = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                logits[i][j] = -ReferenceStosa.wasserstein(muQ[i], covQ[i], muK[j], covK[j], 0, r) / Math.sqrt(r);
            }
        }
        return ReferenceForward.maskedSoftmax(logits, allowed);
    }

    /** Â U for one head: row i is Σ_j c_i A_ij U[h, j]. */
    private static double[][] project(double[][] a, int[] count, float[] u, int h, int n, int r) {
        double[][] out = new double[n][r];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double ahat = count[i] * a[i][j];
                for (int e = 0; e < r; e++) {
                    out[i][e] += ahat * u[(h * n + j) * r + e];
                }
            }
        }
        return out;
    }

    /** R = softmax(mask(Â U_q (Â U_k)ᵀ / √r)) with Â = diag(c) A, U indexed by absolute position. */
    static double[][] refinement(ModelConfig c, Map<String, float[]> p, String b, int h, double[][] a, int[] count,
                                 boolean[][] allowed) {
        int n = c.maxLen();
        int r = c.refineDim();
        float[] uq = p.get(b + "refine.uq");
        float[] uk = p.get(b + "refine.uk");
        double[][] qa = new double[n][r];
        double[][] ka = new double[n][r];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double ahat = count[i] * a[i][j];
                if (ahat == 0) {
                    continue;
                }
                for (int e = 0; e < r; e++) {
                    qa[i][e] += ahat * uq[(h * n + j) * r + e];
                    ka[i][e] += ahat * uk[(h * n + j) * r + e];
                }
            }
        }
        double[][] rl = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int e = 0; e < r; e++) {
                    s += qa[i][e] * ka[j][e];
                }
                rl[i][j] = s / Math.sqrt(r);
            }
        }
        return ReferenceForward.maskedSoftmax(rl, allowed);
    }
}
