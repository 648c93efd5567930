package awrsr.data;

import java.io.IOException;

/** A data file that cannot be read as its format says; the message names the file, the line and the value. */
public class DataFormatException extends IOException {
    private final String file;
    private final long line;
    private final String value;

    public DataFormatException(String file, long line, String value, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem
                + (value == null ? "" : " (value: " + awrsr.util.Text.quote(value) + ")"));
        this.file = file;
        this.line = line;
        this.value = value;
    }

    public String file() { return file; }
    public long line() { return line; }
    public String value() { return value; }
}
