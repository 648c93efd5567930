package awrsr.cli;

import awrsr.util.Text;

import java.util.ArrayList;
import java.util.List;

/** Checks of option values that picocli's types cannot express (ranges, id lists), refused in one line. */
final class Usage {
    private Usage() {}

    /** {@code value} when it is from {@code min} to {@code max}; refused naming the option otherwise. */
    static int between(String option, long value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be from " + min + " to " + max + ", got " + value);
        }
        return (int) value;
    }

    /** A number in [min, max] ({@code minExclusive}: above min; {@code maxExclusive}: below max). */
    static float between(String option, float value, float min, float max, boolean minExclusive, boolean maxExclusive) {
        boolean low = minExclusive ? value > min : value >= min;
        boolean high = maxExclusive ? value < max : value <= max;
        if (!(low && high)) {
            throw new UsageException(option + " must be " + (minExclusive ? "above " : "at least ") + min
                    + " and " + (maxExclusive ? "below " : "at most ") + max + ", got " + value);
        }
        return value;
    }

    /** Parses "1,2,3" or "1 2 3" into item ids; names the bad token. */
    static List<Integer> parseIds(String text, String where) {
        List<Integer> ids = new ArrayList<>();
        for (String token : text.trim().split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            try {
                ids.add(Integer.parseInt(token));
            } catch (NumberFormatException e) {
                throw new UsageException(where + ": " + Text.quote(token) + " is not an item id");
            }
        }
        return ids;
    }

    /** Bad usage: exit code 2, the message and a pointer to --help. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
