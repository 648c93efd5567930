package awrsr.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Small models with every parameter random (biases, gains and mix logits too), for invariant tests. */
public final class TestModels {
    private TestModels() {}

    public static ModelConfig small(Variant variant) {
        return new ModelConfig(variant, 30, 12, 8, 2, 2, 4, 0.2f);
    }

    public static Map<String, float[]> randomValues(ModelConfig config, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ParameterSet.specs(config).entrySet()) {
            float[] v = new float[(int) e.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 0.5);
            }
            if (e.getKey().equals("item_emb")) {
                java.util.Arrays.fill(v, 0, config.dim(), 0f);
            }
            values.put(e.getKey(), v);
        }
        return values;
    }

    public static ParameterSet random(ModelConfig config, long seed, NDManager manager) {
        return ParameterSet.fromValues(config, randomValues(config, seed), manager);
    }
}
