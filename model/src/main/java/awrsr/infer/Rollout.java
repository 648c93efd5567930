package awrsr.infer;

import java.util.List;

/**
 * Attention rollout (Abnar and Zuidema, ACL 2020): each layer's heads averaged, the residual connection
 * counted as an identity map of equal weight (0.5 A + 0.5 I, rows renormalised), and the layers multiplied
 * from the first up: R = Â_L ··· Â_1. Row i of R says how much of position i's representation at the top
 * can be traced back to each input position. Plain Java over the trace's (m, m) maps.
 */
public final class Rollout {
    private Rollout() {}

    /** One layer's heads averaged: (m, m). */
    static double[][] headMean(List<float[][]> heads) {
        int m = heads.get(0).length;
        double[][] out = new double[m][m];
        for (float[][] h : heads) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    out[i][j] += h[i][j] / heads.size();
                }
            }
        }
        return out;
    }

    /**
     * The rollout of the given layers' maps (bottom layer first), each layer a list of its heads' maps.
     * Padded rows (all zero) stay zero apart from the identity.
     */
    public static double[][] rollout(List<List<float[][]>> layers) {
        double[][] r = null;
        for (List<float[][]> layer : layers) {
            double[][] a = headMean(layer);
            int m = a.length;
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    a[i][j] = 0.5 * a[i][j] + (i == j ? 0.5 : 0);
                    sum += a[i][j];
                }
                for (int j = 0; j < m; j++) {
                    a[i][j] /= sum;
                }
            }
            r = r == null ? a : multiply(a, r);
        }
        return r;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] out = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                if (a[i][k] == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }
}
