package awrsr.app.vm;

import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.infer.HeadTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view-model without a screen: model work runs inline, so every command's effect is visible at once. */
class WorkbenchViewModelTest {
    private InlineExecutor worker;
    private WorkbenchViewModel vm;

    @BeforeEach
    void open() {
        worker = new InlineExecutor();
        vm = new WorkbenchViewModel(Runnable::run, worker);
        vm.openDataset("movielens-small").join();
        vm.openModel(TestPaths.valueModel()).join();
        vm.loadUser(WorkbenchApp.defaultUser(vm.datasetProperty().get()));
    }

    @AfterEach
    void close() {
        vm.shutdown();
    }

    private List<String> predictionKeys() {
        return vm.predictions().stream().map(r -> r.item() + ":" + r.score()).toList();
    }

    @Test
    void truncatedTitlesThatWouldCollideGetTheirYearOrId() {
        awrsr.data.Item part1 = new awrsr.data.Item(81834, "Harry Potter and the Deathly Hallows: Part 1", 2010, List.of());
        awrsr.data.Item part2 = new awrsr.data.Item(88125, "Harry Potter and the Deathly Hallows: Part 2", 2011, List.of());
        awrsr.data.Item towers = new awrsr.data.Item(5952, "Lord of the Rings: The Two Towers, The", 2002, List.of());
        awrsr.data.Item sameYearA = new awrsr.data.Item(1, "A Very Long Title That Gets Cut Somewhere, Part A", 1999, List.of());
        awrsr.data.Item sameYearB = new awrsr.data.Item(2, "A Very Long Title That Gets Cut Somewhere, Part B", 1999, List.of());
        awrsr.data.Item toy = new awrsr.data.Item(3, "Toy Story", 1995, List.of());
        List<String> labels = WorkbenchViewModel.shortTitles(List.of(part1, part2, towers, part1, sameYearA, sameYearB, toy));
        // hand-written: at most 28 characters; where two items' cut titles agree, the year, or the id when the
        // years agree too; a title that is unique when cut, and a repeated item, keep their plain label
        assertEquals(List.of("Harry Potter and the… (2010)", "Harry Potter and the… (2011)",
                "Lord of the Rings: The Two …", "Harry Potter and the… (2010)", "A Very Long Title That G… #1",
                "A Very Long Title That G… #2", "Toy Story"), labels);
    }

    @Test
    void loadingAUserShowsTopKAndTheFullTrace() {
        assertEquals(10, vm.predictions().size());
        assertEquals(vm.editor().size(), vm.result().prediction().items().size());
        assertEquals(2, vm.result().prediction().trace().layerCount());
        assertEquals("CPU", vm.deviceProperty().get());
        assertTrue(vm.modelSummaryProperty().get().contains("AWRSR value"), vm.modelSummaryProperty().get());
        for (PredictionRow row : vm.predictions()) {
            assertFalse(vm.editor().items().contains(row.item()), "history items are left out by default");
        }
        vm.topKProperty().set(25);
        assertEquals(25, vm.predictions().size());
    }

    @Test
    void undoRestoresThePreviousPredictionsExactly() {
        List<String> before = predictionKeys();
        float[][] mapBefore = vm.result().prediction().trace().head(1, 0).refined();
        vm.removeAt(0);
        assertNotEquals(before, predictionKeys());
        assertEquals(mapBefore.length - 1, vm.result().prediction().trace().head(1, 0).refined().length);
        assertTrue(vm.undo());
        assertEquals(before, predictionKeys());
        HeadTrace after = vm.result().prediction().trace().head(1, 0);
        for (int i = 0; i < mapBefore.length; i++) {
            assertEquals(java.util.Arrays.toString(mapBefore[i]), java.util.Arrays.toString(after.refined()[i]));
        }
        assertTrue(vm.redo());
        assertEquals(mapBefore.length - 1, vm.result().prediction().trace().head(1, 0).refined().length);
    }

