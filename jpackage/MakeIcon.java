import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;

/**
 * Draws the program's icon: a causal attention map (lower triangle, rows summing to one) on a dark tile,
 * its last row outlined in red as the workbench outlines the row the prediction is read from.
 * Run: java jpackage/MakeIcon.java jpackage/awrsr.png
 */
public class MakeIcon {
    public static void main(String[] args) throws Exception {
        int size = 256;
        int n = 7;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x1f, 0x2a, 0x44));
        g.fill(new RoundRectangle2D.Double(8, 8, size - 16, size - 16, 48, 48));
        Random random = new Random(7);
        double margin = 36;
        double cell = (size - 2 * margin) / n;
        for (int i = 0; i < n; i++) {
            double[] w = new double[i + 1];
            double sum = 0;
            for (int j = 0; j <= i; j++) {
                w[j] = Math.exp(2.2 * random.nextGaussian() + (j == i ? 1.0 : 0));
                sum += w[j];
            }
            for (int j = 0; j <= i; j++) {
                double v = Math.pow(w[j] / sum, 0.6);
                g.setColor(viridisLike(v));
                g.fillRect((int) (margin + j * cell) + 2, (int) (margin + i * cell) + 2, (int) cell - 4, (int) cell - 4);
            }
        }
        g.setColor(new Color(0xe0, 0x3c, 0x31));
        g.setStroke(new BasicStroke(6f));
        g.drawRect((int) margin - 1, (int) (margin + (n - 1) * cell) - 1, (int) (n * cell) + 2, (int) cell + 2);
        g.dispose();
        ImageIO.write(img, "png", new File(args.length > 0 ? args[0] : "awrsr.png"));
    }

    /** Dark blue through teal to yellow, like the workbench's sequential scale. */
    private static Color viridisLike(double t) {
        float[][] stops = {{0.27f, 0.00f, 0.33f}, {0.23f, 0.32f, 0.55f}, {0.13f, 0.57f, 0.55f}, {0.37f, 0.79f, 0.38f},
                {0.99f, 0.91f, 0.14f}};
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) x);
        double f = x - k;
        float[] a = stops[k];
        float[] b = stops[k + 1];
        return new Color((float) (a[0] + f * (b[0] - a[0])), (float) (a[1] + f * (b[1] - a[1])),
                (float) (a[2] + f * (b[2] - a[2])));
    }
}
