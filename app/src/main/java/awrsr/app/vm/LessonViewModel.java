package awrsr.app.vm;

import awrsr.app.io.LessonStore;
import awrsr.app.io.SessionStore;
import awrsr.util.Home;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A lesson being prepared or given: an ordered list of scenes (a view of the workbench with a title and a
 * note), the scene on screen, and the file it came from. Scenes are shown by restoring their session.
 */
public final class LessonViewModel {
    private final WorkbenchViewModel main;
    private final ObservableList<LessonStore.Scene> scenes = FXCollections.observableArrayList();
    private final StringProperty title = new SimpleStringProperty("");
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ExecutorService io = Workers.single("awrsr-lesson");

    public LessonViewModel(WorkbenchViewModel main) {
        this.main = main;
        current.addListener((o, a, b) -> updateBanner());
        scenes.addListener((javafx.collections.ListChangeListener<LessonStore.Scene>) c -> updateBanner());
        title.addListener((o, a, b) -> updateBanner());
    }

    public ObservableList<LessonStore.Scene> scenes() { return scenes; }
    public StringProperty titleProperty() { return title; }
    /** The scene on screen, -1 for none. */
    public IntegerProperty currentProperty() { return current; }
    public ObjectProperty<Path> fileProperty() { return file; }
    /** "Lesson title · scene 2 of 5: its title — its note", or "" when no scene is shown. */
    public ReadOnlyStringProperty bannerProperty() { return banner.getReadOnlyProperty(); }

    private void updateBanner() {
        int i = current.get();
        if (i < 0 || i >= scenes.size()) {
            banner.set("");
            return;
        }
        LessonStore.Scene s = scenes.get(i);
        banner.set((title.get().isBlank() ? "" : title.get() + " · ") + "scene " + (i + 1) + " of " + scenes.size()
                + (s.title().isBlank() ? "" : ": " + s.title()) + (s.note().isBlank() ? "" : " — " + s.note()));
    }

    /** Adds what the workbench shows now as a scene after the current one (at the end when none); false without a model. */
    public boolean addCurrentView(String sceneTitle, String note) {
        SessionStore.Session s = main.session();
        if (s == null) {
            main.say("Nothing to add yet: no model is loaded");
            return false;
        }
        int at = current.get() < 0 ? scenes.size() : current.get() + 1;
        scenes.add(at, new LessonStore.Scene(sceneTitle, note, s));
        current.set(at);
        return true;
    }

    /** Moves scene {@code i} by {@code delta} places (the current scene follows it). */
    public void move(int i, int delta) {
        int j = i + delta;
        if (i < 0 || i >= scenes.size() || j < 0 || j >= scenes.size()) {
            return;
        }
        LessonStore.Scene s = scenes.remove(i);
        scenes.add(j, s);
        if (current.get() == i) {
            current.set(j);
        } else if (current.get() == j) {
            current.set(i);
        }
        updateBanner();
    }

    public void remove(int i) {
        if (i < 0 || i >= scenes.size()) {
            return;
        }
        scenes.remove(i);
        if (current.get() >= scenes.size() || current.get() == i) {
            current.set(scenes.isEmpty() ? -1 : Math.min(i, scenes.size() - 1));
        } else if (current.get() > i) {
            current.set(current.get() - 1);
        }
    }

    public void edit(int i, String sceneTitle, String note) {
        if (i >= 0 && i < scenes.size()) {
            scenes.set(i, scenes.get(i).withTitle(sceneTitle).withNote(note));
        }
    }

    /** Shows scene {@code i}: its model, data, history, target, layer and head. */
    public CompletableFuture<Void> show(int i) {
        if (i < 0 || i >= scenes.size()) {
            return CompletableFuture.completedFuture(null);
        }
        current.set(i);
        Path folder = file.get() == null ? null : file.get().toAbsolutePath().getParent();
        return main.restore(LessonStore.resolved(scenes.get(i).session(), folder, Home.home()));
    }

    /** The next scene (Page Down in presentation mode); false at the last one. */
    public boolean next() {
        if (current.get() + 1 >= scenes.size()) {
            return false;
        }
        show(current.get() + 1);
        return true;
    }

    public boolean previous() {
        if (current.get() <= 0 || scenes.isEmpty()) {
            return false;
        }
        show(current.get() - 1);
        return true;
    }

    public LessonStore.Lesson lesson() {
        return new LessonStore.Lesson(title.get(), scenes);
    }

    /** Reads a lesson off the FX thread and shows its first scene; a bad file is said in one line. */
    public CompletableFuture<Void> open(Path source) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return LessonStore.read(source);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io).thenCompose(l -> {
            CompletableFuture<Void> shown = new CompletableFuture<>();
            main.fx().execute(() -> {
                file.set(source);
                title.set(l.title());
                current.set(-1);
                scenes.setAll(l.scenes());
                show(0).whenComplete((v, e) -> shown.complete(null));
            });
            return shown;
        }).exceptionally(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            main.fx().execute(() -> main.say("Could not open the lesson: " + cause.getMessage()));
            return null;
        });
    }

    /** Writes the lesson (atomically) off the FX thread. */
    public CompletableFuture<Void> save(Path target) {
        LessonStore.Lesson l = lesson();
        return CompletableFuture.runAsync(() -> {
            try {
                LessonStore.write(target, l);
                main.fx().execute(() -> {
                    file.set(target);
                    main.say("Lesson saved to " + target);
                });
            } catch (IOException e) {
                main.fx().execute(() -> main.say("Could not save the lesson: " + e.getMessage()));
            }
        }, io);
    }
}
