package awrsr.analysis;

import awrsr.data.DatasetLoader;
import awrsr.data.ItemCatalog;
import awrsr.data.LeaveOneOutSplit;
import awrsr.infer.Recommender;
import awrsr.nn.ItemIndex;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.TestModels;
import awrsr.nn.Variant;
import awrsr.testing.PlantedData;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetAnalysisTest {
    @TempDir
    Path dir;

    private static Recommender model(NDManager manager) {
        ModelConfig config = new ModelConfig(Variant.VALUE, PlantedData.ITEMS, 12, 8, 2, 2, 4, 0.2f);
        try (ParameterSet params = TestModels.random(config, 5, manager)) {
            return Recommender.of(config, new ItemIndex(IntStream.rangeClosed(1, PlantedData.ITEMS).toArray()),
                    ItemCatalog.empty(), params);
        }
    }

    /** Users explained on three threads at a time give the one-thread analysis, user for user, in order. */
    @Test
    void threadsChangeNothingButTheTime() throws IOException {
        LeaveOneOutSplit split = new LeaveOneOutSplit(DatasetLoader.load(PlantedData.write(dir, 40, 3)));
        try (NDManager manager = NDManager.newBaseManager(); Recommender model = model(manager)) {
            List<Integer> told = new ArrayList<>();
            DatasetAnalysis.Result one = DatasetAnalysis.run(model, split, Integer.MAX_VALUE, 1, (d, of) -> {});
            DatasetAnalysis.Result three = DatasetAnalysis.run(model, split, Integer.MAX_VALUE, 3,
                    (d, of) -> told.add(d));
            assertEquals(40, one.users().length);
            assertArrayEquals(one.users(), three.users());
            assertArrayEquals(one.historyLengths(), three.historyLengths());
            assertEquals(one.correlations().keySet(), three.correlations().keySet());
            one.correlations().forEach((k, v) -> assertArrayEquals(v, three.correlations().get(k), 1e-9, k));
            for (int l = 0; l < 2; l++) {
                for (int h = 0; h < 2; h++) {
                    for (int s = 0; s < HeadStatistics.NAMES.length; s++) {
                        assertArrayEquals(one.heads()[l][h][s], three.heads()[l][h][s], 1e-9);
                    }
                }
            }
            assertEquals(IntStream.rangeClosed(1, 40).boxed().toList(), told, "progress once per user, in order");
        }
    }

    /** Asked to stop, the analysis stops (and waits for the explanations in flight before it returns). */
    @Test
    void cancelStopsItOnEveryThreadCount() throws IOException {
        LeaveOneOutSplit split = new LeaveOneOutSplit(DatasetLoader.load(PlantedData.write(dir, 40, 3)));
        try (NDManager manager = NDManager.newBaseManager(); Recommender model = model(manager)) {
            for (int threads : new int[] {1, 2}) {
                int[] seen = {0};
                CancellationException e = assertThrows(CancellationException.class, () ->
                        DatasetAnalysis.run(model, split, Integer.MAX_VALUE, threads, new DatasetAnalysis.Progress() {
                            @Override public void done(int users, int of) {
                                seen[0] = users;
                            }

                            @Override public boolean cancelled() {
                                return seen[0] >= 5;
                            }
                        }));
                assertTrue(e.getMessage().contains("after 5 of 40"), e.getMessage());
            }
        }
    }
}
