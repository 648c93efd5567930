package awrsr.app.vm;

import awrsr.app.io.SessionStore;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

import java.util.concurrent.ExecutorService;

/**
 * Writes the session a moment after every change (history, target, view, model). Armed only once the
 * previous session has been restored or declined, or the user edits: the default start must not overwrite
 * the session a crash left behind before the user has had the chance to take it back.
 */
public final class Autosave {
    private final WorkbenchViewModel vm;
    private final SessionStore store;
    private final PauseTransition delay = new PauseTransition(Duration.millis(300));
    private final ExecutorService writer = Workers.single("awrsr-autosave");
    private boolean armed;
    private volatile String lastError = "";

    public Autosave(WorkbenchViewModel vm, SessionStore store) {
        this.vm = vm;
        this.store = store;
        delay.setOnFinished(e -> saveNow());
        vm.editor().addListener(this::changed);
        vm.pinnedProperty().addListener((o, a, b) -> changed());
        vm.selectedLayerProperty().addListener((o, a, b) -> changed());
        vm.selectedHeadProperty().addListener((o, a, b) -> changed());
        vm.topKProperty().addListener((o, a, b) -> changed());
        vm.modelProperty().addListener((o, a, b) -> changed());
    }

    public void arm() {
        armed = true;
        changed();
    }

    public boolean armed() {
        return armed;
    }

    private void changed() {
        if (armed) {
            delay.playFromStart();
        }
    }

    /** Writes the current session on the writer thread (called on the FX thread). */
    public void saveNow() {
        var session = vm.session();
        if (session == null) {
            return;
        }
        writer.execute(() -> {
            try {
                store.save(session);
                lastError = "";
            } catch (java.io.IOException e) {
                if (!e.getMessage().equals(lastError)) {
                    lastError = e.getMessage();
                    javafx.application.Platform.runLater(() -> vm.say("Could not autosave the session to "
                            + store.file() + ": " + e.getMessage()));
                }
            }
        });
    }

    /** Waits for pending writes (at exit). */
    public void flush() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
