package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gradient must not depend on what the JVM frees between the forward and the backward pass. The backward
 * pass reads what the forward pass saved; anything saved that lives in Java memory the program let go of
 * (DJL's constants from {@code mul(Number)} and kin: see {@link Scalars}) is freed by a collection and then
 * overwritten. Each test collects garbage, waits for the cleaner, and fills fresh direct buffers with junk
 * (the sizes the freed constants had) between the two passes, and compares with the same step undisturbed.
 * With Scalars calling DJL's Number methods instead, all 11 cases failed (a gradient of 7e21 in place of 3,
 * NaN, -1.00 in place of -1.32).
 */
class GradientAfterCollectionTest {
    /** One scalar product: its gradient is the constant, whatever happens between forward and backward. */
    @Test
    void aProductWithAConstantKeepsItsGradient() {
        for (int trial = 0; trial < 20; trial++) {
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                NDArray x = m.ones(new Shape(4));
                x.setRequiresGradient(true);
                GradientMode.backwardHere(() -> {
                    NDArray y = Scalars.mul(x, 3f).sum();
                    churn();
                    return y;
                });
                float[] g = x.getGradient().toFloatArray();
                for (float v : g) {
                    assertEquals(3f, v, "trial " + trial);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awrsr.nn.TestModels#all")
    void aCollectionBetweenForwardAndBackwardChangesNoGradient(ModelConfig config) {
        Map<String, float[]> undisturbed = gradients(config, false);
        Map<String, float[]> disturbed = gradients(config, true);
        // the same computation twice on the same thread: equal up to float order in the kernels
        GradientAsserts.assertClose(undisturbed, disturbed, 1e-6, 1e-5);
    }

    /**
     * Every parameter's gradient of a training-like objective (log-likelihood of each history's next item,
     * plus the backbone's pair regulariser, dropout on with a fixed seed).
     */
    private static Map<String, float[]> gradients(ModelConfig config, boolean disturb) {
        int[][] histories = {{3, 17, 5, 29, 1, 8, 12}, {4, 4, 9}, {2, 6, 10, 14, 18, 22, 26, 30, 1, 5, 7, 11, 13, 15}};
        int[][] next = {{17, 5, 29, 1, 8, 12, 20}, {4, 9, 21}, {6, 10, 14, 18, 22, 26, 30, 1, 5, 7, 11, 13, 15, 19}};
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = TestModels.random(config, 31, m)) {
            params.setRequiresGradient(true);
            AwrsrNetwork network = new AwrsrNetwork(config, params, new DropoutMasks(7));
            network.startStep();
            try (NDManager scope = network.scope()) {
                NDArray items = SequenceBatch.create(scope, histories, config.maxLen());
                NDArray positives = SequenceBatch.create(scope, next, config.maxLen());
                NDArray negatives = SequenceBatch.create(scope, new int[][] {{2}, {3}, {4}}, config.maxLen())
                        .get(":, -1:").repeat(1, config.maxLen());
                GradientMode.backwardHere(() -> {
                    NDArray hidden = network.forward(items, true, false).hidden();
                    NDArray likelihood = network.scoreAll(AwrsrNetwork.last(hidden)).logSoftmax(-1)
                            .get(":, 19:22").sum();
                    NDArray positive = network.scoreAt(hidden, positives);
                    NDArray target = likelihood.add(positive.sum());
                    NDArray pair = network.pairRegulariser(positive, positives, negatives);
                    if (pair != null) {
                        target = target.add(pair.sum());
                    }
                    if (disturb) {
                        churn();
                    }
                    return target;
                });
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
                out.put(e.getKey(), e.getValue().getGradient().toFloatArray());
            }
            return out;
        }
    }

    /** Frees what the JVM may free, then takes that memory back and overwrites it. */
    private static void churn() {
        System.gc();
        try {
            Thread.sleep(20);     // the cleaner frees direct buffers on its own thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 << (i % 4));   // 4 to 32 bytes
            for (int k = 0; k < b.capacity(); k++) {
                b.put(k, (byte) 0x5a);
            }
            junk.add(b);
        }
        assertTrue(junk.size() == 4000);
    }
}
