package awrsr.nn;

import java.util.Map;

/**
 * STOSA as the design note stosa-model.md (section 2) defines it, written again in plain double loops over
 * the full window of n positions, with the squared 2-Wasserstein distance in its pairwise form
 * ‖μq − μk‖² + ‖√σq − √σk‖² (the network uses the matmul form). The mechanisms come from
 * {@link ReferenceMechanism}.
 */
final class ReferenceStosa {
    private ReferenceStosa() {}

    static ReferenceForward forward(ModelConfig c, Map<String, float[]> p, int[] padded) {
        int n = c.maxLen();
        int d = c.dim();
        int heads = c.heads();
        int dh = c.headDim();
        ReferenceForward out = new ReferenceForward(c.layers(), heads, c.numItems());
        boolean[][] allowed = new boolean[n][n];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                allowed[i][j] = padded[j] != 0;
                count[i] += allowed[i][j] ? 1 : 0;
            }
        }
        double[][] xMu = new double[n][d];
        double[][] xCov = new double[n][d];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < d; k++) {
                xMu[t][k] = p.get("item_mu")[padded[t] * d + k] + p.get("pos_mu")[t * d + k];
                xCov[t][k] = p.get("item_cov")[padded[t] * d + k] + p.get("pos_cov")[t * d + k];
            }
        }
        xMu = elu(layerNorm(xMu, p, "ln_emb"), 0);
        xCov = elu(layerNorm(xCov, p, "ln_emb"), 1);
        double[][] mu = xMu;
        double[][] cov = xCov;
        out.covarianceIn = new double[c.layers()][][];
        for (int l = 0; l < c.layers(); l++) {
            String b = "block" + l + ".";
            out.covarianceIn[l] = cov;
            double[][] qMu = linear(mu, p, b + "attn.wq_mu", b + "attn.bq_mu");
            double[][] kMu = linear(mu, p, b + "attn.wk_mu", b + "attn.bk_mu");
            double[][] vMu = linear(mu, p, b + "attn.wv_mu", b + "attn.bv_mu");
            double[][] qCov = elu(linear(cov, p, b + "attn.wq_cov", b + "attn.bq_cov"), 1);
            double[][] kCov = elu(linear(cov, p, b + "attn.wk_cov", b + "attn.bk_cov"), 1);
            double[][] vCov = elu(linear(cov, p, b + "attn.wv_cov", b + "attn.bv_cov"), 1);
            double[][] cMu = new double[n][d];
            double[][] cCov = new double[n][d];
            for (int h = 0; h < heads; h++) {
                double[][] logits = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        logits[i][j] = -wasserstein(qMu[i], qCov[i], kMu[j], kCov[j], h * dh, dh) / Math.sqrt(dh);
                    }
                }
                double[][] a = ReferenceForward.maskedSoftmax(logits, allowed);
                double[][][] rw = ReferenceMechanism.of(c.variant()).mix(c, p, b, h, a, count, allowed);
                double[][] w = rw[1];
                out.raw[l][h] = a;
                out.refinement[l][h] = rw[0];
                out.refined[l][h] = w;
                for (int i = 0; i < n; i++) {
                    for (int e = 0; e < dh; e++) {
                        double sMu = 0;
                        double sCov = 0;
                        for (int j = 0; j < n; j++) {
                            sMu += w[i][j] * vMu[j][h * dh + e];
                            sCov += w[i][j] * w[i][j] * vCov[j][h * dh + e];
                        }
                        cMu[i][h * dh + e] = sMu;
                        cCov[i][h * dh + e] = sCov;
                    }
                }
            }
            double[][] hMu = layerNorm(add(linear(cMu, p, b + "attn.wo_mu", b + "attn.bo_mu"), mu), p, b + "ln_attn");
            double[][] hCov = layerNorm(add(linear(cCov, p, b + "attn.wo_cov", b + "attn.bo_cov"), cov), p, b + "ln_attn");
            double[][] fMu = layerNorm(add(feedForward(hMu, p, b + "ffn_mu"), hMu), p, b + "ln_ffn_mu");
            double[][] fCov = elu(layerNorm(add(feedForward(hCov, p, b + "ffn_cov"), hCov), p, b + "ln_ffn_cov"), 1);
            mu = c.referenceMeanBug() ? xMu : fMu;
            cov = fCov;
        }
        out.embeddedMean = xMu;
        out.mean = mu;
        out.covariance = cov;
        for (int i = 1; i <= c.numItems(); i++) {
            double[] itemMu = new double[d];
            double[] itemCov = new double[d];
            for (int e = 0; e < d; e++) {
                itemMu[e] = p.get("item_mu")[i * d + e];
                double z = p.get("item_cov")[i * d + e];
                itemCov[e] = (z > 0 ? z : Math.expm1(z)) + 1;
            }
            out.scores[i] = -wasserstein(mu[n - 1], cov[n - 1], itemMu, itemCov, 0, d);
            out.scoresBefore[i] = -wasserstein(mu[n - 2], cov[n - 2], itemMu, itemCov, 0, d);
        }
        return out;
    }

    /** ‖μa − μb‖² + ‖√σa − √σb‖² over columns from..from+width of a and 0.. of b when b is shorter. */
    static double wasserstein(double[] muA, double[] covA, double[] muB, double[] covB, int from, int width) {
        double s = 0;
        int fromB = muB.length == width ? 0 : from;
        for (int e = 0; e < width; e++) {
            double dm = muA[from + e] - muB[fromB + e];
            double ds = Math.sqrt(covA[from + e]) - Math.sqrt(covB[fromB + e]);
            s += dm * dm + ds * ds;
        }
        return s;
    }

    private static double[][] feedForward(double[][] x, Map<String, float[]> p, String prefix) {
        return linear(elu(linear(x, p, prefix + ".w1", prefix + ".b1"), 0), p, prefix + ".w2", prefix + ".b2");
    }

    /** ELU(x) + shift, elementwise. */
    static double[][] elu(double[][] x, double shift) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            y[t] = new double[x[t].length];
            for (int e = 0; e < x[t].length; e++) {
                y[t][e] = (x[t][e] > 0 ? x[t][e] : Math.expm1(x[t][e])) + shift;
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int e = 0; e < a[0].length; e++) {
                y[t][e] = a[t][e] + b[t][e];
            }
        }
        return y;
    }

    private static double[][] linear(double[][] x, Map<String, float[]> p, String weight, String bias) {
        float[] w = p.get(weight);
        float[] bv = p.get(bias);
        int in = x[0].length;
        int outWidth = bv.length;
        double[][] y = new double[x.length][outWidth];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < outWidth; o++) {
                double s = bv[o];
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * w[i * outWidth + o];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    private static double[][] layerNorm(double[][] x, Map<String, float[]> p, String prefix) {
        return ReferenceForward.layerNorm(x, p.get(prefix + ".gamma"), p.get(prefix + ".beta"), 1e-12);
    }

}
