package awrsr.app.view;

import awrsr.app.MainWindow;
import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.app.vm.Autosave;
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
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crash loses nothing: the session is autosaved, and the next start offers it back. */
@ExtendWith(ApplicationExtension.class)
class SessionRestoreTest {
    @TempDir
    static Path dir;
    private WorkbenchViewModel vm;
    private MainWindow window;
    private SessionStore store;
    private Autosave autosave;

    @Start
    void start(Stage stage) throws Exception {
        store = new SessionStore(dir.resolve("session.json"));
        store.save(new SessionStore.Session(TestPaths.valueModel().toString(), "movielens-small", 7,
                List.of(1, 2, 3, 260), 1196, 1, 0, 15, true));
        vm = Windows.viewModel();
        window = Windows.show(stage, vm);
        autosave = WorkbenchApp.wireSession(vm, window, store, true);
        WorkbenchApp.openDefaults(vm, TestPaths.valueModel());
    }

    @AfterEach
    void stop() {
        vm.shutdown();
    }

    private static void waitFor(Supplier<Boolean> condition) throws Exception {
        Windows.waitFor(60, condition);
    }

    @Test
    void theLastSessionIsOfferedRestoredAndThenKeptUpToDate(FxRobot robot) throws Exception {
        try {
            waitFor(() -> window.notifications().isShowing() && !window.notifications().getActions().isEmpty());
        } catch (Exception e) {
            throw new AssertionError("showing=" + window.notifications().isShowing() + " actions="
                    + window.notifications().getActions().size() + " text=" + window.notifications().getText()
                    + " result=" + (vm.result() != null) + " rendered=" + (vm.renderedProperty().get() != null)
                    + " message=" + vm.messageProperty().get() + " model=" + vm.model(), e);
        }
        assertTrue(window.notifications().getText().contains("user 7, 4 items"), window.notifications().getText());
        // the default start did not overwrite what the crash left
        assertEquals(List.of(1, 2, 3, 260), store.load().items());

        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);   // let the bar finish sliding in before clicking
        robot.clickOn("Restore last session");
        waitFor(() -> vm.editor().items().equals(List.of(1, 2, 3, 260)) && vm.result() != null
                && vm.result().prediction().items().size() == 4);
        assertEquals(1196, vm.pinnedProperty().get());
        assertEquals(15, vm.topKProperty().get());
        assertEquals(1, vm.selectedLayerProperty().get());
        assertEquals(15, window.predictions().table().getItems().size());

        robot.interact(() -> vm.addItem(1210));
        waitFor(() -> {
            SessionStore.Session saved = store.load();
            return saved != null && saved.items().equals(List.of(1, 2, 3, 260, 1210));
        });
        assertTrue(autosave.armed());
    }

    @Test
    void aDamagedSessionFileIsSetAsideNotTrusted() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"model\": \"x\", \"items\": [1, 2");
        assertNull(new SessionStore(file).load());
        assertTrue(Files.exists(dir.resolve("broken.json.damaged")));
    }
}
