package awrsr.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import awrsr.data.ItemCatalog;
import awrsr.nn.ItemIndex;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.TestModels;
import awrsr.nn.Variant;
import awrsr.util.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every cell the arithmetic panel computes equals the network's own map to 1e-6. */
class CellArithmeticTest {

    private static void eachCellAgrees(AttentionTrace t, int m) {
        int[][] cells = {{0, 0}, {1, 0}, {m / 2, m / 4}, {m - 1, 0}, {m - 1, m / 2}, {m - 1, m - 1}};
        for (int l = 0; l < t.layerCount(); l++) {
            for (int h = 0; h < t.headCount(); h++) {
                HeadTrace head = t.head(l, h);
                for (HeadTrace.TraceMap map : head.maps()) {
                    for (int[] c : cells) {
                        CellArithmetic.Cell cell = CellArithmetic.explain(head, map.id(), c[0], c[1]);
                        assertEquals(map.values()[c[0]][c[1]], cell.value(), 1e-6,
                                map.id() + " L" + l + "H" + h + " [" + c[0] + "," + c[1] + "]");
                    }
                }
            }
        }
    }

    @Test
    void theShippedValueModelOnUser11() throws Exception {
        List<Integer> items = List.of(2001, 1027, 1918, 1924, 1061, 10, 7, 38, 1, 260, 1196, 2571);
        try (Recommender r = Recommender.load(Home.home().resolve("assets/models/awrsr-value"), Device.cpu())) {
            Prediction p = r.predict(items, 1, true, true);
            eachCellAgrees(p.trace(), items.size());
            HeadTrace head = p.trace().head(1, 0);
            CellArithmetic.Cell w = CellArithmetic.explain(head, HeadTrace.REFINED, 11, 3);
            assertEquals(9, w.terms().size(), "k from j = 3 to i = 11");
            assertEquals(w.terms().stream().mapToDouble(CellArithmetic.Term::product).sum(), w.value(), 1e-12);
            assertThrows(IllegalArgumentException.class, () -> CellArithmetic.explain(head, HeadTrace.RAW, 2, 5));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("awrsr.nn.TestModels#all")
    void everyMechanismOnARandomModel(ModelConfig config) {
        ItemIndex index = new ItemIndex(IntStream.rangeClosed(1, config.numItems()).toArray());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             ParameterSet params = TestModels.random(config, 9, manager);
             Recommender r = Recommender.of(config, index, ItemCatalog.empty(), params)) {
            List<Integer> items = List.of(3, 17, 5, 5, 29, 1, 8);
            eachCellAgrees(r.predict(items, 3, false, true).trace(), items.size());
        }
    }
}
