package awrsr.train;

import ai.djl.Device;
import awrsr.data.Dataset;
import awrsr.data.DatasetLoader;
import awrsr.infer.Prediction;
import awrsr.infer.Recommender;
import awrsr.nn.ModelConfig;
import awrsr.nn.Variant;
import awrsr.testing.PlantedData;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {
    static final ModelConfig SHAPE = new ModelConfig(Variant.VALUE, 1, 16, 16, 2, 2, 8, 0.1f);

    @TempDir
    Path dir;

    @Test
    void learnsThePlantedRuleAndBeatsPopularity() throws IOException {
        Dataset data = DatasetLoader.load(PlantedData.write(dir.resolve("data"), 300, 3));
        List<EpochReport> seen = new ArrayList<>();
        TrainingResult result = new ModelTrainer(data, Device.cpu()).train(SHAPE,
                new TrainingSettings(40, 7, Loss.BCE, 5e-3f, 32, 40), dir.resolve("model"), new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport r) {
                        seen.add(r);
                    }
                });
        assertEquals(40, seen.size(), "one report per epoch");
        assertTrue(seen.get(seen.size() - 1).loss() < seen.get(0).loss(), "loss fell");

        try (Recommender model = Recommender.load(result.checkpoint().folder(), Device.cpu())) {
            Random random = new Random(99);
            int correct = 0;
            for (int a = 1; a <= 10; a++) {
                List<Integer> history = new ArrayList<>();
                for (int k = 0; k < 6; k++) {
                    history.add(11 + random.nextInt(10));   // items that follow no rule
                }
                history.add(a);
                Prediction p = model.predict(history, 1, false, false);
                correct += p.top().get(0).item() == a + 20 ? 1 : 0;
            }
            // 9 or 10 for seeds 1-8 in one process; runs are not bit-identical across processes (a 7 was seen
            // once at 30 epochs), so the bar is 8: chance is 1 in 40 per probe
            assertTrue(correct >= 8, "the rule a -> a+20 was predicted first " + correct + " times of 10");
        }
        JsonObject metrics = result.checkpoint().metrics();
        double model = metrics.getAsJsonObject("test_full").get("HR@10").getAsDouble();
        double popularity = metrics.getAsJsonObject("popularity_test_full").get("HR@10").getAsDouble();
        assertTrue(model > popularity, "model HR@10 " + model + " vs popularity " + popularity);
        assertEquals("full", metrics.getAsJsonObject("test_full").get("protocol").getAsString());
        assertTrue(metrics.has("test_sampled"));
    }

    @Test
    void sameSeedSameMetricsAndResumeContinuesFromTheCheckpoint() throws IOException {
        Dataset data = DatasetLoader.load(PlantedData.write(dir.resolve("data"), 120, 5));
        TrainingSettings settings = new TrainingSettings(3, 11, Loss.CE, 3e-3f, 32, 10);
        ModelConfig shape = SHAPE.withVariant(Variant.ADDITIVE);
        TrainingResult a = new ModelTrainer(data, Device.cpu()).train(shape, settings, dir.resolve("a"), TrainingListener.NONE);
        TrainingResult b = new ModelTrainer(data, Device.cpu()).train(shape, settings, dir.resolve("b"), TrainingListener.NONE);
        for (int i = 0; i < 3; i++) {
            assertEquals(a.epochs().get(i).loss(), b.epochs().get(i).loss(), 0.0, "epoch " + (i + 1) + " loss");
            assertEquals(a.epochs().get(i).validationNdcg10(), b.epochs().get(i).validationNdcg10(), 0.0);
        }
        assertEquals(a.checkpoint().metrics().toString(), b.checkpoint().metrics().toString());

        Checkpoint saved = a.checkpoint();
        int before = saved.epochsRun();
        TrainingResult resumed = new ModelTrainer(data, Device.cpu()).resume(saved, settings.withEpochs(before + 2),
                TrainingListener.NONE);
        assertEquals(before + 1, resumed.epochs().get(0).epoch(), "resumes after the saved epoch");
        assertTrue(Files.exists(dir.resolve("a").resolve(Checkpoint.CONFIG)));
        try (Recommender r = Recommender.load(dir.resolve("a"), Device.cpu())) {
            assertEquals(5, r.predict(List.of(1, 2, 3), 5, true, false).top().size());
        }
    }

    @Test
    void trainsOnAThreadOtherThanTheOneThatStartedTheEngine() throws Exception {
        Dataset data = DatasetLoader.load(PlantedData.write(dir.resolve("data"), 60, 2));
        ai.djl.engine.Engine.getInstance();   // started here, so the training thread is not the engine's
        TrainingResult[] result = new TrainingResult[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = new ModelTrainer(data, Device.cpu()).train(SHAPE,
                        new TrainingSettings(2, 3, Loss.BCE, 1e-3f, 16, 5), dir.resolve("m"), TrainingListener.NONE);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError("training on a fresh thread failed", failure[0]);
        }
        assertEquals(2, result[0].epochs().size());
    }

    @Test
    void cancelKeepsALoadableCheckpoint() throws IOException {
        Dataset data = DatasetLoader.load(PlantedData.write(dir.resolve("data"), 100, 8));
        int[] batches = {0};
        TrainingResult result = new ModelTrainer(data, Device.cpu()).train(SHAPE,
                new TrainingSettings(50, 1, Loss.BCE, 1e-3f, 16, 50), dir.resolve("m"), new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int of, double loss) {
                        batches[0]++;
                    }

                    @Override
                    public boolean cancelRequested() {
                        return batches[0] >= 10;   // mid-way through the second epoch
                    }
                });
        assertTrue(result.cancelled());
        assertEquals(1, result.epochs().size());
        try (Recommender r = Recommender.load(result.checkpoint().folder(), Device.cpu())) {
            assertEquals(3, r.predict(List.of(4, 5), 3, true, false).top().size());
        }
    }
}
