package awrsr.app.view;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColorScaleTest {
    @Test
    void selectFindsTheSameValueAsSorting() {
        Random random = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(500);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(4) == 0 ? 0.25f : random.nextFloat();   // with many ties
            }
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            assertEquals(sorted[k], ColorScale.select(a.clone(), k));
        }
    }

    @Test
    void robustTopIsThe99thPercentileOfTheLowerTriangle() {
        int n = 60;
        float[][] m = new float[n][n];
        float[] lower = new float[n * (n + 1) / 2];
        int k = 0;
        Random random = new Random(8);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                m[i][j] = random.nextFloat();
                lower[k++] = m[i][j];
            }
            if (i + 1 < n) {
                m[i][i + 1] = 50f;   // above the diagonal: never counted
            }
        }
        Arrays.sort(lower);
        assertEquals(lower[(int) Math.floor((lower.length - 1) * 0.99)], ColorScale.robustMax(m), 0.0);
    }

    @Test
    void coloursRunFromTheFirstStopToTheLastAndClampOutside() {
        ColorScale s = ColorScale.sequential(2);
        assertEquals(0xff440154, s.argb(0));
        assertEquals(0xff440154, s.argb(-5));
        assertEquals(0xfffde725, s.argb(2));
        assertEquals(0xfffde725, s.argb(9));
        ColorScale d = ColorScale.diverging(1);
        assertEquals(0xfff7f7f7, d.argb(0));
    }
}
