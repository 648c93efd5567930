package awrsr.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's gradient recording is a per-thread switch, on by default in every thread except the one that
 * started the engine. Each thread that runs the model must set it: off for inference and for optimiser
 * updates (an in-place update of a leaf that requires gradients is refused while it is on); the gradient
 * collector turns it on for the forward and backward pass of a training step.
 */
public final class GradientMode {
    private GradientMode() {}

    /** Held while a collector records: DJL's engine admits one collector at a time in the whole process. */
    private static final java.util.concurrent.locks.ReentrantLock COLLECTING = new java.util.concurrent.locks.ReentrantLock();

    /**
     * The engine's gradient collector, once no other thread's is open (two training steps, or a step and
     * {@link #backwardHere} on an engine other than PyTorch, may ask at the same time; the engine would refuse
     * the second). Close it promptly: every other recording waits for it.
     */
    public static ai.djl.training.GradientCollector collector() {
        COLLECTING.lock();
        ai.djl.training.GradientCollector c;
        try {
            c = Engine.getInstance().newGradientCollector();
        } catch (RuntimeException | Error e) {
            COLLECTING.unlock();
            throw e;
        }
        return new ai.djl.training.GradientCollector() {
            private boolean closed;

            @Override
            public void backward(ai.djl.ndarray.NDArray target) {
                c.backward(target);
            }

            @Override
            public void zeroGradients() {
                c.zeroGradients();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    try {
                        c.close();
                    } finally {
                        COLLECTING.unlock();
                    }
                }
            }
        };
    }

    /** Sets a parameter's accumulated gradient to exactly zero (NaN and infinity included). */
    public static void zeroGradient(ai.djl.ndarray.NDArray parameter) {
        if (parameter instanceof ai.djl.pytorch.engine.PtNDArray pt) {
            JniUtils.zeroGrad(pt);
        } else {
            try (ai.djl.ndarray.NDArray g = parameter.getGradient()) {
                g.subi(g);
            }
        }
    }

    /**
     * Records {@code forward} on the calling thread only and runs the backward pass of its (scalar) result:
     * for a graph no other thread touches, such as an explanation's gradient with respect to its own input.
     * PyTorch's recording and its CPU backward pass are per thread, so this needs neither the engine's
     * collector nor {@link #collector}'s lock, and runs beside a training step or another explanation.
     */
    public static void backwardHere(java.util.function.Supplier<ai.djl.ndarray.NDArray> forward) {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            try (ai.djl.training.GradientCollector c = collector()) {
                c.backward(forward.get());
            }
            return;
        }
        JniUtils.setGradMode(true);
        try {
            ai.djl.ndarray.NDArray target = forward.get();
            try (ai.djl.ndarray.NDArray ones = target.onesLike()) {
                JniUtils.backward((ai.djl.pytorch.engine.PtNDArray) target, (ai.djl.pytorch.engine.PtNDArray) ones,
                        false, false);
            }
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    /** Turns gradient recording off on the calling thread. */
    public static void off() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
