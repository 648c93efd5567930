package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Dropout keep-masks drawn in Java for training on the CPU. libtorch's CPU samplers draw one number per
 * element serially (about 48 ms for the 10 M elements of one (128, 2, 200, 200) attention map, mask and
 * multiply included); a SplittableRandom gives four 16-bit draws per call, and the mask travels as one
 * byte per element: about 20 ms for the same map, measured in one process.
 *
 * <p>An element is kept when its 16-bit draw is at least round(rate * 65536), so the dropout rate is
 * exact to 1/65536 and {@link #scale} is the exact inverse of the keep probability. Deterministic for a
 * seed and the order of the calls; one instance per training thread.
 */
public final class DropoutMasks {
    private final SplittableRandom random;
    private byte[] scratch = new byte[0];

    public DropoutMasks(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The 16-bit threshold for a rate: draws below it are dropped. */
    static int threshold(float rate) {
        return (int) Math.round(rate * 65536.0);
    }

    /** 1 / P(keep) for the rate as this class quantises it. */
    public static float scale(float rate) {
        return (float) (65536.0 / (65536 - threshold(rate)));
    }

    /** A boolean array of {@code shape} on the manager's device: true where the element is kept. */
    public NDArray keep(NDManager manager, Shape shape, float rate) {
        int n = Math.toIntExact(shape.size());
        if (scratch.length < n) {
            scratch = new byte[n];
        }
        fill(scratch, n, threshold(rate));
        // a heap buffer: the engine copies it into memory it owns, so scratch can be reused at once
        return manager.create(ByteBuffer.wrap(scratch, 0, n), shape, DataType.BOOLEAN);
    }

    private void fill(byte[] out, int n, int threshold) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long v = random.nextLong();
            out[i] = (byte) ((v & 0xFFFF) >= threshold ? 1 : 0);
            out[i + 1] = (byte) (((v >>> 16) & 0xFFFF) >= threshold ? 1 : 0);
            out[i + 2] = (byte) (((v >>> 32) & 0xFFFF) >= threshold ? 1 : 0);
            out[i + 3] = (byte) ((v >>> 48) >= threshold ? 1 : 0);
        }
        if (i < n) {
            long v = random.nextLong();
            for (; i < n; i++, v >>>= 16) {
                out[i] = (byte) ((v & 0xFFFF) >= threshold ? 1 : 0);
            }
        }
    }
}
