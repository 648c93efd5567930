package awrsr.app.view;

import awrsr.app.MainWindow;
import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.app.io.LessonStore;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lesson: scenes are added from the Explore view, reordered and annotated, saved, opened again, and in
 * presentation mode Page Down / Page Up step through them, each bringing back its history, layer and head.
 */
@ExtendWith(ApplicationExtension.class)
class LessonTest {
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
    void aLessonIsPreparedSavedOpenedAndSteppedThrough(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        List<Integer> first = List.copyOf(vm.editor().items());
        robot.interact(() -> window.lesson().addCurrentView("The whole history", "Look at the last row"));
        robot.interact(() -> {
            vm.removeAt(0);
            vm.removeAt(0);
            vm.selectedLayerProperty().set(1);
            vm.selectedHeadProperty().set(1);
        });
        List<Integer> second = List.copyOf(vm.editor().items());
        robot.interact(() -> window.lesson().addCurrentView("Two items fewer", ""));
        robot.interact(() -> {
            vm.removeAt(0);
            vm.selectedLayerProperty().set(0);
            vm.selectedHeadProperty().set(1);
        });
        List<Integer> third = List.copyOf(vm.editor().items());
        robot.interact(() -> window.lesson().addCurrentView("Three fewer, layer 1", ""));
        // reorder: the third scene goes first; edit the second's note
        robot.interact(() -> {
            window.lesson().move(2, -1);
            window.lesson().move(1, -1);
            window.lesson().edit(1, "The whole history", "The newest item reads itself");
            window.lesson().titleProperty().set("Attention on user 11");
        });
        assertEquals(List.of("Three fewer, layer 1", "The whole history", "Two items fewer"),
                window.lesson().scenes().stream().map(LessonStore.Scene::title).toList());

        Path file = dir.resolve("user11.awrsr-lesson");
        window.lesson().save(file).get();
        LessonStore.Lesson read = LessonStore.read(file);
        assertEquals(window.lesson().lesson(), read, "the file holds the lesson");

        robot.interact(() -> {
            window.lesson().scenes().clear();
            window.lesson().currentProperty().set(-1);
            vm.newEmpty();
        });
        window.lesson().open(file).get();
        Windows.waitFor(60, () -> vm.editor().items().equals(third) && vm.result() != null
                && vm.result().prediction().items().size() == third.size());
        assertEquals(0, vm.selectedLayerProperty().get());
        assertEquals(1, vm.selectedHeadProperty().get());
        String banner = robot.lookup("#lesson-banner").queryLabeled().getText();
        assertTrue(banner.startsWith("Attention on user 11 · scene 1 of 3: Three fewer"), banner);

        robot.clickOn("#predictions").type(KeyCode.F5);
        Windows.waitFor(10, () -> window.presentationProperty().get());
        robot.type(KeyCode.PAGE_DOWN);
        Windows.waitFor(60, () -> vm.editor().items().equals(first) && vm.selectedLayerProperty().get() == 0
                && vm.result() != null && vm.result().prediction().items().size() == Math.min(first.size(), 200));
        assertTrue(robot.lookup("#lesson-banner").queryLabeled().getText().endsWith("— The newest item reads itself"));
        robot.type(KeyCode.PAGE_DOWN);
        Windows.waitFor(60, () -> vm.editor().items().equals(second) && vm.selectedLayerProperty().get() == 1);
        assertEquals(1, vm.selectedHeadProperty().get());
        robot.type(KeyCode.PAGE_DOWN);                   // past the last scene: nothing changes
        assertEquals(2, window.lesson().currentProperty().get());
        robot.type(KeyCode.PAGE_UP);
        Windows.waitFor(60, () -> vm.editor().items().equals(first));
        assertEquals(1, window.lesson().currentProperty().get());
        robot.type(KeyCode.F5);
        Windows.waitFor(10, () -> !window.presentationProperty().get());
    }

    @Test
    void theShippedToyLessonOpensItsModelsAndDataByName(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        Path lesson = awrsr.util.Home.home().resolve("assets/lessons/toy-copy.awrsr-lesson");
        window.lesson().open(lesson).get();
        Windows.waitFor(60, () -> vm.result() != null && vm.datasetSummaryProperty().get().startsWith("toy-copy")
                && vm.modelSummaryProperty().get().startsWith("toy-copy-e01"));
        assertEquals(4, window.lesson().scenes().size());
        int target = window.lesson().scenes().get(0).session().pinned();
        assertEquals(target, vm.pinnedProperty().get(), "the true next item is pinned");
        robot.interact(() -> window.lesson().next());
        robot.interact(() -> window.lesson().next());
        Windows.waitFor(60, () -> vm.modelSummaryProperty().get().startsWith("toy-copy-e60") && vm.result() != null
                && vm.result().prediction().top().get(0).item() == target);
    }

    @Test
    void exportingALessonWritesOneFigurePerSceneAndOverwritesNothing(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null);
        window.lesson().open(awrsr.util.Home.home().resolve("assets/lessons/toy-shift.awrsr-lesson")).get();
        Windows.waitFor(60, () -> vm.result() != null && vm.modelSummaryProperty().get().startsWith("toy-shift-e01"));
        Path out = dir.resolve("slides");
        Files.createDirectories(out);
        Files.writeString(out.resolve("scene-01-after-1-epoch.png"), "mine");
        List<Path> written = window.exportLesson(out).get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(List.of("scene-01-after-1-epoch-2.png", "scene-02-after-5-epochs.png",
                "scene-03-after-60-epochs.png", "scene-04-after-60-epochs-layer-2.png"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals("mine", Files.readString(out.resolve("scene-01-after-1-epoch.png")));
        for (Path p : written) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(p.toFile());
            assertTrue(image.getWidth() > 300 && image.getHeight() > 200, p + ": " + image.getWidth() + "x" + image.getHeight());
        }
    }

    @Test
    void anotherFileIsRefusedNamingItAndTheScene() throws IOException {
        Path session = dir.resolve("x.awrsr-lesson");
        Files.writeString(session, "{\"format\": \"awrsr-session\", \"version\": 1}");
        IOException e = assertThrows(IOException.class, () -> LessonStore.read(session));
        assertTrue(e.getMessage().startsWith(session.toString()) && e.getMessage().contains("not an AWRSR lesson"),
                e.getMessage());
        Files.writeString(session, "{\"format\": \"awrsr-lesson\", \"version\": 1, \"scenes\": [{\"title\": \"a\"}]}");
        e = assertThrows(IOException.class, () -> LessonStore.read(session));
        assertTrue(e.getMessage().contains("scene 1 names no model"), e.getMessage());
    }
}
