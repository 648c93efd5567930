package awrsr.app.view;

import awrsr.infer.Explanation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * What drove the prediction, one row per signal (leave-one-out, gradient × input, the attention summaries),
 * one bar per item of the window, drawn under the raw map so that bar j stands under column j. Signed
 * signals grow up (supports the target) or down (works against it) from a middle line; attention summaries
 * grow up. Each row is scaled to its own largest value, marks its highest item (▼ on the row's top edge) and
 * ends with its rank correlation with leave-one-out (and, when occlusion was computed, with occlusion:
 * "ρ +0.22 · occ +0.38").
 */
public final class ImportanceView extends CanvasView {
    private static final double ROW_H = 22;
    private static final double TOP = 4;
    private static final Color UP = Color.rgb(33, 102, 172);
    private static final Color DOWN = Color.rgb(178, 24, 43);
    private static final Color ATTENTION = Color.rgb(90, 90, 90);
    private static final Color UNCERTAIN = Color.rgb(230, 145, 30);

    /** A row of bars from the trace rather than the explanation (STOSA's uncertainty), drawn below the signals. */
    public record ExtraRow(String name, double[] values, String note) {}

    private final Tooltip tooltip = new Tooltip();
    private Explanation explanation;
    private List<ExtraRow> extras = List.of();
    private boolean signalsShown = true;
    private List<String> titles = List.of();
    private double x0 = 150;
    private double cell;
    /** The columns on screen under a zoomed map: from {@code first}, {@code count} of them (-1: all). */
    private int first;
    private int count = -1;
    private int highlight = -1;
    private IntConsumer onHover = j -> {};

    public ImportanceView() {
        getStyleClass().add("importance");
        Canvas canvas = canvas();
        tooltip.setShowDelay(Duration.millis(150));
        canvas.setOnMouseMoved(e -> {
            int j = column(e.getX());
            onHover.accept(j);
            if (j >= 0 && (explanation != null || !extras.isEmpty())) {
                tooltip.setText(describe(j));
                Tooltip.install(canvas, tooltip);
            } else {
                Tooltip.uninstall(canvas, tooltip);
            }
        });
        canvas.setOnMouseExited(e -> {
            Tooltip.uninstall(canvas, tooltip);
            onHover.accept(-1);
        });
    }

    /** The explanation to draw, or null (a note that it is being computed), with the window's full titles. */
    public void setData(Explanation x, List<String> fullTitles) {
        this.explanation = x;
        this.titles = fullTitles;
        setMinHeight(rowsHeight());
        setPrefHeight(rowsHeight());
        redraw();
    }

    /** Rows drawn whatever the explanation's state (each from its least to its largest value). */
    public void setExtraRows(List<ExtraRow> rows) {
        this.extras = List.copyOf(rows);
        setMinHeight(rowsHeight());
        setPrefHeight(rowsHeight());
        redraw();
    }

    public List<ExtraRow> extraRows() {
        return extras;
    }

    /** Whether the importance signals are drawn (false: the extra rows alone). */
    public void setSignalsShown(boolean shown) {
        if (shown != signalsShown) {
            signalsShown = shown;
            setMinHeight(rowsHeight());
            setPrefHeight(rowsHeight());
            redraw();
        }
    }

    /** Where the raw map's first column starts (in this view's coordinates) and how wide a column is. */
    public void align(double firstColumnX, double columnWidth) {
        align(firstColumnX, columnWidth, 0, -1);
    }

    /** As the map above draws them when zoomed: column {@code firstShown} at x, {@code shown} columns (-1: all). */
    public void align(double firstColumnX, double columnWidth, int firstShown, int shown) {
        if (firstColumnX != x0 || columnWidth != cell || firstShown != first || shown != count) {
            x0 = firstColumnX;
            cell = columnWidth;
            first = firstShown;
            count = shown;
            redraw();
        }
    }

    /** Whether column j is on screen, and where its bar starts. */
    private boolean visible(int j) {
        return j >= first && (count < 0 || j < first + count);
    }

    private double columnX(int j) {
        return x0 + (j - first) * cell;
    }

    /** The width of the drawn rows: the columns on screen. */
    private double rowWidth(int m) {
        return cell * (count < 0 ? m : Math.min(count, m - first));
    }

    /** The column under the pointer, -1 when none: linked to the maps' highlight. */
    public void setOnColumnHover(IntConsumer onHover) {
        this.onHover = onHover == null ? j -> {} : onHover;
    }

    public void setHighlight(int column) {
        if (column != highlight) {
            highlight = column;
            redraw();
        }
    }

    /** The explanation drawn, or null. */
    public Explanation explanation() {
        return explanation;
    }

    /** The window column at x, or -1. */
    public int column(double x) {
        int m = columns();
        if (m == 0 || cell <= 0) {
            return -1;
        }
        int j = first + (int) Math.floor((x - x0) / cell);
        return j >= 0 && j < m && visible(j) ? j : -1;
    }

    private int columns() {
        return explanation != null && signalsShown ? explanation.items().size() : extras.isEmpty() ? 0 : extras.get(0).values().length;
    }

    private int signalRows() {
        return !signalsShown ? 0 : explanation == null ? 1 : explanation.signals().size();
    }

    private double rowsHeight() {
        return TOP + (signalRows() + extras.size()) * ROW_H + 4;
    }

    private String describe(int j) {
        StringBuilder sb = new StringBuilder((j + 1) + ". " + (j < titles.size() ? titles.get(j) : ""));
        for (ExtraRow row : extras) {
            if (j < row.values().length) {
                sb.append(String.format(Locale.ROOT, "%n%s: %.4f", row.name(), row.values()[j]));
            }
        }
        if (explanation == null || !signalsShown) {
            return sb.toString();
        }
        return sb.append(signalLines(explanation, j)).toString();
    }

    /** The hover lines of item j's signals, each on a line of its own (a line break before each). */
    static String signalLines(Explanation explanation, int j) {
        StringBuilder sb = new StringBuilder();
        int without = explanation.rankWithout()[j];
        for (Explanation.Signal s : explanation.signals()) {
            if (Double.isNaN(s.values()[j])) {
                sb.append(String.format(Locale.ROOT, "%n%s: none", s.name()));     // a history of one item
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%n%s: %+.4f", s.name(), s.values()[j]));
            if (Explanation.topPosition(s.values()) == j) {
                sb.append("  ▼ the row's highest");
            }
            if (s.id().equals(Explanation.OCCLUSION) && j == s.values().length - 1) {
                sb.append("  (its row is the one predicted from: scored from the row before)");
            }
            if (s.id().equals(Explanation.LEAVE_ONE_OUT) && without >= 0) {
                sb.append(String.format(Locale.ROOT, "  (rank without it: %d, with it: %d)", without + 1,
                        explanation.rank() + 1));
            }
        }
        return sb.toString();
    }

    @Override
    void paint(GraphicsContext g, double canvasWidth, double canvasHeight) {
        g.setFont(Font.font("System", 11));
        g.setTextBaseline(VPos.CENTER);
        paintExtras(g);
        if (!signalsShown) {
            return;
        }
        if (explanation == null) {
            g.setFill(Color.gray(0.4));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("Importance: computing…", 4, TOP + ROW_H / 2);
            return;
        }
        int m = explanation.items().size();
        if (cell <= 0) {
            return;
        }
        double width = rowWidth(m);
        for (int r = 0; r < explanation.signals().size(); r++) {
            Explanation.Signal s = explanation.signals().get(r);
            double top = TOP + r * ROW_H;
            boolean signed = s.id().equals(Explanation.LEAVE_ONE_OUT) || s.id().equals(Explanation.OCCLUSION)
                    || s.id().equals(Explanation.GRADIENT);
            double max = 0;
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            double base = signed ? top + ROW_H / 2 : top + ROW_H - 2;
            double reach = signed ? ROW_H / 2 - 2 : ROW_H - 4;
            g.setFill(r % 2 == 0 ? Color.gray(0.96) : Color.WHITE);
            g.fillRect(x0, top, width, ROW_H);
            g.setStroke(Color.gray(0.75));
            g.setLineWidth(0.5);
            g.strokeLine(x0, base, x0 + width, base);
            for (int j = 0; j < m; j++) {
                double v = s.values()[j];
                if (Double.isNaN(v) || max == 0 || !visible(j)) {
                    continue;
                }
                double h = Math.abs(v) / max * reach;
                g.setFill(!signed ? ATTENTION : v >= 0 ? UP : DOWN);
                double x = columnX(j) + Math.min(1, cell * 0.15);
                double w = Math.max(1, cell - 2 * Math.min(1, cell * 0.15));
                g.fillRect(x, v >= 0 ? base - h : base, w, h);
            }
            int best = Explanation.topPosition(s.values());
            if (best >= 0 && max > 0 && visible(best)) {        // the row's highest item: a mark on its top edge
                double cx = columnX(best) + cell / 2;
                double half = Math.max(2.5, Math.min(4, cell / 2));
                double[] xs = {cx - half, cx + half, cx};
                double[] ys = {top, top, top + 1.6 * half};
                g.setFill(Color.gray(0.1));
                g.fillPolygon(xs, ys, 3);
                g.setStroke(Color.WHITE);                     // apart from a tall bar under it
                g.setLineWidth(1);
                g.strokePolygon(xs, ys, 3);
            }
            g.setFill(Color.gray(0.15));
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(s.name(), x0 - 6, top + ROW_H / 2, Math.max(20, x0 - 8));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(rightLabel(s, max, explanation.occluded()), x0 + width + 6, top + ROW_H / 2);
        }
        if (highlight >= 0 && highlight < m && visible(highlight)) {
            g.setStroke(Color.rgb(255, 40, 120));
            g.setLineWidth(1.5);
            g.strokeRect(columnX(highlight), TOP, cell, (explanation.signals().size() + extras.size()) * ROW_H);
        }
    }

    /**
     * What a row ends with: leave-one-out its largest value; occlusion its largest value and its ρ with
     * leave-one-out; the others their ρ with leave-one-out, and with occlusion when it was computed.
     */
    static String rightLabel(Explanation.Signal s, double max, boolean occluded) {
        if (s.id().equals(Explanation.LEAVE_ONE_OUT)) {
            return String.format(Locale.ROOT, "max %.3f", max);
        }
        if (s.id().equals(Explanation.OCCLUSION)) {
            return String.format(Locale.ROOT, "max %.3f · ρ %+.2f", max, s.spearmanWithLoo());
        }
        return occluded ? String.format(Locale.ROOT, "ρ %+.2f · occ %+.2f", s.spearmanWithLoo(), s.spearmanWithOcclusion())
                : String.format(Locale.ROOT, "ρ %+.2f", s.spearmanWithLoo());
    }

    /** The trace's rows (uncertainty) below the signals: bars up from a base line, scaled to the row's range. */
    private void paintExtras(GraphicsContext g) {
        for (int r = 0; r < extras.size(); r++) {
            ExtraRow row = extras.get(r);
            int m = row.values().length;
            if (cell <= 0 || m == 0) {
                continue;
            }
            double top = TOP + (signalRows() + r) * ROW_H;
            double width = rowWidth(m);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : row.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            g.setFill((signalRows() + r) % 2 == 0 ? Color.gray(0.96) : Color.WHITE);
            g.fillRect(x0, top, width, ROW_H);
            double base = top + ROW_H - 2;
            for (int j = 0; j < m; j++) {
                if (!visible(j)) {
                    continue;
                }
                // from the row's least to its largest value (the note gives the range): the differences show
                double h = 2 + (max > min ? (row.values()[j] - min) / (max - min) : 1) * (ROW_H - 6);
                g.setFill(UNCERTAIN);
                double x = columnX(j) + Math.min(1, cell * 0.15);
                g.fillRect(x, base - h, Math.max(1, cell - 2 * Math.min(1, cell * 0.15)), h);
            }
            g.setFill(Color.gray(0.15));
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(row.name(), x0 - 6, top + ROW_H / 2, Math.max(20, x0 - 8));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(row.note(), x0 + width + 6, top + ROW_H / 2);
        }
    }
}
