package awrsr.infer;

import awrsr.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes an attention trace as CSV: one file per layer, head and map; rows = reading position. */
public final class TraceCsv {
    private TraceCsv() {}

    /** Writes layer{l}_head{h}_{map}.csv for every map the model reports (raw, refined, weights). */
    public static int write(Path dir, List<Integer> items, AttentionTrace trace) throws IOException {
        Files.createDirectories(dir);
        java.util.Map<String, float[][]> files = files(trace);
        for (java.util.Map.Entry<String, float[][]> f : files.entrySet()) {
            writeMatrix(dir.resolve(f.getKey()), items, f.getValue());
        }
        return files.size();
    }

    /** The files {@link #write} writes, by name, with the matrix each holds, in layer, head, map order. */
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

    public static String fileName(int layer, int head, String map) {
        return "layer" + layer + "_head" + head + "_" + map + ".csv";
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
}
