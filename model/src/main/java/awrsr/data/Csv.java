package awrsr.data;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of delimited text; honours double quotes (RFC 4180) when the delimiter is a comma. */
final class Csv {
    private Csv() {}

    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Splits on a multi-character separator such as MovieLens-1M's "::". */
    static List<String> split(String line, String separator) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        int at;
        while ((at = line.indexOf(separator, start)) >= 0) {
            fields.add(line.substring(start, at));
            start = at + separator.length();
        }
        fields.add(line.substring(start));
        return fields;
    }
}
