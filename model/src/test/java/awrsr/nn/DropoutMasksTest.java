package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java-drawn dropout masks: the rate, the scale that keeps expectations, and determinism per seed. */
class DropoutMasksTest {
    @Test
    void dropsTheRateOfElementsIndependentlyAndTheScaleKeepsTheMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(64, 2, 50, 51);                 // 326,400 elements, not a multiple of 4
            DropoutMasks masks = new DropoutMasks(3);
            NDArray keep = masks.keep(m, shape, 0.2f);
            assertEquals(DataType.BOOLEAN, keep.getDataType());
            assertEquals(shape, keep.getShape());
            boolean[] k = keep.toBooleanArray();
            long kept = 0;
            long pairs = 0;
            for (int i = 0; i < k.length; i++) {
                kept += k[i] ? 1 : 0;
                pairs += i > 0 && k[i] && k[i - 1] ? 1 : 0;
            }
            double p = (double) kept / k.length;
            // binomial standard deviation at n = 326,400: 0.0007; six of them
            assertEquals(0.8, p, 0.0042, "keep probability");
            assertEquals(0.64, (double) pairs / (k.length - 1), 0.006, "neighbours kept independently");
            assertEquals(1 / 0.8, DropoutMasks.scale(0.2f), 1e-4, "the scale inverts the keep probability");
            // the mask times the scale leaves a constant's mean where it was
            NDArray ones = m.ones(shape);
            assertEquals(1.0, ones.mul(keep).mul(DropoutMasks.scale(0.2f)).mean().getFloat(), 0.006);
        }
    }

    @Test
    void theSameSeedGivesTheSameMasksAndConsecutiveMasksDiffer() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(3, 7, 11);
            DropoutMasks a = new DropoutMasks(42);
            DropoutMasks b = new DropoutMasks(42);
            boolean[] first = a.keep(m, shape, 0.5f).toBooleanArray();
            assertArrayEquals(first, b.keep(m, shape, 0.5f).toBooleanArray());
            boolean[] second = a.keep(m, shape, 0.5f).toBooleanArray();
            assertFalse(java.util.Arrays.equals(first, second));
            // within a step, an earlier mask is not changed by drawing the next one (each has its buffer)
            NDArray held = a.keep(m, shape, 0.5f);
            boolean[] before = held.toBooleanArray();
            a.keep(m, new Shape(3, 7, 12), 0.5f);
            a.keep(m, shape, 0.5f);
            assertArrayEquals(before, held.toBooleanArray());
        }
    }

    @Test
    void buffersAreReusedAfterNewStepAndAStepWithoutItIsRefusedEventually() {
        try (NDManager m = NDManager.newBaseManager()) {
            DropoutMasks masks = new DropoutMasks(5);
            Shape shape = new Shape(100);
            java.util.Set<Long> addresses = new java.util.HashSet<>();
            for (int step = 0; step < 3000; step++) {       // would be 6000 buffers without reuse
                masks.newStep();
                try (NDManager scope = m.newSubManager()) {
                    masks.keep(scope, shape, 0.2f);
                    masks.keep(scope, shape, 0.2f);
                }
                addresses.addAll(masks.bufferAddresses());
            }
            assertEquals(2, masks.pooledBuffers(), "two masks a step: two buffers");
            assertEquals(2, addresses.size(), "the same two buffers in every step");
            masks.newStep();
            for (int i = 0; i < DropoutMasks.MAX_MASKS_PER_STEP; i++) {
                masks.keep(m, new Shape(1), 0.2f);
            }
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> masks.keep(m, new Shape(1), 0.2f));
            assertTrue(e.getMessage().contains("newStep"), e.getMessage());
        }
    }

    /**
     * The draws are the JDK's SplittableRandom stream for the same seed (the masks of every training so far
     * came from it), and a mask drawn by a new object seeded with a saved {@link DropoutMasks#state()} is the one the
     * first object draws next.
     */
    @Test
    void theDrawsAreSplittableRandomsAndAResumedObjectContinuesThem() {
        for (long seed : new long[] {0, 1, -7, 7919L * 3 + 1, Long.MAX_VALUE}) {
            java.util.SplittableRandom jdk = new java.util.SplittableRandom(seed);
            DropoutMasks masks = new DropoutMasks(seed);
            for (int i = 0; i < 10_000; i++) {
                assertEquals(jdk.nextLong(), masks.nextLong(), "seed " + seed + ", draw " + i);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(5, 13);                            // 65: not a multiple of 4
            DropoutMasks first = new DropoutMasks(42);
            first.keep(m, shape, 0.3f);
            DropoutMasks resumed = new DropoutMasks(first.state());
            assertArrayEquals(first.keep(m, shape, 0.3f).toBooleanArray(), resumed.keep(m, shape, 0.3f).toBooleanArray());
        }
    }

    @Test
    void rateZeroKeepsEverythingAndTheQuantisationIsFine() {
        try (NDManager m = NDManager.newBaseManager()) {
            boolean[] all = new DropoutMasks(1).keep(m, new Shape(1000), 0f).toBooleanArray();
            for (boolean b : all) {
                assertTrue(b);
            }
        }
        assertEquals(13107, DropoutMasks.threshold(0.2f));
        assertEquals(1 / (1 - 13107 / 65536.0), DropoutMasks.scale(0.2f), 1e-6);
    }
}
