package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first block read from a {@link Splice} gives what the whole forward pass computes, for every window
 * spliced from a reference and a later window at every point, every SASRec mechanism, one and two blocks,
 * windows filling maxlen and shorter ones.
 */
class SpliceTest {

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"NONE", "SIMPLE", "VALUE", "ADDITIVE"})
    void everySplicedWindowEqualsItsWholePass(Variant variant) {
        for (int layers = 1; layers <= 2; layers++) {
            ModelConfig config = new ModelConfig(variant, 30, 12, 8, layers, 2, 4, 0.2f);
            for (int m : new int[] {12, 7}) {
                Random random = new Random(31L * m + layers);
                long[] reference = new long[m];
                long[] later = new long[m];
                for (int c = 0; c < m; c++) {
                    reference[c] = 1 + random.nextInt(30);
                    later[c] = c % 4 == 1 ? reference[c] : 1 + random.nextInt(30);   // some columns alike
                }
                int windows = m + 1;                       // spliced at p = -1 (all later) .. m - 1 (the reference)
                long[] items = new long[windows * m];
                int[] points = new int[windows];
                for (int p = -1; p < m; p++) {
                    points[p + 1] = p;
                    for (int c = 0; c < m; c++) {
                        items[(p + 1) * m + c] = c <= p ? reference[c] : later[c];
                    }
                }
                String what = variant.id() + ", " + layers + " block(s), m = " + m;
                try (NDManager scope = NDManager.newBaseManager(Device.cpu());
                     ParameterSet params = TestModels.random(config, 7 + layers, scope)) {
                    AwrsrNetwork net = new AwrsrNetwork(config, params);
                    // the windows spliced at p >= 5 share the reference's columns [0, 5)
                    assertSplicedEqualsWhole(net, scope, Splice.of(net, reference, later), reference, items, points,
                            5, 6, what);
                }
            }
        }
    }

    /**
     * Occlusion's windows (one window with one column masked, at every column) read from {@link Splice#masked}
     * give what the whole forward pass computes: every row, the newest alone, and a pass over the rows from a
     * column on whose earlier rows come from the unmasked window's pass.
     */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"NONE", "SIMPLE", "VALUE", "ADDITIVE"})
    void everyMaskedWindowEqualsItsWholePass(Variant variant) {
        for (int layers = 1; layers <= 2; layers++) {
            ModelConfig config = new ModelConfig(variant, 30, 12, 8, layers, 2, 4, 0.2f);
            for (int m : new int[] {12, 7}) {
                Random random = new Random(37L * m + layers);
                long[] window = new long[m];
                for (int c = 0; c < m; c++) {
                    window[c] = 1 + random.nextInt(30);
                }
                long[] items = new long[m * m];
                int[] points = new int[m];
                for (int p = 0; p < m; p++) {
                    points[p] = p;
                    for (int c = 0; c < m; c++) {
                        items[p * m + c] = c == p ? 0 : window[c];
                    }
                }
                String what = variant.id() + ", " + layers + " block(s), m = " + m;
                try (NDManager scope = NDManager.newBaseManager(Device.cpu());
                     ParameterSet params = TestModels.random(config, 3 + layers, scope)) {
                    AwrsrNetwork net = new AwrsrNetwork(config, params);
                    // the windows masked at p >= 4 share the window's columns [0, 4)
                    assertSplicedEqualsWhole(net, scope, Splice.masked(net, window, null), window, items, points,
                            4, 4, what);
                }
            }
        }
    }

    /**
     * The windows {@code items} (row-major, m columns each) with their first block read from {@code splice} at
     * {@code points} give the whole pass's rows (every row, and the newest alone); and so does a pass over rows
     * [from, m) of the windows from {@code firstSharing} on, which share {@code reference}'s columns before
     * {@code from}, their earlier rows taken from the reference's pass.
     */
    private static void assertSplicedEqualsWhole(AwrsrNetwork net, NDManager scope, Splice splice, long[] reference,
                                                 long[] items, int[] points, int from, int firstSharing, String what) {
        int m = reference.length;
        int windows = points.length;
        NDArray batch = scope.create(items, new Shape(windows, m));
        for (boolean newestOnly : new boolean[] {false, true}) {
            float[] whole = net.forwardRows(batch, 0, KeyRows.NONE, newestOnly).hidden().toFloatArray();
            float[] spliced = net.forwardRows(batch, 0, KeyRows.spliced(KeyRows.NONE, splice, points),
                    newestOnly).hidden().toFloatArray();
            assertArrayEquals(whole, spliced, 1e-5f, what + (newestOnly ? ", newest row" : ", every row"));
        }
        KeyRows.Recorded prefix = KeyRows.record();
        net.forwardRows(scope.create(reference, new Shape(1, m)), 0, prefix, true);
        long[] tail = java.util.Arrays.copyOfRange(items, firstSharing * m, windows * m);
        int[] tailPoints = java.util.Arrays.copyOfRange(points, firstSharing, windows);
        NDArray rows = scope.create(tail, new Shape(tailPoints.length, m));
        float[] whole = net.forwardRows(rows, 0, KeyRows.NONE, true).hidden().toFloatArray();
        float[] spliced = net.forwardRows(rows, from, KeyRows.spliced(prefix.extend(from), splice, tailPoints),
                true).hidden().toFloatArray();
        assertArrayEquals(whole, spliced, 1e-5f, what + ", rows from " + from);
    }

    /**
     * Logits hundreds apart: the rows of some spliced window weigh next to nothing against the largest logit of
     * the row in either window, so no splice is made (the passes compute the first block); a tame model's is.
     */
    @Test
    void noSpliceWhenARowsWeightsWouldFallBelowFloatRange() {
        ModelConfig config = new ModelConfig(Variant.VALUE, 30, 12, 8, 2, 2, 4, 0.2f);
        java.util.Map<String, float[]> values = TestModels.randomValues(config, 5);
        long[] reference = {3, 17, 8, 25, 1, 9, 14, 30, 2, 6, 21, 12};
        long[] later = {17, 8, 25, 1, 9, 14, 30, 2, 6, 21, 12, 4};
        try (NDManager scope = NDManager.newBaseManager(Device.cpu())) {
            try (ParameterSet params = ParameterSet.fromValues(config, values, scope)) {
                org.junit.jupiter.api.Assertions.assertNotNull(Splice.of(new AwrsrNetwork(config, params), reference, later));
            }
            for (float[] w : new float[][] {values.get("block0.attn.wq"), values.get("block0.attn.wk")}) {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= 60;
                }
            }
            try (ParameterSet params = ParameterSet.fromValues(config, values, scope)) {
                org.junit.jupiter.api.Assertions.assertNull(Splice.of(new AwrsrNetwork(config, params), reference, later));
            }
        }
    }

    @Test
    void onlyTheSasrecMechanismsWithoutPaddingAreSpliced() {
        assertTrue(Splice.supports(TestModels.small(Variant.VALUE)));
        assertFalse(Splice.supports(TestModels.small(BackboneKind.STOSA, Variant.NONE)));
        assertFalse(Splice.supports(TestModels.small(BackboneKind.STOSA, Variant.VALUE)));
        ModelConfig config = TestModels.small(Variant.SIMPLE);
        try (NDManager scope = NDManager.newBaseManager(Device.cpu()); ParameterSet params = TestModels.random(config, 3, scope)) {
            AwrsrNetwork net = new AwrsrNetwork(config, params);
            assertThrows(IllegalArgumentException.class, () -> Splice.of(net, new long[] {0, 3, 4}, new long[] {2, 3, 4}));
            assertThrows(IllegalArgumentException.class, () -> Splice.of(net, new long[] {1, 3}, new long[] {2, 3, 4}));
        }
    }
}
