package awrsr.app.view;

import awrsr.app.MainWindow;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** app.css is the one place for the window's look: every class the code sets has a rule, and its sizes reach the maps. */
@ExtendWith(ApplicationExtension.class)
class StylesheetTest {
    private StackPane root;
    private HeatmapView map;

    @Start
    void start(Stage stage) {
        map = new HeatmapView(false);
        root = new StackPane(map);
        root.getStylesheets().add(MainWindow.STYLESHEET);
        stage.setScene(new Scene(root, 400, 400));
        stage.show();
    }

    private static String css() throws IOException {
        try (InputStream in = MainWindow.class.getResourceAsStream("app.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyStyleClassAndPseudoClassTheCodeSetsHasARule() throws IOException {
        Set<String> set = new TreeSet<>();
        Pattern added = Pattern.compile("getStyleClass\\(\\)\\.add\\(\"([\\w-]+)\"\\)");
        Pattern pseudo = Pattern.compile("PseudoClass\\.getPseudoClass\\(\"([\\w-]+)\"\\)");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f);
                for (Pattern p : new Pattern[] {added, pseudo}) {
                    Matcher m = p.matcher(code);
                    while (m.find()) {
                        set.add((p == added ? "." : ":") + m.group(1));
                    }
                }
            }
        }
        assertTrue(set.size() >= 8, "found only " + set);
        String css = css();
        for (String s : set) {
            assertTrue(Pattern.compile(Pattern.quote(s) + "(?![\\w-])").matcher(css).find(), s + " has no rule in app.css");
        }
    }

    @Test
    void theHeatmapsFontSizesComeFromTheStylesheet(FxRobot robot) {
        robot.interact(() -> root.applyCss());
        assertEquals(10, map.labelFontSize(), 0, "app.css: .heatmap { -awrsr-label-font-size: 10px }");
        robot.interact(() -> {
            root.setStyle("");
            map.setStyle("-awrsr-label-font-size: 21px;");
            root.applyCss();
        });
        assertEquals(21, map.labelFontSize(), 0, "one setting scales every map's labels (presentation mode)");
    }

    @Test
    void aNarrowMapKeepsItsColourBarLabelsInside(FxRobot robot) {
        // width-limited (narrow and tall), on a diverging scale whose lowest label is the widest: "≤-0.18"
        float[][] d = new float[12][12];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j <= i; j++) {
                d[i][j] = (i + j) % 3 == 0 ? -0.5f : 0.5f * j / 12f;
            }
        }
        List<String> labels = java.util.Collections.nCopies(12, "An item");
        robot.interact(() -> {
            map.setData("Difference W − A", d, labels, labels, ColorScale.diverging(0.18));
            root.setPrefSize(230, 400);
            map.setMaxWidth(230);
            root.applyCss();
            root.layout();
        });
        assertTrue(map.colorBarLabelsRight() <= map.getWidth() + 0.5,
                "labels end at " + map.colorBarLabelsRight() + " of " + map.getWidth());
    }
}
