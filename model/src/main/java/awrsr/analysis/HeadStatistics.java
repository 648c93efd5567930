package awrsr.analysis;

import awrsr.infer.HeadTrace;

/**
 * What one head's maps do on one sequence, each averaged over the rows that read at least two items
 * (row 0 reads only itself):
 *
 * @param entropy of the attention rows, in nats (0: one item gets everything; ln i+1: uniform over row i)
 * @param distance how far back a row reads on average: Σ_j A_ij (i − j), in positions
 * @param sink the mass on the oldest item of the window (column 0): the "attention sink"
 * @param diagonal the mass a row puts on its own item
 * @param klRefinedRaw KL(W ‖ A) in nats, how far refinement moves a row from raw attention (NaN without refinement)
 * @param moved the mass W moves relative to A: ½ Σ_j |W_ij − A_ij|, from 0 to 1 (NaN without refinement)
 */
public record HeadStatistics(double entropy, double distance, double sink, double diagonal, double klRefinedRaw,
                             double moved) {
    /** Names of the fields, in order, as the JSON and the tables write them. */
    public static final String[] NAMES = {"entropy", "distance", "sink", "diagonal", "kl_w_a", "moved"};

    public double[] values() {
        return new double[] {entropy, distance, sink, diagonal, klRefinedRaw, moved};
    }

    public static HeadStatistics of(HeadTrace head) {
        float[][] a = head.raw();
        float[][] w = head.refines() ? head.refined() : null;
        int m = a.length;
        double entropy = 0;
        double distance = 0;
        double sink = 0;
        double diagonal = 0;
        double kl = 0;
        double moved = 0;
        int rows = 0;
        for (int i = 1; i < m; i++) {
            rows++;
            for (int j = 0; j <= i; j++) {
                double p = a[i][j];
                if (p > 0) {
                    entropy -= p * Math.log(p);
                }
                distance += p * (i - j);
                if (w != null) {
                    double q = w[i][j];
                    if (q > 0) {
                        kl += q * Math.log(q / Math.max(p, 1e-30));
                    }
                    moved += 0.5 * Math.abs(q - p);
                }
            }
            sink += a[i][0];
            diagonal += a[i][i];
        }
        if (rows == 0) {
            return new HeadStatistics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new HeadStatistics(entropy / rows, distance / rows, sink / rows, diagonal / rows,
                w == null ? Double.NaN : kl / rows, w == null ? Double.NaN : moved / rows);
    }
}
