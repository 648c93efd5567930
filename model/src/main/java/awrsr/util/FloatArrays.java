package awrsr.util;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Float arrays as little-endian bytes, the layout of the checkpoint's array files. */
public final class FloatArrays {
    private FloatArrays() {}

    public static void write(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        out.write(buf.array());
    }

    /** Reads exactly {@code count} floats; an early end of the stream throws EOFException. */
    public static float[] read(DataInputStream in, int count) throws IOException {
        byte[] bytes = new byte[Math.multiplyExact(count, 4)];
        in.readFully(bytes);
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
