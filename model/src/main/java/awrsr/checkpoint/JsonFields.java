package awrsr.checkpoint;

import awrsr.util.Text;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Typed, strict access to a JSON file's fields by dotted path ("model.dim"): a wrong type, a missing
 * field or a number out of range is refused in words naming the file and the field, never read as
 * something else (4294967360 is not 64).
 */
final class JsonFields {
    private final Path file;
    private final JsonObject root;

    JsonFields(Path file, JsonObject root) {
        this.file = file;
        this.root = root;
    }

    Path file() {
        return file;
    }

    boolean has(String path) {
        return element(path) != null;
    }

    String string(String path) throws IOException {
        JsonPrimitive p = primitive(path, "a string");
        if (!p.isString()) {
            throw wrong(path, "a string", p);
        }
        return p.getAsString();
    }

    /** A string field read by {@code parser}, which throws IllegalArgumentException for what it does not know. */
    <T> T parsed(String path, java.util.function.Function<String, T> parser, String what) throws IOException {
        String v = string(path);
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": field " + path + " is " + Text.quote(v) + ", not " + what, e);
        }
    }

    boolean bool(String path) throws IOException {
        JsonPrimitive p = primitive(path, "true or false");
        if (!p.isBoolean()) {
            throw wrong(path, "true or false", p);
        }
        return p.getAsBoolean();
    }

    int integer(String path, int min, int max) throws IOException {
        long v = longInteger(path);
        if (v < min || v > max) {
            throw new IOException(file + ": field " + path + " must be from " + min + " to " + max + ", got " + v);
        }
        return (int) v;
    }

    long longInteger(String path) throws IOException {
        JsonPrimitive p = primitive(path, "an integer");
        if (!p.isNumber()) {
            throw wrong(path, "an integer", p);
        }
        try {
            return new BigDecimal(p.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrong(path, "an integer", p);
        }
    }

    float number(String path, float min, float max) throws IOException {
        JsonPrimitive p = primitive(path, "a number");
        if (!p.isNumber()) {
            throw wrong(path, "a number", p);
        }
        double v;
        try {
            v = new BigDecimal(p.getAsString()).doubleValue();
        } catch (NumberFormatException e) {
            throw wrong(path, "a number", p);
        }
        if (!(v >= min && v <= max)) {
            throw new IOException(file + ": field " + path + " must be from " + min + " to " + max + ", got "
                    + p.getAsString());
        }
        return (float) v;
    }

    /** A SHA-256 in lower-case hexadecimal. */
    String hex64(String path) throws IOException {
        String s = string(path);
        if (!s.matches("[0-9a-f]{64}")) {
            throw new IOException(file + ": field " + path + " must be a SHA-256 (64 hexadecimal digits), got "
                    + Text.quote(s));
        }
        return s;
    }

    private JsonPrimitive primitive(String path, String what) throws IOException {
        JsonElement e = element(path);
        if (e == null) {
            throw new IOException(file + ": field " + path + " is missing");
        }
        if (!e.isJsonPrimitive()) {
            throw new IOException(file + ": field " + path + " must be " + what + ", got "
                    + (e.isJsonObject() ? "an object" : e.isJsonArray() ? "a list" : "null"));
        }
        return e.getAsJsonPrimitive();
    }

    private JsonElement element(String path) {
        JsonElement e = root;
        for (String part : path.split("\\.")) {
            if (e == null || !e.isJsonObject()) {
                return null;
            }
            e = e.getAsJsonObject().get(part);
        }
        return e == null || e.isJsonNull() ? null : e;
    }

    private IOException wrong(String path, String what, JsonPrimitive p) {
        return new IOException(file + ": field " + path + " must be " + what + ", got " + Text.quote(p.getAsString()));
    }
}
