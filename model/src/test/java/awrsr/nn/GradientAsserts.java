package awrsr.nn;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparisons of every parameter's gradient, for the tests that compute one gradient two ways. */
public final class GradientAsserts {
    private GradientAsserts() {}

    /**
     * Each entry of {@code actual} within {@code absolute + relative · |want|} of {@code expected}'s, and the
     * expected gradient not trivially zero (some entry above 1e-3), so that equality means something.
     */
    public static void assertClose(Map<String, float[]> expected, Map<String, float[]> actual, double absolute,
                                   double relative) {
        double largest = 0;
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            float[] want = e.getValue();
            float[] got = actual.get(e.getKey());
            for (int i = 0; i < want.length; i++) {
                largest = Math.max(largest, Math.abs(want[i]));
                assertEquals(want[i], got[i], absolute + relative * Math.abs(want[i]), e.getKey() + "[" + i + "]");
            }
        }
        assertTrue(largest > 1e-3, "the gradient is not trivially zero: largest entry " + largest);
    }
}
