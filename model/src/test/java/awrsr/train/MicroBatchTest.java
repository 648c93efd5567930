package awrsr.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import awrsr.checkpoint.Loss;
import awrsr.checkpoint.TrainingSettings;
import awrsr.nn.AwrsrNetwork;
import awrsr.nn.BackboneKind;
import awrsr.nn.GradientMode;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.TestModels;
import awrsr.nn.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch run in passes (--micro-batch) must give the gradient of the batch run whole: the reference is the
 * one-pass computation (this model's 7 x 2 x 12^2 map cells are far below ModelTrainer.PASS_CELLS, so a batch
 * without a cap runs whole), with dropout off so that both see the same network.
 */
class MicroBatchTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(BackboneKind.SASREC, Variant.VALUE, Loss.BCE),
                Arguments.of(BackboneKind.SASREC, Variant.NONE, Loss.CE),
                Arguments.of(BackboneKind.STOSA, Variant.STOCHASTIC, Loss.BPR));
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("cases")
    void passesAddUpToTheWholeBatchsGradient(BackboneKind backbone, Variant variant, Loss loss) {
        ModelConfig config = new ModelConfig(variant, 30, 12, 8, 2, 2, 4, 0f, backbone, 0f, false);
        TrainingSettings settings = new TrainingSettings(1, 1, loss, 1e-3f, 7, 1, 0.5f);
        // 7 users of 3 to 17 items (the longest beyond maxlen 12, so passes have different windows)
        Random data = new Random(3);
        List<int[]> sequences = new ArrayList<>();
        List<BitSet> seen = new ArrayList<>();
        for (int len : new int[] {3, 17, 5, 4, 9, 12, 6}) {
            int[] s = new int[len];
            BitSet b = new BitSet();
            for (int i = 0; i < len; i++) {
                s[i] = 1 + data.nextInt(30);
                b.set(s[i]);
            }
            sequences.add(s);
            seen.add(b);
        }
        int[] order = {0, 1, 2, 3, 4, 5, 6};
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = TestModels.random(config, 11, m)) {
            params.setRequiresGradient(true);
            AwrsrNetwork network = new AwrsrNetwork(config, params);
            double whole = ModelTrainer.backward(network, settings, sequences, seen, order, 0, 7, new Random(5), 0,
                    ModelTrainer.PASS_CELLS);
            Map<String, float[]> expected = gradients(params);
            double passes = ModelTrainer.backward(network, settings, sequences, seen, order, 0, 7, new Random(5), 3,
                    ModelTrainer.PASS_CELLS);
            Map<String, float[]> actual = gradients(params);
            assertTrue(Double.isFinite(whole) && whole > 0, "loss " + whole);
            assertEquals(whole, passes, 1e-5 * whole, "the batch's loss is the sum of the passes' parts");
            awrsr.nn.GradientAsserts.assertClose(expected, actual, 1e-5, 1e-4);
        }
    }

    @org.junit.jupiter.api.Test
    void aBatchSplitsWhereItsMapsExceedTheCellBudget() {
        // 2^21 = 2,097,152 cells. n 200, 2 heads: 80,000 a sequence, 128 -> 64 -> 32 -> 16 (1.28 M) passes
        assertEquals(16, ModelTrainer.passSize(128, 200, 2, 0));
        assertEquals(16, ModelTrainer.passSize(31, 200, 2, 0));      // 31 x 80,000 = 2.48 M -> 16
        assertEquals(8, ModelTrainer.passSize(128, 200, 2, 8), "a cap below the rule wins");
        assertEquals(128, ModelTrainer.passSize(128, 50, 1, 0), "n 50, 1 head: 320,000 cells, one pass");
        assertEquals(32, ModelTrainer.passSize(128, 50, 1, 32));
        assertEquals(128, ModelTrainer.passSize(256, 50, 4, 0), "STOSA on Beauty: 2.56 M cells, halved once");
        assertEquals(1, ModelTrainer.passSize(4096, 5000, 8, 0), "one sequence over the budget still runs, alone");
        assertEquals(128, ModelTrainer.passSize(128, 200, 2, 0, Long.MAX_VALUE), "no budget (a GPU): whole batches");
    }

    /** Every parameter's gradient, then zeroed for the next computation. */
    private static Map<String, float[]> gradients(ParameterSet params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
            out.put(e.getKey(), e.getValue().getGradient().toFloatArray());
            GradientMode.zeroGradient(e.getValue());
        }
        return out;
    }
}
