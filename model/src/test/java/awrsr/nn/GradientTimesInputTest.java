package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import awrsr.data.ItemCatalog;
import awrsr.infer.Explanation;
import awrsr.infer.Recommender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gradient × input equals the derivative of the target's score along each input embedding, computed by
 * central finite differences on the plain-Java reference forward in double precision: scaling item i's
 * embedding row by (1 ± ε) moves only position i's input (the history has no repeated item, the target is
 * not in it), and d/dε s(e_i (1 + ε)) at 0 is exactly Σ_k e_ik ∂s/∂e_ik.
 */
class GradientTimesInputTest {
    private static final double EPS = 1e-4;

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = "STOCHASTIC", mode = EnumSource.Mode.EXCLUDE)
    void matchesFiniteDifferencesOfTheReferenceForward(Variant variant) {
        ModelConfig config = TestModels.small(variant);
        Map<String, float[]> values = TestModels.randomValues(config, 23);
        List<Integer> items = List.of(3, 17, 5, 29, 1, 8, 12);
        int target = 20;
        Explanation x;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = ParameterSet.fromValues(config, values, manager);
             Recommender model = Recommender.of(config, AwrsrNetworkTest.identity(config.numItems()),
                     ItemCatalog.empty(), params)) {
            x = model.explain(items, target);
        }
        double[] gxi = x.signal(Explanation.GRADIENT).values();
        int n = config.maxLen();
        int d = config.dim();
        int[] padded = new int[n];
        for (int i = 0; i < items.size(); i++) {
            padded[n - items.size() + i] = items.get(i);
        }
        double scale = 0;
        for (double g : gxi) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < items.size(); i++) {
            int item = items.get(i);
            double[] s = new double[2];
            for (int side = 0; side < 2; side++) {
                Map<String, float[]> moved = new java.util.HashMap<>(values);
                float[] emb = values.get("item_emb").clone();
                double f = side == 0 ? 1 + EPS : 1 - EPS;
                for (int k = 0; k < d; k++) {
                    emb[item * d + k] = (float) (emb[item * d + k] * f);
                }
                moved.put("item_emb", emb);
                s[side] = new ReferenceForward(config, moved, padded).scores[target];
            }
            double fd = (s[0] - s[1]) / (2 * EPS);
            // float32 network against a double reference whose inputs were rounded to float: 1e-3 of the
            // largest value covers the rounding (measured differences are below 1e-4 of it)
            assertEquals(fd, gxi[i], 1e-3 * scale + 1e-5, variant + " position " + i);
        }
    }
}