    @Test
    void changeColumnSaysWhatTheEditDidToEachItem() {
        awrsr.infer.Prediction previous = vm.result().prediction();
        vm.addItem(vm.predictions().get(0).item());   // watching the top item moves everything
        for (PredictionRow r : vm.predictions()) {
            // its 0-based place in the whole previous ranking, counted here from the previous scores
            int index = vm.model().itemIndex().indexOf(r.item());
            String expected;
            if (previous.excluded().get(index)) {
                expected = "new";                        // it was in the history, so not ranked before
            } else {
                int was = 0;
                for (int j = 1; j < previous.scores().length; j++) {
                    if (j != index && !previous.excluded().get(j) && previous.scores()[j] >= previous.scores()[index]) {
                        was++;
                    }
                }
                expected = was > r.rank() ? "up " + (was - r.rank()) : was < r.rank() ? "down " + (r.rank() - was) : "";
            }
            assertEquals(expected, r.change(), "item " + r.item());
        }
        assertTrue(vm.predictions().stream().anyMatch(r -> r.change().startsWith("up")));
    }

    @Test
    void pinnedTargetRankIsTrackedAcrossEdits() {
        int target = vm.predictions().get(3).item();
        vm.pinnedProperty().set(target);
        assertTrue(vm.pinnedRankProperty().get().endsWith("rank 4"), vm.pinnedRankProperty().get());
        vm.removeAt(vm.editor().size() - 1);
        int rank = vm.model().rankOf(vm.result().prediction(), target) + 1;
        String text = vm.pinnedRankProperty().get();
        assertTrue(text.contains("rank " + rank), text);
        if (rank != 4) {
            assertTrue(text.endsWith("(was 4)"), text);
        }
    }

    @Test
    void staleRequestsAreSkippedAndOnlyTheNewestIsShown() {
        int[] published = {0};
        vm.resultProperty().addListener((o, a, b) -> published[0]++);
        worker.pause();
        vm.removeAt(0);
        vm.removeAt(0);
        vm.removeAt(0);
        long newest = vm.editor().size();
        assertEquals(3, worker.runAll(), "three requests were queued");
        assertEquals(1, published[0], "only the newest was computed and shown");
        assertEquals(newest, vm.result().prediction().items().size());
    }

