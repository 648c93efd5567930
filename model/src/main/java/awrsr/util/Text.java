package awrsr.util;

/** Values echoed in one-line messages: cut to a readable length, control characters made visible. */
public final class Text {
    /** Longest value a message repeats; a longer one is cut and says how long it was. */
    public static final int MAX_ECHO = 80;

    private Text() {}

    /** {@code 'value'}, at most {@value #MAX_ECHO} characters of it, with control characters escaped. */
    public static String quote(String value) {
        if (value == null) {
            return "(nothing)";
        }
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(value.length(), MAX_ECHO);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('\'');
        if (value.length() > MAX_ECHO) {
            sb.append("... (").append(value.length()).append(" characters)");
        }
        return sb.toString();
    }

    /** A UTF-8 decoder that refuses malformed input instead of replacing it. */
    public static java.nio.charset.CharsetDecoder strictUtf8() {
        return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    }

    /** An exception's message on one line (its class name when it has none), cut at {@code max} characters. */
    public static String oneLine(Throwable e, int max) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ').replace('\r', ' ');
        return m.length() > max ? m.substring(0, max - 3) + "..." : m;
    }
}
