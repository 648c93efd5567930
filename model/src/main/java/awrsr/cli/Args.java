package awrsr.cli;

import awrsr.util.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "--key value" and "--flag" options after a command name; unknown options are refused by name. */
final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String[] argv, int from, Set<String> valued, Set<String> flags) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument " + Text.quote(a));
            }
            String key = a.substring(2);
            String inline = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                inline = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (flags.contains(key)) {
                values.put(key, "true");
            } else if (valued.contains(key)) {
                if (inline == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("--" + key + " needs a value");
                    }
                    inline = argv[++i];
                }
                values.put(key, inline);
            } else {
                throw new UsageException("unknown option " + Text.quote("--" + key));
            }
        }
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    String require(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new UsageException("--" + key + " is required");
        }
        return v;
    }

    /** An integer option from {@code min} to {@code max}; a missing one is {@code fallback}. */
    int getInt(String key, int fallback, int min, int max) {
        if (!has(key)) {
            return fallback;
        }
        long n = getLong(key, fallback);
        if (n < min || n > max) {
            throw new UsageException("--" + key + " must be from " + min + " to " + max + ", got " + n);
        }
        return (int) n;
    }

    long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be an integer, got " + Text.quote(v));
        }
    }

    /** A number option in [min, max] ({@code maxExclusive}: [min, max)); a missing one is {@code fallback}. */
    float getFloat(String key, float fallback, float min, float max, boolean minExclusive, boolean maxExclusive) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        float f;
        try {
            f = Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be a number, got " + Text.quote(v));
        }
        boolean low = minExclusive ? f > min : f >= min;
        boolean high = maxExclusive ? f < max : f <= max;
        if (!(low && high)) {
            throw new UsageException("--" + key + " must be " + (minExclusive ? "above " : "at least ") + min
                    + " and " + (maxExclusive ? "below " : "at most ") + max + ", got " + Text.quote(v));
        }
        return f;
    }

    /** Refuses any of {@code keys} that was given, saying why. */
    void refuse(java.util.Collection<String> keys, String why) {
        for (String k : keys) {
            if (has(k)) {
                throw new UsageException("--" + k + " " + why);
            }
        }
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

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
