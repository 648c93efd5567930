package awrsr.infer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How one cell of a map is computed, with the sequence's own numbers, for a class to follow: A[i,j] as the
 * softmax of q_i · k_j over row i; R[i,j] the same over the correlation vectors; W[i,j] from A and R as the
 * mechanism forms it (R·A as a sum of products, the additive mix with its gate g). Reads the trace's maps
 * and factors only.
 */
public final class CellArithmetic {
    private CellArithmetic() {}

    /** One named number on the way to the cell. */
    public record Step(String what, double value) {}

    /** One product of W[i,j] = Σ_k R[i,k] A[k,j]. */
    public record Term(int k, double r, double a, double product) {}

    /**
     * @param formula the cell's formula in words
     * @param rowLogits the logits of row i over the keys it may read (j ≤ i) for A and R, else null
     * @param terms the products of R·A, largest first (empty otherwise)
     */
    public record Cell(String map, int row, int column, double value, String formula, List<Step> steps,
                       double[] rowLogits, List<Term> terms) {}

    /** @throws IllegalArgumentException when the map or its factors are not in the trace, or j &gt; i */
    public static Cell explain(HeadTrace head, String mapId, int i, int j) {
        if (j > i) {
            throw new IllegalArgumentException("row " + (i + 1) + " cannot read the later item " + (j + 1));
        }
        HeadTrace.TraceMap map = head.find(mapId);
        if (map == null) {
            throw new IllegalArgumentException("this model has no map '" + mapId + "'");
        }
        if (mapId.equals("covariance")) {
            double w = head.refined()[i][j];
            return new Cell(mapId, i, j, w * w, "(W⊙W)[i,j] = W[i,j]²: a weighted sum of independent Gaussians has the "
                    + "squared weights in its covariance", List.of(new Step("W[i,j]", w)), null, List.of());
        }
        if (mapId.equals(HeadTrace.RAW) && head.factor("q_mu") != null) {
            return wassersteinCell(mapId, i, j, head.factor("q_mu"), head.factor("q_cov"), head.factor("k_mu"),
                    head.factor("k_cov"), "d_h", "A[i,j] = softmax over k ≤ i of −W2(q_i, k_k) / √d_h, where "
                            + "W2 = ‖μq_i − μk_k‖² + ‖√σq_i − √σk_k‖² (squared 2-Wasserstein distance of diagonal Gaussians)");
        }
        if (mapId.equals(HeadTrace.REFINEMENT) && head.factor("qa_mu") != null) {
            return wassersteinCell(mapId, i, j, head.factor("qa_mu"), head.factor("qa_cov"), head.factor("ka_mu"),
                    head.factor("ka_cov"), "r", "R_s[i,j] = softmax over k ≤ i of −W2(Gq_i, Gk_k) / √r, where row i of "
                            + "Â = c_i A_i is the Gaussian of mean Â U^μ and covariance ELU(Â U^Σ) + 1");
        }
        if (mapId.equals(HeadTrace.REFINED) && head.factor("qa_mu") != null) {
            float[][] r = head.refinement();
            return new Cell(mapId, i, j, r[i][j], "W = R_s: the stochastic refinement weights are the map", List.of(
                    new Step("R_s[i,j]", r[i][j])), null, List.of());
        }
        if (mapId.equals(HeadTrace.RAW)) {
            return softmaxCell(mapId, i, j, head.factor("q"), head.factor("k"),
                    "A[i,j] = exp(q_i·k_j − max) / Σ_{k≤i} exp(q_i·k_k − max), with q_i already divided by √d_h");
        }
        if (mapId.equals(HeadTrace.REFINEMENT)) {
            return softmaxCell(mapId, i, j, head.factor("qa"), head.factor("ka"),
                    "R[i,j] = softmax over k ≤ i of qa_i·ka_k, where qa_i = c_i (A U_q)_i / √r and ka_k = c_k (A U_k)_k");
        }
        float[][] a = head.raw();
        float[][] r = head.refinement();
        float[][] gate = head.factor("gate");
        if (gate != null) {
            double g = gate[0][0];
            List<Step> steps = List.of(new Step("g = σ(γ) for this head", g), new Step("A[i,j]", a[i][j]),
                    new Step("R[i,j]", r[i][j]), new Step("(1 − g) A[i,j]", (1 - g) * a[i][j]),
                    new Step("g R[i,j]", g * r[i][j]));
            return new Cell(mapId, i, j, (1 - g) * a[i][j] + g * r[i][j], "W[i,j] = (1 − g) A[i,j] + g R[i,j]", steps,
                    null, List.of());
        }
        if (map.title().endsWith("= R")) {
            return new Cell(mapId, i, j, r[i][j], "W = R: the refinement weights are the map", List.of(
                    new Step("R[i,j]", r[i][j])), null, List.of());
        }
        List<Term> terms = new ArrayList<>();
        double sum = 0;
        for (int k = j; k <= i; k++) {             // R[i,k] = 0 for k > i, A[k,j] = 0 for k < j
            double p = (double) r[i][k] * a[k][j];
            sum += p;
            terms.add(new Term(k, r[i][k], a[k][j], p));
        }
        terms.sort(Comparator.comparingDouble(t -> -t.product()));
        return new Cell(mapId, i, j, sum, "W[i,j] = Σ_k R[i,k] A[k,j] (value-weighted: O = R (A V))",
                List.of(new Step("products R[i,k] A[k,j] summed", sum)), null, List.copyOf(terms));
    }

