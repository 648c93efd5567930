package awrsr.app.view;

import awrsr.app.MainWindow;
import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.app.vm.CompareViewModel;
import awrsr.app.vm.EvaluationViewModel;
import awrsr.app.vm.WorkbenchViewModel;
import awrsr.cli.Main;
import awrsr.data.Dataset;
import awrsr.data.LeaveOneOutSplit;
import awrsr.eval.Protocol;
import awrsr.infer.Prediction;
import awrsr.infer.RankedItem;
import awrsr.infer.Recommender;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Training, evaluation and comparison inside the window, headless. */
@ExtendWith(ApplicationExtension.class)
class TrainEvaluateCompareTest {
    private WorkbenchViewModel vm;
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        vm = Windows.viewModel();
        window = Windows.show(stage, vm);
        WorkbenchApp.openDefaults(vm, TestPaths.valueModel());
    }

    @AfterEach
    void stop() {
        window.training().shutdown(30_000);
        vm.shutdown();
    }

    private static void waitFor(int seconds, Supplier<Boolean> condition) throws Exception {
        Windows.waitFor(seconds, condition);
    }

    /** A small dataset where item a (1..10) is always followed by a + 20, in the generic CSV layout. */
    private Path plantedData() throws Exception {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        for (int u = 1; u <= 120; u++) {
            int item = 1 + random.nextInt(40);
            for (int k = 0; k < 12 + random.nextInt(10); k++) {
                csv.append(u).append(',').append(item).append(',').append(1000 + k).append('\n');
                item = item <= 10 ? item + 20 : 1 + random.nextInt(40);
            }
        }
        Path folder = dir.resolve("planted");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("interactions.csv"), csv);
        return folder;
    }

    @Test
    void trainingFromThePaneDrawsChartsCanBeCancelledAndLeavesALoadableCheckpoint(FxRobot robot) throws Exception {
        waitFor(60, () -> vm.result() != null);
        Path data = plantedData();
        Path out = dir.resolve("trained");
        robot.interact(() -> {
            vm.editor().load(List.of(3, 23, 5, 25, 7), "test sequence");
            var t = window.training();
            t.dataProperty().set(data.toString());
            t.epochsProperty().set("500");
            t.maxLenProperty().set("16");
            t.dimProperty().set("16");
            t.layersProperty().set("1");
            t.headsProperty().set("2");
            t.refineDimProperty().set("8");
            t.batchProperty().set("32");
            t.outProperty().set(out.toString());
            window.tabs().getSelectionModel().select(1);
        });
        robot.interact(() -> {      // typed into the form: they reach the optimiser's recipe and the checkpoint
            robot.lookup("#train-weight-decay").queryAs(javafx.scene.control.TextField.class).setText("0.0001");
            robot.lookup("#train-beta2").queryAs(javafx.scene.control.TextField.class).setText("0.99");
            robot.lookup("#train-init").queryAs(javafx.scene.control.ChoiceBox.class).setValue("pytorch");
        });
        robot.clickOn("#train-preview");
        waitFor(30, () -> !window.training().previewRows().isEmpty());
        assertTrue(window.training().previewSummaryProperty().get().contains("120 users"));

        robot.clickOn("#train-start");
        waitFor(120, () -> window.trainPane().lossSeries().getItemCount() >= 3
                && window.training().snapshots().size() >= 3);
        assertTrue(window.trainPane().ndcgSeries().getItemCount() >= 3);
        assertTrue(window.training().runningProperty().get());
        // the line to beat, and whole epochs on the axis
        double[] pop = window.training().popularityProperty().get();
        assertNotNull(pop);
        assertTrue(pop[0] > 0 && pop[0] < 1 && pop[1] > 0 && pop[1] < pop[0], java.util.Arrays.toString(pop));
        var markers = window.trainPane().metricsChart().getXYPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        assertEquals(2, markers.size());
        assertEquals(pop[0], ((org.jfree.chart.plot.ValueMarker) markers.iterator().next()).getValue(), 0.0);
        var axis = (org.jfree.chart.axis.NumberAxis) window.trainPane().metricsChart().getXYPlot().getDomainAxis();
        assertEquals(Math.rint(axis.getTickUnit().getSize()), axis.getTickUnit().getSize(), 0.0, "integer epoch ticks");
        robot.clickOn("#train-cancel");
        waitFor(60, () -> !window.training().runningProperty().get());
        assertTrue(window.training().progressTextProperty().get().startsWith("Cancelled"),
                window.training().progressTextProperty().get());
        assertNotNull(window.training().checkpointProperty().get());
        assertEquals(1e-4f, window.training().checkpointProperty().get().settings().weightDecay());
        assertEquals(0.99f, window.training().checkpointProperty().get().settings().beta2());
        assertEquals(awrsr.nn.Init.PYTORCH, window.training().checkpointProperty().get().settings().init());
        try (Recommender trained = Recommender.load(out, null)) {
            assertEquals(3, trained.predict(List.of(1, 2), 3, true, false).top().size());
        }
        // scrubbing back to the first epoch shows that epoch's maps
        robot.interact(() -> window.trainPane().epochSlider().setValue(0));
        assertTrue(window.trainPane().snapshotRefined().title().endsWith("epoch 1"),
                window.trainPane().snapshotRefined().title());
        float[][] first = window.training().snapshots().get(0).trace().head(0, 0).refined();
        assertEquals(first.length, window.trainPane().snapshotRefined().values().length);
        assertEquals(first[4][2], window.trainPane().snapshotRefined().values()[4][2]);
    }

    @Test
    void evaluationTableShowsExactlyWhatTheCommandLinePrints(FxRobot robot) throws Exception {
        waitFor(60, () -> vm.result() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        robot.clickOn("#eval-run");
        waitFor(180, () -> window.evaluation().metrics().size() == 4);
        for (Protocol protocol : Protocol.values()) {
            JsonObject cli = evaluateJson(protocol);
            List<EvaluationViewModel.MetricsRow> rows = window.evaluation().metrics().stream()
                    .filter(r -> r.protocol().equals(protocol.id())).toList();
            assertEquals(2, rows.size());
            for (EvaluationViewModel.MetricsRow row : rows) {
                JsonObject expected = cli.getAsJsonObject(row.name().equals("popularity") ? "popularity" : "metrics");
                for (var e : row.metrics().entrySet()) {
                    assertEquals(expected.get(e.getKey()).getAsDouble(), e.getValue(), 0.0,
                            row.name() + " " + protocol.id() + " " + e.getKey());
                }
                int index = window.evaluatePane().metricsTable().getItems().indexOf(row);
                String shown = (String) window.evaluatePane().metricsTable().getColumns().get(3).getCellData(index);
                assertEquals(EvaluatePane.format(expected.get("HR@10").getAsDouble()), shown);
            }
        }
        assertEquals(cliUsers(), window.evaluation().users().size());
        errorSlices(robot);
    }

    /** Slices, the rank histogram, filters and the CSV export, against hand computations from the user rows. */
    private void errorSlices(FxRobot robot) throws Exception {
        EvaluationViewModel e = window.evaluation();
        List<EvaluationViewModel.UserRow> users = List.copyOf(e.users());
        assertEquals(users.size(), e.slices().stream().mapToInt(EvaluationViewModel.SliceRow::users).sum(),
                "history-length slices partition the users");
        EvaluationViewModel.SliceRow shortest = e.slices().get(0);
        assertEquals("10-19", shortest.slice(), "MovieLens users rated at least 20 films: no history is shorter");
        List<EvaluationViewModel.UserRow> in = users.stream().filter(u -> u.historyLength() < 20).toList();
        assertEquals(in.size(), shortest.users());
        assertEquals(in.stream().filter(u -> u.rank() <= 10).count() / (double) in.size(), shortest.hr10(), 1e-12);
        assertEquals(users.size(), java.util.Arrays.stream(e.rankHistogramProperty().get()).sum());
        assertEquals(users.stream().filter(u -> u.rank() == 1).count(), e.rankHistogramProperty().get()[0]);

        // what the model predicted instead: its top item for the same history
        Dataset data = vm.datasetProperty().get();
        LeaveOneOutSplit split = new LeaveOneOutSplit(data);
        for (EvaluationViewModel.UserRow u : users.subList(0, 3)) {
            List<Integer> history = java.util.Arrays.stream(split.testInput(data.rowOfUser(u.user()))).boxed().toList();
            assertEquals(vm.model().predict(history, 1, true, false).top().get(0).item(), u.predicted(), "user " + u.user());
        }

        robot.interact(() -> e.missedAtProperty().set(10));
        assertEquals(users.stream().filter(u -> u.rank() > 10).count(), e.shownUsers().size());
        robot.interact(() -> {
            e.dimensionProperty().set(EvaluationViewModel.Dimension.GENRE);
            e.sliceProperty().set("Comedy");
        });
        assertTrue(e.shownUsers().stream().allMatch(u -> u.rank() > 10 && u.targetGenres().contains("Comedy")));
        Path csv = dir.resolve("users.csv");
        int[] written = {-1};
        robot.interact(() -> e.exportUsers(csv, n -> written[0] = n));
        waitFor(30, () -> written[0] >= 0);
        assertEquals(e.shownUsers().size(), written[0]);
        assertEquals(written[0] + 1, java.nio.file.Files.readAllLines(csv).size());
    }

    private JsonObject evaluateJson(Protocol protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(new String[] {
                "evaluate", "--model", TestPaths.valueModel().toString(), "--protocol", protocol.id(), "--json"});
        assertEquals(0, code);
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private int cliUsers() {
        return evaluateJson(Protocol.FULL).get("users").getAsInt();
    }

    @Test
    void doubleClickingAUserOpensTheHistoryTheModelReadWithTheTrueItemPinned(FxRobot robot) throws Exception {
        waitFor(60, () -> vm.result() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        robot.clickOn("#eval-run");
        waitFor(180, () -> !window.evaluation().users().isEmpty());
        EvaluationViewModel.UserRow row = window.evaluatePane().usersTable().getItems().get(0);
        Node cell = robot.lookup("#eval-users .table-row-cell").nth(0).query();
        robot.doubleClickOn(cell);
        waitFor(30, () -> window.tabs().getSelectionModel().getSelectedIndex() == 0
                && vm.currentUserProperty().get() != null && vm.currentUserProperty().get() == row.user());
        Dataset d = vm.datasetProperty().get();
        LeaveOneOutSplit split = new LeaveOneOutSplit(d);
        int r = d.rowOfUser(row.user());
        List<Integer> expected = new ArrayList<>();
        for (int id : split.testInput(r)) {
            expected.add(id);
        }
        assertEquals(expected, vm.editor().items());
        assertEquals(split.testTarget(r), vm.pinnedProperty().get());
        waitFor(30, () -> vm.pinnedRankProperty().get().contains("rank " + row.rank()));
    }

    @Test
    void compareListsBothModelsPredictionsWithRanksInTheOther(FxRobot robot) throws Exception {
        waitFor(60, () -> vm.result() != null);
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(3);
            window.compare().openSecond(TestPaths.sasrecModel());
        });
        waitFor(60, () -> window.compare().secondRows().size() == 10 && window.compare().firstRows().size() == 10);
        List<Integer> first = window.compare().firstRows().stream().map(CompareViewModel.Row::item).toList();
        assertEquals(vm.predictions().stream().map(p -> p.item()).toList(), first);
        assertSecondTableIsThatModels(TestPaths.sasrecModel());
        assertFalse(window.comparePane().firstTable().getItems().isEmpty());
        assertTrue(robot.lookup("#compare-second").queryLabeled().getText().contains("SASRec"));

        Recommender second = window.compare().secondProperty().get();
        robot.interact(() -> window.compare().close());
        assertNull(window.compare().secondProperty().get());
        assertThrows(RuntimeException.class, () -> second.predict(List.of(1, 2), 3, true, false),
                "the second model's arrays are released");

        // across backbones: STOSA (scores are negated distances) beside AWRSR on SASRec
        robot.interact(() -> window.compare().openSecond(TestPaths.stosaModel()));
        waitFor(60, () -> window.compare().secondRows().size() == 10
                && robot.lookup("#compare-second").queryLabeled().getText().contains("STOSA"));
        assertSecondTableIsThatModels(TestPaths.stosaModel());
        // each table says what its scores are: STOSA's are minus distances
        assertEquals("Score", ((javafx.scene.control.TableView<?>) robot.lookup("#compare-first-table")
                .queryAs(javafx.scene.control.TableView.class)).getColumns().get(2).getText());
        assertEquals("−W₂", ((javafx.scene.control.TableView<?>) robot.lookup("#compare-second-table")
                .queryAs(javafx.scene.control.TableView.class)).getColumns().get(2).getText());
        robot.interact(() -> window.compare().close());
    }

    /**
     * The second table lists that model's own top 10 for the history on screen, loaded apart, and the first
     * table's top item carries its rank in that model.
     */
    private void assertSecondTableIsThatModels(java.nio.file.Path folder) throws Exception {
        try (Recommender model = Recommender.load(folder, null)) {
            Prediction p = model.predict(vm.result().prediction().items(), 10, true, false);
            assertEquals(p.top().stream().map(RankedItem::item).toList(),
                    window.compare().secondRows().stream().map(CompareViewModel.Row::item).toList());
            CompareViewModel.Row top = window.compare().firstRows().get(0);
            assertEquals(model.rankOf(p, top.item()) + 1, top.rankInOther());
        }
    }

    @Test
    void thePreviewShowsTheNewestRequestNotTheSlowest(FxRobot robot) throws Exception {
        // a large file asked for first, a small one right after: one thread per click let the large file's
        // result land last; the preview must show the small one
        Path big = java.nio.file.Files.createDirectories(dir.resolve("big"));
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        for (int i = 0; i < 400_000; i++) {
            csv.append(i % 4000).append(',').append(i % 997 + 1).append(',').append(i).append('\n');
        }
        java.nio.file.Files.writeString(big.resolve("interactions.csv"), csv);
        Path small = plantedData();
        robot.interact(() -> {
            window.training().dataProperty().set(big.toString());
            window.training().loadPreview();
            window.training().dataProperty().set(small.toString());
            window.training().loadPreview();
        });
        waitFor(60, () -> window.training().previewSummaryProperty().get().contains("120 users"));
        Thread.sleep(1500);                                  // time enough for the large file's read to end
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.training().previewSummaryProperty().get().contains("120 users"),
                window.training().previewSummaryProperty().get());
    }
}
