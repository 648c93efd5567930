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

    /** A small model of a backbone (STOSA with its own attention dropout rate, the stacking fixed). */
    public static ModelConfig small(BackboneKind backbone, Variant variant) {
        return new ModelConfig(variant, 30, 12, 8, 2, 2, 4, 0.2f, backbone, 0.1f, false);
    }

    /** Every backbone with every mechanism it supports, named for test reports ("STOSA / stochastic"). */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> all() {
        return java.util.Arrays.stream(BackboneKind.values()).flatMap(b -> java.util.Arrays.stream(Variant.values())
                .filter(v -> b.backbone().supports(v))
                .map(v -> org.junit.jupiter.params.provider.Arguments.of(
                        org.junit.jupiter.api.Named.of(b.displayName() + " / " + v.id(), small(b, v)))))
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
                    list.add(org.junit.jupiter.params.provider.Arguments.of(org.junit.jupiter.api.Named.of(
                            "STOSA with the reference mean bug / value",
                            small(BackboneKind.STOSA, Variant.VALUE).withBackbone(BackboneKind.STOSA, 0.1f, true))));
                    return list.stream();
                }));
    }

    public static Map<String, float[]> randomValues(ModelConfig config, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ParameterSet.specs(config).entrySet()) {
            float[] v = new float[(int) e.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 0.5);
            }
            if (e.getKey().equals("item_emb") || e.getKey().startsWith("item_")) {
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