    /**
     * A softmax cell over negated squared 2-Wasserstein distances / √width: the mean part and the
     * covariance part of the distance are steps of their own.
     */
    private static Cell wassersteinCell(String mapId, int i, int j, float[][] qMu, float[][] qCov, float[][] kMu,
                                        float[][] kCov, String widthName, String formula) {
        double scale = Math.sqrt(qMu[i].length);
        double[] logits = new double[i + 1];
        double meanPart = 0;
        double covPart = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c <= i; c++) {
            double m = 0;
            double v = 0;
            for (int e = 0; e < qMu[i].length; e++) {
                double dm = (double) qMu[i][e] - kMu[c][e];
                double dv = Math.sqrt(Math.max(qCov[i][e], 1e-24)) - Math.sqrt(Math.max(kCov[c][e], 1e-24));
                m += dm * dm;
                v += dv * dv;
            }
            if (c == j) {
                meanPart = m;
                covPart = v;
            }
            logits[c] = -(m + v) / scale;
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        double value = Math.exp(logits[j] - max) / sum;
        return new Cell(mapId, i, j, value, formula, List.of(
                new Step("mean part ‖μq_i − μk_j‖²", meanPart), new Step("covariance part ‖√σq_i − √σk_j‖²", covPart),
                new Step("W2 = mean part + covariance part", meanPart + covPart),
                new Step("logit −W2 / √" + widthName, logits[j]), new Step("largest logit of row i", max),
                new Step("Σ exp(logit − largest) over the row", sum), new Step("exp(logit − largest)", Math.exp(logits[j] - max))),
                logits, List.of());
    }

    private static Cell softmaxCell(String mapId, int i, int j, float[][] q, float[][] k, String formula) {
        if (q == null || k == null) {
            throw new IllegalArgumentException("the trace holds no factors for '" + mapId + "'");
        }
        double[] logits = new double[i + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c <= i; c++) {
            double s = 0;
            for (int e = 0; e < q[i].length; e++) {
                s += (double) q[i][e] * k[c][e];
            }
            logits[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        double value = Math.exp(logits[j] - max) / sum;
        return new Cell(mapId, i, j, value, formula, List.of(new Step("logit of (i, j)", logits[j]),
                new Step("largest logit of row i", max), new Step("Σ exp(logit − largest) over the row", sum),
                new Step("exp(logit − largest)", Math.exp(logits[j] - max))), logits, List.of());
    }
}
