package awrsr.nn;

import java.util.Map;

/** For tests outside this package: what the plain-Java reference forward says of a STOSA model's uncertainty. */
public final class ReferenceUncertainty {
    private ReferenceUncertainty() {}

    /**
     * The mean of each position's covariance entering each block, [layer][position], by {@link ReferenceStosa}
     * over the full window of n positions ({@code padded}: item indices, 0 for padding, oldest first).
     */
    public static double[][] entering(ModelConfig c, Map<String, float[]> parameters, int[] padded) {
        double[][][] in = ReferenceForward.of(c, parameters, padded).covarianceIn;
        double[][] out = new double[in.length][in[0].length];
        for (int l = 0; l < in.length; l++) {
            for (int t = 0; t < in[l].length; t++) {
                out[l][t] = java.util.Arrays.stream(in[l][t]).average().orElseThrow();
            }
        }
        return out;
    }
}
