package awrsr.app.view;

import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableDoubleProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableDoubleProperty;
import javafx.css.StyleableProperty;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One attention map drawn on a canvas: rows are the reading position, columns the item read; the masked
 * upper triangle is hatched grey, the last row (the one the prediction is read from) is marked, and a
 * colour bar gives the values. A compact view (for the overview) leaves out labels and colour bar.
 * Cells are painted one pixel each into an image that is then scaled up without smoothing, so a 200 x 200
 * map costs one image copy rather than 40,000 rectangles.
 */
public final class HeatmapView extends Region {
    private static final CssMetaData<HeatmapView, Number> LABEL_SIZE = new CssMetaData<>("-awrsr-label-font-size",
            StyleConverter.getSizeConverter(), 10) {
        @Override public boolean isSettable(HeatmapView v) { return !v.labelSize.isBound(); }
        @Override public StyleableProperty<Number> getStyleableProperty(HeatmapView v) { return v.labelSize; }
    };
    private static final CssMetaData<HeatmapView, Number> TITLE_SIZE = new CssMetaData<>("-awrsr-title-font-size",
            StyleConverter.getSizeConverter(), 12) {
        @Override public boolean isSettable(HeatmapView v) { return !v.titleSize.isBound(); }
        @Override public StyleableProperty<Number> getStyleableProperty(HeatmapView v) { return v.titleSize; }
    };
    private static final List<CssMetaData<? extends Styleable, ?>> CSS;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new java.util.ArrayList<>(Region.getClassCssMetaData());
        all.add(LABEL_SIZE);
        all.add(TITLE_SIZE);
        CSS = List.copyOf(all);
    }

    /** The font sizes of axis labels and titles, from the stylesheet (app.css, class heatmap). */
    private final StyleableDoubleProperty labelSize = new SimpleStyleableDoubleProperty(LABEL_SIZE, this,
            "labelFontSize", 10.0) {
        @Override protected void invalidated() {
            barLabelWidth = -1;
            draw();
        }
    };
    private final StyleableDoubleProperty titleSize = new SimpleStyleableDoubleProperty(TITLE_SIZE, this,
            "titleFontSize", 12.0) {
        @Override protected void invalidated() { draw(); }
    };
    private static final Color MASK = Color.rgb(225, 225, 225);
    private static final double BAR_W = 12;

    private final boolean compact;
    private boolean rowLabels = true;
    private final Canvas canvas = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private String title = "";
    private float[][] values = new float[0][0];
    private List<String> labels = List.of();
    private List<String> fullLabels = List.of();
    private ColorScale scale = ColorScale.sequential(1);
    private int highlightRow = -1;
    private int highlightColumn = -1;
    private BiConsumer<Integer, Integer> onHover = (i, j) -> {};
    private Runnable onDrawn = () -> {};
    /** The colour bar labels' width, -1 until measured for the current data and font. */
    private double barLabelWidth = -1;
    private BiConsumer<Integer, Integer> onClick = (i, j) -> {};
    private WritableImage cells;
    private boolean clippedTop;
    private boolean clippedBottom;

    // geometry of the last draw
    private double originX;
    private double originY;
    private double cell;

    // the part of the map on screen: rows firstRow.., columns firstColumn.., `shown` of each (zoom and pan)
    private double zoom = 1;
    private int firstRow;
    private int firstColumn;
    private int shown;

    public HeatmapView(boolean compact) {
        this.compact = compact;
        getChildren().add(canvas);
        getStyleClass().add("heatmap");
        setMinSize(compact ? 40 : 140, compact ? 40 : 200);
        setPrefSize(compact ? 64 : 360, compact ? 64 : 420);
        tooltip.setShowDelay(Duration.millis(150));
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas.setOnMouseClicked(e -> {
            int[] c = cellAt(e.getX(), e.getY());
            if (c != null) {
                onClick.accept(c[0], c[1]);
            }
        });
        canvas.setOnMouseExited(e -> {
            Tooltip.uninstall(canvas, tooltip);
            onHover.accept(-1, -1);
        });
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS;
    }

    /** Told after every draw (the grid may have moved): what aligns itself with the columns listens. */
    public void setOnDrawn(Runnable onDrawn) {
        this.onDrawn = onDrawn == null ? () -> {} : onDrawn;
    }

    /**
     * Zoom and pan: {@code zoom} ≥ 1 shows n / zoom rows and columns, from {@code row} and {@code column}
     * (kept inside the map). 1, 0, 0 shows the whole map.
     */
    public void setView(double zoom, int row, int column) {
        double z = Math.max(1, zoom);
        if (z == this.zoom && row == firstRow && column == firstColumn) {
            return;                                      // every refresh sets the view: redraw only when it moves
        }
        this.zoom = z;
        this.firstRow = row;
        this.firstColumn = column;
        draw();
    }

    /** The first column on screen, as last drawn (0 unless zoomed). */
    public int firstColumn() {
        return firstColumn;
    }

    /** The first row on screen, as last drawn (0 unless zoomed). */
    public int firstRow() {
        return firstRow;
    }

    /** How many rows and columns are on screen, as last drawn (all unless zoomed). */
    public int shownCount() {
        return shown;
    }

    /** The cell under (x, y) in this view's coordinates, even a masked one; null outside the grid. */
    public int[] anyCellAt(double x, double y) {
        if (cell <= 0) {
            return null;
        }
        int column = firstColumn + (int) Math.floor((x - originX) / cell);
        int row = firstRow + (int) Math.floor((y - originY) / cell);
        return row < firstRow || column < firstColumn || row >= firstRow + shown || column >= firstColumn + shown
                ? null : new int[] {row, column};
    }

    /** x of the first column's left edge, in this view's coordinates, as last drawn. */
    public double gridOriginX() {
        return originX;
    }

    /** The width of one column, as last drawn (0 before the first draw with data). */
    public double cellSize() {
        return cell;
    }

    /** The size axis labels are drawn in, as the stylesheet sets it. */
    public double labelFontSize() {
        return labelSize.get();
    }

    private Font labelFont() {
        return Font.font("System", labelSize.get());
    }

    private Font titleFont() {
        return Font.font("System", titleSize.get());
    }

    /**
     * @param labels short titles (axes); @param fullLabels full titles (tooltips)
     */
    public void setData(String title, float[][] values, List<String> labels, List<String> fullLabels, ColorScale scale) {
        this.title = title;
        this.values = values;
        this.labels = labels;
        this.fullLabels = fullLabels;
        this.scale = scale;
        paintCells();
        draw();
    }

    /**
     * The cells as an n x n image and whether the scale clips values, made once per data change: hovering
     * redraws the map for every mouse move and only needs the outline on top.
     */
    private void paintCells() {
        int n = values.length;
        barLabelWidth = -1;
        clippedTop = false;
        clippedBottom = false;
        if (n == 0) {
            cells = null;
            return;
        }
        int[] pixels = new int[n * n];
        int masked = toArgb(MASK);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j > i) {
                    pixels[i * n + j] = masked;
                } else {
                    pixels[i * n + j] = scale.argb(values[i][j]);
                    clippedTop |= values[i][j] > scale.max();
                    clippedBottom |= values[i][j] < scale.min();
                }
            }
        }
        cells = new WritableImage(n, n);
        cells.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), pixels, 0, n);
    }

    /** Whether row labels are drawn (side-by-side maps share the first map's). */
    public void setRowLabels(boolean show) {
        rowLabels = show;
        double extra = show && !compact ? labelSpace() : 0;
        setPrefWidth(360 + extra);
        setMinWidth(140 + extra);
        draw();
    }

    /** The outlined cell as {row, column}, or {-1, -1}. */
    public int[] highlightedCell() {
        return new int[] {highlightRow, highlightColumn};
    }

    public String title() { return title; }
    public float[][] values() { return values; }
    public ColorScale scale() { return scale; }

    /** Told (row, column) when an allowed cell is clicked. */
    public void setOnCellClick(BiConsumer<Integer, Integer> handler) {
        this.onClick = handler == null ? (i, j) -> {} : handler;
    }

    public void setOnCellHover(BiConsumer<Integer, Integer> handler) {
        this.onHover = handler;
    }

    /** Outlines one cell (and lightly its row and column); -1 clears. */
    public void setHighlight(int row, int column) {
        if (row != highlightRow || column != highlightColumn) {
            highlightRow = row;
            highlightColumn = column;
            draw();
        }
    }

    /** Where the centre of a cell is, in scene coordinates (for tests and tooltips). */
    public Point2D cellCenterInScene(int row, int column) {
        return canvas.localToScene(x(column + 0.5), y(row + 0.5));
    }

    public Point2D cellCenterOnScreen(int row, int column) {
        return canvas.localToScreen(x(column + 0.5), y(row + 0.5));
    }

    /** x of a (fractional) column on the canvas, as last drawn. */
    private double x(double column) {
        return originX + (column - firstColumn) * cell;
    }

    private double y(double row) {
        return originY + (row - firstRow) * cell;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private double labelSpace() {
        return compact ? 0 : 112;
    }

    private double rowLabelSpace() {
        return compact || !rowLabels ? 0 : labelSpace();
    }

    /** {row, column} of an allowed cell at (x, y), or null. */
    private int[] cellAt(double x, double y) {
        int n = values.length;
        if (n == 0 || cell <= 0) {
            return null;
        }
        int[] c = anyCellAt(x, y);
        return c == null || c[0] >= n || c[1] >= n || c[1] > c[0] ? null : c;
    }

    private void hover(double x, double y) {
        if (values.length == 0 || cell <= 0) {
            return;
        }
        int[] c = cellAt(x, y);
        if (c == null) {
            onHover.accept(-1, -1);
            Tooltip.uninstall(canvas, tooltip);
            return;
        }
        int row = c[0];
        int column = c[1];
        onHover.accept(row, column);
        if (!compact && row < fullLabels.size()) {
            tooltip.setText(String.format(Locale.ROOT, "%s\nreads %s\n%.4f", fullLabels.get(row), fullLabels.get(column),
                    values[row][column]));
            Tooltip.install(canvas, tooltip);
        }
    }

    private void draw() {
        paint();
        onDrawn.run();
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        int n = values.length;
        double top = compact ? 0 : Math.ceil(titleSize.get() * 1.5);
        double left = rowLabelSpace();
        double right = compact ? 0 : 8 + BAR_W + 3 + colorBarLabelWidth() + 2;   // the bar's labels fit beside it
        double bottom = labelSpace();
        double side = Math.max(1, Math.min(w - left - right - 4, h - top - bottom - 4));
        if (n == 0 || side <= 1) {
            return;
        }
        shown = Math.max(1, Math.min(n, (int) Math.ceil(n / zoom)));
        firstRow = Math.max(0, Math.min(firstRow, n - shown));
        firstColumn = Math.max(0, Math.min(firstColumn, n - shown));
        cell = side / shown;
        side = cell * shown;
        originX = left + 2;
        originY = top + 2;

        if (!compact) {
            g.setFill(Color.BLACK);
            g.setFont(titleFont());
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(title, originX, 1);
        }
        // cells, one pixel each, scaled up without smoothing
        g.setImageSmoothing(false);
        g.drawImage(cells, firstColumn, firstRow, shown, shown, originX, originY, side, side);
        // hatch the masked triangle so it reads as "not allowed", not as zero
        g.save();
        g.beginPath();
        g.rect(originX, originY, side, side);
        g.clip();
        g.beginPath();
        g.moveTo(x(1), y(0));
        g.lineTo(x(n), y(0));
        g.lineTo(x(n), y(n - 1));
        g.closePath();
        g.setFill(hatch());
        g.fill();
        g.restore();
        g.setStroke(Color.gray(0.4));
        g.setLineWidth(1);
        g.strokeRect(originX, originY, side, side);
        // the prediction is read from the last row
        if (firstRow + shown == n) {
            g.setStroke(Color.rgb(230, 60, 30));
            g.setLineWidth(compact ? 1.5 : 2);
            g.strokeRect(originX, y(n - 1), side, cell);
        }
        if (!compact) {
            drawLabels(g, n, side);
            drawColorBar(g, originX + side + 8, originY, side);
        }
        if (highlightRow >= firstRow && highlightColumn >= firstColumn && highlightRow < firstRow + shown
                && highlightColumn < firstColumn + shown) {
            g.setStroke(Color.rgb(255, 255, 255, 0.55));
            g.setLineWidth(1);
            g.strokeRect(originX, y(highlightRow), side, cell);
            g.strokeRect(x(highlightColumn), originY, cell, side);
            double s = Math.max(cell, 4);
            double cx = x(highlightColumn + 0.5) - s / 2;
            double cy = y(highlightRow + 0.5) - s / 2;
            g.setStroke(Color.rgb(255, 40, 120));
            g.setLineWidth(2);
            g.strokeRect(cx, cy, s, s);
        }
    }

    private void drawLabels(GraphicsContext g, int n, double side) {
        g.setFont(labelFont());
        g.setFill(Color.gray(0.15));
        int every = (int) Math.ceil((labelSize.get() + 1) / cell);   // one label per line of text
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = firstRow; i < firstRow + shown && rowLabels; i++) {
            boolean last = i == n - 1;
            if (!last && (i % every != 0 || i > n - 1 - every)) {
                continue;   // keep the marked last row's label clear of its neighbours
            }
            String label = i < labels.size() ? labels.get(i) : String.valueOf(i + 1);
            g.setFill(last ? Color.rgb(200, 40, 20) : Color.gray(0.15));
            g.fillText((last ? "▶ " : "") + label, originX - 4, y(i + 0.5), labelSpace() - 6);
        }
        g.setFill(Color.gray(0.15));
        for (int j = firstColumn; j < firstColumn + shown; j++) {
            if (j != n - 1 && (j % every != 0 || j > n - 1 - every)) {
                continue;
            }
            String label = j < labels.size() ? labels.get(j) : String.valueOf(j + 1);
            g.save();
            g.translate(x(j + 0.5), originY + side + 4);
            g.rotate(-90);
            g.fillText(label, 0, 0, labelSpace() - 6);
            g.restore();
        }
    }

    private void drawColorBar(GraphicsContext g, double x, double y, double height) {
        int steps = 64;
        for (int k = 0; k < steps; k++) {
            double v = scale.max() - (scale.max() - scale.min()) * (k + 0.5) / steps;
            g.setFill(scale.color(v));
            g.fillRect(x, y + height * k / steps, BAR_W, height / steps + 1);
        }
        g.setStroke(Color.gray(0.4));
        g.setLineWidth(1);
        g.strokeRect(x, y, BAR_W, height);
        g.setFont(labelFont());
        g.setFill(Color.gray(0.15));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        String[] labels = colorBarLabels();
        g.fillText(labels[0], x + BAR_W + 3, y + 5);
        g.fillText(labels[1], x + BAR_W + 3, y + height / 2);
        g.fillText(labels[2], x + BAR_W + 3, y + height - 5);
    }

    /** The colour bar's labels, top, middle and bottom ("≥" / "≤" where the scale clips values). */
    private String[] colorBarLabels() {
        return new String[] {(clippedTop ? "≥" : "") + format(scale.max()), format((scale.min() + scale.max()) / 2),
                (clippedBottom ? "≤" : "") + format(scale.min())};
    }

    /**
     * The widest of the colour bar's labels in the label font; measured once per data or font change, not
     * on every redraw (hovering redraws for each mouse move).
     */
    private double colorBarLabelWidth() {
        if (barLabelWidth < 0) {
            double w = 0;
            for (String label : colorBarLabels()) {
                javafx.scene.text.Text t = new javafx.scene.text.Text(label);
                t.setFont(labelFont());
                w = Math.max(w, t.getLayoutBounds().getWidth());
            }
            barLabelWidth = Math.ceil(w);
        }
        return barLabelWidth;
    }

    /** x where the colour bar's labels end, as last drawn (they must not pass the view's width). */
    double colorBarLabelsRight() {
        return originX + cell * values.length + 8 + BAR_W + 3 + colorBarLabelWidth();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, Math.abs(v) < 0.01 && v != 0 ? "%.1e" : "%.2f", v);
    }

    private static ImagePattern hatchPattern;

    private static ImagePattern hatch() {
        if (hatchPattern == null) {
            WritableImage img = new WritableImage(8, 8);
            int[] px = new int[64];
            int grey = toArgb(MASK);
            int line = toArgb(Color.rgb(185, 185, 185));
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    px[i * 8 + j] = (i + j) % 8 == 7 ? line : grey;
                }
            }
            img.getPixelWriter().setPixels(0, 0, 8, 8, PixelFormat.getIntArgbInstance(), px, 0, 8);
            hatchPattern = new ImagePattern(img, 0, 0, 8, 8, false);
        }
        return hatchPattern;
    }

    private static int toArgb(Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
