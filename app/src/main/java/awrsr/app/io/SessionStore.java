package awrsr.app.io;

import awrsr.util.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The last session on disk (model, data, history, pinned target, view), rewritten atomically after every
 * change, so that a crash or a kill loses nothing: the next start offers it back.
 */
public final class SessionStore {
    /** What is saved. Paths and specs are as the user gave them. */
    public record Session(String model, String data, Integer user, List<Integer> items, Integer pinned,
                          int layer, int head, int topK, boolean excludeHistory) {}

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private final Path file;

    public SessionStore(Path file) {
        this.file = file;
    }

    /** ~/.awrsr/session.json, or -Dawrsr.session=FILE. */
    public static SessionStore standard() {
        String prop = System.getProperty("awrsr.session");
        return new SessionStore(prop != null ? Path.of(prop)
                : Path.of(System.getProperty("user.home"), ".awrsr", "session.json"));
    }

    public Path file() {
        return file;
    }

    public void save(Session s) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(s));
    }

    /** The saved session, or null when there is none or it cannot be read (a damaged file is set aside). */
    public Session load() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Session s = GSON.fromJson(Files.readString(file), Session.class);
            return s == null || s.items() == null ? null : s;
        } catch (IOException | JsonParseException e) {
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // keep going without a session
            }
            return null;
        }
    }
}
