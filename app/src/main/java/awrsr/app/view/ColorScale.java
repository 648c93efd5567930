package awrsr.app.view;

import javafx.scene.paint.Color;

/**
 * Maps values to colours. Sequential (viridis stops, 0..max) for attention weights; diverging
 * (blue-white-red, symmetric around 0) for differences.
 */
public final class ColorScale {
    private static final int[] VIRIDIS = {0x440154, 0x414487, 0x2a788e, 0x22a884, 0x7ad151, 0xfde725};
    private static final int[] DIVERGING = {0x2166ac, 0x67a9cf, 0xf7f7f7, 0xef8a62, 0xb2182b};

    /**
     * The sequential colours maps are drawn with (View → Palette). All three read in order of lightness, so
     * that they survive colour blindness and grey projectors; the diverging scale (blue-white-red) is
     * colour-blind safe as it is and stays.
     */
    public enum Palette {
        /** Perceptually uniform, colour-blind safe (the default). */
        VIRIDIS("Viridis", ColorScale.VIRIDIS),
        /** Designed to look the same with red-green colour blindness (blue to yellow, no green). */
        CIVIDIS("Cividis", new int[] {0x00224e, 0x35456c, 0x666970, 0x948e77, 0xc8b866, 0xfee838}),
        /** White to black: the most contrast, for a washed-out projector or print. */
        GREYS("Greys", new int[] {0xffffff, 0xbdbdbd, 0x737373, 0x252525, 0x000000});

        private final String title;
        private final int[] stops;

        Palette(String title, int[] stops) {
            this.title = title;
            this.stops = stops;
        }

        public String title() { return title; }
    }

    private static volatile Palette palette = Palette.VIRIDIS;

    /** The palette new sequential scales use (a window-wide setting). */
    public static void setPalette(Palette p) {
        palette = p;
    }

    public static Palette palette() {
        return palette;
    }

    private static final int LEVELS = 257;   // odd, so that a diverging scale has its exact middle colour at 0

    private final double min;
    private final double max;
    private final int[] stops;
    private final int[] table = new int[LEVELS];   // colours of evenly spaced values: maps draw by lookup

    private ColorScale(double min, double max, int[] stops) {
        this.min = min;
        this.max = max <= min ? min + 1e-9 : max;
        this.stops = stops;
        for (int k = 0; k < LEVELS; k++) {
            table[k] = interpolate(k / (LEVELS - 1.0));
        }
    }

    public static ColorScale sequential(double max) {
        return new ColorScale(0, max, palette.stops);
    }

    public static ColorScale diverging(double limit) {
        double l = Math.max(limit, 1e-6);
        return new ColorScale(-l, l, DIVERGING);
    }

    public double min() { return min; }
    public double max() { return max; }
    public boolean isDiverging() { return stops == DIVERGING; }

    /** Opaque ARGB of a value (clamped to the scale), from a table of 257 levels. */
    public int argb(double value) {
        double t = (value - min) / (max - min);
        t = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t));
        return table[(int) Math.round(t * (LEVELS - 1))];
    }

    private int interpolate(double t) {
        double pos = t * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) pos);
        double f = pos - k;
        int a = stops[k];
        int b = stops[k + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return 0xff000000 | (r << 16) | (g << 8) | bl;
    }

    public Color color(double value) {
        int c = argb(value);
        return Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255);
    }

    /** Share of the largest values that a robust scale lets saturate. */
    public static final double CLIP = 0.01;

    /**
     * The top of a scale shared by the maps: the 99th percentile of their values on or below the diagonal,
     * so that the few large weights of the first rows (row 0 always reads itself with weight 1) do not
     * leave every other cell dark. Larger values show in the top colour; hovering gives the exact value.
     */
    public static double robustMax(float[][]... maps) {
        return percentile(false, maps);
    }

    /** The 99th percentile of |value| on or below the diagonal (for a diverging scale). */
    public static double robustMaxAbs(float[][] map) {
        return percentile(true, map);
    }

    private static double percentile(boolean abs, float[][]... maps) {
        int count = 0;
        for (float[][] map : maps) {
            count += map.length * (map.length + 1) / 2;
        }
        if (count == 0) {
            return 1;
        }
        float[] all = new float[count];
        int k = 0;
        float largest = 0;
        for (float[][] map : maps) {
            for (int i = 0; i < map.length; i++) {
                for (int j = 0; j <= i; j++) {
                    float v = abs ? Math.abs(map[i][j]) : map[i][j];
                    all[k++] = v;
                    largest = Math.max(largest, v);
                }
            }
        }
        int at = (int) Math.floor((all.length - 1) * (1 - CLIP));
        double v = select(all, at);
        return v > 0 ? v : Math.max(largest, 1e-6);
    }

    /** The value that would stand at {@code k} if {@code a} were sorted (quickselect; reorders a). */
    static float select(float[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        java.util.Random random = new java.util.Random(a.length);
        while (lo < hi) {
            float pivot = a[lo + random.nextInt(hi - lo + 1)];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
