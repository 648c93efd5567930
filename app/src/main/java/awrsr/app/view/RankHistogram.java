package awrsr.app.view;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/** How many users' true item landed at each rank bucket: one bar per bucket, the count above it. */
public final class RankHistogram extends CanvasView {
    private List<String> buckets = List.of();
    private int[] counts = new int[0];

    public RankHistogram() {
        getStyleClass().add("rank-histogram");
        setPrefSize(420, 170);
        setMinSize(200, 120);
    }

    public void setData(List<String> buckets, int[] counts) {
        this.buckets = List.copyOf(buckets);
        this.counts = counts.clone();
        redraw();
    }

    @Override
    void paint(GraphicsContext g, double w, double h) {
        g.setFont(Font.font("System", 11));
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("Rank of the true next item (full protocol): users", 4, 2);
        if (counts.length == 0) {
            return;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        double top = 34;
        double bottom = h - 18;
        double bar = (w - 8) / counts.length;
        g.setTextAlign(TextAlignment.CENTER);
        for (int k = 0; k < counts.length; k++) {
            double x = 4 + k * bar;
            double height = (bottom - top) * counts[k] / max;
            g.setFill(k == 0 ? Color.rgb(33, 102, 172) : k <= 2 ? Color.rgb(103, 169, 207) : Color.gray(0.6));
            g.fillRect(x + 2, bottom - height, bar - 4, height);
            g.setFill(Color.BLACK);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(String.valueOf(counts[k]), x + bar / 2, bottom - height - 1);
            g.setTextBaseline(VPos.TOP);
            g.fillText(k < buckets.size() ? buckets.get(k) : "", x + bar / 2, bottom + 2, bar);
        }
    }
}
