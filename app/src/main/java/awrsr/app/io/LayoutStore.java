package awrsr.app.io;

import awrsr.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The window's pane widths, remembered from one run to the next: {@code layout.json} beside the session file
 * ({"historyWidth": px, "predictionsWidth": px}). A missing or unreadable file means the default layout.
 */
public final class LayoutStore {
    private final Path file;

    public LayoutStore(Path file) {
        this.file = file;
    }

    /** Beside {@link SessionStore#standard()}'s file. */
    public static LayoutStore standard() {
        return new LayoutStore(SessionStore.standard().file().resolveSibling("layout.json"));
    }

    /** {history, predictions} widths, or null when none were saved or the file cannot be read. */
    public double[] read() {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return null;
            }
            com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            double history = o.get("historyWidth").getAsDouble();
            double predictions = o.get("predictionsWidth").getAsDouble();
            return Double.isFinite(history) && Double.isFinite(predictions) && history > 0 && predictions > 0
                    ? new double[] {history, predictions} : null;
        } catch (IOException | RuntimeException e) {
            return null;                                  // the default layout, not an error
        }
    }

    /** Writes the widths atomically; a failure is ignored (the next run opens with the default layout). */
    public void write(double[] widths) {
        try {
            AtomicFiles.writeString(file, String.format(Locale.ROOT, "{\"historyWidth\": %.0f, \"predictionsWidth\": %.0f}%n",
                    widths[0], widths[1]));
        } catch (IOException e) {
            // not worth a message at exit
        }
    }
}
