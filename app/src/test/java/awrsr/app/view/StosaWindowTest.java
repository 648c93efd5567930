package awrsr.app.view;

import ai.djl.Device;
import awrsr.app.MainWindow;
import awrsr.app.WorkbenchApp;
import awrsr.app.vm.Cell;
import awrsr.app.vm.WorkbenchViewModel;
import awrsr.checkpoint.Loss;
import awrsr.checkpoint.TrainingSettings;
import awrsr.data.DatasetLoader;
import awrsr.infer.HeadTrace;
import awrsr.nn.BackboneKind;
import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import awrsr.train.ModelTrainer;
import awrsr.train.TrainingListener;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A STOSA model in the window: its maps (A, W = R_s, W − A and the covariance map W⊙W), each item's
 * uncertainty under the maps, the Wasserstein terms in the hover readout, and STOSA in the Train tab.
 */
@ExtendWith(ApplicationExtension.class)
class StosaWindowTest {
    @TempDir
    static Path dir;
    private static Path model;

    private WorkbenchViewModel vm;
    private MainWindow window;

    /** A small AWRSR-stochastic-on-STOSA model trained for one epoch on the shipped data. */
    @BeforeAll
    static void train() throws Exception {
        ModelConfig shape = new ModelConfig(Variant.STOCHASTIC, 1, 20, 16, 2, 2, 8, 0.1f, BackboneKind.STOSA, 0f, false);
        model = dir.resolve("stosa");
        new ModelTrainer(DatasetLoader.load("movielens-small"), Device.cpu()).train(shape,
                new TrainingSettings(1, 1, Loss.BPR, 1e-3f, 128, 5), model, TrainingListener.NONE);
    }

    @Start
    void start(Stage stage) {
        vm = Windows.viewModel();
        window = Windows.show(stage, vm);
        WorkbenchApp.openDefaults(vm, model);
    }

    @AfterEach
    void stop() {
        vm.shutdown();
    }

