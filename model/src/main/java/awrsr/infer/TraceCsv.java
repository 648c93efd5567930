package awrsr.infer;

import awrsr.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an attention trace as CSV: one file per layer, head and map (rows = reading position), and for a STOSA
 * model one per layer with each item's uncertainty entering it.
 */
public final class TraceCsv {
    private TraceCsv() {}

    /**
     * Writes L{l}_H{h}_{map}.csv (layers and heads counted from 1, as the window names them) for every map the
     * model reports (raw, refined, weights, covariance), and L{l}_uncertainty.csv for a model that reports
     * uncertainty (STOSA), replacing files of those names.
     */
    public static int write(Path dir, List<Integer> items, AttentionTrace trace) throws IOException {
        return write(dir, items, trace, true).size();
    }

    /**
     * As {@link #write(Path, List, AttentionTrace)}; without {@code replace}, a name already taken gets a
     * suffix ("L1_H1_raw-2.csv") so that no file is overwritten. Returns the files written.
     */
    public static List<Path> write(Path dir, List<Integer> items, AttentionTrace trace, boolean replace)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, float[][]> f : files(trace).entrySet()) {
            Path target = replace ? dir.resolve(f.getKey()) : AtomicFiles.unused(dir.resolve(f.getKey()));
            writeMatrix(target, items, f.getValue());
            written.add(target);
        }
        for (java.util.Map.Entry<String, float[]> f : columns(trace).entrySet()) {
            Path target = replace ? dir.resolve(f.getKey()) : AtomicFiles.unused(dir.resolve(f.getKey()));
            writeColumn(target, items, UNCERTAINTY, f.getValue());
            written.add(target);
        }
        return written;
    }

    /** The word in the uncertainty files' names and their value column's header. */
    static final String UNCERTAINTY = "uncertainty";

    /** The names of every file {@link #write} writes: {@link #files}' and {@link #columns}'. */
    public static java.util.Set<String> names(AttentionTrace trace) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(files(trace).keySet());
        names.addAll(columns(trace).keySet());
        return names;
    }

    /**
     * The per-item files {@link #write} writes, by name ("L1_uncertainty.csv"), with their values: each layer's
     * {@link AttentionTrace#uncertainty}; none for a model without covariances.
     */
    public static java.util.Map<String, float[]> columns(AttentionTrace trace) {
        java.util.Map<String, float[]> columns = new java.util.LinkedHashMap<>();
        for (int l = 0; l < trace.layerCount(); l++) {
            float[] u = trace.uncertainty(l);
            if (u != null) {
                columns.put("L" + (l + 1) + "_" + UNCERTAINTY + ".csv", u);
            }
        }
        return columns;
    }

    /** The map files {@link #write} writes, by name, with the matrix each holds, in layer, head, map order. */
    public static java.util.Map<String, float[][]> files(AttentionTrace trace) {
        java.util.Map<String, float[][]> files = new java.util.LinkedHashMap<>();
        for (int l = 0; l < trace.layerCount(); l++) {
            for (int h = 0; h < trace.headCount(); h++) {
                for (HeadTrace.TraceMap map : trace.head(l, h).maps()) {
                    files.put(fileName(l, h, map.fileStem()), map.values());
                }
            }
        }
        return files;
    }

    /** "L1_H2_refined.csv" for layer 0, head 1 (0-based in, 1-based out, as on screen). */
    public static String fileName(int layer, int head, String map) {
        return "L" + (layer + 1) + "_H" + (head + 1) + "_" + map + ".csv";
    }

    /** Header row "query\key,id,id,...", then one row per query item: its id and its weights. */
    public static void writeMatrix(Path file, List<Integer> items, float[][] m) throws IOException {
        StringBuilder sb = new StringBuilder("query\\key");
        for (int id : items) {
            sb.append(',').append(id);
        }
        sb.append('\n');
        for (int i = 0; i < m.length; i++) {
            sb.append(items.get(i));
            for (float v : m[i]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Header row "item,{header}", then one row per item: its id and its value. */
    static void writeColumn(Path file, List<Integer> items, String header, float[] values) throws IOException {
        StringBuilder sb = new StringBuilder("item,").append(header).append('\n');
        for (int i = 0; i < values.length; i++) {
            sb.append(items.get(i)).append(',').append(values[i]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
