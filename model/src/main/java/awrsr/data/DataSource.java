package awrsr.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** A named stream of bytes: a file on disk or a resource shipped inside the jar. Gzip is undone by name. */
public interface DataSource {
    /** What error messages call this file. */
    String name();

    /** Opens the raw bytes (still compressed if the name ends in .gz). */
    InputStream openRaw() throws IOException;

    default InputStream open() throws IOException {
        InputStream in = new BufferedInputStream(openRaw(), 1 << 16);
        return name().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    static DataSource of(Path path) {
        return new DataSource() {
            @Override public String name() { return path.toString(); }
            @Override public InputStream openRaw() throws IOException { return Files.newInputStream(path); }
        };
    }

    static DataSource resource(String resourcePath) {
        return new DataSource() {
            @Override public String name() { return "classpath:" + resourcePath; }
            @Override public InputStream openRaw() throws IOException {
                InputStream in = DataSource.class.getClassLoader().getResourceAsStream(resourcePath);
                if (in == null) {
                    throw new IOException("resource not found: " + resourcePath);
                }
                return in;
            }
        };
    }
}
