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
 * change, so that a crash or a kill loses nothing: the next start offers it back; and session files the user
 * saves and opens (File → Save session, Open session).
 */
public final class SessionStore {
    /**
     * What is saved. Paths and specs are as the user gave them.
     *
     * @param map the map drawn alone, by the start of its title ("Refined W"); null: all side by side
     * @param importance whether the importance bars are shown; null (files from before it was saved): as it is
     * @param lockedScale the colour scale's top value for A and W when locked; null: each map scales itself
     * @param zoom the maps' zoom and pan {factor, first row, first column}; null: the whole maps
     * @param occlusion whether the importance also masks each item in place; null (files from before it was
     *     saved): as it is
     */
    public record Session(String model, String data, Integer user, List<Integer> items, Integer pinned,
                          int layer, int head, int topK, boolean excludeHistory, String map, Boolean importance,
                          Double lockedScale, double[] zoom, Boolean occlusion) {
        public Session(String model, String data, Integer user, List<Integer> items, Integer pinned, int layer,
                       int head, int topK, boolean excludeHistory) {
            this(model, data, user, items, pinned, layer, head, topK, excludeHistory, null, null, null, null, null);
        }

        // a record's equals compares arrays by identity: sessions are equal when their zooms hold the same numbers
        @Override public boolean equals(Object o) {
            return o instanceof Session s && java.util.Objects.equals(model, s.model) && java.util.Objects.equals(data, s.data)
                    && java.util.Objects.equals(user, s.user) && java.util.Objects.equals(items, s.items)
                    && java.util.Objects.equals(pinned, s.pinned) && layer == s.layer && head == s.head && topK == s.topK
                    && excludeHistory == s.excludeHistory && java.util.Objects.equals(map, s.map)
                    && java.util.Objects.equals(importance, s.importance)
                    && java.util.Objects.equals(lockedScale, s.lockedScale) && java.util.Arrays.equals(zoom, s.zoom)
                    && java.util.Objects.equals(occlusion, s.occlusion);
        }

        @Override public int hashCode() {
            return java.util.Objects.hash(model, data, user, items, pinned, layer, head, topK, excludeHistory, map,
                    importance, lockedScale, java.util.Arrays.hashCode(zoom), occlusion);
        }
    }

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

    /** What a session file (File → Save session) starts with, so that another JSON file is refused by name. */
    public static final String FORMAT = "awrsr-session";
    public static final int FORMAT_VERSION = 1;
    /** Session files larger than this are refused before they are read. */
    static final long MAX_BYTES = 16L << 20;

    /**
     * Writes a session file the user named (atomically): {"format":"awrsr-session","version":1,"session":{...}}
     * with the fields of {@link Session}.
     */
    public static void write(Path target, Session s) throws IOException {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", FORMAT_VERSION);
        o.add("session", GSON.toJsonTree(s));
        AtomicFiles.writeString(target, GSON.toJson(o));
    }

    /** Reads a session file; anything else is refused in one line naming the file. The file is never moved. */
    public static Session read(Path source) throws IOException {
        return FormattedJson.read(source, FORMAT, FORMAT_VERSION, MAX_BYTES, "session", o -> {
            Session s = GSON.fromJson(o.get("session"), Session.class);
            if (s == null || s.model() == null || s.items() == null) {
                throw new IOException(source + ": the session names no model or no history");
            }
            return s;
        });
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
