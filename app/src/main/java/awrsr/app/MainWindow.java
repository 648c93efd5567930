package awrsr.app;

import awrsr.util.Home;
import awrsr.app.view.Exporter;
import awrsr.app.view.AttentionPane;
import awrsr.app.view.ComparePane;
import awrsr.app.view.EvaluatePane;
import awrsr.app.view.TrainPane;
import awrsr.app.view.AnalysePane;
import awrsr.app.view.LessonPane;
import awrsr.app.vm.LessonViewModel;
import awrsr.app.vm.AnalysisViewModel;
import awrsr.app.vm.CompareViewModel;
import awrsr.app.vm.EvaluationViewModel;
import awrsr.app.vm.TrainingViewModel;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import awrsr.app.view.PredictionsPane;
import awrsr.app.view.SequencePane;
import awrsr.app.vm.InferenceResult;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.StatusBar;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The main window's layout, menus and status bar; everything it shows comes from the view-model. */
public final class MainWindow {
    private final WorkbenchViewModel vm;
    /** The window's colours, fonts and spacing (every scene the root is shown in uses it). */
    public static final String STYLESHEET = MainWindow.class.getResource("app.css").toExternalForm();
    private final BorderPane root = new BorderPane();
    /**
     * Presentation mode (F5): full screen, and the stylesheet's ".presentation" rules (larger fonts throughout,
     * larger map labels and a large readout) for the back of a lecture room.
     */
    private final javafx.beans.property.BooleanProperty presentation = new javafx.beans.property.SimpleBooleanProperty();
    private final SequencePane sequence;
    private final AttentionPane attention;
    private final PredictionsPane predictions;
    private final NotificationPane notifications;
    private final StatusBar status = new StatusBar();
    private final TabPane tabs = new TabPane();
    private final Tab analyseTab;
    private final TrainingViewModel training;
    private final EvaluationViewModel evaluation;
    private final CompareViewModel compare;
    private final TrainPane trainPane;
    private final EvaluatePane evaluatePane;
    private final ComparePane comparePane;
    private final AnalysisViewModel analysis;
    private final AnalysePane analysePane;
    private final LessonViewModel lesson;
    private final LessonPane lessonPane;
    private final Label lessonBanner = new Label();
    /** The history and prediction panes' widths in pixels: 270 and 310, or what the user left them at. */
    private final double[] sideWidths = {270, 310};
    private SplitPane split;
    private final javafx.beans.property.BooleanProperty highContrast = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.IntegerProperty exportScale = new javafx.beans.property.SimpleIntegerProperty(2);

