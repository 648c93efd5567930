package awrsr.app.view;

import awrsr.app.vm.PredictionRow;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/** The top-k next items with their scores and movement since the last edit, and a pinned target's rank. */
public final class PredictionsPane extends VBox {
    private final TableView<PredictionRow> table = new TableView<>();

    public PredictionsPane(WorkbenchViewModel vm) {
        super(6);
        setPadding(new Insets(6));
        setPrefWidth(300);

        Spinner<Integer> k = new Spinner<>(1, 200, vm.topKProperty().get());
        k.setId("top-k");
        k.setEditable(true);
        k.setPrefWidth(80);
        k.valueProperty().addListener((o, a, b) -> vm.topKProperty().set(b));
        CheckBox exclude = new CheckBox("Leave out history items");
        exclude.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        exclude.setId("exclude-history");
        exclude.selectedProperty().bindBidirectional(vm.excludeHistoryProperty());
        Label top = new Label("Top");
        top.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, top, k, exclude);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        table.setId("predictions");
        table.setItems(vm.predictions());
        TableColumn<PredictionRow, Number> rank = new TableColumn<>("#");
        rank.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank() + 1));
        rank.setPrefWidth(34);
        TableColumn<PredictionRow, String> title = new TableColumn<>("Title");
        title.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        title.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        title.setPrefWidth(150);
        TableColumn<PredictionRow, String> score = new TableColumn<>("Score");
        score.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.format(Locale.ROOT, "%.3f", c.getValue().score())));
        score.setPrefWidth(58);
        // what the number is: STOSA ranks by closeness, its score is minus a distance (higher is closer)
        Label scoreHeader = new Label("Score");
        scoreHeader.setId("score-header");
        javafx.scene.control.Tooltip scoreTip = new javafx.scene.control.Tooltip();
        scoreHeader.setTooltip(scoreTip);
        score.setText(null);
        score.setGraphic(scoreHeader);
        Runnable explainScore = () -> {
            boolean distance = vm.scoresAreDistances();
            scoreHeader.setText(distance ? "−W₂" : "Score");
            scoreTip.setText(distance
                    ? "Minus the Wasserstein distance between the history's Gaussian and the item's (higher is closer)"
                    : "Dot product of the history's final representation with the item's embedding");
        };
        vm.modelProperty().addListener((o, a, b) -> explainScore.run());
        explainScore.run();
        TableColumn<PredictionRow, String> change = new TableColumn<>("Change");
        change.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().change()));
        change.setPrefWidth(62);
        table.getColumns().setAll(List.of(rank, title, score, change));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No predictions: add items to the history"));
        table.setRowFactory(t -> {
            TableRow<PredictionRow> row = new TableRow<>();
            MenuItem add = new MenuItem("Add to history");
            add.setOnAction(e -> vm.addItem(row.getItem().item()));
            MenuItem pin = new MenuItem("Pin as target");
            pin.setOnAction(e -> vm.pinnedProperty().set(row.getItem().item()));
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(add, pin)));
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField target = new TextField();
        target.setId("pin-target");
        target.setPromptText("Title or #id of the target");
        Completions.bind(target, text -> vm.searchItems(text, 30));
        Button pin = new Button("Pin");
        pin.setOnAction(e -> {
            String text = target.getText().trim();
            if (text.isEmpty()) {
                vm.pinnedProperty().set(null);
                return;
            }
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("#?(\\d+)$").matcher(text);
            List<WorkbenchViewModel.ItemChoice> hits = vm.searchItems(text, 2);
            if (id.find() && (hits.isEmpty() || text.startsWith("#") || text.matches("\\d+")
                    || text.endsWith("#" + id.group(1)))) {
                vm.pin(Integer.parseInt(id.group(1)));              // "#260", "260", or a completed "... #260"
            } else if (hits.size() == 1) {
                vm.pin(hits.get(0).id());
            } else {
                vm.say(hits.isEmpty() ? "No item's title contains \"" + text + "\"; the target is unchanged"
                        : "Several items match \"" + text + "\": pick one from the list, or type its #id");
            }
        });
        // the field shows the pinned target, however it was pinned (a right-click, a user opened from Evaluate)
        vm.pinnedProperty().addListener((o, a, b) -> {
            if (!target.isFocused()) {
                target.setText(b == null ? "" : vm.itemChoice(b).label());
            }
        });
        target.setOnAction(pin.getOnAction());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            vm.pinnedProperty().set(null);
            target.clear();
        });
        pin.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        clear.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox pinRow = new HBox(4, target, pin, clear);
        HBox.setHgrow(target, Priority.ALWAYS);
        Label pinned = new Label();
        pinned.setId("pinned-rank");
        pinned.setWrapText(true);
        pinned.textProperty().bind(vm.pinnedRankProperty());

        Label whatIf = new Label();
        whatIf.setId("what-if");
        whatIf.setWrapText(true);
        whatIf.getStyleClass().add("what-if");
        Button keep = new Button("Keep (Enter)");
        keep.setOnAction(e -> vm.commitPreview());
        Button drop = new Button("Drop (Esc)");
        drop.setOnAction(e -> vm.dropPreview());
        VBox banner = new VBox(4, whatIf, new HBox(6, keep, drop));
        banner.getStyleClass().add("what-if-banner");
        banner.setVisible(false);
        banner.setManaged(false);
        vm.previewProperty().addListener((o, a, p) -> {
            banner.setVisible(p != null);
            banner.setManaged(p != null);
            table.setItems(p == null ? vm.predictions() : FXCollections.observableList(p.rows()));
            whatIf.setText(p == null ? "" : "What if: the history " + p.description() + "?"
                    + (p.targetLine().isEmpty() ? "" : "\n" + p.targetLine()) + "\nNot applied yet.");
        });

        getChildren().addAll(new Label("Next-item predictions"), controls, banner, table, new Label("Target"), pinRow,
                pinned);
    }

    public TableView<PredictionRow> table() {
        return table;
    }
}
