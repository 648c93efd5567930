package awrsr.app.view;

import awrsr.app.MainWindow;
import awrsr.app.TestPaths;
import awrsr.app.WorkbenchApp;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F5 turns presentation mode on and off: full screen and the stylesheet's larger fonts, maps included. */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {
    private WorkbenchViewModel vm;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = Windows.viewModel();
        window = Windows.show(stage, vm);
        WorkbenchApp.openDefaults(vm, TestPaths.valueModel());
    }

    @AfterEach
    void stop() {
        vm.shutdown();
    }

    @Test
    void f5ScalesTheWholeWindowThroughTheStylesheetAndBack(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null && !window.attention().detailMaps().isEmpty());
        HeatmapView map = window.attention().detailMaps().get(0);
        Label readout = robot.lookup("#hover-readout").queryAs(Label.class);
        double normalText = readout.getFont().getSize();
        assertEquals(10, map.labelFontSize(), 0.0);

        robot.clickOn("#predictions").type(KeyCode.F5);
        Windows.waitFor(10, () -> window.root().getStyleClass().contains("presentation"));
        assertTrue(window.presentationProperty().get());
        assertEquals(14, map.labelFontSize(), 0.0, "map labels from the stylesheet's presentation rule");
        assertEquals(26, readout.getFont().getSize(), 0.0, "the readout, large");
        assertTrue(robot.lookup("#predictions").query().getScene().getRoot().getStyleClass().contains("presentation"));
        assertTrue(readout.getFont().getSize() > normalText);
        assertTrue(stage.isFullScreen(), "full screen");

        robot.type(KeyCode.F5);
        Windows.waitFor(10, () -> !window.root().getStyleClass().contains("presentation"));
        assertFalse(window.presentationProperty().get());
        assertEquals(10, map.labelFontSize(), 0.0);
        assertEquals(normalText, readout.getFont().getSize(), 0.0);
        assertFalse(stage.isFullScreen());
    }

    @Test
    void highContrastAndThePaletteChangeTheWindowAndTheMapsAtOnce(FxRobot robot) throws Exception {
        Windows.waitFor(60, () -> vm.result() != null && !window.attention().detailMaps().isEmpty());
        robot.interact(() -> window.highContrastProperty().set(true));
        assertTrue(window.root().getStyleClass().contains("high-contrast"));
        Label readout = robot.lookup("#hover-readout").queryAs(Label.class);
        Windows.waitFor(10, () -> ((javafx.scene.paint.Color) readout.getTextFill()).getBrightness() > 0.9);
        robot.interact(() -> window.setPalette(ColorScale.Palette.GREYS));
        HeatmapView map = window.attention().detailMaps().get(0);
        // greys: white at 0, black at the top; viridis: dark purple at 0, yellow at the top
        assertEquals(javafx.scene.paint.Color.BLACK, map.scale().color(map.scale().max()));
        assertEquals(javafx.scene.paint.Color.WHITE, map.scale().color(0));
        robot.interact(() -> {
            window.setPalette(ColorScale.Palette.VIRIDIS);
            window.highContrastProperty().set(false);
        });
        HeatmapView again = window.attention().detailMaps().get(0);
        assertEquals(javafx.scene.paint.Color.rgb(0xfd, 0xe7, 0x25), again.scale().color(again.scale().max()));
        assertFalse(window.root().getStyleClass().contains("high-contrast"));
    }
}