    public MainWindow(WorkbenchViewModel vm) {
        this.vm = vm;
        sequence = new SequencePane(vm);
        attention = new AttentionPane(vm);
        predictions = new PredictionsPane(vm);
        SplitPane split = new SplitPane(sequence, attention, predictions);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.17, 0.8);
        // the side panes keep their width (history 270 px, predictions 310 px) and the maps take what is left,
        // from 1280 × 720 up; resizing the window resizes the maps only
        SplitPane.setResizableWithParent(sequence, false);
        SplitPane.setResizableWithParent(predictions, false);
        split.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number a, Number w) {
                if (w.doubleValue() > 0) {
                    split.widthProperty().removeListener(this);
                    double width = w.doubleValue();
                    split.setDividerPositions(Math.min(0.3, sideWidths[0] / width),
                            Math.max(0.7, 1 - sideWidths[1] / width));
                }
            }
        });
        this.split = split;
        training = new TrainingViewModel(vm);
        compare = new CompareViewModel(vm);
        evaluation = new EvaluationViewModel(vm, compare.secondProperty());
        analysis = new AnalysisViewModel(vm);
        Tab explore = new Tab("Explore", split);
        trainPane = new TrainPane(training);
        evaluatePane = new EvaluatePane(evaluation, () -> tabs.getSelectionModel().select(explore));
        comparePane = new ComparePane(compare, vm);
        analysePane = new AnalysePane(analysis, () -> tabs.getSelectionModel().select(explore));
        lesson = new LessonViewModel(vm);
        lessonPane = new LessonPane(lesson, () -> tabs.getSelectionModel().select(explore));
        analyseTab = new Tab("Analyse", analysePane);
        tabs.getTabs().setAll(explore, new Tab("Train", trainPane), new Tab("Evaluate", evaluatePane),
                new Tab("Compare", comparePane), analyseTab, new Tab("Lesson", lessonPane));
        tabs.getTabs().forEach(t -> t.setClosable(false));
        tabs.setId("tabs");
        training.errorProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                vm.say(b);
            }
        });
        notifications = new NotificationPane(tabs);
        notifications.setShowFromTop(true);
        vm.messageProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                notifications.show(b);
            } else {
                notifications.hide();
            }
        });
        notifications.setOnHidden(e -> vm.clearMessage());
        root.getStylesheets().add(STYLESHEET);
        highContrast.addListener((o, was, on) -> {
            if (on) {
                root.getStyleClass().add("high-contrast");
            } else {
                root.getStyleClass().remove("high-contrast");
            }
        });
        presentation.addListener((o, was, on) -> {
            attention.setOverviewShown(!on);        // at 1280 × 720 the maps need the room more
            if (on) {
                root.getStyleClass().add("presentation");
            } else {
                root.getStyleClass().remove("presentation");
            }
            if (root.getScene() != null && root.getScene().getWindow() instanceof javafx.stage.Stage stage) {
                stage.setFullScreenExitHint("F5 or Esc leaves presentation mode");
                stage.setFullScreen(on);
                if (!on) {
                    return;
                }
                stage.fullScreenProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override public void changed(javafx.beans.value.ObservableValue<? extends Boolean> v, Boolean a,
                                                  Boolean full) {
                        if (!full) {                       // Esc left full screen: leave the mode too
                            v.removeListener(this);
                            presentation.set(false);
                        }
                    }
                });
            }
        });
        // a what-if preview: Enter makes the edit, Esc forgets it (not while typing in a field)
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (vm.previewProperty().get() == null
                    || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
                return;
            }
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && vm.commitPreview()
                    || e.getCode() == javafx.scene.input.KeyCode.ESCAPE && vm.dropPreview()) {
                e.consume();
            }
        });
        // Ctrl = (the + key without Shift) and the keypad's + and − zoom too
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown()) {
                return;
            }
            if (e.getCode() == javafx.scene.input.KeyCode.EQUALS || e.getCode() == javafx.scene.input.KeyCode.ADD) {
                attention.zoomBy(2);
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.SUBTRACT) {
                attention.zoomBy(0.5);
                e.consume();
            }
        });
        // in presentation mode Page Down / Page Up step through the lesson's scenes, wherever the focus is
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!presentation.get() || lesson.scenes().isEmpty()) {
                return;
            }
            if (e.getCode() == javafx.scene.input.KeyCode.PAGE_DOWN && lesson.next()
                    || e.getCode() == javafx.scene.input.KeyCode.PAGE_UP && lesson.previous()) {
                e.consume();
            }
        });
        lessonBanner.setId("lesson-banner");
        lessonBanner.getStyleClass().add("lesson-banner");
        lessonBanner.setWrapText(true);
        lessonBanner.setMaxWidth(Double.MAX_VALUE);
        lessonBanner.textProperty().bind(lesson.bannerProperty());
        lessonBanner.visibleProperty().bind(lesson.bannerProperty().isNotEmpty());
        lessonBanner.managedProperty().bind(lessonBanner.visibleProperty());
        root.setTop(new javafx.scene.layout.VBox(menus(), lessonBanner));
        root.setCenter(notifications);
        root.setBottom(buildStatusBar());
    }

    public Parent root() { return root; }
    public javafx.beans.property.BooleanProperty presentationProperty() { return presentation; }
    public AttentionPane attention() { return attention; }
    public PredictionsPane predictions() { return predictions; }
    public SequencePane sequence() { return sequence; }
    public StatusBar statusBar() { return status; }
    public TabPane tabs() { return tabs; }
    /** Shows the Analyse tab (the command line's --analyse; no longer the last tab since Lesson came). */
    public void showAnalyseTab() { tabs.getSelectionModel().select(analyseTab); }
    public TrainingViewModel training() { return training; }
    public EvaluationViewModel evaluation() { return evaluation; }
    public CompareViewModel compare() { return compare; }
    public TrainPane trainPane() { return trainPane; }
    public EvaluatePane evaluatePane() { return evaluatePane; }
    public ComparePane comparePane() { return comparePane; }
    public AnalysisViewModel analysis() { return analysis; }
    public AnalysePane analysePane() { return analysePane; }

    /**
     * Offers the session a previous run left behind; {@code decided} runs once the user restored it or
     * closed the offer.
     */
    public void offerRestore(awrsr.app.io.SessionStore.Session s, Runnable decided) {
        String what = (s.user() != null ? "user " + s.user() + ", " : "") + s.items().size() + " items, model "
                + java.nio.file.Path.of(s.model()).getFileName();
        org.controlsfx.control.action.Action restore = new org.controlsfx.control.action.Action(
                "Restore last session", e -> {
                    notifications.getActions().clear();
                    notifications.hide();
                    vm.restore(s).whenComplete((v, error) -> javafx.application.Platform.runLater(decided));
                });
        restore.setLongText("restore-session");
        notifications.getActions().setAll(restore);
        notifications.setOnHidden(e -> {
            notifications.getActions().clear();
            vm.clearMessage();
            decided.run();
            notifications.setOnHidden(x -> vm.clearMessage());
        });
        notifications.show("The last session (" + what + ") was saved when the program ended. Restore it?");
    }

    public NotificationPane notifications() {
        return notifications;
    }

    private StatusBar buildStatusBar() {
        status.setId("status-bar");
        javafx.beans.binding.BooleanBinding engineStarting = vm.engineTaskProperty().isNotEmpty();
        status.textProperty().bind(javafx.beans.binding.Bindings.when(engineStarting).then(vm.engineTaskProperty())
                .otherwise(javafx.beans.binding.Bindings.when(vm.busyProperty()).then("Working…").otherwise("Ready")));
        status.progressProperty().bind(javafx.beans.binding.Bindings.when(engineStarting)
                .then(vm.engineProgressProperty())
                .otherwise(javafx.beans.binding.Bindings.when(vm.busyProperty()).then(-1.0).otherwise(0.0)));
        Label model = bound("status-model", vm.modelSummaryProperty());
        Label data = bound("status-dataset", vm.datasetSummaryProperty());
        Label device = new Label();
        device.setId("status-device");
        device.textProperty().bind(javafx.beans.binding.Bindings.concat("device: ", vm.deviceProperty()));
        Label time = bound("status-inference", vm.inferenceTimeProperty());
        Label latency = bound("status-latency", vm.editToScreenProperty());
        status.getRightItems().setAll(model, sep(), data, sep(), device, sep(), time, sep(), latency);
        return status;
    }

    private static Label bound(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        return l;
    }

    private static Label sep() {
        return new Label(" │ ");
    }

    private MenuBar menus() {
        MenuItem openModel = item("Open model…", "Shortcut+O", () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a checkpoint folder");
            chooser.setInitialDirectory(existing(Home.home().resolve("assets/models")));
            File dir = chooser.showDialog(window());
            if (dir != null) {
                vm.openModel(dir.toPath());
            }
        });
        MenuItem openData = item("Open dataset…", "Shortcut+D", () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a dataset folder (MovieLens or interactions.csv)");
            File dir = chooser.showDialog(window());
            if (dir != null) {
                vm.openDataset(dir.getPath());
            }
        });
        MenuItem shipped = item("Open shipped MovieLens data", null, () -> vm.openDataset("movielens-small"));
        MenuItem png = item("Export maps as PNG…", "Shortcut+E", () -> choose("maps.png", "PNG image", "*.png",
                this::exportMapsPng));
        MenuItem svg = item("Export maps as SVG…", "Shortcut+Shift+E", () -> choose("maps.svg", "SVG image", "*.svg",
                this::exportMapsSvg));
        MenuItem pdf = item("Export maps as PDF…", null, () -> choose("maps.pdf", "PDF document", "*.pdf",
                this::exportMapsPdf));
        MenuItem traceCsv = item("Export attention matrices as CSV…", null, () -> {
            if (current() == null) {
                nothing();
            } else {
                chooseFolder("Folder for the CSV files", this::exportTraceCsv);
            }
        });
        MenuItem predCsv = item("Export predictions as CSV…", null, () -> choose("predictions.csv", "CSV", "*.csv",
                this::exportPredictionsCsv));
        MenuItem saveSession = item("Save session…", "Shortcut+S", () -> {
            awrsr.app.io.SessionStore.Session s = vm.session();
            if (s == null) {
                notifications.show("Nothing to save yet: no model is loaded");
                return;
            }
            FileChooser chooser = sessionChooser("Save the session");
            chooser.setInitialFileName("lesson.awrsr-session");
            File f = chooser.showSaveDialog(window());
            if (f != null) {
                Path target = f.toPath();
                exports.execute(() -> {
                    try {
                        awrsr.app.io.SessionStore.write(target, s);
                        javafx.application.Platform.runLater(() -> vm.say("Session saved to " + target));
                    } catch (java.io.IOException e) {
                        javafx.application.Platform.runLater(() -> vm.say("Could not save the session: " + e.getMessage()));
                    }
                });
            }
        });
        MenuItem openSession = item("Open session…", "Shortcut+Shift+O", () -> {
            File f = sessionChooser("Open a session").showOpenDialog(window());
            if (f != null) {
                openSession(f.toPath());
            }
        });
        MenuItem quit = item("Quit", "Shortcut+Q", () -> window().hide());
        Menu file = new Menu("_File", null, openModel, openData, shipped, new SeparatorMenuItem(), openSession,
                saveSession, new SeparatorMenuItem(), png, svg, pdf, traceCsv, predCsv, new SeparatorMenuItem(), quit);
        Menu lessons = lessonMenu();
        javafx.scene.control.ToggleGroup scales = new javafx.scene.control.ToggleGroup();
        Menu scaleMenu = new Menu("PNG export scale");
        for (int k = 1; k <= 3; k++) {
            int factor = k;
            javafx.scene.control.RadioMenuItem r = new javafx.scene.control.RadioMenuItem(k + "× the size on screen");
            r.setToggleGroup(scales);
            r.setSelected(k == exportScale.get());
            r.setOnAction(e -> exportScale.set(factor));
            scaleMenu.getItems().add(r);
        }
        file.getItems().add(file.getItems().indexOf(svg) + 1, scaleMenu);

        MenuItem undo = item("Undo", "Shortcut+Z", vm::undo);
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", vm::redo);
        MenuItem redoY = item("Redo (Ctrl+Y)", "Shortcut+Y", vm::redo);
        MenuItem user = item("Load user…", "Shortcut+U", () -> {
            TextInputDialog dialog = new TextInputDialog();
            dialog.setHeaderText("User id of the loaded dataset");
            dialog.showAndWait().ifPresent(text -> {
                try {
                    vm.loadUser(Integer.parseInt(text.trim()));
                } catch (NumberFormatException e) {
                    vm.loadUser(-1);
                }
            });
        });
        MenuItem clear = item("Empty history", null, vm::newEmpty);
        Menu edit = new Menu("_Edit", null, undo, redo, redoY, new SeparatorMenuItem(), user, clear);

        CheckMenuItem weights = new CheckMenuItem("Show refinement weights R");
        weights.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        weights.selectedProperty().bindBidirectional(vm.showWeightsProperty());
        CheckMenuItem exclude = new CheckMenuItem("Leave history items out of predictions");
        exclude.selectedProperty().bindBidirectional(vm.excludeHistoryProperty());
        CheckMenuItem cpu = new CheckMenuItem("Force CPU");
        cpu.selectedProperty().bindBidirectional(vm.forceCpuProperty());
        CheckMenuItem present = new CheckMenuItem("Presentation mode");
        present.setId("presentation-mode");
        present.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("F5"));
        present.selectedProperty().bindBidirectional(presentation);
        CheckMenuItem contrast = new CheckMenuItem("High contrast");
        contrast.setId("high-contrast");
        contrast.selectedProperty().bindBidirectional(highContrast);
        Menu palettes = new Menu("Palette");
        javafx.scene.control.ToggleGroup paletteGroup = new javafx.scene.control.ToggleGroup();
        for (awrsr.app.view.ColorScale.Palette p : awrsr.app.view.ColorScale.Palette.values()) {
            javafx.scene.control.RadioMenuItem r = new javafx.scene.control.RadioMenuItem(p.title());
            r.setId("palette-" + p.name().toLowerCase(java.util.Locale.ROOT));
            r.setToggleGroup(paletteGroup);
            r.setSelected(p == awrsr.app.view.ColorScale.palette());
            r.setOnAction(e -> setPalette(p));
            palettes.getItems().add(r);
        }
        MenuItem zoomIn = item("Zoom the maps in", "Shortcut+Plus", () -> attention.zoomBy(2));
        zoomIn.setId("zoom-in");
        MenuItem zoomOut = item("Zoom the maps out", "Shortcut+Minus", () -> attention.zoomBy(0.5));
        MenuItem zoomReset = item("Whole maps", "Shortcut+0", attention::resetZoom);
        Menu view = new Menu("_View", null, weights, exclude, new SeparatorMenuItem(), zoomIn, zoomOut, zoomReset,
                new SeparatorMenuItem(), present, contrast, palettes, new SeparatorMenuItem(), cpu);
        MenuItem diagnostics = item("Copy diagnostics", null, this::copyDiagnostics);
        diagnostics.setId("copy-diagnostics");
        Menu help = new Menu("_Help", null, diagnostics);
        return new MenuBar(file, edit, view, lessons, help);
    }

    /**
     * Copies version, engine, device, OS, Java and the last log lines to the clipboard, for a bug report.
     * Collecting them measures the engine cache, so it runs off the FX thread.
     */
    public java.util.concurrent.CompletableFuture<String> copyDiagnostics() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> awrsr.util.Diagnostics.text(50))
                .whenComplete((text, error) -> javafx.application.Platform.runLater(() -> {
                    if (error != null) {
                        vm.say("Could not collect the diagnostics: " + error.getMessage());
                        return;
                    }
                    javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
                    content.putString(text);
                    javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
                    vm.say("Diagnostics copied to the clipboard (" + text.lines().count() + " lines): paste them into "
                            + "a bug report");
                }));
    }

    private InferenceResult current() {
        return vm.result();
    }

    /** Encodes and writes exports, one at a time, off the FX thread. */
    private final java.util.concurrent.ExecutorService exports = awrsr.app.vm.Workers.single("awrsr-export");

    /**
     * Holds the export worker until {@code gate} completes: the exports asked meanwhile queue behind it, so
     * a test can see what the FX thread did before any of them ran.
     */
    public void holdExportsUntil(java.util.concurrent.CompletableFuture<?> gate) {
        exports.execute(gate::join);
    }

    /** The maps on screen as PNG: the snapshot here, the encoding and writing on the export worker. */
    public java.util.concurrent.CompletableFuture<Void> exportMapsPng(Path file) {
        return current() == null ? nothing()
                : export(Exporter.png(attention.detailBox(), caption(), exportScale.get()), file);
    }

    /** The PNG exports' scale: 1, 2 or 3 times the size on screen (File → Export scale). */
    public javafx.beans.property.IntegerProperty exportScaleProperty() { return exportScale; }

    /** What an exported figure is of: model, data, user, layer and head. */
    private String caption() {
        Integer user = vm.currentUserProperty().get();
        return vm.modelSummaryProperty().get() + " · " + vm.datasetSummaryProperty().get().split(" · ")[0]
                + (user != null ? " · user " + user : "") + " · " + current().titles().size() + " items · layer "
                + (vm.selectedLayerProperty().get() + 1) + ", head " + (vm.selectedHeadProperty().get() + 1);
    }

    public java.util.concurrent.CompletableFuture<Void> exportMapsSvg(Path file) {
        return current() == null ? nothing()
                : export(Exporter.svg(attention.detailMaps(), current().titles(), caption()), file);
    }

    public java.util.concurrent.CompletableFuture<Void> exportMapsPdf(Path file) {
        return current() == null ? nothing()
                : export(Exporter.pdf(attention.detailBox(), caption(), exportScale.get()), file);
    }

    public java.util.concurrent.CompletableFuture<Void> exportPredictionsCsv(Path file) {
        return current() == null ? nothing() : export(Exporter.predictionsCsv(vm.predictions()), file);
    }

    public java.util.concurrent.CompletableFuture<Void> exportTraceCsv(Path dir) {
        InferenceResult r = current();
        return r == null ? nothing() : export(folder -> Exporter.traceCsv(r, folder), dir);
    }

    private java.util.concurrent.CompletableFuture<Void> nothing() {
        notifications.show("Nothing to export yet: the history is empty or no model is loaded");
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    private java.util.concurrent.CompletableFuture<Void> export(Exporter.Export export, Path target) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                export.to(target);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, exports).whenComplete((v, e) -> javafx.application.Platform.runLater(() -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.io.UncheckedIOException u) {
                cause = u.getCause();
            }
            vm.say(cause == null ? "Exported to " + target : "Export failed: " + cause.getMessage());
        }));
    }

    /** Asks for a folder and hands it to {@code action}; nothing when the dialog is cancelled. */
    private void chooseFolder(String title, java.util.function.Consumer<Path> action) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File dir = chooser.showDialog(window());
        if (dir != null) {
            action.accept(dir.toPath());
        }
    }

    private void choose(String name, String kind, String pattern,
                        java.util.function.Function<Path, java.util.concurrent.CompletableFuture<Void>> action) {
        if (current() == null) {
            nothing();
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            action.apply(f.toPath());
        }
    }

    /** Lesson: open, save, add the current view as a scene, step through the scenes. */
    private Menu lessonMenu() {
        MenuItem open = item("Open lesson…", null, () -> {
            FileChooser chooser = lessonChooser("Open a lesson");
            chooser.setInitialDirectory(existing(Home.home().resolve("assets/lessons")));
            File f = chooser.showOpenDialog(window());
            if (f != null) {
                lesson.open(f.toPath());
            }
        });
        MenuItem save = item("Save lesson…", null, () -> {
            if (lesson.scenes().isEmpty()) {
                notifications.show("Nothing to save yet: add a scene first (Lesson → Add this view as a scene)");
                return;
            }
            FileChooser chooser = lessonChooser("Save the lesson");
            chooser.setInitialFileName(lesson.fileProperty().get() != null
                    ? lesson.fileProperty().get().getFileName().toString() : "lesson.awrsr-lesson");
            File f = chooser.showSaveDialog(window());
            if (f != null) {
                lesson.save(f.toPath());
            }
        });
        MenuItem add = item("Add this view as a scene", "Shortcut+Shift+A", () -> {
            TextInputDialog ask = new TextInputDialog();
            ask.setTitle("New scene");
            ask.setHeaderText("A title for this scene (the note can be written in the Lesson tab)");
            ask.initOwner(window());
            ask.showAndWait().ifPresent(t -> lesson.addCurrentView(t, ""));
        });
        MenuItem next = item("Next scene", "Shortcut+Page Down", lesson::next);
        MenuItem previous = item("Previous scene", "Shortcut+Page Up", lesson::previous);
        MenuItem edit = item("Edit the lesson", null, () -> tabs.getSelectionModel().select(tabs.getTabs().size() - 1));
        MenuItem export = item("Export the lesson as PNGs…", null, () -> {
            if (lesson.scenes().isEmpty()) {
                notifications.show("Nothing to export yet: the lesson has no scene");
            } else {
                chooseFolder("Folder for one PNG per scene", this::exportLesson);
            }
        });
        return new Menu("_Lesson", null, open, save, new SeparatorMenuItem(), add, edit, new SeparatorMenuItem(),
                next, previous, new SeparatorMenuItem(), export);
    }

    private static FileChooser lessonChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("AWRSR lesson", "*.awrsr-lesson"));
        return chooser;
    }

    public LessonViewModel lesson() { return lesson; }

    /**
     * The widths the history and prediction panes open with (before the window is shown): what the user
     * left them at last time. Each is kept between 180 px and 45 % of the window when it is laid out.
     */
    public void setSidePaneWidths(double history, double predictions) {
        sideWidths[0] = Math.max(180, history);
        sideWidths[1] = Math.max(180, predictions);
    }

    /** The history and prediction panes' widths now, {history, predictions}. */
    public double[] sidePaneWidths() {
        double width = split.getWidth();
        double[] d = split.getDividerPositions();
        return new double[] {d[0] * width, (1 - d[1]) * width};
    }

    /**
     * One figure per scene (scene-01-title.png, ...): each scene is shown in turn and its maps written at the
     * export scale with the scene's title and note as the caption; a name already taken gets a suffix.
     * Completes with the files written.
     */
    public java.util.concurrent.CompletableFuture<List<Path>> exportLesson(Path dir) {
        List<Path> written = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CompletableFuture<Void> chain = java.util.concurrent.CompletableFuture.completedFuture(null);
        for (int i = 0; i < lesson.scenes().size(); i++) {
            int scene = i;
            chain = chain.thenCompose(v -> {
                java.util.concurrent.CompletableFuture<Void> one = new java.util.concurrent.CompletableFuture<>();
                javafx.application.Platform.runLater(() -> {
                    vm.onNextRender(() -> javafx.application.Platform.runLater(() -> {
                        var s = lesson.scenes().get(scene);
                        String name = String.format(java.util.Locale.ROOT, "scene-%02d-%s.png", scene + 1,
                                s.title().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "").toLowerCase(java.util.Locale.ROOT));
                        Exporter.Export png = Exporter.png(attention.detailBox(), s.title()
                                + (s.note().isBlank() ? "" : " — " + s.note()) + " · " + caption(), exportScale.get());
                        exports.execute(() -> {
                            try {
                                java.nio.file.Files.createDirectories(dir);
                                Path target = awrsr.util.AtomicFiles.unused(dir.resolve(name));
                                png.to(target);
                                written.add(target);
                                one.complete(null);
                            } catch (IOException e) {
                                one.completeExceptionally(e);
                            }
                        });
                    }));
                    lesson.show(scene);
                });
                return one;
            });
        }
        return chain.handle((v, e) -> {
            javafx.application.Platform.runLater(() -> vm.say(e == null
                    ? "Wrote " + written.size() + " scene figures to " + dir
                    : "Could not export the lesson: " + (e.getCause() != null ? e.getCause() : e).getMessage()));
            return List.copyOf(written);
        });
    }

    /** View → High contrast: the stylesheet's ".high-contrast" rules (white on black, maps on white). */
    public javafx.beans.property.BooleanProperty highContrastProperty() { return highContrast; }

    /** View → Palette: the maps' sequential colours, redrawn at once. */
    public void setPalette(awrsr.app.view.ColorScale.Palette p) {
        awrsr.app.view.ColorScale.setPalette(p);
        attention.redraw();
    }
    public LessonPane lessonPane() { return lessonPane; }

    private static FileChooser sessionChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("AWRSR session", "*.awrsr-session"));
        return chooser;
    }

    /** Reads a session file off the FX thread and brings it back: model, data, history, target and view. */
    public java.util.concurrent.CompletableFuture<Void> openSession(Path file) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        exports.execute(() -> {
            try {
                awrsr.app.io.SessionStore.Session s = awrsr.app.io.SessionStore.read(file);
                javafx.application.Platform.runLater(() -> vm.restore(s).whenComplete((v, e) -> done.complete(null)));
            } catch (java.io.IOException e) {
                javafx.application.Platform.runLater(() -> {
                    vm.say("Could not open the session: " + e.getMessage());
                    done.complete(null);
                });
            }
        });
        return done;
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private static File existing(Path p) {
        File f = p.toFile();
        return f.isDirectory() ? f : null;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
