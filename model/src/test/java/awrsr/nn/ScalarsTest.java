package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Scalars' values and gradients against hand-computed ones. */
class ScalarsTest {
    @Test
    void arithmeticWithAConstant() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(new float[] {1f, -2f, 4f});
            assertArrayEquals(new float[] {3.5f, 0.5f, 6.5f}, Scalars.add(x, 2.5).toFloatArray());
            assertArrayEquals(new float[] {0f, -3f, 3f}, Scalars.sub(x, 1).toFloatArray());
            assertArrayEquals(new float[] {3f, -6f, 12f}, Scalars.mul(x, 3).toFloatArray());
            assertArrayEquals(new float[] {0.5f, -1f, 2f}, Scalars.div(x, 2).toFloatArray());
            assertArrayEquals(new boolean[] {true, false, true}, Scalars.gt(x, 0).toBooleanArray());
            assertArrayEquals(new boolean[] {false, false, true}, Scalars.gte(x, 4).toBooleanArray());
            NDArray y = m.create(new float[] {1f, 2f});
            Scalars.muli(y, -1);
            assertArrayEquals(new float[] {-1f, -2f}, y.toFloatArray());
            NDArray ids = m.create(new long[] {0, 3, 0});
            assertArrayEquals(new boolean[] {false, true, false}, Scalars.gt(ids, 0).toBooleanArray(), "integer arrays");
        }
    }

    /** max(x, c) as clamp: the gradient is 1 where x ≥ c, the tie included (maximum would give it 0.5), 0 below. */
    @Test
    void atLeastHasClampsGradientAtTheTie() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(new float[] {0.25f, 2f, 0f, -1f});
            x.setRequiresGradient(true);
            NDArray[] out = new NDArray[1];
            GradientMode.backwardHere(() -> {
                out[0] = Scalars.atLeast(x, 0.25);
                return out[0].sum();
            });
            assertArrayEquals(new float[] {0.25f, 2f, 0.25f, 0.25f}, out[0].toFloatArray());
            assertArrayEquals(new float[] {1f, 1f, 0f, 0f}, x.getGradient().toFloatArray());
        }
    }
}
