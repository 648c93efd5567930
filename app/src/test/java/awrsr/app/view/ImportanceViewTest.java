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

    /**
     * Hovering an item lists each signal's value; the newest item's occlusion says it was scored from the row
     * before (its own row is the one predicted from), the others' do not; a value a signal lacks reads "none"; a
     * row's highest item says so.
     */
    @Test
    void theNewestItemsOcclusionSaysWhereItWasScoredFrom() {
        Explanation x = new Explanation(java.util.List.of(4, 7), 0, 9, false, 2f, 0, new int[] {3, 1},
                java.util.List.of(new Explanation.Signal(Explanation.LEAVE_ONE_OUT, "Leave-one-out", "",
                                new double[] {Double.NaN, 0.25}, Double.NaN, Double.NaN),
                        new Explanation.Signal(Explanation.OCCLUSION, "Occlusion", "", new double[] {-0.5, 1.5},
                                Double.NaN, 1)), null);
        String n = System.lineSeparator();
        assertEquals(n + "Leave-one-out: none" + n + "Occlusion: -0.5000", ImportanceView.signalLines(x, 0));
        assertEquals(n + "Leave-one-out: +0.2500  ▼ the row's highest  (rank without it: 2, with it: 1)" + n
                + "Occlusion: +1.5000  ▼ the row's highest  (its row is the one predicted from: scored from the row "
                + "before)", ImportanceView.signalLines(x, 1));
    }
}
