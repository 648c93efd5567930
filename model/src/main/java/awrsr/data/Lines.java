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
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.open(), decoder), 1 << 16)) {
            StringBuilder sb = new StringBuilder();
            while (true) {
                String line = next(reader, sb, source, number + 1);
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

    /** The next line without its terminator (\n, \r\n or \r), or null at the end. */
    private static String next(BufferedReader reader, StringBuilder sb, DataSource source, long number)
            throws IOException {
        sb.setLength(0);
        int c;
        while ((c = reader.read()) != -1) {
            if (c == '\n') {
                return sb.toString();
            }
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new DataFormatException(source.name(), number, null, "line longer than " + MAX_LINE
                        + " characters: not a line-oriented data file");
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
