package awrsr.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.TestModels;
import awrsr.nn.Variant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamOptimizerTest {
    private static void backward(ParameterSet params, float factor) {
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray w = params.get("final_ln.beta");
            c.backward(w.mul(factor).sum().add(params.get("pos_emb").sum()));
        }
        awrsr.nn.GradientMode.off();
    }

    @Test
    void aStepMovesParametersAgainstTheGradientAndZeroesIt() {
        ModelConfig config = TestModels.small(Variant.NONE);
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = TestModels.random(config, 1, m);
             AdamOptimizer adam = new AdamOptimizer(0.1f, 0.9f, 0.98f)) {
            params.setRequiresGradient(true);
            float[] before = params.get("final_ln.beta").toFloatArray();
            backward(params, 2f);
            assertTrue(adam.update(params));
            float[] after = params.get("final_ln.beta").toFloatArray();
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i] - 0.1f, after[i], 1e-4f, "first Adam step is lr * sign(gradient)");
            }
            assertEquals(0f, params.get("final_ln.beta").getGradient().abs().sum().getFloat());
            assertEquals(1, adam.step());
        }
    }

    @Test
    void aNonFiniteGradientIsRefusedAndLeavesEverythingAsItWas() {
        ModelConfig config = TestModels.small(Variant.NONE);
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = TestModels.random(config, 1, m);
             AdamOptimizer adam = new AdamOptimizer(0.1f, 0.9f, 0.98f)) {
            params.setRequiresGradient(true);
            float[] before = params.get("pos_emb").toFloatArray();
            backward(params, Float.NaN);
            assertFalse(adam.update(params));
            adam.discardGradients(params);
            assertArrayEquals(before, params.get("pos_emb").toFloatArray());
            assertEquals(0, adam.step());
            assertEquals(0f, params.get("final_ln.beta").getGradient().abs().sum().getFloat(),
                    "NaN gradients are cleared, not kept for the next step");
            backward(params, 1f);
            assertTrue(adam.update(params));
            assertNotEquals(before[0], params.get("pos_emb").toFloatArray()[0]);
        }
    }
}
