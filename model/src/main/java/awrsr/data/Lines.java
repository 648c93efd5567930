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

    static void forEach(DataSource source, Charset charset, LineHandler handler) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.open(), decoder), 1 << 16)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                handler.accept(line, number);
            }
        }
    }
}
