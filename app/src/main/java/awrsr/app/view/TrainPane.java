package awrsr.app.view;

import awrsr.app.vm.TrainingViewModel;
import awrsr.infer.HeadTrace;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.File;
import java.util.List;

/**
 * Train a model without leaving the program: data (with a preview of the parsed rows), variant and
 * hyperparameters, Start and Cancel, progress with ETA, live charts of loss and validation metrics, and the
 * edited sequence's attention at every epoch behind a slider.
 */
public final class TrainPane extends BorderPane {
    private final TrainingViewModel vm;
    private final XYSeries loss = new XYSeries("training loss");
    private final XYSeries hr = new XYSeries("validation HR@10");
    private final XYSeries ndcg = new XYSeries("validation NDCG@10");
    private final Slider epochSlider = new Slider(0, 0, 0);
    private final Label snapshotLabel = new Label("The edited sequence's attention appears here after each epoch.");
    private final HeatmapView raw = new HeatmapView(false);
    private final HeatmapView refined = new HeatmapView(false);
    private JFreeChart metricsChart;
    private final Spinner<Integer> layer = new Spinner<>(1, 16, 1);
    private final Spinner<Integer> head = new Spinner<>(1, 16, 1);

    /** Room for the form's vertical scroll bar. */
    private static final double SCROLL_BAR = 16;

