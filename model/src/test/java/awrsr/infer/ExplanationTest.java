package awrsr.infer;

import ai.djl.Device;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.eval.Evaluator;
import awrsr.util.Home;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Explanations of the shipped AWRSR model against separate predictions, and rollout by hand. */
class ExplanationTest {
    private static Recommender model;
    private static Dataset data;

    @BeforeAll
    static void load() throws IOException {
        model = Recommender.load(Home.home().resolve("assets/models/awrsr-value"), Device.cpu());
        data = DatasetLoader.loadShipped();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<Integer> history(int user) {
        return Arrays.stream(data.sequence(data.rowOfUser(user))).boxed().toList();
    }

    /** Every leave-one-out value is the score difference of two separate predict calls (to 1e-5). */
    private static void leaveOneOutIsTheDifferenceOfSeparatePredictions(List<Integer> items, Integer target,
                                                                        int[] positions) {
        Explanation x = model.explain(items, target);
        Prediction whole = model.predict(items, 1, true, false);
        int ti = model.itemIndex().indexOf(x.target());
        // the traced pass forms every row's A V and Â U_k, the newest-row pass works through the one query row:
        // the same score summed in another order
        assertEquals(whole.scores()[ti], x.score(), 1e-5f);
        double[] loo = x.signal(Explanation.LEAVE_ONE_OUT).values();
        assertEquals(x.items().size(), loo.length);
        for (int i : positions) {
            List<Integer> without = new ArrayList<>(items);
            without.remove(x.droppedFromFront() + i);
            Prediction p = model.predict(without, 1, true, false);
            assertEquals(whole.scores()[ti] - p.scores()[ti], loo[i], 1e-5, "position " + i);
            assertEquals(Evaluator.fullRank(p.scores(), ti, whole.excluded()), x.rankWithout()[i], "position " + i);
        }
    }

    @Test
    void leaveOneOutOfEveryItemOfUser11() {
        int[] all = new int[history(11).size()];
        Arrays.setAll(all, i -> i);
        leaveOneOutIsTheDifferenceOfSeparatePredictions(history(11), null, all);
    }

    @Test
    void leaveOneOutInAFullWindowLetsAnOlderItemIn() {
        List<Integer> longest = history(73);            // 1,610 items: the window of 200 slides
        assertTrue(longest.size() > 200);
        leaveOneOutIsTheDifferenceOfSeparatePredictions(longest, 1, new int[] {0, 1, 77, 198, 199});
    }

    @Test
    void theTargetIsTheTopItemUnlessPinnedAndEverySignalHasAValuePerItem() {
        Explanation top = model.explain(history(11), null);
        assertEquals(model.predict(history(11), 1, true, false).top().get(0).item(), top.target());
        assertEquals(0, top.rank());
        assertEquals(List.of(Explanation.LEAVE_ONE_OUT, Explanation.GRADIENT, Explanation.RAW_LAST,
                Explanation.REFINED_LAST, Explanation.ROLLOUT_RAW, Explanation.ROLLOUT_REFINED),
                top.signals().stream().map(Explanation.Signal::id).toList());
        for (Explanation.Signal s : top.signals()) {
            assertEquals(38, s.values().length, s.id());
        }
        assertEquals(1.0, top.signal(Explanation.LEAVE_ONE_OUT).spearmanWithLoo(), 1e-12);
        Explanation pinned = model.explain(history(11), 260);
        assertTrue(pinned.pinned());
        assertEquals(260, pinned.target());
        assertThrows(UnknownItemException.class, () -> model.explain(history(11), 999_999));
    }

    @Test
    void rolloutOfAHandComputedThreeItemExample() {
        // layer 1, one head; layer 2, two heads (averaged to rows [1,0,0], [0.5,0.5,0], [0.3,0.2,0.5])
        float[][] a1 = {{1, 0, 0}, {0.8f, 0.2f, 0}, {0.2f, 0.3f, 0.5f}};
        float[][] h1 = {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}};
        float[][] h2 = {{1, 0, 0}, {0, 1, 0}, {0.6f, 0.4f, 0}};
        List<List<float[][]>> layers = List.of(List.<float[][]>of(a1), List.of(h1, h2));
        double[] last = Rollout.row(layers, 2);
        // Â1 = 0.5 A1 + 0.5 I = [1,0,0; 0.4,0.6,0; 0.1,0.15,0.75]; Â2 = [1,0,0; 0.25,0.75,0; 0.15,0.1,0.75]
        // last row of Â2 Â1 = 0.15 [1,0,0] + 0.1 [0.4,0.6,0] + 0.75 [0.1,0.15,0.75] = [0.265, 0.1725, 0.5625]
        // (the other order, Â1 Â2, would give [0.25, 0.1875, 0.5625])
        assertEquals(0.265, last[0], 1e-6);
        assertEquals(0.1725, last[1], 1e-6);
        assertEquals(0.5625, last[2], 1e-6);
        // row 1: 0.25 [1,0,0] + 0.75 [0.4,0.6,0] = [0.55, 0.45, 0]
        double[] second = Rollout.row(layers, 1);
        assertEquals(0.55, second[0], 1e-6);
        assertEquals(0.45, second[1], 1e-6);
    }
}
