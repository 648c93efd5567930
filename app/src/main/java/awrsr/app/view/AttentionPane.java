package awrsr.app.view;

import awrsr.app.vm.Cell;
import awrsr.app.vm.InferenceResult;
import awrsr.app.vm.WorkbenchViewModel;
import awrsr.infer.AttentionTrace;
import awrsr.infer.HeadTrace;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attention of every layer and head: an overview grid (one row per layer and head: raw, refined and
 * difference thumbnails; raw alone for a model without refinement) and the selected head enlarged, with
 * the refinement weights R as an optional fourth map. Hovering a cell highlights it in the sibling maps
 * and fills the readout.
 */
public final class AttentionPane extends BorderPane {
    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");
    private final WorkbenchViewModel vm;
    private final GridPane overview = new GridPane();
    private final HBox detail = new HBox(6);
    private final Label detailTitle = new Label();
    private final Label note = new Label();
    private final Label readout = new Label();
    private final List<HeatmapView> thumbnails = new ArrayList<>();
    private final List<HBox> groups = new ArrayList<>();
    private final List<HeatmapView> detailMaps = new ArrayList<>();
    /** The enlarged map of each kind a model reports, by the trace's key, made when first needed. */
    private final Map<String, HeatmapView> mapViews = new HashMap<>();
    private final HeatmapView diff = new HeatmapView(false);
    private final ImportanceView importance = new ImportanceView();
    /** Whether the shown model reports each item's uncertainty (STOSA): the bars show it even without importance. */
    private final javafx.beans.property.BooleanProperty hasUncertainty = new javafx.beans.property.SimpleBooleanProperty();
    /** Which of the selected head's maps is drawn alone, by title; "All maps" draws them side by side. */
    private final javafx.scene.control.ChoiceBox<String> focus = new javafx.scene.control.ChoiceBox<>();
    static final String ALL_MAPS = "All maps";
    private final VBox top;
    private boolean updatingFocus;
    /** Zoom and pan of the detail maps, shared so that side-by-side maps show the same cells. */
    private double zoom = 1;
    private int viewRow;
    private int viewColumn;
    private boolean settingZoom;
    /** The top of the shared scale of the selected head's A and W as last drawn (what a lock keeps). */
    private double lastSharedMax = 1;
    private int builtLayers = -1;
    private int builtHeads = -1;
    private boolean builtRefines;

