package awrsr.app.view;

import awrsr.analysis.DatasetAnalysis;
import awrsr.app.MainWindow;
import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.app.vm.AnalysisViewModel;
import awrsr.app.vm.WorkbenchViewModel;
import awrsr.data.Dataset;
import awrsr.data.LeaveOneOutSplit;
import awrsr.infer.Explanation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Analyse tab on the shipped AWRSR model: a quick look at 100 users, cancel, and the way back to Explore. */
@ExtendWith(ApplicationExtension.class)
class AnalyseTabTest {
    private WorkbenchViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        vm = Windows.viewModel();
        window = Windows.show(stage, vm);
        WorkbenchApp.openDefaults(vm, TestPaths.valueModel());
    }

    @AfterEach
    void stop() {
        window.analysis().shutdown();
        vm.shutdown();
    }

    @Test
    void aQuickLookAgreesWithEachUsersExplanationAndLeadsToTheUsersWhereAHeadIsUnusual(FxRobot robot)
            throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        robot.interact(window::showAnalyseTab);     // as --analyse does (it once opened the last tab, now Lesson)
        assertEquals("Analyse", window.tabs().getSelectionModel().getSelectedItem().getText());
        robot.clickOn(robot.lookup(n -> n instanceof CheckBox c && c.getText() != null
                && c.getText().startsWith("First 100")).queryAs(CheckBox.class));
        AnalysisViewModel a = window.analysis();
        assertTrue(a.quickProperty().get());
        robot.clickOn("#analyse");
        Windows.waitFor(5, () -> a.runningProperty().get() || !a.results().isEmpty());
        Windows.waitFor(120, () -> !a.runningProperty().get());
        assertFalse(a.results().isEmpty(), a.statusProperty().get());
        DatasetAnalysis.Result r = a.results().values().iterator().next();
        assertEquals(100, r.users().length);
        assertEquals(5, a.correlations().size(), "gradient, A and W last rows, two rollouts");
        assertEquals(4, a.heads().size(), "2 layers x 2 heads");
        // each user's correlation is that of the explanation of their test history's top prediction
        Dataset data = vm.datasetProperty().get();
        LeaveOneOutSplit split = new LeaveOneOutSplit(data);
        for (int k : new int[] {0, 37, 99}) {
            int row = data.rowOfUser(r.users()[k]);
            List<Integer> history = Arrays.stream(split.testInput(row)).boxed().toList();
            Explanation x = vm.model().explain(history, null);
            for (String id : List.of(Explanation.RAW_LAST, Explanation.ROLLOUT_REFINED)) {
                assertEquals(x.signal(id).spearmanWithLoo(), r.correlations().get(id)[k], 1e-12, id + " user " + k);
            }
        }
        AnalysisViewModel.CorrelationRow shown = a.correlations().get(1);
        assertEquals(r.correlation(Explanation.RAW_LAST).mean(), shown.mean(), 0.0);

        robot.interact(() -> window.analysePane().headTable().getSelectionModel().select(0));
        int user = a.heads().get(0).unusual()[0];
        robot.clickOn(robot.lookup(n -> n instanceof Button b && b.getText().equals("User " + user))
                .queryAs(Button.class));
        Windows.waitFor(60, () -> window.tabs().getSelectionModel().getSelectedIndex() == 0
                && vm.editor().size() == split.testInput(data.rowOfUser(user)).length);
    }

    @Test
    void withOcclusionEverySignalGetsARowAgainstItTooAsEachUsersExplanationSays(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        robot.interact(window::showAnalyseTab);
        AnalysisViewModel a = window.analysis();
        robot.interact(() -> a.quickProperty().set(true));
        robot.clickOn("#analyse-occlusion");
        assertTrue(a.occlusionProperty().get());
        robot.clickOn("#analyse");
        Windows.waitFor(5, () -> a.runningProperty().get() || !a.results().isEmpty());
        Windows.waitFor(180, () -> !a.runningProperty().get());
        assertEquals(List.of("Occlusion", "Gradient × input", "A, last row", "W, last row", "Rollout of A",
                "Rollout of W", "Leave-one-out vs occlusion", "Gradient × input vs occlusion", "A, last row vs occlusion",
                "W, last row vs occlusion", "Rollout of A vs occlusion", "Rollout of W vs occlusion"),
                a.correlations().stream().map(AnalysisViewModel.CorrelationRow::signal).toList());
        assertTrue(a.correlations().get(0).model().endsWith(", first 100 users, with occlusion"));
        DatasetAnalysis.Result r = a.results().values().iterator().next();
        Dataset data = vm.datasetProperty().get();
        LeaveOneOutSplit split = new LeaveOneOutSplit(data);
        for (int k : new int[] {0, 61}) {
            List<Integer> history = Arrays.stream(split.testInput(data.rowOfUser(r.users()[k]))).boxed().toList();
            Explanation x = vm.model().explain(history, null, 1, true);
            assertEquals(x.signal(Explanation.REFINED_LAST).spearmanWithOcclusion(),
                    r.occlusionCorrelations().get(Explanation.REFINED_LAST)[k], 1e-12, "user " + k);
        }
        assertEquals(r.occlusionCorrelation(Explanation.GRADIENT).mean(), a.correlations().get(7).mean(), 0.0);
        // the same-top share against each reference, and chance, as the analysis counted them, in their columns
        assertEquals(r.sameTopShare(Explanation.OCCLUSION), a.correlations().get(0).sameTop(), 0.0);
        assertEquals(r.occlusionSameTopShare(Explanation.GRADIENT), a.correlations().get(7).sameTop(), 0.0);
        assertEquals(r.sameTopChance(), a.correlations().get(7).chance(), 0.0);
        assertEquals(r.sameTopRecency(false), a.correlations().get(0).recency(), 0.0);
        assertEquals(r.sameTopRecency(true), a.correlations().get(7).recency(), 0.0);
        var table = window.analysePane().correlationTable();
        List<String> headers = table.getColumns().stream().map(javafx.scene.control.TableColumn::getText).toList();
        int column = headers.indexOf("Same top");
        assertTrue(column > 0 && headers.get(column + 1).equals("By chance"), headers.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", r.occlusionSameTopShare(Explanation.GRADIENT)),
                table.getColumns().get(column).getCellData(7));
    }

    @Test
    void cancellingStopsTheAnalysisAndKeepsNothing(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        robot.interact(() -> window.analysis().analyse());
        AnalysisViewModel a = window.analysis();
        Windows.waitFor(60, () -> a.progressProperty().get() > 0);
        robot.interact(a::cancel);
        Windows.waitFor(60, () -> !a.runningProperty().get());
        assertTrue(a.statusProperty().get().startsWith("Cancelled"), a.statusProperty().get());
        assertTrue(a.results().isEmpty());
        assertFalse(a.runningProperty().get());
    }
}
