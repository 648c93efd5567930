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
     * Row {@code i} of the rollout R = Â_L ··· Â_1 of the given layers' maps (bottom layer first, each layer a
     * list of its heads' maps): e_iᵀ Â_L ··· Â_1, a row vector times the layers from the top down (O(L m²);
     * the whole product would cost O(L m³)). Padded rows (all zero) stay zero apart from the identity.
     */
    public static double[] row(List<List<float[][]>> layers, int i) {
        double[] row = null;
        for (int l = layers.size() - 1; l >= 0; l--) {
            double[][] a = normalised(headMean(layers.get(l)));
            int m = a.length;
            if (row == null) {
                row = a[i];
                continue;
            }
            double[] next = new double[m];
            for (int k = 0; k < m; k++) {
                if (row[k] == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    next[j] += row[k] * a[k][j];
                }
            }
            row = next;
        }
        return row;
    }

    /** 0.5 A + 0.5 I with its rows renormalised, in place. */
    private static double[][] normalised(double[][] a) {
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
        return a;
    }
}
