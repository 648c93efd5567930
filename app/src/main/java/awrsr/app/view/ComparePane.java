package awrsr.app.view;

import awrsr.util.Home;
import awrsr.app.vm.CompareViewModel;
import awrsr.app.vm.WorkbenchViewModel;
import awrsr.infer.AttentionTrace;
import awrsr.infer.HeadTrace;
import awrsr.infer.Prediction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.util.List;
import java.util.Locale;

/** Two models on the same sequence: both top-k lists (with each item's rank in the other) and both maps. */
public final class ComparePane extends VBox {
    private final CompareViewModel vm;
    private final WorkbenchViewModel main;
    private final TableView<CompareViewModel.Row> first = new TableView<>();
    private final TableView<CompareViewModel.Row> second = new TableView<>();
    private final HeatmapView firstMap = new HeatmapView(false);
    private final HeatmapView secondMap = new HeatmapView(false);
    private final Spinner<Integer> layer = new Spinner<>(1, 16, 1);
    private final Spinner<Integer> head = new Spinner<>(1, 16, 1);

    public ComparePane(CompareViewModel vm, WorkbenchViewModel main) {
        super(6);
        this.vm = vm;
        this.main = main;
        setPadding(new Insets(8));
        Button open = new Button("Open second model…");
        open.setId("compare-open");
        open.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Second model (checkpoint folder)");
            File models = Home.home().resolve("assets/models").toFile();
            chooser.setInitialDirectory(models.isDirectory() ? models : null);
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                vm.openSecond(dir.toPath());
            }
        });
        Label firstName = new Label();
        firstName.textProperty().bind(javafx.beans.binding.Bindings.concat("First: ", main.modelSummaryProperty()));
        Label secondName = new Label();
        secondName.setId("compare-second");
        secondName.textProperty().bind(javafx.beans.binding.Bindings.concat("Second: ", vm.secondSummaryProperty()));

        setUp(first, "compare-first-table", vm.firstRows(), "rank in second");
        setUp(second, "compare-second-table", vm.secondRows(), "rank in first");
        // each table's score is its own model's: minus a distance for STOSA
        explainScore(first, main::scoresAreDistances, main.modelProperty());
        explainScore(second, vm::secondScoresAreDistances, vm.secondProperty());
        HBox tables = new HBox(8, new VBox(4, firstName, first), new VBox(4, secondName, second));
        HBox.setHgrow(tables.getChildren().get(0), Priority.ALWAYS);
        HBox.setHgrow(tables.getChildren().get(1), Priority.ALWAYS);

        layer.setPrefWidth(70);
        head.setPrefWidth(70);
        layer.valueProperty().addListener((o, a, b) -> vm.layerProperty().set(b - 1));
        head.valueProperty().addListener((o, a, b) -> vm.headProperty().set(b - 1));
        vm.layerProperty().addListener((o, a, b) -> drawMaps());
        vm.headProperty().addListener((o, a, b) -> drawMaps());
        vm.pairProperty().addListener((o, a, b) -> drawMaps());
        secondMap.setRowLabels(false);
        firstMap.setRowLabels(true);
        HBox maps = new HBox(8, firstMap, secondMap);
        HBox.setHgrow(firstMap, Priority.ALWAYS);
        HBox.setHgrow(secondMap, Priority.ALWAYS);
        VBox.setVgrow(maps, Priority.ALWAYS);
        getChildren().addAll(new HBox(8, open, new Label("Both models read the sequence being edited in Explore.")),
                tables, new HBox(6, new Label("Maps of layer"), layer, new Label("head"), head,
                        new Label("(refined W; raw A for a model without refinement)")), maps);
    }

    public TableView<CompareViewModel.Row> firstTable() { return first; }
    public TableView<CompareViewModel.Row> secondTable() { return second; }

    private static void setUp(TableView<CompareViewModel.Row> table, String id,
                              javafx.collections.ObservableList<CompareViewModel.Row> rows, String otherName) {
        table.setId(id);
        table.setItems(rows);
        TableColumn<CompareViewModel.Row, Number> rank = new TableColumn<>("#");
        rank.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().rank()));
        rank.setPrefWidth(36);
        TableColumn<CompareViewModel.Row, String> title = new TableColumn<>("Title");
        title.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().title()));
        title.setPrefWidth(230);
        TableColumn<CompareViewModel.Row, String> score = new TableColumn<>("Score");
        score.setCellValueFactory(d -> new ReadOnlyStringWrapper(String.format(Locale.ROOT, "%.3f", d.getValue().score())));
        TableColumn<CompareViewModel.Row, String> other = new TableColumn<>(otherName);
        other.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().rankInOther() == 0 ? "unknown"
                : String.valueOf(d.getValue().rankInOther())));
        other.setPrefWidth(100);
        table.getColumns().setAll(List.of(rank, title, score, other));
        table.setPrefHeight(280);
        table.setPlaceholder(new Label("Open a second model to compare"));
    }

    private static void explainScore(TableView<CompareViewModel.Row> table, java.util.function.BooleanSupplier distances,
                                     javafx.beans.Observable model) {
        TableColumn<CompareViewModel.Row, ?> score = table.getColumns().get(2);
        Runnable say = () -> score.setText(distances.getAsBoolean() ? "−W₂" : "Score");
        model.addListener(o -> say.run());
        say.run();
    }

    private void drawMaps() {
        CompareViewModel.Pair p = vm.pairProperty().get();
        if (p == null) {
            return;
        }
        draw(firstMap, "First", p.first(), main.result() == null ? null : main.result().titles());
        draw(secondMap, "Second", p.second(), null);
    }

    private void draw(HeatmapView map, String name, Prediction p, List<String> titles) {
        AttentionTrace t = p.trace();
        int l = Math.min(vm.layerProperty().get(), t.layerCount() - 1);
        int h = Math.min(vm.headProperty().get(), t.headCount() - 1);
        HeadTrace head = t.head(l, h);
        List<String> labels = titles != null && titles.size() == p.items().size() ? titles
                : p.items().stream().map(id -> main.shortTitle(id)).toList();
        map.setData(name + " model · layer " + (l + 1) + ", head " + (h + 1), head.refined(), labels, labels,
                ColorScale.sequential(ColorScale.robustMax(head.refined())));
    }
}