    @Test
    void hoverReadoutShowsTheTraceValuesOfTheCell() {
        vm.hoveredProperty().set(new Cell(1, 1, 6, 2));
        HeadTrace h = vm.result().prediction().trace().head(1, 1);
        String text = vm.hoverReadoutProperty().get();
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "raw %.4f", h.raw()[6][2])), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "refined %.4f", h.refined()[6][2])), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "R %.4f", h.refinement()[6][2])), text);
        vm.hoveredProperty().set(null);
        assertEquals("", vm.hoverReadoutProperty().get());
    }

    @Test
    void aBrokenModelFolderLeavesTheLoadedModelInPlaceAndSaysWhy() {
        var loaded = vm.model();
        CompletionException e = assertThrows(CompletionException.class,
                () -> vm.openModel(Path.of("does-not-exist")).join());
        assertNotNull(e.getCause());
        assertSame(loaded, vm.model());
        assertTrue(vm.messageProperty().get().contains("does-not-exist"), vm.messageProperty().get());
    }

    @Test
    void aModelTrainedOnOtherDataIsRefusedAndTheLoadedOneStays(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        for (int u = 1; u <= 30; u++) {
            for (int k = 0; k < 8; k++) {
                csv.append(u).append(',').append(1 + (u + k) % 20).append(',').append(k).append('\n');
            }
        }
        java.nio.file.Files.writeString(dir.resolve("interactions.csv"), csv);
        var other = awrsr.data.DatasetLoader.load(dir);
        new awrsr.train.ModelTrainer(other, ai.djl.Device.cpu()).train(
                new awrsr.nn.ModelConfig(awrsr.nn.Variant.NONE, 1, 8, 8, 1, 1, 4, 0.1f),
                new awrsr.checkpoint.TrainingSettings(1, 1, awrsr.checkpoint.Loss.BCE, 1e-3f, 8, 1), dir.resolve("m"),
                awrsr.train.TrainingListener.NONE);
        var loaded = vm.model();
        assertThrows(CompletionException.class, () -> vm.openModel(dir.resolve("m")).join());
        assertSame(loaded, vm.model());
        assertTrue(vm.messageProperty().get().contains("knows only 20 of the 9066 items"), vm.messageProperty().get());
    }

    @Test
    void unknownItemsAreRefusedByName() {
        int size = vm.editor().size();
        assertFalse(vm.addItem(987654321));
        assertEquals(size, vm.editor().size());
        assertTrue(vm.messageProperty().get().contains("987654321"));
    }

    @Test
    void itemsBeyondTheModelsWindowAreMarked() {
        var d = vm.datasetProperty().get();
        int longUser = -1;
        for (int r = 0; r < d.userCount(); r++) {
            if (d.sequence(r).length > 250) {
                longUser = d.userId(r);
                break;
            }
        }
        vm.loadUser(longUser);
        int outside = vm.editor().size() - 200;
        assertEquals(outside, vm.sequence().stream().filter(r -> !r.inWindow()).count());
        assertFalse(vm.sequence().get(outside - 1).inWindow());
        assertTrue(vm.sequence().get(outside).inWindow());
        assertEquals(outside, vm.result().prediction().droppedFromFront());
        assertTrue(vm.messageProperty().get().contains("outside its window"));
    }

    @Test
    void searchFindsItemsByWordsOfTheTitle() {
        var hits = vm.searchItems("toy story", 10);
        assertTrue(hits.stream().anyMatch(i -> i.id() == 1), hits.toString());
        assertTrue(hits.stream().allMatch(i -> i.label().toLowerCase().contains("toy")));
        assertEquals("Toy Story (1995)  #1", vm.itemChoice(1).label());
        assertEquals(1, vm.searchItems("#1 1995 toy", 5).size());
    }

    @Test
    void everyResultIsExplainedForThePinnedTargetOrTheTopPrediction() {
        ImportanceResult x = vm.importanceProperty().get();
        assertNotNull(x, "explained inline after the prediction");
        assertEquals(vm.result().generation(), x.generation());
        assertEquals(vm.predictions().get(0).item(), x.explanation().target());
        // the numbers are the model's own explanation of the same history (leave-one-out checked there)
        awrsr.infer.Explanation direct = vm.model().explain(vm.editor().items(), null);
        assertEquals(java.util.Arrays.toString(direct.signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values()),
                java.util.Arrays.toString(x.explanation().signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values()));
        assertEquals(direct.signal(awrsr.infer.Explanation.LEAVE_ONE_OUT).values()[3], vm.importanceAt(3), 0.0);
        assertTrue(vm.importanceStatusProperty().get().contains("Avengers"), vm.importanceStatusProperty().get());

        int target = vm.predictions().get(4).item();
        vm.pinnedProperty().set(target);
        assertEquals(target, vm.importanceProperty().get().explanation().target(), "pinning explains the target");
        vm.removeAt(0);
        assertEquals(vm.result().generation(), vm.importanceProperty().get().generation(), "an edit is explained anew");
        assertEquals(vm.editor().size(), vm.importanceProperty().get().explanation().items().size());

        vm.showImportanceProperty().set(false);
        vm.removeAt(0);
        assertEquals(null, vm.importanceProperty().get(), "switched off: nothing computed");
    }

    @Test
    void occlusionIsComputedWhenAskedAndTheExplanationIsRedoneAtOnce() {
        assertNull(vm.importanceProperty().get().explanation().signal(awrsr.infer.Explanation.OCCLUSION), "off at first");
        vm.occlusionProperty().set(true);
        awrsr.infer.Explanation x = vm.importanceProperty().get().explanation();
        assertEquals(vm.result().generation(), vm.importanceProperty().get().generation());
        awrsr.infer.Explanation direct = vm.model().explain(vm.editor().items(), null, 1, true);
        assertEquals(java.util.Arrays.toString(direct.signal(awrsr.infer.Explanation.OCCLUSION).values()),
                java.util.Arrays.toString(x.signal(awrsr.infer.Explanation.OCCLUSION).values()));
        vm.removeAt(0);
        assertTrue(vm.importanceProperty().get().explanation().occluded(), "an edit keeps it");
        vm.occlusionProperty().set(false);
        assertFalse(vm.importanceProperty().get().explanation().occluded());
    }

    @Test
    void aWhatIfPreviewsAnEditWithoutMakingItUntilCommitted() {
        List<Integer> before = List.copyOf(vm.editor().items());
        List<String> shown = predictionKeys();
        int j = 28;                                         // Pulp Fiction in user 11's history
        vm.previewEdit(j, false);
        Preview p = vm.previewProperty().get();
        assertNotNull(p);
        assertEquals(before, vm.editor().items(), "nothing is edited by a preview");
        assertEquals(shown, predictionKeys(), "the shown predictions stay");
        List<Integer> without = new java.util.ArrayList<>(before);
        int item = without.remove(j);
        var direct = vm.model().predict(without, vm.topKProperty().get(), true, false);
        assertEquals(direct.top().stream().map(r -> r.item() + ":" + r.score()).toList(),
                p.rows().stream().map(r -> r.item() + ":" + r.score()).toList());
        assertTrue(p.description().contains("without"), p.description());
        assertTrue(p.targetLine().startsWith("Avengers, The: rank 1 → "), p.targetLine());

        assertTrue(vm.dropPreview());
        assertEquals(null, vm.previewProperty().get());
        assertEquals(before, vm.editor().items());

        vm.previewEdit(j, true);
        assertTrue(vm.commitPreview());
        List<Integer> moved = new java.util.ArrayList<>(without);
        moved.add(item);
        assertEquals(moved, vm.editor().items(), "moved to the end");
        assertTrue(vm.undo());
        assertEquals(before, vm.editor().items(), "a committed what-if is undone like any edit");

        vm.previewEdit(3, false);
        vm.removeAt(0);
        assertEquals(null, vm.previewProperty().get(), "another edit drops the preview");
    }

    @Test
    void theHistoryLabelSaysWhenTheUsersHistoryWasEdited() {
        assertEquals("User 11 · 38 items", vm.historyLabelProperty().get());
        vm.addItem(1);
        assertEquals("User 11, edited · 39 items", vm.historyLabelProperty().get());
        vm.undo();
        assertEquals("User 11 · 38 items", vm.historyLabelProperty().get(), "undone: the user's own history again");
        vm.newEmpty();
        vm.addItem(1);
        assertEquals("A new history · 1 items", vm.historyLabelProperty().get());
    }

    @Test
    void theChangeColumnComparesWithTheWholePreviousRankingAndStartsAfreshForANewUser() {
        vm.topKProperty().set(25);
        assertTrue(vm.predictions().stream().allMatch(r -> r.change().isEmpty()),
                "raising k moves nothing: " + vm.predictions());
        vm.loadUser(73);
        assertTrue(vm.predictions().stream().allMatch(r -> r.change().isEmpty()),
                "another user's list is not compared with the last one: " + vm.predictions());
        vm.removeAt(vm.editor().size() - 1);
        assertTrue(vm.predictions().stream().anyMatch(r -> !r.change().isEmpty()), "an edit moves items");
    }

    @Test
    void drawingTheSameResultAgainIsNotTimedAsAnEdit() {
        InferenceResult r = vm.result();
        vm.reportRendered(r);
        String first = vm.editToScreenProperty().get();
        long nanos = vm.lastRenderNanos();
        vm.reportRendered(r);                        // another head shown, R switched on: the same result
        assertEquals(first, vm.editToScreenProperty().get());
        assertEquals(nanos, vm.lastRenderNanos());
    }
}
