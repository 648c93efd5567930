package awrsr.app.view;

import awrsr.app.MainWindow;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the window tests share: a view-model on a real model thread, the main window on a stage, waiting. */
final class Windows {
    private Windows() {}

    static WorkbenchViewModel viewModel() {
        return new WorkbenchViewModel(javafx.application.Platform::runLater, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-model");
            t.setDaemon(true);
            return t;
        }));
    }

    static MainWindow show(Stage stage, WorkbenchViewModel vm) {
        MainWindow window = new MainWindow(vm);
        stage.setScene(new Scene(window.root(), 1400, 900));
        stage.show();
        return window;
    }

    static void waitFor(int seconds, Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::get);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