    public TrainPane(TrainingViewModel vm) {
        this.vm = vm;
        setPadding(new Insets(6));
        // the form scrolls when the window is short (1280 x 720 in presentation mode showed it down to Patience),
        // as wide as it is laid out without the scroll pane, plus the scroll bar
        VBox form = form();
        javafx.scene.control.ScrollPane formScroll = new javafx.scene.control.ScrollPane(form) {
            @Override protected double computeMinWidth(double height) {
                return Math.max(form.minWidth(-1), form.prefWidth(-1)) + SCROLL_BAR + snappedLeftInset()
                        + snappedRightInset();
            }

            @Override protected double computePrefWidth(double height) {
                return computeMinWidth(height);
            }

            @Override protected double computeMinHeight(double width) {
                return 0;
            }
        };
        formScroll.setId("train-form");
        formScroll.setFitToWidth(true);
        formScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        setLeft(formScroll);
        setCenter(progressAndCharts());
        vm.reports().addListener((ListChangeListener<TrainingViewModel.EpochPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && vm.reports().isEmpty()) {
                    loss.clear();
                    hr.clear();
                    ndcg.clear();
                }
                for (TrainingViewModel.EpochPoint r : c.getAddedSubList()) {
                    loss.add(r.epoch(), r.loss());
                    hr.add(r.epoch(), r.validationHr10());
                    ndcg.add(r.epoch(), r.validationNdcg10());
                }
            }
        });
        vm.snapshots().addListener((ListChangeListener<TrainingViewModel.Snapshot>) c -> {
            epochSlider.setMax(Math.max(0, vm.snapshots().size() - 1));
            epochSlider.setDisable(vm.snapshots().size() < 2);
        });
        epochSlider.valueProperty().addListener((o, a, b) -> vm.shownSnapshotProperty().set((int) Math.round(b.doubleValue())));
        vm.shownSnapshotProperty().addListener((o, a, b) -> {
            epochSlider.setValue(b.intValue());
            showSnapshot();
        });
        layer.valueProperty().addListener((o, a, b) -> showSnapshot());
        head.valueProperty().addListener((o, a, b) -> showSnapshot());
    }

    public XYSeries lossSeries() { return loss; }
    /** The validation chart (its range markers are the popularity baseline). */
    public JFreeChart metricsChart() { return metricsChart; }
    public XYSeries ndcgSeries() { return ndcg; }
    public Slider epochSlider() { return epochSlider; }
    public HeatmapView snapshotRefined() { return refined; }

    private VBox form() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        int row = 0;
        TextField data = field("train-data", vm.dataProperty());
        data.setTooltip(new Tooltip("movielens-small (shipped), a toy world (toy-shift, toy-genres, toy-copy), "
                + "a folder in a known layout, or a CSV/TSV file"));
        javafx.scene.control.MenuButton examples = new javafx.scene.control.MenuButton();   // its arrow alone
        examples.setId("train-data-examples");
        examples.setTooltip(new Tooltip("The shipped MovieLens data and the toy worlds (small, with rules a class "
                + "can guess; each trains in under a minute)"));
        for (String spec : vm.dataChoices()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(spec);
            item.setOnAction(e -> {
                vm.dataProperty().set(spec);
                vm.loadPreview();
            });
            examples.getItems().add(item);
        }
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Dataset folder");
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                vm.dataProperty().set(dir.getPath());
            }
        });
        Button preview = new Button("Preview");
        preview.setId("train-preview");
        preview.setOnAction(e -> vm.loadPreview());
        for (javafx.scene.control.Control c : List.of(examples, browse, preview)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);      // the field gives way, not the buttons
        }
        data.setMinWidth(60);
        g.addRow(row++, new Label("Data"), new HBox(4, data, examples, browse, preview));
        ChoiceBox<String> backbone = new ChoiceBox<>();
        backbone.getItems().setAll(vm.backboneChoices());
        backbone.valueProperty().bindBidirectional(vm.backboneProperty());
        backbone.setId("train-backbone");
        g.addRow(row++, new Label("Backbone"), backbone);
        ChoiceBox<String> variant = new ChoiceBox<>();
        variant.getItems().setAll(vm.variantChoices());
        variant.valueProperty().bindBidirectional(vm.variantProperty());
        variant.setId("train-variant");
        g.addRow(row++, new Label("Variant"), variant);
        ChoiceBox<String> lossBox = new ChoiceBox<>();
        lossBox.getItems().setAll(vm.lossChoices());
        lossBox.valueProperty().bindBidirectional(vm.lossProperty());
        g.addRow(row++, new Label("Loss"), lossBox);
        for (Object[] f : new Object[][] {{"Epochs (max)", "train-epochs", vm.epochsProperty()},
                {"Seed", "train-seed", vm.seedProperty()}, {"Max length n", "train-maxlen", vm.maxLenProperty()},
                {"Dimension d", "train-dim", vm.dimProperty()}, {"Layers L", "train-layers", vm.layersProperty()},
                {"Heads H", "train-heads", vm.headsProperty()}, {"Refine dim r", "train-refine", vm.refineDimProperty()},
                {"Dropout", "train-dropout", vm.dropoutProperty()}, {"Learning rate", "train-lr", vm.lrProperty()},
                {"Batch", "train-batch", vm.batchProperty()}, {"Patience (epochs)", "train-patience", vm.patienceProperty()},
                {"Weight decay", "train-weight-decay", vm.weightDecayProperty()},
                {"Adam β2", "train-beta2", vm.beta2Property()}}) {
            Label label = new Label((String) f[0]);
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            g.addRow(row++, label, field((String) f[1], (StringProperty) f[2]));
        }
        ChoiceBox<String> initBox = new ChoiceBox<>();
        initBox.getItems().setAll(vm.initChoices());
        initBox.valueProperty().bindBidirectional(vm.initProperty());
        initBox.setId("train-init");
        initBox.disableProperty().bind(vm.initChoosable().not());
        initBox.setTooltip(new Tooltip("How the fresh weights are drawn: xavier (Xavier-normal, zero biases) or "
                + "pytorch (query, key, value and feed-forward weights as PyTorch's modules draw them, as RecBoard's "
                + "SASRec starts; SASRec only)"));
        g.addRow(row++, new Label("Init"), initBox);
        TextField attnDropout = field("train-attn-dropout", vm.attnDropoutProperty());
        attnDropout.setPromptText("= dropout");
        attnDropout.setTooltip(new Tooltip("STOSA: dropout on the attention maps (blank: the dropout rate)"));
        TextField pvn = field("train-pvn-weight", vm.pvnWeightProperty());
        pvn.setTooltip(new Tooltip("STOSA: weight of the positive-vs-negative distance term added to BPR"));
        javafx.scene.control.CheckBox meanBug = new javafx.scene.control.CheckBox("as the official code");   // --stosa-reference-mean-bug
        meanBug.setId("train-mean-bug");
        meanBug.selectedProperty().bindBidirectional(vm.referenceMeanBugProperty());
        meanBug.setTooltip(new Tooltip("STOSA: reproduce the official code's typo, which the published figures "
                + "ran with: every block reads the mean embedding, and the encoder's mean output is that embedding"));
        String[] names = {"Attention dropout", "PVN weight", "Reference mean bug"};
        List<javafx.scene.control.Control> stosaFields = List.of(attnDropout, pvn, meanBug);
        for (int i = 0; i < names.length; i++) {
            stosaFields.get(i).disableProperty().bind(vm.stosaOptions().not());       // STOSA's alone
            Label label = new Label(names[i]);
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            g.addRow(row++, label, stosaFields.get(i));
        }
        TextField out = field("train-out", vm.outProperty());
        out.setPrefColumnCount(22);
        g.addRow(row++, new Label("Save to"), out);

        Button start = new Button("Start");
        start.setId("train-start");
        start.setDefaultButton(false);
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("train-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button open = new Button("Open trained model");
        open.setId("train-open");
        open.disableProperty().bind(vm.checkpointProperty().isNull().or(vm.runningProperty()));
        open.setOnAction(e -> vm.openTrained());
        Label error = new Label();
        error.setId("train-error");
        error.setWrapText(true);
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        Label previewSummary = new Label();
        previewSummary.setWrapText(true);
        previewSummary.textProperty().bind(vm.previewSummaryProperty());

        TableView<TrainingViewModel.PreviewRow> table = new TableView<>(vm.previewRows());
        table.setId("train-preview-table");
        table.getColumns().setAll(List.of(
                column("User", r -> r.user()), column("#", r -> r.position()), column("Item", r -> r.item()),
                textColumn("Title", TrainingViewModel.PreviewRow::title)));
        table.setPlaceholder(new Label("Preview shows the first parsed rows"));
        table.setPrefHeight(180);
        VBox box = new VBox(6, g, new HBox(6, start, cancel, open), error, previewSummary, table);
        box.setPadding(new Insets(4));
        box.setPrefWidth(360);
        return box;
    }

    private VBox progressAndCharts() {
        ProgressBar bar = new ProgressBar();
        bar.setId("train-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label text = new Label();
        text.setId("train-progress-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.progressTextProperty());
        Label device = new Label();
        device.textProperty().bind(javafx.beans.binding.Bindings.concat("training device: ", vm.deviceProperty()));

        JFreeChart lossChart = ChartFactory.createXYLineChart("Training loss", "epoch", "loss",
                new XYSeriesCollection(loss));
        XYSeriesCollection metrics = new XYSeriesCollection(hr);
        metrics.addSeries(ndcg);
        metricsChart = ChartFactory.createXYLineChart("Validation (full protocol)", "epoch", "metric", metrics);
        // epochs are whole numbers: integer ticks only
        for (JFreeChart c : List.of(lossChart, metricsChart)) {
            c.getXYPlot().getDomainAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        }
        vm.popularityProperty().addListener((o, a, p) -> {
            metricsChart.getXYPlot().clearRangeMarkers();
            if (p != null) {
                String[] names = {"popularity HR@10", "popularity NDCG@10"};
                for (int i = 0; i < 2; i++) {
                    org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(p[i]);
                    m.setPaint(java.awt.Color.GRAY);
                    m.setStroke(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                            1f, new float[] {4f, 4f}, 0f));
                    m.setLabel(names[i] + String.format(java.util.Locale.ROOT, " %.3f", p[i]));
                    m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
                    m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
                    metricsChart.getXYPlot().addRangeMarker(m);
                }
            }
        });
        ChartViewer lossView = new ChartViewer(lossChart);
        ChartViewer metricsView = new ChartViewer(metricsChart);
        lossView.setPrefSize(420, 260);
        metricsView.setPrefSize(420, 260);
        HBox charts = new HBox(6, lossView, metricsView);
        HBox.setHgrow(lossView, Priority.ALWAYS);
        HBox.setHgrow(metricsView, Priority.ALWAYS);

        epochSlider.setId("snapshot-slider");
        epochSlider.setMajorTickUnit(1);
        epochSlider.setSnapToTicks(true);
        epochSlider.setDisable(true);
        HBox.setHgrow(epochSlider, Priority.ALWAYS);
        layer.setPrefWidth(70);
        head.setPrefWidth(70);
        HBox scrub = new HBox(6, new Label("Epoch"), epochSlider, new Label("layer"), layer, new Label("head"), head);
        refined.setRowLabels(false);
        raw.setRowLabels(true);
        HBox maps = new HBox(6, raw, refined);
        HBox.setHgrow(raw, Priority.ALWAYS);
        HBox.setHgrow(refined, Priority.ALWAYS);
        bar.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);         // on a short window the maps give way
        charts.setMinHeight(150);
        VBox box = new VBox(6, bar, text, device, charts, new Label("Attention as it learns"), scrub, snapshotLabel, maps);
        box.setPadding(new Insets(4));
        VBox.setVgrow(maps, Priority.ALWAYS);
        return box;
    }

    private void showSnapshot() {
        int k = vm.shownSnapshotProperty().get();
        if (k < 0 || k >= vm.snapshots().size()) {
            return;
        }
        TrainingViewModel.Snapshot s = vm.snapshots().get(k);
        int l = Math.min(layer.getValue(), s.trace().layerCount()) - 1;
        int h = Math.min(head.getValue(), s.trace().headCount()) - 1;
        HeadTrace t = s.trace().head(l, h);
        ColorScale scale = ColorScale.sequential(ColorScale.robustMax(t.raw(), t.refined()));
        raw.setData("Raw A after epoch " + s.epoch(), t.raw(), s.titles(), s.titles(), scale);
        refined.setData("Refined W after epoch " + s.epoch(), t.refined(), s.titles(), s.titles(), scale);
        snapshotLabel.setText("Epoch " + s.epoch() + " · layer " + (l + 1) + ", head " + (h + 1) + " · "
                + s.items().size() + " items of the edited sequence");
    }

    private static TextField field(String id, StringProperty property) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(8);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static <T> TableColumn<T, Number> column(String name, java.util.function.Function<T, Number> value) {
        TableColumn<T, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    private static <T> TableColumn<T, String> textColumn(String name, java.util.function.Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(160);
        return c;
    }

}
