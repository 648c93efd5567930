package awrsr.app.io;

import awrsr.util.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lesson files (.awrsr-lesson): a title and an ordered list of scenes, each a title, a note for the class
 * and a session (model, data, history, target, layer and head; see {@link SessionStore.Session}).
 *
 * <pre>{"format": "awrsr-lesson", "version": 1, "title": "...",
 *  "scenes": [{"title": "...", "note": "...", "session": {"model": "...", "data": "...", ...}}, ...]}</pre>
 *
 * A relative model path or data folder in a scene is read against the lesson file's folder first, then the
 * program's folder, so that a lesson can travel with its models and the shipped lessons name shipped models.
 */
public final class LessonStore {
    public static final String FORMAT = "awrsr-lesson";
    public static final int FORMAT_VERSION = 1;
    static final long MAX_BYTES = 16L << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private LessonStore() {}

    public record Scene(String title, String note, SessionStore.Session session) {
        public Scene {
            title = title == null ? "" : title;
            note = note == null ? "" : note;
        }

        public Scene withTitle(String t) { return new Scene(t, note, session); }
        public Scene withNote(String n) { return new Scene(title, n, session); }
    }

    public record Lesson(String title, List<Scene> scenes) {
        public Lesson {
            title = title == null ? "" : title;
            scenes = List.copyOf(scenes);
        }
    }

    /** Writes the lesson atomically. */
    public static void write(Path target, Lesson lesson) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", FORMAT_VERSION);
        o.addProperty("title", lesson.title());
        o.add("scenes", GSON.toJsonTree(lesson.scenes()));
        AtomicFiles.writeString(target, GSON.toJson(o));
    }

    /** Reads a lesson file; anything else is refused in one line naming the file (and the scene). */
    public static Lesson read(Path source) throws IOException {
        return FormattedJson.read(source, FORMAT, FORMAT_VERSION, MAX_BYTES, "lesson", o -> {
            Scene[] scenes = GSON.fromJson(o.get("scenes"), Scene[].class);
            if (scenes == null) {
                throw new IOException(source + ": the lesson has no \"scenes\" list");
            }
            List<Scene> out = new ArrayList<>();
            for (int i = 0; i < scenes.length; i++) {
                Scene s = scenes[i];
                if (s == null || s.session() == null || s.session().model() == null || s.session().items() == null) {
                    throw new IOException(source + ": scene " + (i + 1) + " names no model or no history");
                }
                out.add(new Scene(s.title(), s.note(), s.session()));
            }
            return new Lesson(o.has("title") ? o.get("title").getAsString() : "", out);
        });
    }

    /** The scene's session with its model and data read against {@code lessonFolder}, then {@code home}. */
    public static SessionStore.Session resolved(SessionStore.Session s, Path lessonFolder, Path home) {
        return new SessionStore.Session(resolve(s.model(), lessonFolder, home), resolveData(s.data(), lessonFolder, home),
                s.user(), s.items(), s.pinned(), s.layer(), s.head(), s.topK(), s.excludeHistory(), s.map(), s.importance(),
                s.lockedScale(), s.zoom(), s.occlusion());
    }

    private static String resolve(String path, Path lessonFolder, Path home) {
        if (path == null || Path.of(path).isAbsolute()) {
            return path;
        }
        Path near = lessonFolder == null ? null : lessonFolder.resolve(path);
        if (near != null && Files.exists(near)) {
            return near.normalize().toString();
        }
        Path shipped = home.resolve(path);
        return Files.exists(shipped) ? shipped.normalize().toString() : path;
    }

    /** Data specs that are not paths on disk (the shipped "movielens-small") stay as they are. */
    private static String resolveData(String spec, Path lessonFolder, Path home) {
        if (spec == null || spec.equals(awrsr.data.DatasetLoader.SHIPPED_NAME)) {
            return spec;
        }
        return resolve(spec, lessonFolder, home);
    }
}
