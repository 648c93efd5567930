package awrsr.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A generated dataset with a rule a model must learn: item a (1..10) is always followed by item a + 20;
 * any other item is followed by a uniformly random one. Written in the generic CSV layout.
 */
public final class PlantedData {
    public static final int ITEMS = 40;

    private PlantedData() {}

    public static Path write(Path folder, int users, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        for (int u = 1; u <= users; u++) {
            int length = 12 + random.nextInt(14);
            int item = 1 + random.nextInt(ITEMS);
            long time = 1_000_000L + u;
            for (int k = 0; k < length; k++) {
                csv.append(u).append(',').append(item).append(',').append(time + 60L * k).append('\n');
                item = item <= 10 ? item + 20 : 1 + random.nextInt(ITEMS);
            }
        }
        StringBuilder items = new StringBuilder("item,title\n");
        for (int i = 1; i <= ITEMS; i++) {
            items.append(i).append(",Item number ").append(i).append('\n');
        }
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("interactions.csv"), csv);
        Files.writeString(folder.resolve("items.csv"), items);
        return folder;
    }
}
