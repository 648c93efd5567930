package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;

/**
 * Dropout keep-masks drawn in Java for training on the CPU. libtorch's CPU samplers draw one number per
 * element serially (about 48 ms for the 10 M elements of one (128, 2, 200, 200) attention map, mask and
 * multiply included); a SplittableRandom gives four 16-bit draws per call, and the mask travels as one
 * byte per element: about 20 ms for the same map, measured in one process.
 *
 * <p>An element is kept when its 16-bit draw is at least round(rate * 65536), so the dropout rate is
 * exact to 1/65536 and {@link #scale} is the exact inverse of the keep probability. Deterministic for a
 * seed and the order of the calls; one instance per training thread. The draws are SplitMix64's, the stream
 * {@code new java.util.SplittableRandom(seed).nextLong()} gives (tested against it), generated here because
 * that class does not let its state out: {@link #state()} saves it with a checkpoint, so that a resumed
 * training draws the masks the uninterrupted one would have.
 *
 * <p>The masks live in direct buffers this class owns and the engine reads in place (no copy, and no
 * direct memory left for the garbage collector: that held over a gigabyte after an epoch). A buffer is
 * reused after {@link #newStep()}: call it when the arrays of the previous step are closed.
 */
public final class DropoutMasks {
    /** Masks one step may draw before it must call {@link #newStep()}: far more than a network needs. */
    static final int MAX_MASKS_PER_STEP = 1024;

    /** SplitMix64's increment, SplittableRandom's default gamma. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private final java.util.List<ByteBuffer> pool = new java.util.ArrayList<>();
    private int next;
    private byte[] scratch = new byte[0];

    /** @param seed a seed, or a {@link #state()} saved earlier: SplitMix64's state is its seed */
    public DropoutMasks(long seed) {
        this.state = seed;
    }

    /** Where the draws stand: a new object with it as its seed draws what this object draws next. */
    public long state() {
        return state;
    }

    /** The next 64 random bits (SplitMix64). */
    long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The 16-bit threshold for a rate: draws below it are dropped. */
    static int threshold(float rate) {
        return (int) Math.round(rate * 65536.0);
    }

    /** 1 / P(keep) for the rate as this class quantises it. */
    public static float scale(float rate) {
        return (float) (65536.0 / (65536 - threshold(rate)));
    }

    /** The masks drawn so far may be overwritten: their arrays (and the step's gradients) are closed. */
    public void newStep() {
        next = 0;
    }

    /**
     * A boolean array of {@code shape} on the manager's device: true where the element is kept. It reads a
     * buffer of this object's, valid until the next {@link #newStep()}.
     */
    public NDArray keep(NDManager manager, Shape shape, float rate) {
        int n = Math.toIntExact(shape.size());
        if (scratch.length < n) {
            scratch = new byte[n];
        }
        fill(scratch, n, threshold(rate));
        ByteBuffer buffer = buffer(n);
        buffer.put(0, scratch, 0, n);
        return manager.create(buffer.slice(0, n), shape, DataType.BOOLEAN);
    }

    private ByteBuffer buffer(int n) {
        if (next >= MAX_MASKS_PER_STEP) {
            throw new IllegalStateException(next + " dropout masks without newStep(): call it after each step");
        }
        if (next == pool.size()) {
            pool.add(ByteBuffer.allocateDirect(n));
        } else if (pool.get(next).capacity() < n) {
            pool.set(next, ByteBuffer.allocateDirect(n));    // the old one served an earlier step only
        }
        return pool.get(next++);
    }

    /** Buffers this object holds (for tests of reuse). */
    int pooledBuffers() {
        return pool.size();
    }

    /** Native addresses of the buffers this object holds (for tests of reuse). */
    java.util.List<Long> bufferAddresses() {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (ByteBuffer b : pool) {
            out.add(com.sun.jna.Native.getDirectBufferPointer(b) == null ? 0L
                    : com.sun.jna.Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(b)));
        }
        return out;
    }

    private void fill(byte[] out, int n, int threshold) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long v = nextLong();
            out[i] = (byte) ((v & 0xFFFF) >= threshold ? 1 : 0);
            out[i + 1] = (byte) (((v >>> 16) & 0xFFFF) >= threshold ? 1 : 0);
            out[i + 2] = (byte) (((v >>> 32) & 0xFFFF) >= threshold ? 1 : 0);
            out[i + 3] = (byte) ((v >>> 48) >= threshold ? 1 : 0);
        }
        if (i < n) {
            long v = nextLong();
            for (; i < n; i++, v >>>= 16) {
                out[i] = (byte) ((v & 0xFFFF) >= threshold ? 1 : 0);
            }
        }
    }
}
