package awrsr.infer;

import ai.djl.Device;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.util.Home;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * What the shipped models compute for a few fixed sequences: every item's score and every map of every
 * head. {@link #main} wrote {@code shipped-model-outputs.json.gz} once, with the network as it stood before
 * the backbone/mechanism seam; {@link ShippedModelsUnchangedTest} holds every later version to it.
 */
final class ShippedModelOutputs {
    static final String RESOURCE = "/awrsr/infer/shipped-model-outputs.json.gz";
    static final List<String> MODELS = List.of("assets/models/sasrec", "assets/models/awrsr-value");
    /** Users of the shipped data: 11 (38 items, the window's default), 73, and the longest history (over n). */
    static final int[] USERS = {11, 73};

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private ShippedModelOutputs() {}

    static List<int[]> sequences(Dataset data) {
        List<int[]> out = new ArrayList<>();
        for (int user : USERS) {
            out.add(data.sequence(data.rowOfUser(user)));
        }
        int longest = 0;
        for (int row = 1; row < data.userCount(); row++) {
            if (data.sequence(row).length > data.sequence(longest).length) {
                longest = row;
            }
        }
        out.add(data.sequence(longest));
        out.add(Arrays.copyOf(data.sequence(data.rowOfUser(11)), 1));   // a single item
        return out;
    }

    /** Rows kept of an m-row map: all up to 40 rows, else every 20th and the predicting row (file size). */
    static boolean keptRow(int row, int m) {
        return m <= 40 || row % 20 == 0 || row == m - 1;
    }

    private static float[][] kept(float[][] map) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < map.length; i++) {
            if (keptRow(i, map.length)) {
                rows.add(map[i]);
            }
        }
        return rows.toArray(new float[0][]);
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Dataset data = DatasetLoader.loadShipped();
        JsonObject root = new JsonObject();
        for (String model : MODELS) {
            JsonArray cases = new JsonArray();
            try (Recommender r = Recommender.load(Home.home().resolve(model), Device.cpu())) {
                for (int[] seq : sequences(data)) {
                    List<Integer> items = Arrays.stream(seq).boxed().toList();
                    Prediction p = r.predict(items, 10, false, true);
                    JsonObject c = new JsonObject();
                    c.add("items", GSON.toJsonTree(seq));
                    c.add("scores", GSON.toJsonTree(p.scores()));
                    JsonArray layers = new JsonArray();
                    for (List<HeadTrace> layer : p.trace().layers()) {
                        JsonArray heads = new JsonArray();
                        for (HeadTrace h : layer) {
                            JsonObject maps = new JsonObject();
                            maps.add("raw", GSON.toJsonTree(kept(h.raw())));
                            maps.add("refined", GSON.toJsonTree(kept(h.refined())));
                            if (h.refinement() != null) {
                                maps.add("refinement", GSON.toJsonTree(kept(h.refinement())));
                            }
                            heads.add(maps);
                        }
                        layers.add(heads);
                    }
                    c.add("layers", layers);
                    cases.add(c);
                }
            }
            root.add(model, cases);
        }
        Gson gson = GSON;
        try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(target)),
                StandardCharsets.UTF_8)) {
            gson.toJson(root, w);
        }
    }
}
