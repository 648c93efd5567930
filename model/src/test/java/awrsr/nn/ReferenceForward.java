package awrsr.nn;

import java.util.Map;

/**
 * The model of docs/model.md written out again, independently of DJL, in plain double loops over the full
 * window of n positions (left padding included). Tests compare the real network against it. Like the
 * network, it is the SASRec backbone here and the refinement in a {@link ReferenceMechanism} per variant.
 */
final class ReferenceForward {
    final double[][][][] raw;        // [layer][head][n][n]
    final double[][][][] refinement; // null entries for NONE
    final double[][][][] refined;
    final double[] scores;           // V+1, index 0 unused
    /** The same from row n − 2, the one before the newest (what a prediction after all but the newest item reads). */
    final double[] scoresBefore;
    /** STOSA only: the mean embedding X_mu and the encoder's mean and covariance outputs, (n, d) each. */
    double[][] embeddedMean;
    double[][] mean;
    double[][] covariance;
    /** STOSA only: the covariance stream entering each block, [layer][n][d]. */
    double[][][] covarianceIn;

    /** The reference forward of the config's backbone. */
    static ReferenceForward of(ModelConfig c, Map<String, float[]> p, int[] padded) {
        return c.backbone() == BackboneKind.STOSA ? ReferenceStosa.forward(c, p, padded) : new ReferenceForward(c, p, padded);
    }

    ReferenceForward(int layers, int heads, int numItems) {
        raw = new double[layers][heads][][];
        refinement = new double[layers][heads][][];
        refined = new double[layers][heads][][];
        scores = new double[numItems + 1];
        scoresBefore = new double[numItems + 1];
    }

    ReferenceForward(ModelConfig c, Map<String, float[]> p, int[] padded) {
        int n = c.maxLen();
        int d = c.dim();
        int heads = c.heads();
        int dh = c.headDim();
        int r = c.refineDim();
        if (padded.length != n) {
            throw new IllegalArgumentException("reference wants exactly n positions");
        }
        raw = new double[c.layers()][heads][][];
        refinement = new double[c.layers()][heads][][];
        refined = new double[c.layers()][heads][][];

        float[] emb = p.get("item_emb");
        float[] pos = p.get("pos_emb");
        double[][] x = new double[n][d];
        for (int t = 0; t < n; t++) {
            if (padded[t] == 0) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                x[t][k] = emb[padded[t] * d + k] * Math.sqrt(d) + pos[t * d + k];
            }
        }
        boolean[][] allowed = new boolean[n][n];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                allowed[i][j] = padded[i] != 0 && padded[j] != 0;
                count[i] += allowed[i][j] ? 1 : 0;
            }
        }
        for (int l = 0; l < c.layers(); l++) {
            String b = "block" + l + ".";
            double[][] y = layerNorm(x, p.get(b + "ln_attn.gamma"), p.get(b + "ln_attn.beta"));
            double[][] q = linear(y, p.get(b + "attn.wq"), p.get(b + "attn.bq"), d, d);
            double[][] k = linear(x, p.get(b + "attn.wk"), p.get(b + "attn.bk"), d, d);
            double[][] v = linear(x, p.get(b + "attn.wv"), p.get(b + "attn.bv"), d, d);
            double[][] concat = new double[n][d];
            for (int h = 0; h < heads; h++) {
                double[][] logits = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int e = 0; e < dh; e++) {
                            s += q[i][h * dh + e] * k[j][h * dh + e];
                        }
                        logits[i][j] = s / Math.sqrt(dh);
                    }
                }
                double[][] a = maskedSoftmax(logits, allowed);
                double[][][] rw = ReferenceMechanism.of(c.variant()).mix(c, p, b, h, a, count, allowed);
                double[][] rr = rw[0];
                double[][] w = rw[1];
                raw[l][h] = a;
                refinement[l][h] = rr;
                refined[l][h] = w;
                for (int i = 0; i < n; i++) {
                    for (int e = 0; e < dh; e++) {
                        double s = 0;
                        for (int j = 0; j < n; j++) {
                            s += w[i][j] * v[j][h * dh + e];
                        }
                        concat[i][h * dh + e] = s;
                    }
                }
            }
            double[][] o = linear(concat, p.get(b + "attn.wo"), p.get(b + "attn.bo"), d, d);
            for (int t = 0; t < n; t++) {
                for (int e = 0; e < d; e++) {
                    x[t][e] = padded[t] == 0 ? 0 : y[t][e] + o[t][e];
                }
            }
            double[][] z = layerNorm(x, p.get(b + "ln_ffn.gamma"), p.get(b + "ln_ffn.beta"));
            double[][] f1 = linear(z, p.get(b + "ffn.w1"), p.get(b + "ffn.b1"), d, d);
            for (double[] row : f1) {
                for (int e = 0; e < d; e++) {
                    row[e] = Math.max(0, row[e]);
                }
            }
            double[][] f2 = linear(f1, p.get(b + "ffn.w2"), p.get(b + "ffn.b2"), d, d);
            for (int t = 0; t < n; t++) {
                for (int e = 0; e < d; e++) {
                    x[t][e] = padded[t] == 0 ? 0 : x[t][e] + f2[t][e];
                }
            }
        }
        double[][] f = layerNorm(x, p.get("final_ln.gamma"), p.get("final_ln.beta"));
        scores = new double[c.numItems() + 1];
        scoresBefore = new double[c.numItems() + 1];
        for (int i = 1; i <= c.numItems(); i++) {
            double s = 0;
            double before = 0;
            for (int e = 0; e < d; e++) {
                s += f[n - 1][e] * emb[i * d + e];
                before += f[n - 2][e] * emb[i * d + e];
            }
            scores[i] = s;
            scoresBefore[i] = before;
        }
    }

    static double[][] maskedSoftmax(double[][] logits, boolean[][] allowed) {
        int n = logits.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (allowed[i][j]) {
                    max = Math.max(max, logits[i][j]);
                }
            }
            if (max == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (allowed[i][j]) {
                    out[i][j] = Math.exp(logits[i][j] - max);
                    sum += out[i][j];
                }
            }
            for (int j = 0; j < n; j++) {
                out[i][j] /= sum;
            }
        }
        return out;
    }

    static double[][] matmul(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (a[i][k] == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] linear(double[][] x, float[] w, float[] bias, int in, int out) {
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * w[i * out + o];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    private static double[][] layerNorm(double[][] x, float[] gamma, float[] beta) {
        return layerNorm(x, gamma, beta, 1e-8);
    }

    static double[][] layerNorm(double[][] x, float[] gamma, float[] beta, double eps) {
        int d = gamma.length;
        double[][] y = new double[x.length][d];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v;
            }
            mean /= d;
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean);
            }
            var /= d;
            for (int e = 0; e < d; e++) {
                y[t][e] = (x[t][e] - mean) / Math.sqrt(var + eps) * gamma[e] + beta[e];
            }
        }
        return y;
    }
}
