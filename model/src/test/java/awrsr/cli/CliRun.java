package awrsr.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the command line in this JVM and keeps what it printed, for the command-line tests. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8).trim(), err.toString(StandardCharsets.UTF_8).trim());
    }

    JsonObject json() {
        return JsonParser.parseString(out).getAsJsonObject();
    }

    /** A refusal: the exit code, one line on stderr, no Java stack trace. */
    CliRun refused(int expected) {
        assertEquals(expected, code, "exit code; stderr: " + err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no Java trace: " + err);
        return this;
    }

    CliRun says(String... parts) {
        for (String p : parts) {
            assertTrue(err.contains(p), "'" + p + "' in: " + err);
        }
        return this;
    }
}
