package awrsr.app.io;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files the window writes for people to keep (sessions, lessons): JSON objects that start with
 * {"format": NAME, "version": N}. Reading one refuses anything else in one line that names the file.
 */
final class FormattedJson {
    private FormattedJson() {}

    /** What the caller makes of the object; JSON and type errors it throws are reported as "not a valid ...". */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonObject o) throws IOException;
    }

    /**
     * @param what the file's kind in messages ("session", "lesson")
     */
    static <T> T read(Path source, String format, int version, long maxBytes, String what, Reader<T> reader)
            throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + (Files.exists(source) ? ": not a regular file" : ": no such file"));
        }
        if (Files.size(source) > maxBytes) {
            throw new IOException(source + ": " + Files.size(source) + " bytes, more than a " + what + " file holds");
        }
        try {
            JsonObject o = com.google.gson.JsonParser.parseString(awrsr.util.Text.strictUtf8()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(source))).toString()).getAsJsonObject();
            if (!o.has("format") || !format.equals(o.get("format").getAsString())) {
                throw new IOException(source + ": not an AWRSR " + what + " file (no \"format\": \"" + format + "\")");
            }
            int v = o.get("version").getAsInt();
            if (v != version) {
                throw new IOException(source + ": " + what + " format " + v + ", this program reads " + version);
            }
            return reader.read(o);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(source + ": not UTF-8 text", e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | NumberFormatException e) {
            throw new IOException(source + ": not a valid " + what + " file (" + awrsr.util.Text.oneLine(e, 120) + ")", e);
        }
    }
}
