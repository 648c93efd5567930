package awrsr.app.view;

import awrsr.infer.Explanation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What each importance row ends with, with and without occlusion. */
class ImportanceViewTest {
    private static Explanation.Signal signal(String id, double withLoo, double withOcclusion) {
        return new Explanation.Signal(id, id, "", new double[] {1, 2}, withLoo, withOcclusion);
    }

    @Test
    void rowsEndWithTheirLargestValueOrTheirCorrelations() {
        assertEquals("max 1.240", ImportanceView.rightLabel(signal(Explanation.LEAVE_ONE_OUT, 1, 0.225), 1.24, true));
        assertEquals("max 0.237 · ρ +0.23",
                ImportanceView.rightLabel(signal(Explanation.OCCLUSION, 0.225, 1), 0.237, true));
        assertEquals("ρ -0.38 · occ +0.38",
                ImportanceView.rightLabel(signal(Explanation.REFINED_LAST, -0.384, 0.381), 0.1, true));
        assertEquals("ρ -0.38", ImportanceView.rightLabel(signal(Explanation.REFINED_LAST, -0.384, Double.NaN), 0.1, false));
    }
}
