package awrsr.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interactions grouped into one chronological sequence per user (timestamp, ties broken by item id),
 * plus the item catalog. Item ids are the dataset's own.
 */
public final class Dataset {
    private final String name;
    private final String checksum;
    private final ItemCatalog catalog;
    private final int[] userIds;
    private final int[][] sequences;
    private final LoadReport report;
    private String source;
    private int kcore;
    private Map<Integer, Integer> userRow;

    public Dataset(String name, String checksum, ItemCatalog catalog, int[] userIds, int[][] sequences,
                   LoadReport report) {
        if (userIds.length != sequences.length) {
            throw new IllegalArgumentException("users and sequences differ in number");
        }
        this.name = name;
        this.checksum = checksum;
        this.catalog = catalog;
        this.userIds = userIds;
        this.sequences = sequences;
        this.report = report == null ? new LoadReport() : report;
    }

    public String name() { return name; }
    /** SHA-256 of the files the dataset was read from, so a checkpoint can say which data it saw. */
    public String checksum() { return checksum; }
    public ItemCatalog catalog() { return catalog; }
    public int userCount() { return userIds.length; }
    public int userId(int row) { return userIds[row]; }
    /** Items of the user in row {@code row}, oldest first. Do not modify. */
    public int[] sequence(int row) { return sequences[row]; }
    public LoadReport report() { return report; }
    /**
     * Where the data was read from, as {@code --data} takes it again: {@value DatasetLoader#SHIPPED_NAME}
     * or an absolute path; null for data made in memory.
     */
    public String source() { return source; }
    /** The k-core filter applied after loading (0: none). */
    public int kcore() { return kcore; }

    /** The same data, saying where it was read from. */
    Dataset withSource(String where) {
        Dataset d = new Dataset(name, checksum, catalog, userIds, sequences, report);
        d.source = where;
        d.kcore = kcore;
        return d;
    }

    public long interactionCount() {
        long n = 0;
        for (int[] s : sequences) {
            n += s.length;
        }
        return n;
    }

    /** The row of a user id, or -1. */
    public synchronized int rowOfUser(int userId) {
        if (userRow == null) {
            userRow = new HashMap<>();
            for (int i = 0; i < userIds.length; i++) {
                userRow.put(userIds[i], i);
            }
        }
        return userRow.getOrDefault(userId, -1);
    }

    private int[] itemIds;

    /** Distinct item ids that occur in interactions, ascending (computed once: it sorts every interaction). */
    public synchronized int[] itemIds() {
        if (itemIds == null) {
            itemIds = Arrays.stream(sequences).flatMapToInt(Arrays::stream).distinct().sorted().toArray();
        }
        return itemIds.clone();
    }

    /**
     * Keeps only users and items with at least {@code k} interactions, repeating until both hold
     * (the usual k-core filter). Order within sequences is preserved.
     */
    public Dataset kCore(int k) {
        if (k <= 1) {
            return this;
        }
        int[][] seqs = sequences;
        int[] users = userIds;
        while (true) {
            Map<Integer, Integer> itemCount = new HashMap<>();
            for (int[] s : seqs) {
                for (int item : s) {
                    itemCount.merge(item, 1, Integer::sum);
                }
            }
            boolean changed = false;
            int[][] nextSeqs = new int[seqs.length][];
            int[] nextUsers = new int[seqs.length];
            int kept = 0;
            for (int u = 0; u < seqs.length; u++) {
                int[] filtered = Arrays.stream(seqs[u]).filter(i -> itemCount.get(i) >= k).toArray();
                if (filtered.length != seqs[u].length) {
                    changed = true;
                }
                if (filtered.length >= k) {
                    nextSeqs[kept] = filtered;
                    nextUsers[kept] = users[u];
                    kept++;
                } else {
                    changed = true;
                }
            }
            seqs = Arrays.copyOf(nextSeqs, kept);
            users = Arrays.copyOf(nextUsers, kept);
            if (!changed) {
                Dataset d = new Dataset(name + "-" + k + "core", checksum, catalog, users, seqs, report);
                d.source = source;
                d.kcore = k;
                return d;
            }
        }
    }
}
