package awrsr.train;

import awrsr.nn.DropoutMasks;
import com.google.gson.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.Random;

/**
 * Where a training run's random draws stood after a saved epoch: the generator of its batch order and
 * negatives (a {@link Random}, kept in its own serialised form, which holds its seed and its cached Gaussian)
 * and that of its dropout masks on the CPU ({@link DropoutMasks#state()}). Saved in config.json beside the
 * epoch's parameters and optimizer state, so that {@code train --resume} draws what the uninterrupted run
 * drew after that epoch and retraces it (on the CPU; a GPU's dropout comes from the engine, which does not
 * let its state out).
 *
 * @param shuffle the batch order's and negatives' generator
 * @param dropout the dropout masks' state, or null (masks from the engine)
 */
record ResumeState(Random shuffle, Long dropout) {
    /** The checkpoint's "training" key that holds it. */
    static final String KEY = "resumeState";

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(shuffle);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);      // in memory: cannot happen
        }
        o.addProperty("shuffle", Base64.getEncoder().encodeToString(bytes.toByteArray()));
        if (dropout != null) {
            o.addProperty("dropout", dropout);
        }
        return o;
    }

    /**
     * The state a checkpoint's "training" object saved, or null when it has none (written before it was
     * saved, or cancelled in its first epoch).
     *
     * @throws IOException naming the checkpoint when the state is there but unreadable
     */
    static ResumeState of(JsonObject training, String what) throws IOException {
        if (training == null || !training.has(KEY)) {
            return null;
        }
        try {
            JsonObject o = training.getAsJsonObject(KEY);
            byte[] bytes = Base64.getDecoder().decode(o.get("shuffle").getAsString());
            Object shuffle;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                // nothing but a java.util.Random may come out of a file someone handed over
                in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
                shuffle = in.readObject();
            }
            Long dropout = o.has("dropout") ? o.get("dropout").getAsLong() : null;
            return new ResumeState((Random) shuffle, dropout);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IOException(what + ": training." + KEY + " is not a saved random state (" + why
                    + "); remove it to resume with fresh draws");
        }
    }
}
