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

    /** Turns gradient recording off on the calling thread. */
    public static void off() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
