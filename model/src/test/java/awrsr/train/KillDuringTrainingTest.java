package awrsr.train;

import awrsr.checkpoint.Checkpoint;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import awrsr.testing.PlantedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a training process at many moments, most of them while it writes checkpoints (it saves after
 * almost every epoch early on): every time, the folder holds a checkpoint that loads, and training resumes.
 */
class KillDuringTrainingTest {
    @TempDir
    Path dir;

    @Test
    void aKilledTrainingLeavesALoadableCheckpointEveryTime() throws Exception {
        Path data = PlantedData.write(dir.resolve("data"), 200, 9);
        Path model = dir.resolve("model");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dawrsr.log.dir=" + System.getProperty("awrsr.log.dir"), "awrsr.cli.Main", "train", "--data", data.toString(), "--variant", "value",
                "--out", model.toString(), "--epochs", "400", "--patience", "400", "--maxlen", "16", "--dim", "16",
                "--layers", "1", "--heads", "2", "--refine-dim", "8", "--batch", "8"));
        double bestSoFar = -1;
        for (int round = 0; round < 6; round++) {
            List<String> cmd = new ArrayList<>(command);
            if (Files.exists(model.resolve(Checkpoint.CONFIG))) {
                cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                        "-Dai.djl.offline=true", "-Dawrsr.log.dir=" + System.getProperty("awrsr.log.dir"), "awrsr.cli.Main", "train", "--resume", model.toString(),
                        "--data", data.toString()));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log-" + round + ".txt").toFile()).start();
            // wait until this round has trained an epoch, then kill at a varying moment
            Path log = dir.resolve("log-" + round + ".txt");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && p.isAlive()
                    && !(Files.exists(log) && Files.readString(log).contains("epoch "))) {
                Thread.sleep(20);
            }
            Thread.sleep(50 + 97L * round);
            assertTrue(p.isAlive(), "round " + round + " was still training when killed: " + Files.readString(log));
            p.destroyForcibly();                               // SIGKILL: no shutdown hooks, no cleanup
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "round " + round + " ended");
            assertEquals(137, p.exitValue(), "round " + round + " ended by SIGKILL, not on its own");
            Checkpoint c = Checkpoint.read(model);             // throws if the folder is not a loadable checkpoint
            // the folder holds the best validation epoch ever reached: its score never goes down
            double saved = ModelTrainer.bestValidationNdcg(c);
            assertTrue(saved >= bestSoFar, "round " + round + ": saved NDCG@10 " + saved + " after " + bestSoFar);
            bestSoFar = saved;
            try (NDManager m = NDManager.newBaseManager(Device.cpu());
                 AdamOptimizer adam = new AdamOptimizer(1e-3f, 0.9f, 0.98f)) {
                c.loadParameters(m).close();
                adam.read(c, c.loadParameters(m));
                assertTrue(adam.step() > 0, "round " + round + ": the optimizer state of a trained epoch");
            }
        }
        try (var files = Files.list(model)) {
            long stray = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
            assertTrue(stray <= 1, "at most the one temporary file of the write that was killed: " + stray);
        }
        for (int round = 0; round < 6; round++) {
            String log = Files.readString(dir.resolve("log-" + round + ".txt"));
            assertTrue(log.contains("epoch "), "round " + round + " trained: " + log);
            if (round > 0) {
                assertTrue(log.contains("resuming"), "round " + round + " resumed: " + log);
            }
        }
    }
}
