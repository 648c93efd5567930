package awrsr.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Accumulates (user, item, timestamp) triples in primitive arrays and groups them into ordered sequences. */
final class InteractionLog {
    private static final class UserLog {
        int[] items = new int[16];
        long[] times = new long[16];
        int size;

        void add(int item, long time) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            items[size] = item;
            times[size] = time;
            size++;
        }

        /** Items ordered by timestamp, ties broken by item id. */
        int[] ordered() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Long.compare(times[a], times[b]);
                return c != 0 ? c : Integer.compare(items[a], items[b]);
            });
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = items[order[i]];
            }
            return out;
        }
    }

    private final Map<Integer, UserLog> users = new HashMap<>();
    private long count;

    void add(int user, int item, long timestamp) {
        users.computeIfAbsent(user, u -> new UserLog()).add(item, timestamp);
        count++;
    }

    long count() {
        return count;
    }

    /** How many interactions repeat an earlier one exactly (same user, item and timestamp). */
    long duplicates() {
        long n = 0;
        for (UserLog u : users.values()) {
            java.util.Map<Long, java.util.Set<Integer>> byTime = new java.util.HashMap<>();
            for (int i = 0; i < u.size; i++) {
                if (!byTime.computeIfAbsent(u.times[i], t -> new java.util.HashSet<>()).add(u.items[i])) {
                    n++;
                }
            }
        }
        return n;
    }

    Dataset toDataset(String name, String checksum, ItemCatalog catalog, LoadReport report) {
        TreeMap<Integer, UserLog> sorted = new TreeMap<>(users);
        int[] ids = new int[sorted.size()];
        int[][] seqs = new int[sorted.size()][];
        int row = 0;
        for (Map.Entry<Integer, UserLog> e : sorted.entrySet()) {
            ids[row] = e.getKey();
            seqs[row] = e.getValue().ordered();
            row++;
        }
        return new Dataset(name, checksum, catalog, ids, seqs, report);
    }
}
