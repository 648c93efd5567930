package awrsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import awrsr.nn.GradientMode;
import awrsr.nn.ParameterSet;
import awrsr.nn.Scalars;
import awrsr.util.FloatArrays;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) with bias correction, eps 1e-8, and optionally weight decay as PyTorch's Adam adds
 * it: λ w added to each gradient before the moments (an L2 penalty λ/2 |w|², not AdamW's decoupled decay).
 * Its moments live beside the parameters on their device and are saved in checkpoints so that training
 * resumes where it stopped.
 */
public final class AdamOptimizer implements AutoCloseable {
    private static final String MAGIC = "AWRSR-ADAM";
    private static final float EPS = 1e-8f;

    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float weightDecay;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long step;
    private NDManager state;   // owns the moments; created on the parameters' device at first use

    public AdamOptimizer(float lr, float beta1, float beta2) {
        this(lr, beta1, beta2, 0f);
    }

    /** @param weightDecay λ, added as λ w to each gradient (0: none) */
    public AdamOptimizer(float lr, float beta1, float beta2, float weightDecay) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
    }

    public long step() {
        return step;
    }

    /**
     * Applies one update from the gradients the last backward pass left, then zeroes them. Returns false,
     * and changes nothing, when a gradient is not finite (a step that would poison every parameter).
     */
    public boolean update(ParameterSet params) {
        if (!gradientsFinite(params)) {
            return false;
        }
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr * Math.sqrt(correction2) / correction1);
        for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
            NDArray w = e.getValue();
            NDManager owner = manager(w);
            NDArray m = first.computeIfAbsent(e.getKey(), k -> owner.zeros(w.getShape()));
            NDArray v = second.computeIfAbsent(e.getKey(), k -> owner.zeros(w.getShape()));
            try (NDManager scope = owner.newSubManager()) {
                NDArray g = w.getGradient();   // a new handle on the gradient: freed with the scope
                g.attach(scope);
                scope.tempAttachAll(m, v);
                if (weightDecay > 0) {
                    NDArray decay = Scalars.mul(w, weightDecay);    // made on the parameter's manager: freed with the scope
                    decay.attach(scope);
                    g = g.add(decay);
                }
                Scalars.muli(m, beta1).addi(Scalars.mul(g, 1 - beta1));
                Scalars.muli(v, beta2).addi(Scalars.mul(g.square(), 1 - beta2));
                w.subi(Scalars.mul(m.div(Scalars.add(v.sqrt(), EPS * (float) Math.sqrt(correction2))), stepSize));
            }
            GradientMode.zeroGradient(w);
        }
        return true;
    }

    private boolean gradientsFinite(ParameterSet params) {
        for (NDArray w : params.all()) {
            try (NDManager scope = manager(w).newSubManager()) {
                NDArray g = w.getGradient();
                g.attach(scope);
                if (!Float.isFinite(g.square().sum().getFloat())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Zeroes the gradients without updating anything (after a skipped step). */
    public void discardGradients(ParameterSet params) {
        for (NDArray w : params.all()) {
            GradientMode.zeroGradient(w);
        }
    }

    public void write(OutputStream raw) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
        out.writeUTF(MAGIC);
        out.writeLong(step);
        out.writeInt(first.size());
        for (String name : first.keySet()) {
            out.writeUTF(name);
            writeFloats(out, first.get(name).toFloatArray());
            writeFloats(out, second.get(name).toFloatArray());
        }
        out.flush();
    }

    /** Restores the moments a checkpoint saved with its parameters. */
    public void read(awrsr.checkpoint.Checkpoint checkpoint, ParameterSet params) throws IOException {
        java.nio.file.Path file = checkpoint.optimizerFile();
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            read(in, file.toString(), params);
        }
    }

    public void read(InputStream raw, String what, ParameterSet params) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
        try {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(what + ": not an AWRSR optimizer state");
            }
            step = in.readLong();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                NDArray w = params.get(name);
                Shape shape = w.getShape();
                first.put(name, manager(w).create(readFloats(in, shape, what + "/" + name), shape));
                second.put(name, manager(w).create(readFloats(in, shape, what + "/" + name), shape));
            }
        } catch (EOFException e) {
            throw new IOException(what + ": optimizer state is truncated", e);
        }
    }

    private NDManager manager(NDArray like) {
        if (state == null) {
            state = NDManager.newBaseManager(like.getDevice());
        }
        return state;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        FloatArrays.write(out, values);
    }

    private static float[] readFloats(DataInputStream in, Shape shape, String what) throws IOException {
        int n = in.readInt();
        if (n != shape.size()) {
            throw new IOException(what + ": optimizer state has " + n + " values, the parameter has " + shape.size());
        }
        return FloatArrays.read(in, n);
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
        }
        first.clear();
        second.clear();
    }
}
