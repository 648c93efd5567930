package awrsr.app.view;

import awrsr.app.MainWindow;
import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.app.io.SessionStore;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File → Save session / Open session: a session file brings back the history, the target and the view. */
@ExtendWith(ApplicationExtension.class)
class SessionFileTest {
    @TempDir
    Path dir;
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
        vm.shutdown();
    }

    @Test
    void aSavedSessionOpensAsItWasSaved(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        robot.interact(() -> {
            vm.removeAt(0);
            vm.pinnedProperty().set(260);
            vm.selectedLayerProperty().set(1);
            vm.selectedHeadProperty().set(1);
            vm.topKProperty().set(15);
            vm.occlusionProperty().set(true);
        });
        Windows.waitFor(60, () -> vm.result() != null && vm.selectedHeadProperty().get() == 1
                && !window.attention().detailMaps().isEmpty());
        robot.interact(() -> window.attention().zoomBy(2));
        double[] zoomed = vm.mapZoomProperty().get().clone();
        assertEquals(2, zoomed[0], 0.0);
        List<Integer> items = List.copyOf(vm.editor().items());
        Path file = dir.resolve("lesson.awrsr-session");
        SessionStore.write(file, vm.session());
        assertEquals(vm.session(), SessionStore.read(file), "the file holds the session");

        robot.interact(() -> {
            vm.newEmpty();
            vm.pinnedProperty().set(null);
            vm.selectedLayerProperty().set(0);
            vm.topKProperty().set(5);
            vm.occlusionProperty().set(false);
            window.attention().resetZoom();
        });
        assertEquals(null, vm.mapZoomProperty().get());
        robot.interact(() -> window.openSession(file));
        Windows.waitFor(60, () -> vm.editor().items().equals(items) && vm.result() != null
                && vm.result().prediction().items().size() == items.size());
        assertEquals(260, vm.pinnedProperty().get());
        assertEquals(1, vm.selectedLayerProperty().get());
        assertEquals(1, vm.selectedHeadProperty().get());
        assertEquals(15, vm.topKProperty().get());
        assertEquals(15, vm.predictions().size());
        assertTrue(vm.occlusionProperty().get(), "occlusion ticked again");
        Windows.waitFor(10, () -> window.attention().zoom() == 2
                && window.attention().detailMaps().get(0).firstRow() == (int) zoomed[1]);
        assertArrayEquals(zoomed, vm.mapZoomProperty().get(), 0.0);
    }

    @Test
    void aLockedScaleStaysAcrossEditsAndTravelsInTheSessionFile(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null && !window.attention().detailMaps().isEmpty());
        HeatmapView raw = window.attention().detailMaps().get(0);
        double before = raw.scale().max();
        robot.clickOn("#lock-scale");
        assertEquals(before, vm.lockedScaleProperty().get(), 0.0, "locks the scale on screen");
        // an edit that changes the maps: the head's own scale would move, the locked one does not
        robot.interact(() -> {
            vm.removeAt(vm.editor().items().size() - 1);
            vm.removeAt(vm.editor().items().size() - 1);
            vm.selectedHeadProperty().set(1);
        });
        Windows.waitFor(60, () -> vm.result() != null && vm.result().prediction().items().size() == vm.editor().items().size());
        assertEquals(before, window.attention().detailMaps().get(0).scale().max(), 0.0);
        Path file = dir.resolve("locked.awrsr-session");
        SessionStore.write(file, vm.session());
        assertEquals(before, SessionStore.read(file).lockedScale(), 0.0);

        robot.clickOn("#lock-scale");                 // unlocked: the head's own scale again
        Windows.waitFor(10, () -> window.attention().detailMaps().get(0).scale().max() != before);
        robot.interact(() -> window.openSession(file));
        Windows.waitFor(60, () -> vm.lockedScaleProperty().get() != null
                && window.attention().detailMaps().get(0).scale().max() == before);
    }

    @Test
    void thePaneWidthsComeBackAtTheNextStart(FxRobot robot) throws Exception {
        awrsr.app.io.LayoutStore store = new awrsr.app.io.LayoutStore(dir.resolve("layout.json"));
        assertEquals(null, store.read(), "no file: the default layout");
        store.write(new double[] {360, 250});
        double[] read = store.read();
        assertEquals(360, read[0], 0.0);
        assertEquals(250, read[1], 0.0);
        WorkbenchViewModel other = Windows.viewModel();
        MainWindow[] shown = new MainWindow[1];
        javafx.stage.Stage[] stage = new javafx.stage.Stage[1];
        robot.interact(() -> {
            shown[0] = new MainWindow(other);
            shown[0].setSidePaneWidths(read[0], read[1]);
            stage[0] = new javafx.stage.Stage();
            stage[0].setScene(new javafx.scene.Scene(shown[0].root(), 1400, 900));
            stage[0].show();
        });
        Windows.waitFor(10, () -> Math.abs(shown[0].sidePaneWidths()[0] - 360) < 3
                && Math.abs(shown[0].sidePaneWidths()[1] - 250) < 3);
        robot.interact(() -> stage[0].close());
        other.shutdown();
        Files.writeString(dir.resolve("layout.json"), "{\"historyWidth\": \"wide\"}");
        assertEquals(null, store.read(), "a damaged file: the default layout");
    }

    @Test
    void anotherFileIsRefusedInOneLineAndLeftAsItWas(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        Path json = dir.resolve("notes.json");
        Files.writeString(json, "{\"items\": [1, 2, 3]}");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> SessionStore.read(json));
        assertTrue(e.getMessage().contains("notes.json") && e.getMessage().contains("not an AWRSR session file"),
                e.getMessage());
        List<Integer> before = List.copyOf(vm.editor().items());
        robot.interact(() -> window.openSession(json));
        Windows.waitFor(30, () -> vm.messageProperty().get().startsWith("Could not open the session"));
        assertEquals(1, vm.messageProperty().get().lines().count());
        assertEquals(before, vm.editor().items(), "nothing changed");
        assertEquals("{\"items\": [1, 2, 3]}", Files.readString(json), "the user's file is left as it was");
        Path garbage = dir.resolve("cut.awrsr-session");
        Files.writeString(garbage, "{\"format\": \"awrsr-session\", \"version\": 1, \"sess");
        assertTrue(assertThrows(java.io.IOException.class, () -> SessionStore.read(garbage)).getMessage()
                .contains("not a valid session file"));
    }
}
