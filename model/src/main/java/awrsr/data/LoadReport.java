package awrsr.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a loader skipped: how many lines and the first few reasons, each naming file, line and value. */
public final class LoadReport {
    static final int KEPT_EXAMPLES = 5;
    private long skipped;
    private long read;
    private long duplicates;
    private final List<String> examples = new ArrayList<>();

    void skip(DataFormatException why) {
        skipped++;
        if (examples.size() < KEPT_EXAMPLES) {
            examples.add(why.getMessage());
        }
    }

    void read() {
        read++;
    }

    void duplicates(long n) {
        duplicates = n;
    }

    public long skippedLines() { return skipped; }
    /** Interactions that repeat an earlier one exactly; they are kept (a user may rate an item twice). */
    public long duplicateInteractions() { return duplicates; }
    public long readLines() { return read; }
    public List<String> examples() { return Collections.unmodifiableList(examples); }
    /** The first skipped line's problem (file, line, value), or "" when none was skipped. */
    public String firstProblem() { return examples.isEmpty() ? "" : examples.get(0); }

    @Override
    public String toString() {
        String dup = duplicates == 0 ? "" : "; " + duplicates + " exact duplicate interaction(s) kept";
        if (skipped == 0) {
            return "no lines skipped" + dup;
        }
        return skipped + " line(s) skipped, e.g. " + String.join("; ", examples) + dup;
    }
}
