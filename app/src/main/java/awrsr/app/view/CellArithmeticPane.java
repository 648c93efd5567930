package awrsr.app.view;

import awrsr.app.vm.InferenceResult;
import awrsr.app.vm.WorkbenchViewModel;
import awrsr.infer.CellArithmetic;
import awrsr.infer.HeadTrace;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * "How is this cell computed?": clicking a cell of a map shows its arithmetic with this sequence's own
 * numbers (the logit, the row's largest logit and sum for A and R; the largest products of R·A, or the
 * additive mix with its gate, for W) and the value the map shows beside the recomputed one.
 */
public final class CellArithmeticPane extends VBox {
    private static final int TERMS = 6;
    private final WorkbenchViewModel vm;
    private final Label title = new Label();
    private final Label formula = new Label();
    private final GridPane steps = new GridPane();
    private final Label result = new Label();
    /** The steps as rows of the grid, in order; {@link #shown} of them are visible (all unless stepping). */
    private final List<javafx.scene.Node[]> rows = new java.util.ArrayList<>();
    private int shown;
    private final Button step = new Button("Step ▶");

    public CellArithmeticPane(WorkbenchViewModel vm) {
        super(4);
        this.vm = vm;
        setId("cell-arithmetic");
        getStyleClass().add("cell-arithmetic");
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        formula.setWrapText(true);
        steps.setHgap(12);
        steps.setVgap(2);
        result.setId("cell-arithmetic-result");
        result.getStyleClass().add("detail-title");
        Button close = new Button("Close");
        close.setOnAction(e -> vm.closeCellArithmetic());
        step.setId("cell-arithmetic-step");
        step.setTooltip(new javafx.scene.control.Tooltip("Walk through the computation one stage at a time "
                + "(the result comes last)"));
        step.setOnAction(e -> reveal(shown >= rows.size() + 1 ? 1 : shown + 1));
        Button all = new Button("All");
        all.setId("cell-arithmetic-all");
        all.setOnAction(e -> reveal(rows.size() + 1));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        for (Button b : List.of(step, all, close)) {
            b.setMinWidth(Region.USE_PREF_SIZE);            // the long title gives way, not the buttons
        }
        title.setMinWidth(0);
        getChildren().addAll(new HBox(6, title, grow, step, all, close), formula, steps, result);
        vm.explainedCellProperty().addListener((o, a, b) -> show(b));
        show(null);
    }

    /** Shows the first {@code count} stages (the steps, then the result as the last stage). */
    private void reveal(int count) {
        shown = Math.max(0, Math.min(count, rows.size() + 1));
        steps.getChildren().clear();
        for (int i = 0; i < Math.min(shown, rows.size()); i++) {
            steps.addRow(i, rows.get(i));
        }
        result.setVisible(shown > rows.size());
        step.setText(shown > rows.size() ? "Step ▶ (again)" : "Step ▶ " + shown + "/" + (rows.size() + 1));
    }

    /** How many stages are on screen, and how many there are (the result is the last). */
    public int[] stages() {
        return new int[] {shown, rows.size() + 1};
    }

    private void show(WorkbenchViewModel.ExplainedCell where) {
        setVisible(where != null);
        setManaged(where != null);
        steps.getChildren().clear();
        rows.clear();
        InferenceResult r = vm.result();
        if (where == null || r == null) {
            return;
        }
        CellArithmetic.Cell c = where.arithmetic();
        HeadTrace.TraceMap map = r.prediction().trace().head(where.layer(), where.head()).find(c.map());
        List<Integer> items = r.prediction().items();
        title.setText(String.format(Locale.ROOT, "How %s[%d, %d] is computed · layer %d, head %d: row %d, %s, reads %s",
                map.symbol(), c.row() + 1, c.column() + 1, where.layer() + 1, where.head() + 1, c.row() + 1,
                vm.title(items.get(c.row())), vm.title(items.get(c.column()))));
        formula.setText(c.formula());
        for (CellArithmetic.Step s : c.steps()) {
            rows.add(new javafx.scene.Node[] {new Label(s.what()), number(s.value())});
        }
        if (c.rowLogits() != null) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < c.rowLogits().length; k++) {
                sb.append(k == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%d: %.3f", k + 1, c.rowLogits()[k]));
            }
            Label all = new Label(sb.toString());
            all.setWrapText(true);
            all.setMaxWidth(700);
            rows.add(new javafx.scene.Node[] {new Label("row i's logits, by column"), all});
        }
        for (CellArithmetic.Term t : c.terms().subList(0, Math.min(TERMS, c.terms().size()))) {
            rows.add(new javafx.scene.Node[] {new Label(String.format(Locale.ROOT, "k = %d, %s", t.k() + 1,
                    vm.title(items.get(t.k())))), new Label(String.format(Locale.ROOT, "R %.6f × A %.6f = %.6f", t.r(),
                    t.a(), t.product()))});
        }
        if (c.terms().size() > TERMS) {
            rows.add(new javafx.scene.Node[] {new Label("… and " + (c.terms().size() - TERMS) + " smaller products"),
                    new Label("")});
        }
        result.setText(String.format(Locale.ROOT, "= %.6f (the map: %.6f)", c.value(), map.values()[c.row()][c.column()]));
        reveal(rows.size() + 1);                       // everything; Step walks through it from the start
    }

    private static Label number(double v) {
        return new Label(String.format(Locale.ROOT, "%.6f", v));
    }
}
