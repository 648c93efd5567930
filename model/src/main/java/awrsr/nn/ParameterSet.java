package awrsr.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import awrsr.util.FloatArrays;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The network's named parameters, in a fixed order derived from the {@link ModelConfig}: the backbone
 * lists them (SASRec's layout is in {@link SasRec}), each block's mechanism adds its own.
 */
public final class ParameterSet implements AutoCloseable {
    private static final String MAGIC = "AWRSR-PARAMS";
    /** 2: the model's {@link ModelConfig#signature()} follows the format number; 1 (read only): it does not. */
    private static final int FORMAT = 2;

    private final Map<String, NDArray> arrays;

    private ParameterSet(Map<String, NDArray> arrays) {
        this.arrays = arrays;
    }

    /** Names and shapes the config requires, in storage order: its backbone's, the mechanism's included. */
    public static Map<String, Shape> specs(ModelConfig c) {
        return c.backbone().backbone().parameters(c);
    }

    /**
     * Fresh parameters from a seed: Xavier-normal matrices and embeddings, zero biases and mix logits,
     * unit LayerNorm gains. Drawn in Java so the same seed gives the same model on any device.
     */
    public static ParameterSet initialize(ModelConfig config, long seed, NDManager manager) {
        return initialize(config, seed, Init.XAVIER, manager);
    }

    /** Fresh parameters from a seed, drawn as {@code init} says; refused when the backbone cannot start so. */
    public static ParameterSet initialize(ModelConfig config, long seed, Init init, NDManager manager) {
        if (!config.backbone().backbone().supports(init)) {
            throw new IllegalArgumentException("init " + init.id() + " is for SASRec only, not "
                    + config.backbone().displayName());
        }
        Random random = new Random(seed);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : specs(config).entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            float[] own = config.backbone().backbone().initialValues(name, shape, random, init);
            float[] values = own != null ? own : new float[(int) shape.size()];
            if (own == null && name.endsWith("gamma") && name.contains("ln")) {
                java.util.Arrays.fill(values, 1f);
            } else if (own == null && shape.dimension() >= 2) {
                long fanOut = shape.get(shape.dimension() - 1);
                long fanIn = shape.get(shape.dimension() - 2);
                double std = Math.sqrt(2.0 / (fanIn + fanOut));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
                if (name.equals("item_emb")) {
                    java.util.Arrays.fill(values, 0, (int) shape.get(1), 0f);
                }
            }
            out.put(name, manager.create(values, shape));
        }
        return new ParameterSet(out);
    }

    /** Parameters from given values, checked against the config's names and shapes. */
    public static ParameterSet fromValues(ModelConfig config, Map<String, float[]> values, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : specs(config).entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null || v.length != e.getValue().size()) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " missing or not of shape " + e.getValue());
            }
            out.put(e.getKey(), manager.create(v, e.getValue()));
        }
        return new ParameterSet(out);
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    public Map<String, NDArray> asMap() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    public Collection<NDArray> all() {
        return arrays.values();
    }

    public void setRequiresGradient(boolean requires) {
        for (NDArray a : arrays.values()) {
            a.setRequiresGradient(requires);
        }
    }

    public long count() {
        long n = 0;
        for (NDArray a : arrays.values()) {
            n += a.getShape().size();
        }
        return n;
    }

    /**
     * Writes every array (names, shapes, little-endian floats) after the model's signature. The caller
     * makes the write atomic.
     */
    public void write(OutputStream raw, ModelConfig config) throws IOException {
        String signature = config.signature();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(signature == null ? "" : signature);
        out.writeInt(arrays.size());
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            writeArray(out, e.getKey(), e.getValue().toFloatArray(), e.getValue().getShape());
        }
        out.writeUTF("END");
        out.flush();
    }

    static void writeArray(DataOutputStream out, String name, float[] values, Shape shape) throws IOException {
        out.writeUTF(name);
        out.writeInt(shape.dimension());
        for (long dim : shape.getShape()) {
            out.writeLong(dim);
        }
        FloatArrays.write(out, values);
    }

    /**
     * Reads parameters written by {@link #write} and checks them against what {@code config} requires.
     *
     * @param what names the file in error messages
     */
    public static ParameterSet read(InputStream raw, String what, ModelConfig config, NDManager manager)
            throws IOException {
        Map<String, Shape> expected = specs(config);
        Map<String, NDArray> out = new LinkedHashMap<>();
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException(what + ": not an AWRSR parameter file (starts with '" + magic + "')");
            }
            int format = in.readInt();
            if (format != 1 && format != FORMAT) {
                throw new IOException(what + ": parameter format " + format + ", this program reads formats 1 and "
                        + FORMAT);
            }
            if (format >= 2) {
                String written = in.readUTF();
                if (!written.isEmpty() && !written.equals(config.signature())) {
                    throw new IOException(what + ": written for a model with " + difference(written, config.signature())
                            + "; config.json says otherwise (edited or mixed up with another checkpoint)");
                }
            }
            int count = in.readInt();
            if (count != expected.size()) {
                throw new IOException(what + ": holds " + count + " arrays but the config requires " + expected.size()
                        + " (variant " + config.variant().id() + ", " + config.layers() + " layers)");
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int ndim = in.readInt();
                if (ndim < 0 || ndim > 8) {
                    throw new IOException(what + ": array '" + name + "' has " + ndim + " dimensions");
                }
                long[] dims = new long[ndim];
                for (int k = 0; k < ndim; k++) {
                    dims[k] = in.readLong();
                }
                Shape shape = new Shape(dims);
                Shape want = expected.get(name);
                if (want == null) {
                    throw new IOException(what + ": unexpected array '" + name + "' for this config");
                }
                if (!want.equals(shape)) {
                    throw new IOException(what + ": array '" + name + "' has shape " + shape
                            + " but the config requires " + want);
                }
                out.put(name, manager.create(FloatArrays.read(in, Math.toIntExact(shape.size())), shape));
            }
            String end = in.readUTF();
            if (!"END".equals(end)) {
                throw new IOException(what + ": trailing data after the last array");
            }
        } catch (EOFException e) {
            out.values().forEach(NDArray::close);
            throw new IOException(what + ": file is truncated (ended after " + out.size() + " of "
                    + expected.size() + " arrays)", e);
        } catch (IOException | RuntimeException e) {
            out.values().forEach(NDArray::close);
            throw e;
        }
        return new ParameterSet(out);
    }

    /** The first field two signatures differ in, as "heads=2 (config.json: heads=4)". */
    private static String difference(String written, String expected) {
        String[] a = written.split(" ");
        String[] b = expected.split(" ");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return a[i] + " (config.json: " + b[i] + ")";
            }
        }
        return awrsr.util.Text.quote(written);
    }

    /** Copies every array to another manager (and its device). */
    public ParameterSet copyTo(NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            out.put(e.getKey(), manager.create(e.getValue().toFloatArray(), e.getValue().getShape()));
        }
        return new ParameterSet(out);
    }

    public Device device() {
        return arrays.values().iterator().next().getDevice();
    }

    @Override
    public void close() {
        arrays.values().forEach(NDArray::close);
    }

    /**
     * The same storage without gradient tracking, for forward passes that must not record a graph
     * (evaluation during training). Call inside a scope: the views are created on the arrays' current manager.
     */
    public ParameterSet detachedView() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            out.put(e.getKey(), e.getValue().hasGradient() ? e.getValue().stopGradient() : e.getValue());
        }
        return new ParameterSet(out);
    }

    /**
     * New handles on the same storage ({@link Ops#viewIn}), owned by {@code manager}: a network over them
     * can run on another thread at the same time as one over these arrays (each {@link AwrsrNetwork#scope}
     * temp-attaches its own handles). Make them on the thread that owns these arrays, between its passes.
     */
    public ParameterSet viewIn(NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            out.put(e.getKey(), Ops.viewIn(e.getValue(), manager));
        }
        return new ParameterSet(out);
    }
}
