package awrsr.infer;

import awrsr.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes an attention trace as CSV: one file per layer, head and map; rows = reading position. */
public final class TraceCsv {
    private TraceCsv() {}

    /** Writes layer{l}_head{h}_{raw,refined,weights}.csv (only raw for a model without refinement). */
    public static int write(Path dir, List<Integer> items, AttentionTrace trace, boolean refines) throws IOException {
        Files.createDirectories(dir);
        int files = 0;
        for (int l = 0; l < trace.layerCount(); l++) {
            for (int h = 0; h < trace.headCount(); h++) {
                HeadTrace head = trace.head(l, h);
                writeMatrix(dir.resolve(fileName(l, h, "raw")), items, head.raw());
                files++;
                if (refines) {
                    writeMatrix(dir.resolve(fileName(l, h, "refined")), items, head.refined());
                    writeMatrix(dir.resolve(fileName(l, h, "weights")), items, head.refinement());
                    files += 2;
                }
            }
        }
        return files;
    }

    /** The files {@link #write} would write for a model of this shape. */
    public static java.util.List<String> fileNames(int layers, int heads, boolean refines) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                names.add(fileName(l, h, "raw"));
                if (refines) {
                    names.add(fileName(l, h, "refined"));
                    names.add(fileName(l, h, "weights"));
                }
            }
        }
        return names;
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
