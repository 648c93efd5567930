package awrsr.train;

import awrsr.checkpoint.Checkpoint;
import awrsr.testing.PlantedData;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code awrsr train} processes with the same seed, data and thread count write byte-identical
 * parameters and optimizer state. Each is started as a user's would be (no allocator settings in the
 * environment), so it relaunches itself with them and with Serial GC. Before awrsr.nn.Scalars, 1 process
 * in 8 (this model, 12 epochs, G1) departed after a few epochs: the backward pass read constants from
 * freed Java memory (README, "Reproducibility").
 */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesWithTheSameSeedWriteIdenticalCheckpoints() throws Exception {
        Path data = PlantedData.write(dir.resolve("data"), 300, 3);
        Path a = train(data, "a");
        Path b = train(data, "b");
        JsonObject ca = config(a);
        JsonObject cb = config(b);
        for (String key : List.of("parameters", "optimizer")) {
            String fa = ca.getAsJsonObject("files").getAsJsonObject(key).get("name").getAsString();
            String fb = cb.getAsJsonObject("files").getAsJsonObject(key).get("name").getAsString();
            assertArrayEquals(Files.readAllBytes(a.resolve(fa)), Files.readAllBytes(b.resolve(fb)), key + " bytes");
        }
        assertEquals(ca.get("metrics"), cb.get("metrics"), "validation and test metrics");
        assertEquals(ca.get("training"), cb.get("training"));
        assertEquals(Files.readString(a.resolve(Checkpoint.ITEMS)), Files.readString(b.resolve(Checkpoint.ITEMS)));
    }

    private Path train(Path data, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dawrsr.log.dir=" + System.getProperty("awrsr.log.dir"),
                "awrsr.cli.Main", "train", "--data", data.toString(), "--variant", "value", "--out", out.toString(),
                "--epochs", "8", "--patience", "8", "--maxlen", "16", "--dim", "16", "--layers", "2", "--heads", "2",
                "--refine-dim", "8", "--dropout", "0.1", "--lr", "0.005", "--batch", "32", "--seed", "7",
                "--threads", "1"));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MALLOC_"));   // as a user starts it: it relaunches
        pb.environment().put("AWRSR_DEBUG", "1");                            // which prints the relaunch command
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "training " + name + " finished");
        assertEquals(0, p.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("relaunching") && Files.readString(log).contains("-XX:+UseSerialGC"),
                "relaunched with Serial GC: " + Files.readString(log));
        return out;
    }

    private static JsonObject config(Path folder) throws IOException {
        return JsonParser.parseString(Files.readString(folder.resolve(Checkpoint.CONFIG))).getAsJsonObject();
    }
}
