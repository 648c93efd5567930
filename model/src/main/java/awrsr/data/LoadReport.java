package awrsr.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a loader skipped: how many lines and the first few reasons, each naming file, line and value. */
public final class LoadReport {
    static final int KEPT_EXAMPLES = 5;
    private long skipped;
    private long read;
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

    public long skippedLines() { return skipped; }
    public long readLines() { return read; }
    public List<String> examples() { return Collections.unmodifiableList(examples); }

    @Override
    public String toString() {
        if (skipped == 0) {
            return "no lines skipped";
        }
        return skipped + " line(s) skipped, e.g. " + String.join("; ", examples);
    }
}
