package awrsr.infer;

import ai.djl.Device;
import awrsr.util.Home;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped models compute what they computed before the network became a backbone plus a refinement
 * mechanism: every score and every kept map cell of four sequences (1, 38, 73's and the longest history,
 * cut to the window) within 1e-5 (relative, or absolute below 1) of the values {@link ShippedModelOutputs}
 * recorded with the old code.
 */
class ShippedModelsUnchangedTest {
    /**
     * The values were recorded on an AVX-512 machine; where the CPU has AVX2 only, libtorch's kernels sum in
     * another order and the largest deviation was 2.6e-6 (R of AWRSR value, layer 2, the 2,391-item history),
     * which failed the 1e-6 this test had. A change of the computation still fails it: even the layer norm's
     * epsilon from 1e-8 to PyTorch's 1e-5 does, on the first sequence (1.2e-5 on a score).
     */
    private static final double TOLERANCE = 1e-5;

    @Test
    void scoresAndMapsAreThoseRecordedBeforeTheSeam() throws Exception {
        JsonObject golden;
        try (InputStream in = ShippedModelsUnchangedTest.class.getResourceAsStream(ShippedModelOutputs.RESOURCE)) {
            assertNotNull(in, "missing " + ShippedModelOutputs.RESOURCE);
            golden = JsonParser.parseReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
        int checked = 0;
        for (String model : ShippedModelOutputs.MODELS) {
            try (Recommender r = Recommender.load(Home.home().resolve(model), Device.cpu())) {
                for (JsonElement e : golden.getAsJsonArray(model)) {
                    JsonObject c = e.getAsJsonObject();
                    List<Integer> items = new ArrayList<>();
                    c.getAsJsonArray("items").forEach(x -> items.add(x.getAsInt()));
                    String where = model + ", " + items.size() + " items";
                    Prediction p = r.predict(items, 10, false, true);
                    JsonArray scores = c.getAsJsonArray("scores");
                    assertEquals(scores.size(), p.scores().length, where);
                    for (int i = 1; i < scores.size(); i++) {
                        close(scores.get(i).getAsDouble(), p.scores()[i], where + ", score of index " + i);
                        checked++;
                    }
                    JsonArray layers = c.getAsJsonArray("layers");
                    assertEquals(layers.size(), p.trace().layerCount(), where);
                    for (int l = 0; l < layers.size(); l++) {
                        JsonArray heads = layers.get(l).getAsJsonArray();
                        for (int h = 0; h < heads.size(); h++) {
                            JsonObject maps = heads.get(h).getAsJsonObject();
                            HeadTrace head = p.trace().head(l, h);
                            checked += compare(maps.getAsJsonArray("raw"), head.raw(), where + " A L" + l + "H" + h);
                            checked += compare(maps.getAsJsonArray("refined"), head.refined(), where + " W L" + l + "H" + h);
                            if (maps.has("refinement")) {
                                checked += compare(maps.getAsJsonArray("refinement"), head.refinement(),
                                        where + " R L" + l + "H" + h);
                            } else if (head.refinement() != null) {
                                fail(where + ": a plain model now has a refinement map");
                            }
                        }
                    }
                }
            }
        }
        // 2 models x 4 sequences x 9,066 scores, plus the maps' kept cells
        assertEquals(true, checked > 70_000, "compared only " + checked + " numbers");
    }

    private static int compare(JsonArray rows, float[][] map, String where) {
        assertNotNull(map, where + ": map missing");
        int m = map.length;
        int k = 0;
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (!ShippedModelOutputs.keptRow(i, m)) {
                continue;
            }
            JsonArray row = rows.get(k++).getAsJsonArray();
            assertEquals(row.size(), map[i].length, where + " row " + i);
            for (int j = 0; j < row.size(); j++) {
                close(row.get(j).getAsDouble(), map[i][j], where + " [" + i + "," + j + "]");
                n++;
            }
        }
        assertEquals(rows.size(), k, where + ": number of rows");
        return n;
    }

    private static void close(double expected, double actual, String where) {
        if (Double.isInfinite(expected) && expected == actual) {
            return;
        }
        if (!(Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected)))) {
            fail(where + ": expected " + expected + " but got " + actual);
        }
    }
}
