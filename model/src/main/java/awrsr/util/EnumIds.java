package awrsr.util;

import java.util.Locale;

/** The ids by which options, files and messages name enum values: the lower-case name ("bce", "stosa"). */
public final class EnumIds {
    private EnumIds() {}

    public static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The ids for a message: "a, b or c". */
    public static String choices(Enum<?>[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : i == values.length - 1 ? " or " : ", ").append(id(values[i]));
        }
        return s.toString();
    }

    /**
     * The value whose id is {@code text} (case and surrounding blanks ignored), else an
     * IllegalArgumentException "unknown WHAT 'text' (expected a, b or c)".
     */
    public static <E extends Enum<E>> E parse(E[] values, String text, String what) {
        for (E value : values) {
            if (id(value).equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "' (expected " + choices(values) + ")");
    }
}
