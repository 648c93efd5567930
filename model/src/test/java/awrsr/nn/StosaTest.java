package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invariants of the design note stosa-model.md, section 3.6, beyond those every backbone shares (AwrsrNetworkTest). */
class StosaTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static final long[] ITEMS = {0, 0, 0, 4, 9, 2, 7, 7, 13, 21, 30, 1};

    private static float[] hidden(ModelConfig config, Map<String, float[]> values) {
        try (ParameterSet params = ParameterSet.fromValues(config, values, manager)) {
            AwrsrNetwork net = new AwrsrNetwork(config, params);
            try (NDManager scope = net.scope()) {
                return net.forward(scope.create(ITEMS, new Shape(1, ITEMS.length)), false, false).hidden().toFloatArray();
            }
        }
    }

    @Test
    void additiveWithAClosedGateIsPlainStosaBitForBit() {
        ModelConfig plain = TestModels.small(BackboneKind.STOSA, Variant.NONE);
        ModelConfig additive = plain.withVariant(Variant.ADDITIVE);
        Map<String, float[]> base = TestModels.randomValues(plain, 4);
        Map<String, float[]> values = new LinkedHashMap<>(TestModels.randomValues(additive, 5));
        values.putAll(base);                                       // the same backbone, random U
        for (int l = 0; l < additive.layers(); l++) {
            float[] gamma = new float[additive.heads()];
            java.util.Arrays.fill(gamma, Float.NEGATIVE_INFINITY);   // g = σ(−∞) = 0
            values.put("block" + l + ".refine.gamma", gamma);
        }
        assertArrayEquals(hidden(plain, base), hidden(additive, values));
        values.put("block1.refine.gamma", new float[] {-2f, 0.5f});  // an open gate does change the output
        assertNotEquals(java.util.Arrays.toString(hidden(plain, base)), java.util.Arrays.toString(hidden(additive, values)));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void covariancesArePositiveEverywhere(Variant variant) {
        ModelConfig config = TestModels.small(BackboneKind.STOSA, variant);
        float[] h = hidden(config, TestModels.randomValues(config, 8));
        int d = config.dim();
        for (int t = 0; t < ITEMS.length; t++) {
            for (int e = d; e < 2 * d; e++) {
                assertTrue(h[t * 2 * d + e] > 0, "covariance at position " + t + ", column " + (e - d));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"NONE", "VALUE", "STOCHASTIC"})
    void withTheReferenceBugTheMeanOutputIsTheEmbeddingWhateverTheBlocksHold(Variant variant) {
        ModelConfig config = TestModels.small(BackboneKind.STOSA, variant).withBackbone(BackboneKind.STOSA, 0.1f, true);
        Map<String, float[]> values = TestModels.randomValues(config, 12);
        Map<String, float[]> otherBlocks = new LinkedHashMap<>(TestModels.randomValues(config, 13));
        for (String name : values.keySet()) {
            if (!name.startsWith("block")) {
                otherBlocks.put(name, values.get(name));
            }
        }
        int d = config.dim();
        float[] a = hidden(config, values);
        float[] b = hidden(config, otherBlocks);
        int n = config.maxLen();
        int[] padded = new int[n];
        for (int i = 0; i < ITEMS.length; i++) {
            padded[n - ITEMS.length + i] = (int) ITEMS[i];
        }
        ReferenceForward ref = ReferenceForward.of(config, values, padded);
        for (int t = 3; t < ITEMS.length; t++) {
            for (int e = 0; e < d; e++) {
                assertEquals(a[t * 2 * d + e], b[t * 2 * d + e], "mean at " + t + " must not depend on the blocks");
                assertEquals(ref.embeddedMean[n - ITEMS.length + t][e], a[t * 2 * d + e], 1e-5, "mean = X_mu at " + t);
            }
        }
        // the covariance stream still depends on the blocks, so the test above is not vacuous
        assertNotEquals(a[(ITEMS.length - 1) * 2 * d + d], b[(ITEMS.length - 1) * 2 * d + d]);
        // and without the bug the mean output is not the embedding
        ModelConfig fixed = config.withBackbone(BackboneKind.STOSA, 0.1f, false);
        float[] f = hidden(fixed, values);
        assertNotEquals(a[(ITEMS.length - 1) * 2 * d], f[(ITEMS.length - 1) * 2 * d]);
    }

    @Test
    void matmulFormWassersteinEqualsThePairwiseDefinition() {
        Random random = new Random(3);
        int h = 2;
        int m = 7;
        int k = 5;
        float[] qMu = gaussian(random, h * m * k, 2);
        float[] kMu = gaussian(random, h * m * k, 2);
        float[] qCov = positive(random, h * m * k);
        float[] kCov = positive(random, h * m * k);
        float[] got;
        try (NDManager scope = manager.newSubManager()) {
            Shape s = new Shape(1, h, m, k);
            got = Stosa.wasserstein(scope.create(qMu, s), scope.create(qCov, s), scope.create(kMu, s), scope.create(kCov, s))
                    .toFloatArray();
        }
        for (int head = 0; head < h; head++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double w = 0;
                    for (int e = 0; e < k; e++) {
                        int qi = (head * m + i) * k + e;
                        int kj = (head * m + j) * k + e;
                        double dm = qMu[qi] - kMu[kj];
                        double ds = Math.sqrt(qCov[qi]) - Math.sqrt(kCov[kj]);
                        w += dm * dm + ds * ds;
                    }
                    float actual = got[(head * m + i) * m + j];
                    assertEquals(w, actual, 1e-5 * Math.max(1, w), "W2 at head " + head + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void scoreAtEqualsTheFullScoresAndTheRegulariserIsTheHingeOfTwoDistances(BackboneKind backbone) {
        ModelConfig config = TestModels.small(backbone, Variant.VALUE);
        Map<String, float[]> values = TestModels.randomValues(config, 21);
        long[] positives = {5, 9, 30, 1};
        long[] negatives = {6, 2, 11, 17};
        try (ParameterSet params = ParameterSet.fromValues(config, values, manager)) {
            AwrsrNetwork net = new AwrsrNetwork(config, params);
            try (NDManager scope = net.scope()) {
                NDArray hidden = net.forward(scope.create(new long[] {3, 4, 8, 12}, new Shape(1, 4)), false, false).hidden();
                NDArray pos = scope.create(positives, new Shape(1, 4));
                NDArray neg = scope.create(negatives, new Shape(1, 4));
                float[] at = net.scoreAt(hidden, pos).toFloatArray();
                int width = Math.toIntExact(hidden.getShape().get(2));
                float[] all = net.scoreAll(hidden.reshape(4, width)).toFloatArray();
                for (int t = 0; t < 4; t++) {
                    float expected = all[t * (config.numItems() + 1) + (int) positives[t]];
                    assertEquals(expected, at[t], 1e-4 * Math.max(1, Math.abs(expected)), "position " + t);
                }
                NDArray reg = net.pairRegulariser(net.scoreAt(hidden, pos), pos, neg);
                if (backbone == BackboneKind.SASREC) {
                    assertEquals(null, reg, "SASRec has no pair regulariser");
                    return;
                }
                float[] regValues = reg.toFloatArray();
                float[] h = hidden.toFloatArray();
                int d = config.dim();
                float[] mu = values.get("item_mu");
                float[] cov = values.get("item_cov");
                int positiveHinges = 0;
                for (int t = 0; t < 4; t++) {
                    double seqToPos = -at[t];
                    double posToNeg = 0;
                    for (int e = 0; e < d; e++) {
                        double dm = mu[(int) positives[t] * d + e] - mu[(int) negatives[t] * d + e];
                        double ds = Math.sqrt(elu1(cov[(int) positives[t] * d + e])) - Math.sqrt(elu1(cov[(int) negatives[t] * d + e]));
                        posToNeg += dm * dm + ds * ds;
                    }
                    double expected = Math.max(0, seqToPos - posToNeg);
                    positiveHinges += expected > 0 ? 1 : 0;
                    assertEquals(expected, regValues[t], 1e-4 * Math.max(1, expected), "regulariser at " + t);
                }
                assertTrue(positiveHinges > 0, "no hinge active: the test would not see a wrong distance");
            }
        }
    }

    @Test
    void theStochasticMechanismIsStosasOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestModels.small(BackboneKind.SASREC, Variant.STOCHASTIC));
        assertTrue(e.getMessage().contains("stochastic") && e.getMessage().contains("STOSA"), e.getMessage());
        IllegalArgumentException bug = assertThrows(IllegalArgumentException.class,
                () -> TestModels.small(Variant.NONE).withBackbone(BackboneKind.SASREC, 0.2f, true));
        assertTrue(bug.getMessage().contains("STOSA"), bug.getMessage());
    }

    private static double elu1(double x) {
        return (x > 0 ? x : Math.expm1(x)) + 1;
    }

    private static float[] gaussian(Random random, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return v;
    }

    private static float[] positive(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.exp(random.nextGaussian());
        }
        return v;
    }
}
