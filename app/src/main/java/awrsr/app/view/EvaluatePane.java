package awrsr.app.view;

import awrsr.app.vm.EvaluationViewModel;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The loaded model's metrics beside the popularity baseline under both protocols, and every user's rank of
 * the true next item; double-clicking a user opens their test history with the true item pinned.
 */
public final class EvaluatePane extends VBox {
    private final TableView<EvaluationViewModel.MetricsRow> metrics = new TableView<>();
    private final TableView<EvaluationViewModel.UserRow> users = new TableView<>();

    public EvaluatePane(EvaluationViewModel vm, Runnable showExplorer) {
        super(6);
        setPadding(new Insets(8));
        Button run = new Button("Evaluate loaded model on the loaded data");
        run.setId("eval-run");
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.evaluate());
        Label summary = new Label();
        summary.setId("eval-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());

        metrics.setId("eval-metrics");
        metrics.setItems(vm.metrics());
        metrics.getColumns().add(Columns.text("Model", EvaluationViewModel.MetricsRow::name, 120));
        metrics.getColumns().add(Columns.text("Protocol", r -> r.protocol() + " (" + r.protocolNote() + ")", 150));
        for (String name : List.of("HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20", "MRR")) {
            metrics.getColumns().add(Columns.number(name, "%.4f", r -> r.metrics().get(name), 70));
        }
        metrics.setPrefHeight(150);
        metrics.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        users.setId("eval-users");
        users.setItems(new javafx.collections.transformation.SortedList<>(vm.shownUsers()));
        ((javafx.collections.transformation.SortedList<EvaluationViewModel.UserRow>) users.getItems())
                .comparatorProperty().bind(users.comparatorProperty());
        TableColumn<EvaluationViewModel.UserRow, Number> user = Columns.integer("User", EvaluationViewModel.UserRow::user, 90);
        TableColumn<EvaluationViewModel.UserRow, Number> length = Columns.integer("History", EvaluationViewModel.UserRow::historyLength, 90);
        TableColumn<EvaluationViewModel.UserRow, String> target = Columns.text("True next item", EvaluationViewModel.UserRow::targetTitle, 260);
        TableColumn<EvaluationViewModel.UserRow, Number> rank = Columns.integer("Rank (full)", EvaluationViewModel.UserRow::rank, 90);
        users.getColumns().setAll(List.of(user, length, target, rank,
                Columns.integer("Popularity rank", EvaluationViewModel.UserRow::popularityRank, 110),
                Columns.text("Compare model", r -> r.otherRank() == 0 ? "–" : String.valueOf(r.otherRank()), 110),
                Columns.text("Predicted instead (top 1)", r -> r.rank() == 1 ? "(the true item)" : r.predictedTitle(), 240)));
        users.setPlaceholder(new Label("Evaluate to list every user's rank of their true next item"));
        users.setRowFactory(t -> {
            TableRow<EvaluationViewModel.UserRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem());
                    showExplorer.run();
                }
            });
            return row;
        });
        VBox.setVgrow(users, Priority.ALWAYS);
        Label hint = new Label("Sort by rank to find the model's worst misses; double-click a user to open the history "
                + "it read, with the true next item pinned as the target.");
        hint.setWrapText(true);
        ChoiceBox<EvaluationViewModel.Dimension> dimension = new ChoiceBox<>();
        dimension.getItems().setAll(EvaluationViewModel.Dimension.values());
        dimension.valueProperty().bindBidirectional(vm.dimensionProperty());
        TableView<EvaluationViewModel.SliceRow> slices = new TableView<>(vm.slices());
        slices.setId("eval-slices");
        slices.getColumns().setAll(List.of(
                Columns.text("Slice", EvaluationViewModel.SliceRow::slice, 150),
                Columns.integer("Users", EvaluationViewModel.SliceRow::users, 60),
                Columns.number("HR@10", "%.4f", EvaluationViewModel.SliceRow::hr10, 70),
                Columns.number("NDCG@10", "%.4f", EvaluationViewModel.SliceRow::ndcg10, 75),
                Columns.number("MRR", "%.4f", EvaluationViewModel.SliceRow::mrr, 70)));
        slices.setPrefHeight(170);
        slices.setPlaceholder(new Label("Metrics by slice appear after evaluating"));
        slices.getSelectionModel().selectedItemProperty().addListener((o, a, b) ->
                vm.sliceProperty().set(b == null ? null : b.slice()));
        RankHistogram histogram = new RankHistogram();
        vm.rankHistogramProperty().addListener((o, a, b) -> histogram.setData(EvaluationViewModel.rankBuckets(), b));
        HBox.setHgrow(histogram, Priority.ALWAYS);
        HBox slicing = new HBox(8, new VBox(4, new HBox(6, new Label("Metrics by"), dimension), slices), histogram);

        CheckBox missed = new CheckBox("Only users missed at k =");
        Spinner<Integer> k = new Spinner<>(1, 1000, 10);
        k.setPrefWidth(80);
        k.setEditable(true);
        Runnable filter = () -> vm.missedAtProperty().set(missed.isSelected() ? k.getValue() : 0);
        missed.selectedProperty().addListener((o, a, b) -> filter.run());
        k.valueProperty().addListener((o, a, b) -> filter.run());
        Label sliceShown = new Label();
        sliceShown.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                vm.sliceProperty().get() == null ? "all slices" : "slice " + vm.sliceProperty().get(), vm.sliceProperty()));
        Button allSlices = new Button("All slices");
        allSlices.setOnAction(e -> slices.getSelectionModel().clearSelection());
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                vm.shownUsers().size() + " of " + vm.users().size() + " users", vm.shownUsers(), vm.users()));
        Button export = new Button("Export table as CSV…");
        export.setId("eval-export");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the users table");
            chooser.setInitialFileName("evaluation-users.csv");
            java.io.File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                vm.exportUsers(file.toPath(), n -> count.setText(n + " rows written to " + file.getName()));
            }
        });
        HBox filters = new HBox(8, missed, k, sliceShown, allSlices, count, export);
        filters.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(run, summary, metrics, slicing, hint, filters, users);
    }

    public TableView<EvaluationViewModel.MetricsRow> metricsTable() { return metrics; }
    public TableView<EvaluationViewModel.UserRow> usersTable() { return users; }

    /** How the metrics table writes a value. */
    public static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