    public AttentionPane(WorkbenchViewModel vm) {
        this.vm = vm;
        getStyleClass().add("attention-pane");
        overview.setHgap(10);
        overview.setVgap(2);
        overview.setPadding(new Insets(2, 4, 4, 4));
        ScrollPane overviewScroll = new ScrollPane(overview);
        overviewScroll.setFitToHeight(true);
        overviewScroll.setPrefViewportHeight(96);
        overviewScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        Label overviewTitle = new Label("All layers × heads (click one to enlarge it below)");
        top = new VBox(2, overviewTitle, overviewScroll);
        top.setPadding(new Insets(4));
        top.managedProperty().bind(top.visibleProperty());
        setTop(top);

        detailTitle.getStyleClass().add("detail-title");
        note.setWrapText(true);
        note.getStyleClass().add("note");
        note.setId("attention-note");
        readout.setId("hover-readout");
        readout.setMinHeight(22);
        detail.setId("detail-maps");
        detail.getStyleClass().add("detail-maps");
        CheckBox explain = new CheckBox("Importance");
        explain.setId("show-importance");
        explain.selectedProperty().bindBidirectional(vm.showImportanceProperty());
        explain.setTooltip(new Tooltip("Under the raw map, one bar per item read: how much the explained item's score"
                + " depends on it (leave-one-out, gradient × input) beside what attention says (last row of A and W,"
                + " rollout), each with its rank correlation ρ with leave-one-out. Explained: the pinned target,"
                + " or the top prediction."));
        CheckBox occlude = new CheckBox("Occlusion");
        occlude.setId("occlusion");
        occlude.selectedProperty().bindBidirectional(vm.occlusionProperty());
        occlude.disableProperty().bind(vm.showImportanceProperty().not());
        occlude.setTooltip(new Tooltip("Also mask each item in place (the other items keep their positions): leave-one-out"
                + " moves every earlier item one position on, occlusion does not, so the two apart show how much of"
                + " leave-one-out is that shift. Adds a row, and each row's ρ with occlusion after its ρ with"
                + " leave-one-out. Two to three times the time."));
        Label status = new Label();
        status.getStyleClass().add("note");
        status.textProperty().bind(vm.importanceStatusProperty());
        importance.setId("importance");
        importance.managedProperty().bind(vm.showImportanceProperty().or(hasUncertainty));
        importance.visibleProperty().bind(vm.showImportanceProperty().or(hasUncertainty));
        vm.showImportanceProperty().addListener((o, a, b) -> importance.setSignalsShown(b));
        focus.setId("map-focus");
        focus.getItems().setAll(ALL_MAPS);
        focus.setValue(ALL_MAPS);
        focus.setTooltip(new Tooltip("Draw one map large (for a class) or all of the head's maps side by side"));
        focus.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(a) && !updatingFocus) {
                vm.mapFocusProperty().set(b.equals(ALL_MAPS) ? null : b);
            }
        });
        vm.mapFocusProperty().addListener((o, a, b) -> refresh());
        vm.mapZoomProperty().addListener((o, a, b) -> {      // a session or lesson brings its zoom back
            if (!settingZoom) {
                setView(b == null ? 1 : b[0], b == null ? 0 : (int) b[1], b == null ? 0 : (int) b[2]);
            }
        });
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        CheckBox lock = new CheckBox("Lock scale");
        lock.setId("lock-scale");
        lock.setTooltip(new Tooltip("Keep the colour scale of A and W as it is now, across edits, heads and models, "
                + "so that maps are compared on one scale (values above it show as the top colour, marked ≥)"));
        lock.setSelected(vm.lockedScaleProperty().get() != null);
        lock.selectedProperty().addListener((o, a, on) -> {
            if (on && vm.lockedScaleProperty().get() == null) {
                vm.lockedScaleProperty().set(lastSharedMax);
            } else if (!on) {
                vm.lockedScaleProperty().set(null);
            }
        });
        vm.lockedScaleProperty().addListener((o, a, b) -> {
            lock.setSelected(b != null);
            refresh();
        });
        Label show = new Label("Show");
        for (javafx.scene.control.Control c : List.of(lock, show, focus)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);    // the long title gives way first
        }
        HBox titleRow = new HBox(8, detailTitle, gap, lock, show, focus);
        titleRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        detailTitle.setMinWidth(0);
        VBox center = new VBox(4, titleRow, note, detail, new HBox(8, explain, occlude, status), importance, readout,
                new CellArithmeticPane(vm));
        VBox.setVgrow(detail, Priority.ALWAYS);
        center.setPadding(new Insets(4));
        setCenter(center);

        wire(diff);
        diff.setOnDrawn(this::alignImportance);
        readout.textProperty().bind(vm.hoverReadoutProperty());
        vm.resultProperty().addListener((o, a, b) -> refresh());
        vm.selectedLayerProperty().addListener((o, a, b) -> refresh());
        vm.selectedHeadProperty().addListener((o, a, b) -> refresh());
        vm.showWeightsProperty().addListener((o, a, b) -> refresh());
        vm.hoveredProperty().addListener((o, a, b) -> highlight(b));
        vm.importanceProperty().addListener((o, a, b) -> showImportance());
        vm.resultProperty().addListener((o, a, b) -> showImportance());
        vm.selectedLayerProperty().addListener((o, a, b) -> showImportance());
        importance.setOnMouseClicked(e -> {
            int j = importance.column(e.getX());
            InferenceResult r = vm.result();
            if (j < 0 || r == null) {
                return;
            }
            String title = r.titles().get(j);
            MenuItem without = new MenuItem("What if it were not there: preview without “" + title + "”");
            without.setOnAction(a -> vm.previewEdit(j, false));
            MenuItem last = new MenuItem("What if it were the newest: preview with “" + title + "” moved to the end");
            last.setOnAction(a -> vm.previewEdit(j, true));
            last.setDisable(j == r.titles().size() - 1);
            new ContextMenu(without, last).show(importance, e.getScreenX(), e.getScreenY());
        });
        importance.setOnColumnHover(j -> {
            InferenceResult r = vm.result();
            vm.hoveredProperty().set(j < 0 || r == null ? null : new Cell(vm.selectedLayerProperty().get(),
                    vm.selectedHeadProperty().get(), r.titles().size() - 1, j));
        });
    }

    private void wire(HeatmapView map) {
        HBox.setHgrow(map, Priority.ALWAYS);
        map.setOnScroll(e -> scroll(map, e));
        map.setOnCellHover((i, j) -> vm.hoveredProperty().set(i < 0 ? null
                : new Cell(vm.selectedLayerProperty().get(), vm.selectedHeadProperty().get(), i, j)));
        map.setRowLabels(false);
    }

    private HeatmapView mapView(String id) {
        return mapViews.computeIfAbsent(id, k -> {
            HeatmapView v = new HeatmapView(false);
            wire(v);
            v.setRowLabels(k.equals(HeadTrace.RAW));
            v.setOnCellClick((i, j) -> vm.explainCell(vm.selectedLayerProperty().get(), vm.selectedHeadProperty().get(),
                    k, i, j));                               // how this cell is computed
            Tooltip.install(v, new Tooltip("Click a cell to see how it is computed"));
            v.setOnDrawn(this::alignImportance);           // the bars stand under the first map's columns
            return v;
        });
    }

    /** The importance bars of the shown result (or a note while they are computed). */
    private void showImportance() {
        InferenceResult r = vm.result();
        var x = vm.importanceProperty().get();
        List<ImportanceView.ExtraRow> extra = uncertaintyRows(r);
        importance.setExtraRows(extra);
        hasUncertainty.set(!extra.isEmpty());
        importance.setData(x == null ? null : x.explanation(), r == null ? List.of() : fullTitles(r));
        alignImportance();
    }

    /** A STOSA model's uncertainty of each item read, entering the shown layer (none for other models). */
    private List<ImportanceView.ExtraRow> uncertaintyRows(InferenceResult r) {
        if (r == null || r.prediction().trace() == null) {
            return List.of();
        }
        int layer = Math.min(vm.selectedLayerProperty().get(), r.prediction().trace().layerCount() - 1);
        float[] u = r.prediction().trace().uncertainty(Math.max(0, layer));
        if (u == null) {
            return List.of();
        }
        double[] values = new double[u.length];
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int j = 0; j < u.length; j++) {
            values[j] = u[j];
            min = Math.min(min, values[j]);
            max = Math.max(max, values[j]);
        }
        return List.of(new ImportanceView.ExtraRow("uncertainty σ̄ (L" + (layer + 1) + " input)", values,
                String.format(java.util.Locale.ROOT, "%.3f – %.3f", min, max)));
    }

    /** The full titles of the items a result's model read (the maps' tooltips, the bars' descriptions). */
    private List<String> fullTitles(InferenceResult r) {
        return r.prediction().items().stream().map(vm::title).toList();
    }

    private void alignImportance() {
        HeatmapView raw = detail.getChildren().isEmpty() ? null : (HeatmapView) detail.getChildren().get(0);
        if (raw == null || raw.getScene() == null || importance.getScene() == null) {
            return;
        }
        javafx.geometry.Point2D origin = importance.sceneToLocal(raw.localToScene(raw.gridOriginX(), 0));
        importance.align(origin.getX(), raw.cellSize(), raw.firstColumn(), zoom > 1 ? raw.shownCount() : -1);
    }

    public static final double MAX_ZOOM = 16;

    /**
     * Ctrl + / Ctrl − (View menu): zoom the detail maps in or out by {@code factor} onto the bottom-right
     * corner: the predicting row and the newest items (the wheel pans from there).
     */
    public void zoomBy(double factor) {
        HeatmapView first = detailMaps.isEmpty() ? null : detailMaps.get(0);
        int n = first == null ? 0 : first.values().length;
        double z = Math.max(1, Math.min(MAX_ZOOM, zoom * factor));
        int shown = n == 0 ? 0 : (int) Math.ceil(n / z);
        setView(z, n - shown, n - shown);          // the corner of the predicting row and the newest items
    }

    /** Ctrl 0: the whole map again. */
    public void resetZoom() {
        setView(1, 0, 0);
    }

    /** The detail maps' zoom (1: whole maps). */
    public double zoom() {
        return zoom;
    }

    private void setView(double z, int row, int column) {
        zoom = z;
        viewRow = Math.max(0, row);
        viewColumn = Math.max(0, column);
        for (HeatmapView v : detailMaps) {
            v.setView(zoom, viewRow, viewColumn);
        }
        if (!detailMaps.isEmpty()) {                    // the maps clamp the pan to the grid: keep what they drew
            HeatmapView v = detailMaps.get(0);
            viewRow = v.firstRow();
            viewColumn = v.firstColumn();
        }
        settingZoom = true;
        try {
            vm.mapZoomProperty().set(zoom > 1 ? new double[] {zoom, viewRow, viewColumn} : null);
        } finally {
            settingZoom = false;
        }
        alignImportance();
    }

    /** Wheel on a map: Ctrl zooms around the pointer, otherwise it pans (Shift or a sideways wheel: columns). */
    private void scroll(HeatmapView map, javafx.scene.input.ScrollEvent e) {
        int n = map.values().length;
        if (n == 0 || map.cellSize() <= 0) {
            return;
        }
        if (e.isShortcutDown()) {
            int[] under = map.anyCellAt(e.getX(), e.getY());
            double factor = e.getDeltaY() > 0 ? 1.25 : 0.8;
            double z = Math.max(1, Math.min(MAX_ZOOM, zoom * factor));
            int shown = (int) Math.ceil(n / z);
            int row = under == null ? viewRow : under[0] - (int) ((under[0] - viewRow) * shown / (double) map.shownCount());
            int col = under == null ? viewColumn : under[1] - (int) ((under[1] - viewColumn) * shown / (double) map.shownCount());
            setView(z, row, col);
        } else if (zoom > 1) {
            double cells = Math.max(1, Math.round(Math.abs(e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX()) / map.cellSize()));
            int sign = (e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX()) > 0 ? -1 : 1;
            if (e.isShiftDown() || e.getDeltaY() == 0) {
                setView(zoom, viewRow, viewColumn + sign * (int) cells);
            } else {
                setView(zoom, viewRow + sign * (int) cells, viewColumn);
            }
        } else {
            return;                                      // not zoomed: let the pane scroll
        }
        e.consume();
    }

    /** Draws the maps again (after a change of palette). */
    public void redraw() {
        refresh();
    }

    /** Shows or hides the strip of every layer's and head's thumbnails (hidden in presentation mode, for room). */
    public void setOverviewShown(boolean shown) {
        top.setVisible(shown);
    }

    /** The choice of one map to draw alone ("All maps": side by side). */
    public javafx.scene.control.ChoiceBox<String> mapFocus() {
        return focus;
    }

    /** The importance bars under the maps. */
    public ImportanceView importance() {
        return importance;
    }

    /** Thumbnails of the overview, row by row (layer, head), left to right. */
    public List<HeatmapView> thumbnails() {
        return List.copyOf(thumbnails);
    }

    /** The enlarged maps currently shown for the selected head. */
    public List<HeatmapView> detailMaps() {
        return List.copyOf(detailMaps);
    }

    /** The node holding the enlarged maps (what "export maps" writes). */
    public HBox detailBox() {
        return detail;
    }

    private void refresh() {
        InferenceResult r = vm.result();
        if (r == null || r.prediction().trace() == null) {
            overview.getChildren().clear();
            thumbnails.clear();
            detail.getChildren().clear();
            detailMaps.clear();
            builtLayers = -1;
            detailTitle.setText("No attention to show: the history is empty.");
            return;
        }
        AttentionTrace trace = r.prediction().trace();
        boolean refines = trace.head(0, 0).refines();
        if (trace.layerCount() != builtLayers || trace.headCount() != builtHeads || refines != builtRefines) {
            buildOverview(trace.layerCount(), trace.headCount(), refines);
        }
        List<String> full = fullTitles(r);
        int layer = Math.min(vm.selectedLayerProperty().get(), trace.layerCount() - 1);
        int head = Math.min(vm.selectedHeadProperty().get(), trace.headCount() - 1);
        Maps selected = null;
        int k = 0;
        for (int l = 0; l < trace.layerCount(); l++) {
            for (int h = 0; h < trace.headCount(); h++) {
                Maps m = maps(trace.head(l, h), refines);
                if (l == layer && h == head) {
                    selected = m;
                }
                thumbnails.get(k++).setData("L" + (l + 1) + " H" + (h + 1) + " raw", m.a, r.titles(), full, m.shared);
                if (refines) {
                    thumbnails.get(k++).setData("L" + (l + 1) + " H" + (h + 1) + " refined", m.w, r.titles(), full, m.shared);
                    thumbnails.get(k++).setData("L" + (l + 1) + " H" + (h + 1) + " diff", m.d, r.titles(), full, m.diverging);
                }
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).pseudoClassStateChanged(SELECTED, g == layer * trace.headCount() + head);
        }
        HeadTrace sel = trace.head(layer, head);
        Maps m = selected;
        lastSharedMax = m.shared.max();
        detailMaps.clear();
        // Every map the model reports, in its order: A, then W followed by W − A, then R (when asked for) and
        // whatever else a mechanism adds, each on its own scale.
        for (HeadTrace.TraceMap map : sel.maps()) {
            if (map.id().equals(HeadTrace.REFINEMENT) && !vm.showWeightsProperty().get()) {
                continue;
            }
            HeatmapView view = mapView(map.id());
            boolean shared = map.id().equals(HeadTrace.RAW) || map.id().equals(HeadTrace.REFINED);
            view.setData(map.title(), map.values(), r.titles(), full,
                    shared ? m.shared : ColorScale.sequential(ColorScale.robustMax(map.values())));
            detailMaps.add(view);
            if (map.id().equals(HeadTrace.REFINED)) {
                diff.setData("Difference W − A", m.d, r.titles(), full, m.diverging);
                detailMaps.add(diff);
            }
        }
        note.setText(refines ? "" : "This model was trained without refinement (plain " + vm.modelName()
                + (sel.maps().size() > 1 ? "): W = A." : "): its raw attention is the only map."));
        List<String> choices = new ArrayList<>(List.of(ALL_MAPS));
        detailMaps.forEach(v -> choices.add(v.title()));
        String wanted = vm.mapFocusProperty().get();
        HeatmapView alone = wanted == null ? null
                : detailMaps.stream().filter(v -> v.title().startsWith(wanted)).findFirst().orElse(null);
        updatingFocus = true;
        try {
            if (!focus.getItems().equals(choices)) {
                focus.getItems().setAll(choices);
            }
            focus.setValue(alone == null ? ALL_MAPS : alone.title());
        } finally {
            updatingFocus = false;
        }
        List<HeatmapView> shown = alone == null ? List.copyOf(detailMaps) : List.of(alone);
        for (int i = 0; i < shown.size(); i++) {
            shown.get(i).setRowLabels(i == 0);              // the leftmost map carries the row labels
            shown.get(i).setView(zoom, viewRow, viewColumn);
        }
        detail.getChildren().setAll(shown);
        detailTitle.setText("Layer " + (layer + 1) + ", head " + (head + 1) + " · rows: reading position, columns: item read"
                + " · " + r.titles().size() + " items");
        highlight(vm.hoveredProperty().get());
        reportWhenOnScreen(r);
    }

    private void reportWhenOnScreen(InferenceResult r) {
        Scene scene = getScene();
        if (scene == null) {
            vm.reportRendered(r);
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            vm.reportRendered(r);
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    private record Maps(float[][] a, float[][] w, float[][] d, ColorScale shared, ColorScale diverging) {}

    private Maps maps(HeadTrace head, boolean refines) {
        Double locked = vm.lockedScaleProperty().get();
        float[][] a = head.raw();
        if (!refines) {
            return new Maps(a, a, null, ColorScale.sequential(locked != null ? locked : ColorScale.robustMax(a)), null);
        }
        float[][] w = head.refined();
        float[][] d = new float[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j <= i; j++) {
                d[i][j] = w[i][j] - a[i][j];
            }
        }
        return new Maps(a, w, d, ColorScale.sequential(locked != null ? locked : ColorScale.robustMax(a, w)),
                ColorScale.diverging(locked != null ? locked : ColorScale.robustMaxAbs(d)));
    }

    private void buildOverview(int layers, int heads, boolean refines) {
        overview.getChildren().clear();
        thumbnails.clear();
        groups.clear();
        int maps = refines ? 3 : 1;
        int col = 0;
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                HBox group = new HBox(2);
                group.getStyleClass().add("map-group");
                int layer = l;
                int head = h;
                for (int c = 0; c < maps; c++) {
                    HeatmapView thumb = new HeatmapView(true);
                    thumb.setId("thumb-l" + l + "-h" + h + "-" + c);
                    Tooltip.install(thumb, new Tooltip("Layer " + (l + 1) + ", head " + (h + 1) + ": "
                            + List.of("raw A", "refined W", "W − A").get(c) + " (click to enlarge)"));
                    thumbnails.add(thumb);
                    group.getChildren().add(thumb);
                }
                group.setOnMouseClicked(e -> {
                    vm.selectedLayerProperty().set(layer);
                    vm.selectedHeadProperty().set(head);
                });
                groups.add(group);
                overview.add(new Label("L" + (l + 1) + " H" + (h + 1) + (refines ? "   A · W · W−A" : "   A")), col, 0);
                overview.add(group, col, 1);
                col++;
            }
        }
        builtLayers = layers;
        builtHeads = heads;
        builtRefines = refines;
    }

    private void highlight(Cell c) {
        int layer = vm.selectedLayerProperty().get();
        int head = vm.selectedHeadProperty().get();
        boolean here = c != null && c.layer() == layer && c.head() == head;
        importance.setHighlight(c == null ? -1 : c.column());
        for (HeatmapView map : detailMaps) {
            map.setHighlight(here ? c.row() : -1, here ? c.column() : -1);
        }
    }
}
