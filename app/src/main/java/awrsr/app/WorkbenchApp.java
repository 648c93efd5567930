package awrsr.app;

import awrsr.util.Home;
import awrsr.app.vm.Autosave;
import awrsr.app.io.SessionStore;
import awrsr.app.vm.WorkbenchViewModel;
import awrsr.data.Dataset;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Opens the main window at once, then loads the shipped data and the default model in the background. */
public class WorkbenchApp extends Application {
    private WorkbenchViewModel vm;
    private MainWindow window;
    private Autosave autosave;

    /** The window's preferred size (1600 × 960), shrunk to the usable part of the screen it opens on. */
    public static double[] windowSizeFor(double screenWidth, double screenHeight) {
        return new double[] {Math.min(1600, screenWidth), Math.min(960, screenHeight)};
    }

    @Override
    public void start(Stage stage) {
        ExecutorService worker = awrsr.app.vm.Workers.single("awrsr-model");
        vm = new WorkbenchViewModel(Platform::runLater, worker);
        CrashReporter.install(vm);
        window = new MainWindow(vm);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double[] size = windowSizeFor(screen.getWidth(), screen.getHeight());
        WindowOptions parsed = WindowOptions.parse(getParameters().getRaw().toArray(String[]::new)).options();
        WindowOptions o = parsed != null ? parsed
                : WindowOptions.parse().options();             // the launcher already refused bad options
        if (o.screenshot() == null) {                        // screenshots show the default layout
            double[] widths = awrsr.app.io.LayoutStore.standard().read();
            if (widths != null) {
                window.setSidePaneWidths(widths[0], widths[1]);
            }
        }
        Scene scene = new Scene(window.root(), size[0], size[1]);
        stage.setTitle("AWRSR Workbench");
        stage.setScene(scene);
        stage.setMinWidth(Math.min(800, size[0]));
        stage.setMinHeight(Math.min(560, size[1]));
        stage.setX(screen.getMinX() + (screen.getWidth() - size[0]) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - size[1]) / 2);
        stage.show();
        long shown = System.currentTimeMillis();
        watchEngineStart(vm);
        SessionStore store = SessionStore.standard();
        autosave = wireSession(vm, window, store, o.screenshot() == null && o.latencyBench() == null);
        vm.occlusionProperty().set(o.occlusion());
        window.analysis().occlusionProperty().set(o.occlusion());
        open(vm, o.data(), o.model(), o.user());
        if (o.startupTime()) {
            reportStartupTime(shown);
        }
        if (o.latencyBench() != null) {
            LatencyBench.start(vm, o.latencyBench());
        }
        if (o.train()) {
            // demonstrate training: the Train tab, started on the shipped data once the sequence is loaded
            window.tabs().getSelectionModel().select(1);
            if (o.epochs() != null) {
                window.training().epochsProperty().set(o.epochs().toString());
            }
            if (o.out() != null) {
                window.training().outProperty().set(o.out());
            }
            vm.onNextRender(() -> window.training().start());
        }
        if (o.presentation()) {
            window.presentationProperty().set(true);
        }
        if (o.explainCell() != null) {
            String[] parts = o.explainCell().split(":");
            if (parts.length == 3) {
                try {
                    int row = Integer.parseInt(parts[1].trim()) - 1;
                    int column = Integer.parseInt(parts[2].trim()) - 1;
                    vm.onNextRender(() -> vm.explainCell(vm.selectedLayerProperty().get(),
                            vm.selectedHeadProperty().get(), parts[0].trim(), row, column));
                } catch (NumberFormatException e) {
                    vm.say("--explain-cell: '" + o.explainCell() + "' is not MAP:ROW:COLUMN");
                }
            } else {
                vm.say("--explain-cell: '" + o.explainCell() + "' is not MAP:ROW:COLUMN");
            }
        }
        if (o.highContrast()) {
            window.highContrastProperty().set(true);
        }
        if (o.map() != null) {
            vm.mapFocusProperty().set(o.map());
        }
        java.util.concurrent.CompletableFuture<Void> lessonShown = null;
        if (o.lesson() != null) {
            Path lessonFile = o.lesson();
            int sceneIndex = o.scene() - 1;
            java.util.concurrent.CompletableFuture<Void> sceneShown = new java.util.concurrent.CompletableFuture<>();
            lessonShown = sceneShown;
            vm.onNextRender(() -> window.lesson().open(lessonFile)
                    .thenRun(() -> Platform.runLater(() -> window.lesson().show(sceneIndex)
                            .whenComplete((v, e) -> sceneShown.complete(null)))));
        }
        if (o.analyse()) {
            window.showAnalyseTab();
            vm.onNextRender(() -> window.analysis().analyse());
        }
        if (o.screenshot() != null) {
            Path file = o.screenshot();
            if (o.analyse()) {
                window.analysis().runningProperty().addListener((x, was, now) -> {
                    if (was && !now) {
                        window.showAnalyseTab();
                        screenshotSoon(scene, file);
                    }
                });
            } else if (o.train()) {
                int epochs = o.shotAfter();
                window.training().snapshots().addListener((javafx.collections.ListChangeListener<Object>) c -> {
                    if (window.training().snapshots().size() == epochs) {
                        window.training().shownSnapshotProperty().set(epochs - 1);
                        screenshotSoon(scene, file);
                    }
                });
            } else if (lessonShown != null) {
                lessonShown.thenRun(() -> Platform.runLater(() -> screenshotWhenReady(scene, file)));
            } else {
                screenshotWhenReady(scene, file);
            }
        }
    }

    /**
     * Prints, as JSON, the milliseconds from the JVM's start to the window on screen and to the default
     * user's maps and predictions on screen (the window is usable), then quits: --startup-time.
     */
    private void reportStartupTime(long shown) {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        vm.onNextRender(() -> {
            long ready = System.currentTimeMillis();
            awrsr.util.EngineStartup.Progress p = awrsr.util.EngineStartup.progress();
            System.out.printf(java.util.Locale.ROOT,
                    "{\"window_shown_ms\":%d,\"ready_ms\":%d,\"ready_epoch_ms\":%d,\"engine_unpacked_this_start\":%b}%n",
                    shown - jvmStart, ready - jvmStart, ready, p != null && p.unpacking());
            System.out.flush();
            Platform.exit();
        });
    }

    /** Polls the engine's start (begun by the launcher) into the status bar until the engine is up. */
    static void watchEngineStart(WorkbenchViewModel vm) {
        awrsr.util.EngineStartup.start();
        javafx.animation.Timeline poll = new javafx.animation.Timeline();
        poll.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(150), e -> {
            awrsr.util.EngineStartup.Progress p = awrsr.util.EngineStartup.progress();
            vm.showEngineStart(p);
            if (p != null && p.done()) {
                poll.stop();
            }
        }));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        vm.showEngineStart(awrsr.util.EngineStartup.progress());
        poll.play();
    }

    /** Writes the window's content to a PNG once the default user's maps are on screen, then quits. */
    private void screenshotWhenReady(Scene scene, Path file) {
        vm.onNextRender(() -> screenshotSoon(scene, file));
    }

    private void screenshotSoon(Scene scene, Path file) {
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
        settle.setOnFinished(e -> {
            try {
                awrsr.app.view.Exporter.png(scene.getRoot(), file);
                System.out.println("wrote " + file.toAbsolutePath());
            } catch (java.io.IOException ex) {
                System.err.println("screenshot failed: " + ex.getMessage());
            }
            window.training().cancel();
            Platform.exit();
        });
        settle.play();
    }

    /**
     * Autosaves the session and, when a previous run left one, offers it back once the defaults are on
     * screen. The autosave arms when the offer is answered or on the first edit after the default start.
     */
    public static Autosave wireSession(WorkbenchViewModel vm, MainWindow window, SessionStore store, boolean offer) {
        SessionStore.Session previous = offer ? store.load() : null;
        Autosave autosave = new Autosave(vm, store);
        if (!offer) {
            return autosave;
        }
        boolean[] started = {false};
        vm.editor().addListener(() -> {
            if (started[0] && !autosave.armed()) {
                autosave.arm();      // the user edits: from now on their work is what matters
            }
        });
        vm.onNextRender(() -> {
            started[0] = true;
            if (previous != null && !previous.items().isEmpty()) {
                window.offerRestore(previous, autosave::arm);
            } else {
                autosave.arm();
            }
        });
        return autosave;
    }

    /** The shipped dataset, the default model, and a real user's history to start from. */
    public static void openDefaults(WorkbenchViewModel vm, Path model) {
        open(vm, "movielens-small", model, null);
    }

    /** A dataset, a model, and a user's history (null: {@link #defaultUser}). */
    public static void open(WorkbenchViewModel vm, String data, Path model, Integer user) {
        vm.openDataset(data)
                .thenCompose(d -> vm.openModel(model).thenApply(m -> d))
                .thenAccept(d -> Platform.runLater(() -> vm.loadUser(user != null ? user : defaultUser(d))));
    }

    /** The first user whose history is long enough to be interesting and short enough to read: 25-40 items. */
    public static int defaultUser(Dataset d) {
        for (int r = 0; r < d.userCount(); r++) {
            int len = d.sequence(r).length;
            if (len >= 25 && len <= 40) {
                return d.userId(r);
            }
        }
        return d.userId(0);
    }

    public MainWindow window() { return window; }
    public WorkbenchViewModel viewModel() { return vm; }

    @Override
    public void stop() {
        if (window != null && window.root().getScene() != null) {
            awrsr.app.io.LayoutStore.standard().write(window.sidePaneWidths());
        }
        if (autosave != null) {
            if (autosave.armed()) {
                autosave.saveNow();
            }
            autosave.flush();
        }
        if (window != null) {
            window.training().shutdown(60_000);
            window.analysis().shutdown();                    // before the model it may be explaining closes
        }
        if (vm != null) {
            vm.shutdown();                                   // the model worker has stopped: nothing uses it now
        }
        if (window != null) {
            window.compare().close();
        }
    }
}
