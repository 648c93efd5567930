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

    /**
     * PyTorch's weight decay adds λ w to every gradient, so a parameter with no gradient of its own (an item
     * embedding no sequence of the batch read) still moves: by hand, Adam's first step is lr · g / (|g| + eps)
     * = lr · sign(w) for g = λ w (|λ w| far above eps), towards 0; without decay it stays.
     */
    @Test
    void weightDecayMovesParametersWithoutAGradientOfTheirOwnTowardsZero() {
        ModelConfig config = TestModels.small(Variant.NONE);
        for (float decay : new float[] {0f, 0.01f}) {
            try (NDManager m = NDManager.newBaseManager(Device.cpu());
                 ParameterSet params = TestModels.random(config, 1, m);
                 AdamOptimizer adam = new AdamOptimizer(0.1f, 0.9f, 0.98f, decay)) {
                params.setRequiresGradient(true);
                float[] before = params.get("item_emb").toFloatArray();
                float[] beta = params.get("final_ln.beta").toFloatArray();
                backward(params, 2f);                // final_ln.beta and pos_emb have gradients, item_emb none
                assertTrue(adam.update(params));
                float[] after = params.get("item_emb").toFloatArray();
                int checked = 0;
                for (int i = 0; i < before.length; i++) {
                    if (Math.abs(before[i]) < 0.01f) {
                        continue;                    // |λ w| near eps: the step is smaller than lr
                    }
                    float expected = decay == 0 ? before[i] : before[i] - 0.1f * Math.signum(before[i]);
                    assertEquals(expected, after[i], 1e-4f, "item_emb[" + i + "], decay " + decay);
                    checked++;
                }
                assertTrue(checked > before.length / 2, "most entries checked: " + checked);
                for (int i = 0; i < config.dim(); i++) {
                    assertEquals(0f, after[i], "the padding row is zero and has nothing to decay");
                }
                float[] betaAfter = params.get("final_ln.beta").toFloatArray();
                for (int i = 0; i < beta.length; i++) {   // g = 2 + λ w > 0: the same first step with or without
                    assertEquals(beta[i] - 0.1f, betaAfter[i], 1e-4f);
                }
            }
        }
    }

    /** A step leaves no array behind on the parameters' manager, with or without weight decay. */
    @Test
    void stepsLeaveNoArrayBehind() {
        ModelConfig config = TestModels.small(Variant.VALUE);
        for (float decay : new float[] {0f, 1e-6f}) {
            try (NDManager m = NDManager.newBaseManager(Device.cpu());
                 ParameterSet params = TestModels.random(config, 1, m);
                 AdamOptimizer adam = new AdamOptimizer(0.1f, 0.9f, 0.98f, decay)) {
                params.setRequiresGradient(true);
                backward(params, 2f);
                assertTrue(adam.update(params));         // the first step makes the moments
                for (int step = 0; step < 3; step++) {
                    backward(params, 2f);                 // (its own few arrays stay: counted before the step)
                    int arrays = ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
                    assertTrue(adam.update(params));
                    assertEquals(arrays, ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size(),
                            "decay " + decay + ", step " + step);
                }
            }
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
