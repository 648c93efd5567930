package awrsr.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import awrsr.checkpoint.Checkpoint;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.ReferenceUncertainty;
import awrsr.util.Home;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `attention` on the shipped AWRSR-on-STOSA model: each item's uncertainty entering each layer in the JSON, the
 * CSV files and the text, against the plain-Java reference forward's covariances; and none for a SASRec model.
 */
class StosaAttentionCommandTest {
    static final Path STOSA = Home.home().resolve("assets/models/awrsr-stochastic-stosa");
    static final List<Integer> ITEMS = List.of(1, 2, 3, 50, 260);
    static final String IDS = "1,2,3,50,260";

    /** [layer][item of ITEMS]: the reference's mean covariance of each item entering each layer. */
    static double[][] expected;

    @TempDir
    Path dir;

    @BeforeAll
    static void reference() throws IOException {
        Checkpoint c = Checkpoint.read(STOSA);
        ModelConfig config = c.model();
        Map<String, float[]> values = new HashMap<>();
        try (NDManager manager = NDManager.newBaseManager();
             ParameterSet params = c.loadParameters(manager)) {
            for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
                values.put(e.getKey(), e.getValue().toFloatArray());
            }
        }
        int n = config.maxLen();
        int offset = n - ITEMS.size();
        int[] padded = new int[n];
        for (int i = 0; i < ITEMS.size(); i++) {
            padded[offset + i] = c.itemIndex().indexOf(ITEMS.get(i));
        }
        double[][] all = ReferenceUncertainty.entering(config, values, padded);
        expected = new double[all.length][ITEMS.size()];
        for (int l = 0; l < all.length; l++) {
            System.arraycopy(all[l], offset, expected[l], 0, ITEMS.size());
        }
        assertEquals(2, expected.length, "the shipped model has two layers");
    }

    @Test
    void jsonGivesEachItemsUncertaintyEnteringEachLayer() {
        CliRun r = CliRun.of("attention", "--model", STOSA.toString(), "--items", IDS, "--json");
        assertEquals(0, r.code(), r.err());
        JsonArray layers = r.json().getAsJsonArray("layers");
        assertEquals(expected.length, layers.size());
        for (int l = 0; l < layers.size(); l++) {
            JsonArray u = layers.get(l).getAsJsonObject().getAsJsonArray("uncertainty");
            assertEquals(ITEMS.size(), u.size(), "one value per item, layer " + l);
            for (int i = 0; i < ITEMS.size(); i++) {
                // float32 network against a double reference through one block at d 64: agreement to ~1e-6 seen
                assertEquals(expected[l][i], u.get(i).getAsDouble(), 1e-4, "layer " + l + ", item " + ITEMS.get(i));
            }
            JsonObject head = layers.get(l).getAsJsonObject().getAsJsonArray("heads").get(1).getAsJsonObject();
            JsonArray w = head.getAsJsonArray("refined");
            JsonArray squared = head.getAsJsonArray("covariance");
            double ww = w.get(4).getAsJsonArray().get(2).getAsDouble();
            assertEquals(ww * ww, squared.get(4).getAsJsonArray().get(2).getAsDouble(), 1e-6, "W⊙W, layer " + l);
        }
    }

    @Test
    void csvWritesAFileOfUncertaintiesPerLayerAndNeverOverwritesOne() throws IOException {
        CliRun r = CliRun.of("attention", "--model", STOSA.toString(), "--items", IDS, "--csv", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + (2 * 2 * 4 + 2) + " CSV files"), r.out());
        for (int l = 0; l < expected.length; l++) {
            List<String> lines = Files.readAllLines(dir.resolve("L" + (l + 1) + "_uncertainty.csv"));
            assertEquals("item,uncertainty", lines.get(0));
            assertEquals(ITEMS.size() + 1, lines.size());
            for (int i = 0; i < ITEMS.size(); i++) {
                String[] row = lines.get(i + 1).split(",");
                assertEquals(String.valueOf(ITEMS.get(i)), row[0]);
                assertEquals(expected[l][i], Double.parseDouble(row[1]), 1e-4, "layer " + l + ", item " + ITEMS.get(i));
            }
        }

        Path other = dir.resolve("again");
        Files.createDirectories(other);
        Files.writeString(other.resolve("L2_uncertainty.csv"), "mine");
        CliRun refused = CliRun.of("attention", "--model", STOSA.toString(), "--items", IDS, "--csv", other.toString());
        refused.refused(1).says("L2_uncertainty.csv", "exists");
        assertEquals("mine", Files.readString(other.resolve("L2_uncertainty.csv")));
        try (var files = Files.list(other)) {
            assertEquals(1, files.count(), "nothing else written");
        }
    }

    @Test
    void textNamesTheMostUncertainItemOfEachLayer() {
        CliRun r = CliRun.of("attention", "--model", STOSA.toString(), "--items", IDS);
        assertEquals(0, r.code(), r.err());
        JsonArray titles = CliRun.of("attention", "--model", STOSA.toString(), "--items", IDS, "--json").json()
                .getAsJsonArray("titles");
        for (int layer = 0; layer < expected.length; layer++) {
            int l = layer;
            int most = 0;
            for (int i = 1; i < ITEMS.size(); i++) {
                most = expected[l][i] > expected[l][most] ? i : most;
            }
            String prefix = "layer " + l + ", most uncertain entering (mean covariance): ";
            String line = r.out().lines().filter(s -> s.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no uncertainty line for layer " + l + ": " + r.out()));
            assertTrue(line.startsWith(prefix + titles.get(most).getAsString() + " "), line);
        }
    }

    @Test
    void aSasrecModelHasNoUncertainty() throws IOException {
        Path sasrec = Home.home().resolve("assets/models/awrsr-value");
        CliRun r = CliRun.of("attention", "--model", sasrec.toString(), "--items", IDS, "--json");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.json().getAsJsonArray("layers").get(0).getAsJsonObject().has("uncertainty"));
        CliRun c = CliRun.of("attention", "--model", sasrec.toString(), "--items", IDS, "--csv", dir.toString());
        assertEquals(0, c.code(), c.err());
        assertFalse(Files.exists(dir.resolve("L1_uncertainty.csv")));
        assertFalse(CliRun.of("attention", "--model", sasrec.toString(), "--items", IDS).out().contains("uncertain"));
    }
}
