package awrsr.app.view;

import awrsr.app.vm.AnalysisViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * Does attention explain, across the dataset? A plot and a table of each attention summary's rank
 * correlation with leave-one-out importance per analysed model, and what each head does, with the users
 * where a head is most unusual one click away.
 */
public final class AnalysePane extends VBox {
    private final CorrelationPlot plot = new CorrelationPlot();
    private final TableView<AnalysisViewModel.CorrelationRow> correlations = new TableView<>();
    private final TableView<AnalysisViewModel.HeadRow> heads = new TableView<>();
    private final FlowPane unusual = new FlowPane(6, 4);

    public AnalysePane(AnalysisViewModel vm, Runnable showExplorer) {
        super(6);
        setPadding(new Insets(6));
        Button analyse = new Button("Analyse");
        analyse.setId("analyse");
        analyse.setDefaultButton(false);
        analyse.disableProperty().bind(vm.runningProperty());
        analyse.setOnAction(e -> vm.analyse());
        CheckBox quick = new CheckBox("First " + AnalysisViewModel.QUICK_USERS + " users (a quick look)");
        quick.selectedProperty().bindBidirectional(vm.quickProperty());
        CheckBox occlusion = new CheckBox("With occlusion");
        occlusion.setId("analyse-occlusion");
        occlusion.selectedProperty().bindBidirectional(vm.occlusionProperty());
        occlusion.setTooltip(new javafx.scene.control.Tooltip("Also mask each item in place (the other items keep their "
                + "positions) and give every signal's correlation with that, in rows \"… vs occlusion\"; about twice "
                + "the time"));
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        Label status = new Label();
        status.setId("analyse-status");
        status.textProperty().bind(vm.statusProperty());
        HBox run = new HBox(8, analyse, quick, occlusion, cancel, progress, status);

        Label what = new Label("Rank correlation (Spearman) of each attention summary with leave-one-out importance "
                + "of the top prediction, over users: box = quartiles, tick = median, dot = mean. Same top: the "
                + "share of users whose highest-rated item is the one leave-one-out (or occlusion) rates highest; by "
                + "chance: a random item of each history; newest: always the newest item. Analyse another model "
                + "(File → Open model) to put it beside.");
        what.setWrapText(true);
        what.getStyleClass().add("note");

        correlations.setId("analyse-correlations");
        correlations.setItems(vm.correlations());
        correlations.getColumns().setAll(List.of(
                Columns.text("Model", AnalysisViewModel.CorrelationRow::model, 200),
                Columns.text("Signal", AnalysisViewModel.CorrelationRow::signal, 130),
                Columns.integer("Users", AnalysisViewModel.CorrelationRow::users, 60),
                Columns.number("Mean", "%+.3f", AnalysisViewModel.CorrelationRow::mean, 70),
                Columns.number("SD", "%.3f", AnalysisViewModel.CorrelationRow::sd, 60),
                Columns.number("P25", "%+.3f", AnalysisViewModel.CorrelationRow::p25, 70),
                Columns.number("Median", "%+.3f", AnalysisViewModel.CorrelationRow::median, 70),
                Columns.number("P75", "%+.3f", AnalysisViewModel.CorrelationRow::p75, 70),
                Columns.number("Same top", "%.3f", AnalysisViewModel.CorrelationRow::sameTop, 80),
                Columns.number("By chance", "%.3f", AnalysisViewModel.CorrelationRow::chance, 80),
                Columns.number("Newest", "%.3f", AnalysisViewModel.CorrelationRow::recency, 70)));
        correlations.setPrefHeight(170);
        correlations.setPlaceholder(new Label("Not analysed yet"));
        vm.correlations().addListener((ListChangeListener<AnalysisViewModel.CorrelationRow>) c ->
                plot.setRows(vm.correlations()));
        plot.setRows(vm.correlations());

        heads.setId("analyse-heads");
        heads.setItems(vm.heads());
        List<String> names = AnalysisViewModel.statisticNames();
        List<String> shown = List.of("Entropy (nats)", "Distance read", "Sink (oldest)", "Diagonal", "KL(W‖A)",
                "Mass W moves");
        heads.getColumns().add(Columns.text("Model", AnalysisViewModel.HeadRow::model, 200));
        heads.getColumns().add(Columns.text("Head", r -> "L" + r.layer() + " H" + r.head(), 60));
        for (int s = 0; s < names.size(); s++) {
            int k = s;
            TableColumn<AnalysisViewModel.HeadRow, String> c = Columns.number(shown.get(s), "%.3f", r -> r.values()[k], 115);
            heads.getColumns().add(c);
        }
        heads.setPrefHeight(180);
        heads.setPlaceholder(new Label("Per-head statistics appear here"));
        heads.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            unusual.getChildren().clear();
            if (row == null) {
                return;
            }
            unusual.getChildren().add(new Label("L" + row.layer() + " H" + row.head()
                    + ": users whose entropy is farthest from this head's mean (click to open):"));
            for (int user : row.unusual()) {
                Button b = new Button("User " + user);
                b.setOnAction(e -> {
                    vm.open(user);
                    showExplorer.run();
                });
                unusual.getChildren().add(b);
            }
        });
        Label headsTitle = new Label("Per head, means over users (rows that read two or more items); select a head "
                + "for the users where it is most unusual");
        headsTitle.setWrapText(true);
        VBox content = new VBox(6, what, plot, correlations, headsTitle, heads, unusual);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(run, scroll);
    }

    public TableView<AnalysisViewModel.CorrelationRow> correlationTable() { return correlations; }
    public TableView<AnalysisViewModel.HeadRow> headTable() { return heads; }
}