    @Test
    void showsTheCovarianceMapTheUncertaintyAndTheWassersteinTerms(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null && !window.attention().detailMaps().isEmpty());
        List<String> titles = window.attention().detailMaps().stream().map(HeatmapView::title).toList();
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("Covariance map W⊙W")), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains("R_s")), titles.toString());
        // the predictions' score column says that a STOSA score is minus a distance
        javafx.scene.control.Label score = robot.lookup("#score-header").queryAs(javafx.scene.control.Label.class);
        assertEquals("−W₂", score.getText());
        assertTrue(score.getTooltip().getText().startsWith("Minus the Wasserstein distance"));

        // the uncertainty strip shows without importance, one bar per item read, equal to the trace
        robot.interact(() -> vm.showImportanceProperty().set(false));
        Windows.waitFor(10, () -> !window.attention().importance().extraRows().isEmpty());
        ImportanceView bars = window.attention().importance();
        assertTrue(bars.isVisible(), "the uncertainty row is shown even with importance off");
        ImportanceView.ExtraRow row = bars.extraRows().get(0);
        assertTrue(row.name().startsWith("uncertainty"), row.name());
        HeadTrace head = vm.result().prediction().trace().head(vm.selectedLayerProperty().get(), 0);
        float[][] u = head.factor("uncertainty");
        assertEquals(vm.result().prediction().items().size(), row.values().length);
        for (int j = 0; j < u.length; j++) {
            assertEquals(u[j][0], row.values()[j], 0.0);
            assertTrue(row.values()[j] > 0, "a covariance is positive");
        }
        // the CSV export writes them too, one file per layer: the items read and the values of the bars
        Path csv = dir.resolve("csv");
        @SuppressWarnings("unchecked")
        java.util.concurrent.CompletableFuture<Void>[] export = new java.util.concurrent.CompletableFuture[1];
        robot.interact(() -> export[0] = window.exportTraceCsv(csv));
        export[0].get(60, java.util.concurrent.TimeUnit.SECONDS);
        List<String> lines = java.nio.file.Files.readAllLines(
                csv.resolve("L" + (vm.selectedLayerProperty().get() + 1) + "_uncertainty.csv"));
        assertEquals("item,uncertainty", lines.get(0));
        assertEquals(row.values().length + 1, lines.size());
        for (int j = 0; j < row.values().length; j++) {
            String[] cells = lines.get(j + 1).split(",");
            assertEquals(vm.result().prediction().items().get(j), Integer.valueOf(cells[0]));
            assertEquals(row.values()[j], Double.parseDouble(cells[1]), 1e-6, "item " + j);
        }
        try (var files = java.nio.file.Files.list(csv)) {
            assertEquals(vm.result().prediction().trace().layerCount(),
                    files.filter(f -> f.getFileName().toString().endsWith("_uncertainty.csv")).count());
        }

        // the readout of a hovered raw cell gives W2 and its parts, which add up
        int last = vm.result().prediction().items().size() - 1;
        robot.interact(() -> vm.hoveredProperty().set(new Cell(0, 0, last, 0)));
        String readout = vm.hoverReadoutProperty().get();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("W2 ([0-9.]+) = mean ([0-9.]+) \\+ cov ([0-9.]+)").matcher(readout);
        assertTrue(m.find(), readout);
        assertEquals(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3)),
                0.0011, readout);

        @SuppressWarnings("unchecked")
        ChoiceBox<String> backbone = robot.lookup("#train-backbone").queryAs(ChoiceBox.class);
        assertTrue(backbone.getItems().contains("stosa"), backbone.getItems().toString());
        // PyTorch's init is SASRec's: choosing STOSA sets the init back to xavier and locks it
        @SuppressWarnings("unchecked")
        ChoiceBox<String> init = robot.lookup("#train-init").queryAs(ChoiceBox.class);
        robot.interact(() -> {
            backbone.setValue("sasrec");
            init.setValue("pytorch");
        });
        assertFalse(init.isDisabled());
        robot.interact(() -> backbone.setValue("stosa"));
        assertTrue(init.isDisabled());
        assertEquals("xavier", init.getValue());
        assertEquals(awrsr.nn.Init.XAVIER, window.training().settings().init());
        robot.interact(() -> backbone.setValue("sasrec"));
        assertFalse(init.isDisabled());
        // STOSA's own options: open for STOSA only, and what is typed reaches the shape and the recipe
        javafx.scene.control.TextField attn = robot.lookup("#train-attn-dropout").queryAs(javafx.scene.control.TextField.class);
        javafx.scene.control.TextField pvn = robot.lookup("#train-pvn-weight").queryAs(javafx.scene.control.TextField.class);
        javafx.scene.control.CheckBox bug = robot.lookup("#train-mean-bug").queryAs(javafx.scene.control.CheckBox.class);
        assertTrue(attn.isDisabled() && pvn.isDisabled() && bug.isDisabled(), "not SASRec's options");
        robot.interact(() -> backbone.setValue("stosa"));
        assertFalse(attn.isDisabled() || pvn.isDisabled() || bug.isDisabled());
        robot.interact(() -> window.training().dropoutProperty().set("0.3"));
        assertEquals(0.3f, window.training().shape().attentionDropout(), "blank: the dropout rate");
        robot.interact(() -> {
            attn.setText("0.5");
            pvn.setText("0.001");
            bug.setSelected(true);
        });
        assertEquals(0.5f, window.training().shape().attentionDropout());
        assertEquals(0.3f, window.training().shape().dropout());
        assertTrue(window.training().shape().referenceMeanBug());
        assertEquals(0.001f, window.training().settings().pvnWeight());
        robot.interact(() -> pvn.setText("lots"));
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> window.training().settings());
        assertTrue(bad.getMessage().startsWith("pvn-weight: 'lots'"), bad.getMessage());
        robot.interact(() -> backbone.setValue("sasrec"));
        assertTrue(attn.isDisabled() && pvn.isDisabled() && bug.isDisabled());
        assertFalse(bug.isSelected(), "the STOSA-only box is not left ticked on SASRec");
        assertEquals(0.3f, window.training().shape().attentionDropout(), "SASRec: one rate");
        assertEquals(awrsr.checkpoint.TrainingSettings.defaults().pvnWeight(), window.training().settings().pvnWeight());
        robot.interact(() -> window.training().dropoutProperty().set("0.2"));
        // a toy world's preset is a whole recipe: its init too
        robot.interact(() -> {
            init.setValue("pytorch");
            window.training().dataProperty().set("toy-shift");
        });
        assertEquals("xavier", init.getValue());

        // trained from the tab with STOSA's options: they are the checkpoint's
        Path out = dir.resolve("from-the-tab");
        robot.interact(() -> {
            backbone.setValue("stosa");
            window.training().variantProperty().set("none");
            window.training().epochsProperty().set("1");
            attn.setText("0.5");
            pvn.setText("0.001");
            bug.setSelected(true);
            window.training().outProperty().set(out.toString());
        });
        robot.interact(() -> window.training().start());
        Windows.waitFor(120, () -> !window.training().runningProperty().get()
                && window.training().checkpointProperty().get() != null);
        awrsr.checkpoint.Checkpoint trained = awrsr.checkpoint.Checkpoint.read(out);
        assertEquals(BackboneKind.STOSA, trained.model().backbone());
        assertTrue(trained.model().referenceMeanBug());
        assertEquals(0.5f, trained.model().attentionDropout());
        assertEquals(0.001f, trained.settings().pvnWeight());
    }
}
