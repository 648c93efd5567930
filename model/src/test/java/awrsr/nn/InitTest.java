package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PyTorch-style draws against their hand-computed bounds and variances at d = 64: in-projection
 * √(6 / 256) = 0.15309 and 1/128 = 0.0078125; Conv1d 1/√64 = 0.125 and 1/192 = 0.0052083; Xavier-normal
 * 2/(64 + 64) = 0.015625. Each variance is estimated from 4,096 draws: its standard error is about 1.4 %
 * (uniform) and 2.2 % (normal), so the 10 % margins are 4.5 standard errors or more.
 */
class InitTest {
    private static final ModelConfig CONFIG = new ModelConfig(Variant.VALUE, 30, 12, 64, 1, 2, 4, 0f);

    @Test
    void pytorchDrawsTheProjectionsAndFeedForwardAsItsModules() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             ParameterSet p = ParameterSet.initialize(CONFIG, 5, Init.PYTORCH, m);
             ParameterSet x = ParameterSet.initialize(CONFIG, 5, Init.XAVIER, m)) {
            for (String w : new String[] {"wq", "wk", "wv"}) {
                check(p.get("block0.attn." + w).toFloatArray(), 0.15309, 1 / 128.0, "pytorch " + w);
                check(x.get("block0.attn." + w).toFloatArray(), Double.NaN, 1 / 64.0, "xavier " + w);
            }
            check(p.get("block0.attn.wo").toFloatArray(), Double.NaN, 1 / 64.0, "the output projection stays Xavier");
            for (String w : new String[] {"w1", "w2"}) {
                check(p.get("block0.ffn." + w).toFloatArray(), 0.125, 1 / 192.0, "pytorch ffn " + w);
            }
            for (String b : new String[] {"b1", "b2"}) {
                float[] v = p.get("block0.ffn." + b).toFloatArray();
                double largest = 0;
                for (float f : v) {
                    largest = Math.max(largest, Math.abs(f));
                }
                // 64 uniform draws in ±0.125: all below 0.0625 has probability 2^-64
                assertTrue(largest > 0.0625 && largest <= 0.125, b + ": " + largest);
                assertEquals(0f, x.get("block0.ffn." + b).toFloatArray()[0], "xavier biases are zero");
            }
            assertEquals(0f, p.get("block0.attn.bq").toFloatArray()[3], "the in-projection bias is zero");
        }
    }

    @Test
    void stosaRefusesIt() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ModelConfig stosa = TestModels.small(BackboneKind.STOSA, Variant.VALUE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ParameterSet.initialize(stosa, 5, Init.PYTORCH, m));
            assertTrue(e.getMessage().contains("SASRec only"), e.getMessage());
        }
    }

    /** Every value within ±bound (unless NaN), mean near 0 and variance within 10 % of {@code variance}. */
    private static void check(float[] v, double bound, double variance, String what) {
        assertEquals(4096, v.length, what);
        double sum = 0;
        double squares = 0;
        for (float f : v) {
            if (!Double.isNaN(bound)) {
                assertTrue(Math.abs(f) <= bound + 1e-7, what + ": " + f + " beyond " + bound);
            }
            sum += f;
            squares += (double) f * f;
        }
        double mean = sum / v.length;
        assertEquals(0, mean, 5 * Math.sqrt(variance / v.length), what + " mean");
        assertEquals(variance, squares / v.length - mean * mean, 0.1 * variance, what + " variance");
    }
}
