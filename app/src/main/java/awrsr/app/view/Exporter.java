package awrsr.app.view;

import awrsr.app.view.ColorScale;
import awrsr.app.view.HeatmapView;
import awrsr.app.vm.InferenceResult;
import awrsr.app.vm.PredictionRow;
import awrsr.infer.TraceCsv;
import awrsr.util.AtomicFiles;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes what the window shows: maps as PNG or SVG, the trace's matrices and the predictions as CSV. Each
 * export is taken in two steps: {@code png(node)}, {@code svg(maps, labels)}, ... capture what is on screen,
 * on the FX thread and quickly; the {@link Export} they return encodes and writes (fsync included) on any
 * thread, so the window keeps drawing while a file is written.
 */
public final class Exporter {
    private Exporter() {}

    /** The slow half of an export: encoding and writing what was captured. */
    @FunctionalInterface
    public interface Export {
        void to(Path file) throws IOException;
    }

    /** Captures a snapshot of the node, at its on-screen size. Call on the FX thread. */
    public static Export png(Node node) {
        return png(node, null, 1);
    }

    /**
     * Captures the node at {@code scale} times its on-screen size (2 or 3 for slides: text and cells stay
     * sharp), with a caption line above it when {@code caption} is given. Call on the FX thread.
     */
    public static Export png(Node node, String caption, double scale) {
        WritableImage shot = figure(node, caption, scale);
        return file -> {
            BufferedImage buffered = SwingFXUtils.fromFXImage(shot, null);
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(buffered, "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            });
        };
    }

    /** The node at {@code scale} times its size on screen, with a caption line above when one is given. */
    private static WritableImage figure(Node node, String caption, double scale) {
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        p.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
        WritableImage maps = node.snapshot(p, null);
        WritableImage image = maps;
        if (caption != null && !caption.isBlank()) {
            javafx.scene.control.Label label = new javafx.scene.control.Label(caption);
            label.setStyle("-fx-font-size: " + 12 * scale + "px; -fx-padding: " + 4 * scale + "px; -fx-text-fill: #222;");
            javafx.scene.image.ImageView view = new javafx.scene.image.ImageView(maps);
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(label, view);
            box.setStyle("-fx-background-color: white;");
            new javafx.scene.Scene(box);
            image = box.snapshot(null, null);
        }
        return image;
    }

    /**
     * The same figure as {@link #png(Node, String, double)} (caption included) as a one-page PDF whose page is
     * the figure's size at 72 dpi per on-screen pixel, the image at the export scale's resolution.
     */
    public static Export pdf(Node node, String caption, double scale) {
        WritableImage shot = figure(node, caption, scale);
        return file -> {
            BufferedImage buffered = SwingFXUtils.fromFXImage(shot, null);
            try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
                float w = (float) (buffered.getWidth() / scale);
                float h = (float) (buffered.getHeight() / scale);
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage(
                        new org.apache.pdfbox.pdmodel.common.PDRectangle(w, h));
                doc.addPage(page);
                var image = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc, buffered);
                try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    content.drawImage(image, 0, 0, w, h);
                }
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                doc.save(bytes);
                AtomicFiles.write(file, out -> bytes.writeTo(out));
            }
        };
    }

    /** Snapshot and write at once, on the FX thread (the screenshot option). */
    public static void png(Node node, Path file) throws IOException {
        png(node).to(file);
    }

    /** Captures the maps (titles, values, colour scales: replaced on update, never changed) on the FX thread. */
    public static Export svg(List<HeatmapView> maps, List<String> labels) {
        return svg(maps, labels, null);
    }

    /** As {@link #svg(List, List)}, with a caption line at the top (model, data, user, layer, head). */
    public static Export svg(List<HeatmapView> maps, List<String> labels, String caption) {
        List<String> titles = maps.stream().map(HeatmapView::title).toList();
        List<float[][]> values = maps.stream().map(HeatmapView::values).toList();
        List<ColorScale> scales = maps.stream().map(HeatmapView::scale).toList();
        List<String> names = List.copyOf(labels);
        return file -> svg(titles, values, scales, names, caption, file);
    }

    /** The maps as vector graphics: one cell a rectangle, masked cells grey, titles above. */
    private static void svg(List<String> titles, List<float[][]> values, List<ColorScale> scales, List<String> labels,
                            String caption, Path file) throws IOException {
        int cell = 12;
        int label = 150;
        int gap = 80;                                   // room for each map's colour bar and its labels
        int captionHeight = caption == null ? 0 : 22;
        int n = values.isEmpty() ? 0 : values.get(0).length;
        int side = n * cell;
        int width = label + values.size() * (side + gap);
        int height = 30 + side + label + captionHeight;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"10\">\n",
                width, height));
        if (caption != null) {
            s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"15\" font-size=\"12\">%s</text>\n", escape(caption)));
        }
        s.append(String.format(Locale.ROOT, "<g transform=\"translate(0 %d)\">\n", captionHeight));
        for (int i = 0; i < n; i++) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", label - 4,
                    30 + i * cell + cell - 2, escape(labels.get(i))));
        }
        for (int k = 0; k < values.size(); k++) {
            int x0 = label + k * (side + gap);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"12\">%s</text>\n", x0,
                    escape(titles.get(k))));
            ColorScale scale = scales.get(k);
            float[][] v = values.get(k);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    String fill = j > i ? "#e1e1e1" : String.format("#%06x", scale.argb(v[i][j]) & 0xffffff);
                    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"",
                            x0 + j * cell, 30 + i * cell, cell, cell, fill));
                    s.append(j > i ? "/>\n" : String.format(Locale.ROOT, "><title>%.5f</title></rect>\n", v[i][j]));
                }
            }
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#e63c1e\" stroke-width=\"2\"/>\n",
                    x0, 30 + (n - 1) * cell, side, cell));
            for (int j = 0; j < n; j++) {
                int x = x0 + j * cell + cell - 3;
                int y = 30 + side + 4;
                s.append(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-90 %d %d)\">%s</text>\n",
                        x, y, x, y, escape(labels.get(j))));
            }
            // the colour bar: 32 steps from the top of the scale down, its top, middle and bottom values
            int bx = x0 + side + 8;
            int steps = 32;
            for (int b = 0; b < steps; b++) {
                double at = scale.max() - (scale.max() - scale.min()) * (b + 0.5) / steps;
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.2f\" width=\"10\" height=\"%.2f\" fill=\"#%06x\"/>\n",
                        bx, 30 + side * b / (double) steps, side / (double) steps + 0.5, scale.argb(at) & 0xffffff));
            }
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"10\" height=\"%d\" fill=\"none\" stroke=\"#666\"/>\n",
                    bx, side));
            double[] ticks = {scale.max(), (scale.min() + scale.max()) / 2, scale.min()};
            for (int t = 0; t < 3; t++) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">%.2f</text>\n", bx + 13,
                        30 + side * t / 2.0 + (t == 0 ? 8 : t == 2 ? 0 : 4), ticks[t]));
            }
        }
        s.append("</g>\n</svg>\n");
        AtomicFiles.writeString(file, s.toString());
    }

    /**
     * Every layer's and head's matrices into a folder (the command line's attention --csv layout); a name
     * already taken gets a suffix ("L1_H1_raw-2.csv"): the window never overwrites a file.
     */
    public static int traceCsv(InferenceResult r, Path dir) throws IOException {
        return TraceCsv.write(dir, r.prediction().items(), r.prediction().trace(), false).size();
    }

    /** Captures the prediction rows on the FX thread. */
    public static Export predictionsCsv(List<PredictionRow> rows) {
        List<PredictionRow> copy = List.copyOf(rows);
        return file -> predictionsCsv(copy, file);
    }

    public static void predictionsCsv(List<PredictionRow> rows, Path file) throws IOException {
        StringBuilder s = new StringBuilder("rank,item,title,score,change\n");
        for (PredictionRow r : rows) {
            s.append(r.rank() + 1).append(',').append(r.item()).append(',').append(csv(r.title())).append(',')
                    .append(r.score()).append(',').append(csv(r.change())).append('\n');
        }
        AtomicFiles.writeString(file, s.toString());
    }

    static String csv(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
