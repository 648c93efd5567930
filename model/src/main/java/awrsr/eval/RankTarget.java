package awrsr.eval;

import java.util.Locale;

/** Which held-out item of the leave-one-out split is ranked. */
public enum RankTarget {
    VALIDATION, TEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RankTarget parse(String text) {
        for (RankTarget t : values()) {
            if (t.id().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown split '" + text + "' (expected test or validation)");
    }
}
