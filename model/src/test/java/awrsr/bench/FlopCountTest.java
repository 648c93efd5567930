package awrsr.bench;

import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import awrsr.checkpoint.Loss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The FLOP model against products counted by hand for a tiny network (d 4, H 2, r 3, m 5, V 10, L 1). */
class FlopCountTest {
    private static ModelConfig config(Variant v, int layers) {
        return new ModelConfig(v, 10, 8, 4, layers, 2, 3, 0.2f);
    }

    @Test
    void plainAttentionCountsProjectionsFeedForwardAndTheTwoMapProducts() {
        // 6 projections of (5x4)(4x4): 6*2*5*4*4 = 960; Q.K^T and A.V over 2 heads of width 2: 2*2*25*4 = 400
        assertEquals(1360, FlopCount.forward(config(Variant.NONE, 1), 5, false, false));
        // scoring every item (and the padding row): 2*4*11
        assertEquals(1448, FlopCount.forward(config(Variant.NONE, 1), 5, true, true));
    }

    @Test
    void valueWeightedRefinementAddsCorrelationProductsTheSecondMixAndTheTraceProduct() {
        // Ahat.Uq, Ahat.Uk: 2*2*2*25*3 = 600; Qa.Ka^T: 2*2*25*3 = 300; R.(A.V): 2*25*4 = 200
        assertEquals(1360 + 600 + 300 + 200, FlopCount.forward(config(Variant.VALUE, 1), 5, false, false));
        // W = R.A for display: 2*2*25*5 = 500 per layer
        assertEquals(2 * (2460 + 500), FlopCount.forward(config(Variant.VALUE, 2), 5, true, false));
        // The other refining variants form no second mix and no W
        assertEquals(1360 + 900, FlopCount.forward(config(Variant.SIMPLE, 1), 5, true, false));
        assertEquals(1360 + 900, FlopCount.forward(config(Variant.ADDITIVE, 1), 5, true, false));
    }

    @Test
    void aTrainingStepIsThreeForwardPassesOfTheBatchAndItsLoss() {
        ModelConfig c = config(Variant.NONE, 1);
        // BCE: two dot products of width 4 at each of 3*5 positions: 2*2*3*5*4 = 240
        assertEquals(3 * (3 * 1360 + 240), FlopCount.trainingStep(c, 3, 5, 12, Loss.BCE));
        // CE: logits over 11 items at the 12 real positions: 2*12*4*11 = 1056
        assertEquals(3 * (3 * 1360 + 1056), FlopCount.trainingStep(c, 3, 5, 12, Loss.CE));
    }
}
