package awrsr.checkpoint;

import java.util.Locale;

public enum Loss {
    /** SASRec's: binary cross-entropy of the next item against one sampled negative, at every position. */
    BCE,
    /** Softmax cross-entropy over all items at every real position. */
    CE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Loss parse(String text) {
        for (Loss l : values()) {
            if (l.id().equalsIgnoreCase(text.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + text + "' (expected bce or ce)");
    }
}
