package awrsr.app.view;

import awrsr.app.MainWindow;
import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a 1280 × 720 projector and a 1920 × 1080 screen every control of Explore shows its whole text and the status bar is on screen. */
@ExtendWith(ApplicationExtension.class)
class SmallScreenTest {
    private WorkbenchViewModel vm;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = Windows.viewModel();
        window = new MainWindow(vm);
        double[] size = WorkbenchApp.windowSizeFor(1280, 720);
        stage.setScene(new Scene(window.root(), size[0], size[1]));
        stage.show();
        WorkbenchApp.openDefaults(vm, TestPaths.valueModel());
    }

    @AfterEach
    void stop() {
        vm.shutdown();
    }

    @Test
    void theWindowShrinksToTheScreenItOpensOn() {
        assertArrayEquals(new double[] {1280, 720}, WorkbenchApp.windowSizeFor(1280, 720));
        assertArrayEquals(new double[] {1366, 768 - 40}, WorkbenchApp.windowSizeFor(1366, 768 - 40));
        assertArrayEquals(new double[] {1600, 960}, WorkbenchApp.windowSizeFor(3840, 2160));
    }

    @Test
    void noControlOfExploreIsCutShortAt1280x720(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null && vm.lastRenderNanos() >= 0);
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            for (Node side : List.of(window.sequence(), window.predictions(), window.statusBar())) {
                collect(side, side.localToScene(side.getBoundsInLocal()).getMaxX(), cut);
            }
        });
        assertTrue(cut.isEmpty(), "cut short: " + cut);
        for (HeatmapView map : window.attention().detailMaps()) {
            assertTrue(map.colorBarLabelsRight() <= map.getWidth() + 0.5, map.title() + ": the colour bar's labels end at "
                    + map.colorBarLabelsRight() + " of " + map.getWidth());
        }
        Node status = window.statusBar();
        double bottom = status.localToScene(status.getBoundsInLocal()).getMaxY();
        assertTrue(bottom <= stage.getScene().getHeight() + 0.5, "the status bar ends at " + bottom);

        // and on a 1920 × 1080 screen (the tests' headless screen is that size): the same controls and the
        // map row's choices, all whole
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1920);
            stage.setHeight(1040);                    // the screen less a task bar, as a maximised window
        });
        Windows.waitFor(10, () -> stage.getScene().getWidth() >= 1900);
        List<String> cutWide = new ArrayList<>();
        robot.interact(() -> {
            for (Node side : List.of(window.sequence(), window.predictions(), window.statusBar(),
                    window.attention().mapFocus().getParent())) {
                collect(side, side.localToScene(side.getBoundsInLocal()).getMaxX(), cutWide);
            }
        });
        assertTrue(cutWide.isEmpty(), "cut short at 1920 x 1080: " + cutWide);
        double bottomWide = status.localToScene(status.getBoundsInLocal()).getMaxY();
        assertTrue(bottomWide <= stage.getScene().getHeight() + 0.5, "the status bar ends at " + bottomWide);
    }

    /**
     * The Train tab in presentation mode at 1280 × 720: its form (18 rows and the buttons) is taller than the
     * window, so it scrolls, at its own width (the Data row's buttons whole); scrolled down, Start is on screen.
     * (That the progress bar beside it keeps its height under Xvfb's fonts was checked on a screenshot: the
     * headless fonts here leave the charts room enough either way.)
     */
    @Test
    void theTrainFormScrollsToItsButtonsInPresentationModeAt1280x720(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        robot.interact(() -> {
            window.presentationProperty().set(true);
            window.tabs().getSelectionModel().select(1);
        });
        Windows.waitFor(10, () -> window.root().getStyleClass().contains("presentation"));
        javafx.scene.control.ScrollPane form = robot.lookup("#train-form").queryAs(javafx.scene.control.ScrollPane.class);
        Windows.waitFor(10, () -> form.getHeight() > 0);
        List<String> cut = new ArrayList<>();
        robot.interact(() -> collect(form.getContent(), form.localToScene(form.getBoundsInLocal()).getMaxX(), cut));
        assertTrue(cut.isEmpty(), "cut short: " + cut);
        double sceneHeight = stage.getScene().getHeight();
        assertTrue(form.getContent().getLayoutBounds().getHeight() > form.getHeight(), "the form is taller than its pane");
        Node start = robot.lookup("#train-start").query();
        robot.interact(() -> form.setVvalue(1));
        Windows.waitFor(10, () -> {
            javafx.geometry.Bounds b = start.localToScene(start.getBoundsInLocal());
            javafx.geometry.Bounds pane = form.localToScene(form.getBoundsInLocal());
            return b.getMaxY() <= Math.min(sceneHeight, pane.getMaxY()) && b.getMinY() >= pane.getMinY();
        });
    }

    /** Buttons, labels and check boxes (not list and table cells, whose content may be long) narrower than their text. */
    private static void collect(Node node, double paneRight, List<String> cut) {
        if (!node.isVisible()) {
            return;                                    // hidden with what it holds (the what-if banner)
        }
        if (node instanceof Labeled l && !(node instanceof javafx.scene.control.IndexedCell<?>) && l.isVisible()
                && l.getText() != null && !l.getText().isEmpty() && l.getScene() != null && !l.isWrapText()
                && l.getWidth() + 0.5 < l.prefWidth(-1)) {
            cut.add(l.getClass().getSimpleName() + " \"" + l.getText() + "\" " + Math.round(l.getWidth()) + " < "
                    + Math.round(l.prefWidth(-1)));
        }
        if (node instanceof Labeled l && !(node instanceof javafx.scene.control.IndexedCell<?>) && l.getScene() != null
                && l.localToScene(l.getBoundsInLocal()).getMaxX() > paneRight + 0.5) {
            cut.add(l.getClass().getSimpleName() + " \"" + l.getText() + "\" runs past its pane's edge");
        }
        if (node instanceof Parent p && !(node instanceof javafx.scene.control.ListView<?>)
                && !(node instanceof javafx.scene.control.TableView<?>)) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, paneRight, cut);
            }
        }
    }
}
