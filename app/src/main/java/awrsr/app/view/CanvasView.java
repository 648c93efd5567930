package awrsr.app.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/** A region drawn on one canvas that fills it: redrawn, cleared first, whenever its size or data changes. */
abstract class CanvasView extends Region {
    private final Canvas canvas = new Canvas();

    CanvasView() {
        getChildren().add(canvas);
    }

    /** The canvas, for mouse handlers. */
    final Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    /** Draws the current data again. */
    final void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        paint(g, canvas.getWidth(), canvas.getHeight());
    }

    /** Draws onto the cleared canvas of the given size. */
    abstract void paint(GraphicsContext g, double width, double height);
}
