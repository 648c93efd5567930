package awrsr.app.view;

import awrsr.app.vm.AnalysisViewModel;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each attention summary's rank correlation with leave-one-out over users, one row per signal and one box
 * per analysed model: the box spans the quartiles, the tick is the median, the dot the mean, on a scale
 * from −1 to +1 with 0 marked. A box left of 0 means the summary tends to rank items against importance.
 */
public final class CorrelationPlot extends CanvasView {
    private static final Color[] MODEL_COLORS = {Color.rgb(55, 126, 184), Color.rgb(228, 26, 28),
            Color.rgb(77, 175, 74), Color.rgb(152, 78, 163), Color.rgb(255, 127, 0)};
    private static final double ROW = 18;
    private static final double LEFT = 130;

    private List<AnalysisViewModel.CorrelationRow> rows = List.of();

    public CorrelationPlot() {
        getStyleClass().add("correlation-plot");
        setMinHeight(60);
    }

    public void setRows(List<AnalysisViewModel.CorrelationRow> rows) {
        this.rows = List.copyOf(rows);
        setPrefHeight(height());
        redraw();
    }

    private Map<String, List<AnalysisViewModel.CorrelationRow>> bySignal() {
        Map<String, List<AnalysisViewModel.CorrelationRow>> out = new LinkedHashMap<>();
        for (AnalysisViewModel.CorrelationRow r : rows) {
            out.computeIfAbsent(r.signal(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private List<String> models() {
        return rows.stream().map(AnalysisViewModel.CorrelationRow::model).distinct().toList();
    }

    private double height() {
        return 40 + bySignal().size() * (models().size() * ROW + 8);
    }

    @Override
    void paint(GraphicsContext g, double w, double h) {
        g.setFont(Font.font("System", 11));
        g.setTextBaseline(VPos.CENTER);
        if (rows.isEmpty()) {
            g.setFill(Color.gray(0.4));
            g.fillText("Press Analyse to see, for every user, how well each attention summary ranks the items "
                    + "as leave-one-out does.", 4, 20);
            return;
        }
        // the signals' names get what the longest needs ("Leave-one-out vs occlusion"), at least LEFT
        double left = LEFT;
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(g.getFont());
        for (String signal : bySignal().keySet()) {
            probe.setText(signal);
            left = Math.max(left, probe.getLayoutBounds().getWidth() + 12);
        }
        double x0 = left + 150;
        double x1 = Math.max(x0 + 100, w - 20);
        java.util.function.DoubleUnaryOperator x = v -> x0 + (v + 1) / 2 * (x1 - x0);
        List<String> models = models();
        double y = 24;
        g.setStroke(Color.gray(0.6));
        g.setLineWidth(1);
        g.setFill(Color.gray(0.3));
        g.setTextAlign(TextAlignment.CENTER);
        for (double t = -1; t <= 1.001; t += 0.5) {
            g.strokeLine(x.applyAsDouble(t), 14, x.applyAsDouble(t), height() - 8);
            g.fillText(String.format(java.util.Locale.ROOT, "%+.1f", t), x.applyAsDouble(t), 8);
        }
        for (Map.Entry<String, List<AnalysisViewModel.CorrelationRow>> e : bySignal().entrySet()) {
            g.setFill(Color.BLACK);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(e.getKey(), left - 6, y + models.size() * ROW / 2);
            for (AnalysisViewModel.CorrelationRow r : e.getValue()) {
                int k = models.indexOf(r.model());
                double cy = y + k * ROW + ROW / 2;
                Color c = MODEL_COLORS[k % MODEL_COLORS.length];
                g.setFill(c);
                g.setTextAlign(TextAlignment.RIGHT);
                g.fillText(r.model(), x0 - 8, cy, 140);
                if (Double.isNaN(r.median())) {
                    continue;
                }
                g.setFill(c.deriveColor(0, 1, 1, 0.35));
                g.fillRect(x.applyAsDouble(r.p25()), cy - 6, x.applyAsDouble(r.p75()) - x.applyAsDouble(r.p25()), 12);
                g.setStroke(c);
                g.setLineWidth(2);
                g.strokeLine(x.applyAsDouble(r.median()), cy - 7, x.applyAsDouble(r.median()), cy + 7);
                g.setFill(Color.BLACK);
                g.fillOval(x.applyAsDouble(r.mean()) - 3, cy - 3, 6, 6);
            }
            y += models.size() * ROW + 8;
        }
    }
}
