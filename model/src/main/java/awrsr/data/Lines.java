package awrsr.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/** Streams a text file line by line with 1-based line numbers; undecodable bytes become U+FFFD. */
final class Lines {
    interface LineHandler {
        void accept(String line, long lineNumber) throws IOException;
    }

    private Lines() {}

    /** No line of a data file is longer: a longer one means the file is not line-oriented text. */
    static final int MAX_LINE = 1 << 20;

    static void forEach(DataSource source, Charset charset, LineHandler handler) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        long number = 0;
        try (java.io.Reader reader = new InputStreamReader(source.open(), decoder)) {
            LineReader lines = new LineReader(reader);
            while (true) {
                String line = lines.next(source, number + 1);
                if (line == null) {
                    break;
                }
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                handler.accept(line, number);
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            if (e.getMessage() != null && e.getMessage().contains("Not in GZIP format")) {
                throw new DataFormatException(source.name(), 0, null, "not gzip data, though the name ends in .gz");
            }
            throw new DataFormatException(source.name(), 0, null, "compressed data is damaged or cut short after line "
                    + number + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IOException(source.name() + (number > 0 ? ":" + (number + 1) : "") + ": cannot be read ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Lines ended by \n, \r\n or \r, scanned in a buffer of its own (as fast as BufferedReader.readLine),
     * refusing a line longer than {@link #MAX_LINE} instead of growing without bound.
     */
    private static final class LineReader {
        private final java.io.Reader in;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int end;
        private boolean skipLf;
        private final StringBuilder sb = new StringBuilder();

        LineReader(java.io.Reader in) {
            this.in = in;
        }

        String next(DataSource source, long number) throws IOException {
            sb.setLength(0);
            boolean any = false;
            while (true) {
                if (pos == end) {
                    end = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        return any ? sb.toString() : null;
                    }
                }
                if (skipLf) {
                    skipLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                int start = pos;
                while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                any = true;
                if (sb.length() + (pos - start) > MAX_LINE) {
                    throw new DataFormatException(source.name(), number, null, "line longer than " + MAX_LINE
                            + " characters: not a line-oriented data file");
                }
                sb.append(buf, start, pos - start);
                if (pos < end) {
                    skipLf = buf[pos] == '\r';
                    pos++;
                    return sb.toString();
                }
            }
        }
    }

}
